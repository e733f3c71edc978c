import { type BodyMap, regionsAt } from '../body-map.js';
import { regionMatchesPrefix, type Surface } from '../ids.js';
import type { HandTrack, PlannedStep, StepMotion, TrackPoint } from '../plan-types.js';
import { clamp01, lineAt } from './shared.js';
import type { HandLane, MotionInput, MotionLine, MotionTrack, TechniqueMotion } from './types.js';
import { PRESSURE_SAMPLES } from './types.js';

// Prepared track data: what a technique's motion reads. Built once per planned step and body map.

/**
 * How far apart (along the stroke) the two hands of arrangement `together` move: a palm's length (BODY-PROPORTIONS.md,
 * a hand 0.10 H), so one lies just ahead of the other, the trailing fingertips at the leading wrist, not on it.
 */
export const TOGETHER_TRAIL = 0.1;
/**
 * How far apart (along the path) the two hands of arrangement `alternating` work, so the hands taking turns on one
 * limb lie one above the other, never on top of each other (seed, Leg Mashing: both hands grasp and squeeze in
 * turn): a hand's width (about 0.05 H) when its fingers lie across the path, its length (TOGETHER_TRAIL) when along.
 */
export const ALTERNATING_GAP_ACROSS = 0.055;
/** The stacked top hand's offset toward the head. */
export const STACKED_OFFSET = 0.005;

/** A polyline prepared from its points, with the pressure profile the body map and the caps allow. */
function lineFromPoints(
  map: BodyMap,
  points: readonly TrackPoint[],
  pressure: number | null,
  byRegion: readonly (readonly [string, number])[],
  reach: number,
): MotionLine {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const headings = new Float64Array(n);
  const surfaces: Surface[] = [];
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    xs[i] = p.x;
    ys[i] = p.y;
    surfaces.push(p.surface);
    if (i > 0) {
      const dx = p.x - xs[i - 1]!;
      const dy = p.y - ys[i - 1]!;
      cumulative[i] = cumulative[i - 1]! + Math.hypot(dx, dy);
      // A zero-length segment keeps the previous heading.
      headings[i] = dx === 0 && dy === 0 ? (i > 1 ? headings[i - 1]! : Math.PI / 2) : Math.atan2(dy, dx);
    }
  }
  // One point, or a first segment of zero length: point toward the feet.
  headings[0] = n > 1 ? headings[1]! : Math.PI / 2;
  const line = { xs, ys, cumulative, headings, surfaces, length: n > 0 ? cumulative[n - 1]! : 0 };
  return { ...line, pressure: pressureProfile(map, line, pressure, byRegion, reach) };
}

/** Where, around a sample's centre, the profile looks: the centre, and four points at the reach. */
const AROUND: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
];
/** Offsets (in samples) across the stretch of line each sample stands for. */
const ACROSS = [-0.5, -0.25, 0, 0.25, 0.5] as const;

/**
 * The pressure at PRESSURE_SAMPLES fractions of a line: the step's pressure, lowered to the cap of every
 * `pressureByRegion` region and to the body map's tolerance wherever the hand may be over the stretch of
 * line a sample stands for (a hand circling `reach` off the line included). Conservative at region edges:
 * the lower pressure wins.
 */
function pressureProfile(
  map: BodyMap,
  line: Omit<MotionLine, 'pressure'>,
  pressure: number | null,
  byRegion: readonly (readonly [string, number])[],
  reach: number,
): Float64Array | null {
  if (pressure === null) return null;
  const out = new Float64Array(PRESSURE_SAMPLES);
  const around = reach > 0 ? AROUND : AROUND.slice(0, 1);
  const last = PRESSURE_SAMPLES - 1;
  for (let i = 0; i < PRESSURE_SAMPLES; i++) {
    let p = pressure;
    for (const j of ACROSS) {
      const at = lineAt(line, (i + j) / last);
      for (const [ox, oy] of around) {
        for (const hit of regionsAt(map, at.surface, { x: at.x + ox * reach, y: at.y + oy * reach })) {
          // The body map's tolerance as well: checkPlan guarantees it, the timeline never shows more.
          if (hit.maxPressure < p) p = hit.maxPressure;
          for (const [region, cap] of byRegion) {
            if (cap < p && regionMatchesPrefix(hit.region, region)) p = cap;
          }
        }
      }
    }
    out[i] = p;
  }
  return out;
}

