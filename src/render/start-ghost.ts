import type { BodyMap } from '../core/body-map.js';
import type { ClientPosition } from '../core/ids.js';
import type { HandState, Moment } from '../core/moment.js';
import { partView } from '../core/step-parts.js';
import { motionFrameAt, stepMotionPrepared } from '../core/techniques/index.js';
import { type DrawnHand, drawnHandsTop, type ForbiddenArea } from './drawn-hands.js';
import { TECHNIQUE_MARKS } from './marks.js';
import { polygonDistance } from './polyline.js';

/** How far (body heights) a hand must have travelled from its start before the start is ghosted: about 7 cm. */
export const GHOST_MIN_TRAVEL = 0.04;

/** The latest phase a ghost may be taken from when the hands at phase 0 lie on each other. */
const GHOST_LATEST_PHASE = 0.15;

/** Per step: the phase each repetition's ghost is taken from (0 unless the hands at phase 0 overlap). */
const ghostPhases = new WeakMap<object, Map<string, number>>();

/** The box round a drawn hand's outline (body frame). */
function boxOf(d: DrawnHand): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const part of d.parts)
    for (const p of part) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
  return { x0, y0, x1, y1 };
}

/** True when some outline part of one drawn hand overlaps some part of the other. */
function handsOverlap(a: DrawnHand, b: DrawnHand): boolean {
  const boxA = boxOf(a);
  const boxB = boxOf(b);
  // Most pairs lie well apart: their boxes do not meet, and no point need be tested.
  if (boxA.x1 < boxB.x0 || boxB.x1 < boxA.x0 || boxA.y1 < boxB.y0 || boxB.y1 < boxA.y0) return false;
  const isInside = (polys: DrawnHand['parts'], p: { x: number; y: number }) =>
    polys.some((poly) => polygonDistance(poly, p) === 0);
  return (
    a.parts.some((poly) => poly.some((p) => isInside(b.parts, p))) ||
    b.parts.some((poly) => poly.some((p) => isInside(a.parts, p)))
  );
}

/**
 * True when any two of the drawn ghosts lie on each other (the two hands would read as one blob); stacked palms
 * (one hand on the other) lie so by design.
 */
export function ghostsOverlap(ghosts: readonly DrawnHand[]): boolean {
  for (let i = 0; i < ghosts.length; i++)
    for (let j = i + 1; j < ghosts.length; j++) {
      const a = ghosts[i]!;
      const b = ghosts[j]!;
      if (a.stackIndex === b.stackIndex && handsOverlap(a, b)) return true;
    }
  return false;
}

/** What the hands at a stroke's start are drawn with: the map, the position and the zones they are fitted off. */
export interface StartHandsOptions {
  readonly map: BodyMap;
  readonly position: ClientPosition;
  readonly neverPress: readonly ForbiddenArea[];
  readonly excluded: readonly ForbiddenArea[];
}

/** The running repetition's motion, for a technique drawn with a stroke; null for one without, or no step. */
function strokeMotion(moment: Moment, map: BodyMap) {
  if (TECHNIQUE_MARKS[moment.technique].stroke === 'none' || moment.stepIndex < 0) return null;
  return stepMotionPrepared(moment.part ? partView(moment.step, moment.part) : moment.step, map);
}

/**
 * The hands at the stroke's start, as the top view draws them (fitted like any hand, so a ghost never lies on a
 * never-press or excluded region): the start position ghosted, for a stroke that travels (ILLUSTRATION.md). None
 * for a technique drawn without a stroke, a holding hand, or a hand still near its start.
 *
 * @remarks Where the two hands start with their fingers interlaced (the chest stroke: fingertips meeting on the
 * sternum), the ghost is the first moment after the start, at most 0.15 of the repetition in, where the two
 * outlines lie apart: two ghosts on each other read as one blob with ten fingers (Figure 118). Hands that stay on
 * each other that long are ghosted as one.
 */
export function startGhostsDrawn(moment: Moment, options: StartHandsOptions): DrawnHand[] {
  const motion = strokeMotion(moment, options.map);
  if (!motion) return [];
  const repIndex = moment.repetition - 1;
  const ghostsAt = (phase: number): DrawnHand[] => {
    const starts = motionFrameAt(motion, phase, repIndex).hands.filter((start: HandState) => {
      if (start.isLifted || start.isHolding) return false;
      const now = moment.hands.find((h) => h.hand === start.hand);
      return now !== undefined && Math.hypot(now.x - start.x, now.y - start.y) >= GHOST_MIN_TRAVEL;
    });
    if (starts.length === 0) return [];
    return drawnHandsTop(starts, {
      position: options.position,
      neverPress: options.neverPress,
      excluded: options.excluded,
    }).filter((d) => d.isShown);
  };
  const byStep = ghostPhases.get(moment.step) ?? new Map<string, number>();
  ghostPhases.set(moment.step, byStep);
  const key = `${moment.part?.id ?? ''}|${repIndex}|${options.position}|${options.excluded.length}`;
  const known = byStep.get(key);
  if (known !== undefined) return ghostsApart(ghostsAt(known));
  let phase = 0;
  let ghosts = ghostsAt(0);
  if (ghosts.length > 1 && ghostsOverlap(ghosts)) {
    for (let p = 0.01; p <= GHOST_LATEST_PHASE + 1e-9; p += 0.01) {
      const later = ghostsAt(p);
      if (later.length > 1 && !ghostsOverlap(later)) {
        phase = p;
        ghosts = later;
        break;
      }
    }
  }
  // Only a phase found with both hands drawn is kept: a hand still near its start draws no ghost, and says nothing.
  if (ghosts.length > 1) byStep.set(key, phase);
  return ghostsApart(ghosts);
}

/**
 * The ghosts without any that lies on one kept before it: two hands that start one on the other (the leg glide's
 * palms, one just ahead of the other on the calf) are ghosted as one hand rather than a blob with ten fingers.
 */
function ghostsApart(ghosts: readonly DrawnHand[]): DrawnHand[] {
  const kept: DrawnHand[] = [];
  for (const g of ghosts) if (!ghostsOverlap([...kept, g])) kept.push(g);
  return kept;
}

/**
 * The hands near the start of the running repetition (at phases 0 and 0.1: hands that take turns start a tenth
 * apart) as the top view draws them, lifted or not: what the phase numbers keep clear of, the same all through the
 * repetition.
 */
export function startHandsDrawn(moment: Moment, options: StartHandsOptions): DrawnHand[] {
  const motion = strokeMotion(moment, options.map);
  if (!motion) return [];
  return [0, 0.1].flatMap((phase) =>
    drawnHandsTop(motionFrameAt(motion, phase, moment.repetition - 1).hands, {
      position: options.position,
      neverPress: options.neverPress,
      excluded: options.excluded,
    }).filter((d) => d.isShown),
  );
}