/** The pressure a line's profile gives at fraction `s`; null when the step presses nothing. */
export function linePressureAt(line: MotionLine, s: number): number | null {
  const profile = line.pressure;
  if (profile === null) return null;
  return profile[Math.round(clamp01(s) * (PRESSURE_SAMPLES - 1))]!;
}

function pointsSpineDistance(points: readonly TrackPoint[]): number {
  let d = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!.x;
    d = Math.min(d, Math.abs(x));
    // A segment that crosses the midline comes to x = 0.
    if (i > 0 && Math.sign(x) !== Math.sign(points[i - 1]!.x)) d = 0;
  }
  return d;
}

type Arrangement = StepMotion['arrangement'];

const SOLO: HandLane = {
  turn: 0,
  trail: 0,
  lead: 0,
  dx: 0,
  dy: 0,
  facesMidline: false,
  isTakingTurns: false,
};

/** How each arrangement places the second working hand relative to the first (index 0 or 1). */
const arrangementLanes: Record<
  Arrangement,
  (index: number, alternates: boolean, working: number, fingers: StepMotion['fingers']) => HandLane
> = {
  mirrored: (index, alternates) => ({ ...SOLO, turn: alternates ? index * 0.5 : 0, facesMidline: true }),
  stacked: (index) => ({ ...SOLO, dy: index > 0 ? -STACKED_OFFSET : 0 }),
  together: (index, alternates, working) => ({
    ...SOLO,
    turn: alternates ? index * 0.5 : 0,
    trail: index > 0 ? TOGETHER_TRAIL : 0,
    // The first hand leads only a second one (a hand alone follows its path).
    lead: index === 0 && working > 1 ? TOGETHER_TRAIL : 0,
  }),
  alternating: (index, _alternates, working, fingers) => {
    const gap = fingers === 'across' ? ALTERNATING_GAP_ACROSS : TOGETHER_TRAIL;
    return {
      ...SOLO,
      turn: index * 0.5,
      isTakingTurns: true,
      trail: index > 0 ? gap : 0,
      lead: index === 0 && working > 1 ? gap : 0,
    };
  },
  'hold-and-work': () => SOLO,
  independent: (index, alternates) => ({ ...SOLO, turn: alternates ? index * 0.5 : 0 }),
  none: () => SOLO,
};

/**
 * Where the arrangement puts a working hand (`index` among `working` hands) from its path: how far ahead along the
 * stroke (negative: behind) and how far across (body frame), whichever way the technique times the hands.
 */
export function laneOffset(
  arrangement: Arrangement,
  index: number,
  working: number,
  fingers: StepMotion['fingers'],
): { readonly along: number; readonly dx: number; readonly dy: number } {
  const lane = arrangementLanes[arrangement](index, false, working, fingers);
  return { along: lane.lead - lane.trail, dx: lane.dx, dy: lane.dy };
}

/** The direction from the practitioner's place across the table, in the body frame. */
function awayAngleFor(step: PlannedStep): number {
  const place = step.place === 'side' ? (step.side ?? 'left') : step.place;
  if (place === 'head') return Math.PI / 2;
  if (place === 'feet') return -Math.PI / 2;
  // At the client's left (x < 0) the far side is toward +x.
  return place === 'right' ? Math.PI : 0;
}

function mirroredPoints(points: readonly TrackPoint[]): TrackPoint[] {
  return points.map((p) => ({ x: -p.x, y: p.y, surface: p.surface }));
}

function tracksPrepared(
  map: BodyMap,
  step: PlannedStep,
  motion: TechniqueMotion,
  options: { isMirrored: boolean },
): MotionTrack[] {
  const byRegion = Object.entries(step.pressureByRegion).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  const pick = (points: readonly TrackPoint[]) => (options.isMirrored ? mirroredPoints(points) : points);
  const usable = step.motion.hands.filter((h) => h.points.length > 0);
  const firstWorking = usable.find((h) => !h.isHolding);
  const firstHolding = usable.find((h) => h.isHolding);
  const workStart = firstWorking ? pick(firstWorking.points)[0] : undefined;
  const holdStart = firstHolding ? pick(firstHolding.points)[0] : undefined;
  const headingFrom = (from: TrackPoint | undefined, to: TrackPoint | undefined): number =>
    from && to && (from.x !== to.x || from.y !== to.y)
      ? Math.atan2(to.y - from.y, to.x - from.x)
      : Math.PI / 2;
  const workingCount = usable.filter((h) => !h.isHolding).length;
  let workingIndex = 0;
  return usable.map((h: HandTrack): MotionTrack => {
    const isHolding = h.isHolding ?? false;
    const pressure = isHolding ? null : step.pressure;
    const lane = isHolding
      ? SOLO
      : arrangementLanes[step.motion.arrangement](
          workingIndex++,
          motion.alternatesHands,
          workingCount,
          step.motion.fingers,
        );
    const strokePoints = pick(h.points);
    const backPoints = h.returnPoints && h.returnPoints.length > 0 ? pick(h.returnPoints) : null;
    const spineDistance = Math.min(pointsSpineDistance(strokePoints), pointsSpineDistance(backPoints ?? []));
    // The profile looks as far off the line as the hand may go, the lane's offset included.
    const reach = isHolding ? 0 : motion.reachFor(spineDistance) + Math.hypot(lane.dx, lane.dy);
    const isBackPressing = h.isReturnPressing ?? false;
    return {
      hand: h.hand,
      tool: h.tool,
      isHolding,
      stroke: lineFromPoints(map, strokePoints, pressure, byRegion, reach),
      back: backPoints
        ? lineFromPoints(map, backPoints, isBackPressing ? backPressure(pressure, h) : null, byRegion, reach)
        : null,
      isBackPressing,
      spineDistance,
      holdAngle: headingFrom(holdStart, workStart),
      lane,
      fingers: step.motion.fingers,
      turn: step.motion.turn,
      awayAngle: awayAngleFor(step),
    };
  });
}

/** A pressing return's pressure: the step's, or the return's own where lighter. */
function backPressure(pressure: number | null, h: HandTrack): number | null {
  if (pressure === null) return null;
  return h.returnPressure !== undefined ? Math.min(pressure, h.returnPressure) : pressure;
}

/** A planned step's motion, prepared for sampling: the technique and the tracks for even and odd reps. */
export interface PreparedMotion {
  readonly technique: TechniqueMotion;
  readonly input: MotionInput;
  /** The tracks mirrored (x → −x) for odd repetitions when the step alternates sides each repetition. */
  readonly mirrored: MotionInput | null;
}

/** A planned step's motion prepared for sampling with the body map the plan was made with (not cached). */
export function motionPrepared(step: PlannedStep, map: BodyMap, technique: TechniqueMotion): PreparedMotion {
  const reps = Math.max(1, Math.floor(step.reps));
  const repSeconds = step.duration > 0 ? step.duration / reps : 0;
  const input: MotionInput = {
    tracks: tracksPrepared(map, step, technique, { isMirrored: false }),
    map,
    reps,
    repSeconds,
  };
  const mirrored: MotionInput | null = step.motion.alternateSidesEachRep
    ? { tracks: tracksPrepared(map, step, technique, { isMirrored: true }), map, reps, repSeconds }
    : null;
  return { technique, input, mirrored };
}
