// The head-end view's marks (issue 10, "Drawing that reads at a glance"): the working stroke as an arrow along the
// body, a lifted way back dashed with an open head, numbers in circles for their order, the pull of a traction,
// and the strand of hair a tug draws out. Pure: the moment, its pose and the camera in, SVG out.

import type { Moment } from '../../core/moment.js';
import { momentMotion } from '../../core/moment.js';
import type { TrackPoint } from '../../core/plan-types.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { scalpPoint } from '../../core/pose/practitioner-pose.js';
import { restSurfaceHeight, trunkProfile } from '../../core/pose/rest-body.js';
import { type Vec3, vecScaled, vecSum } from '../../core/pose/vec3.js';
import { isRepetitionMirrored, TECHNIQUE_MARKS } from '../marks.js';
import { el, num, numberBadgeSvg, polylinePathData, type XY } from '../svg.js';
import type { Theme } from '../theme.js';
import type { Camera } from './camera.js';

/** The symbols the head view's marks use, for its legend. */
export type HeadMarkItem = 'movement' | 'return';

/** How far beside the body (H) a stroke is drawn where the hands work under it, and beside the face and throat. */
const BESIDE = 0.022;
/** The face and the throat, supine, from above: no mark is drawn over them (|x| within, y up to the chest). */
const FACE_HALF_WIDTH = 0.05;
const THROAT_END_Y = 0.18;
/** The base of the skull on the posterior map: above it, the scalp. */
const SKULL_BASE_Y = 0.115;

/** The body's half-width at y from the trunk and head profile (the head and neck at least a head's half-width). */
function halfWidthAt(y: number): number {
  const stations = trunkProfile('supine');
  let w = stations[stations.length - 1]!.halfWidth;
  for (let i = 1; i < stations.length; i++) {
    const a = stations[i - 1]!;
    const b = stations[i]!;
    if (y <= b.y) {
      w = a.halfWidth + ((b.halfWidth - a.halfWidth) * Math.max(0, y - a.y)) / (b.y - a.y);
      break;
    }
  }
  return y < THROAT_END_Y ? Math.max(w, FACE_HALF_WIDTH) : w;
}

/**
 * Where a mark for a track point goes, in the body frame: on the surface seen from the head end (the front of the
 * chest and shoulders, the crown), else beside the body on the table where the hands go under it. A point in the
 * air (`isLifted`) never over the face or the throat.
 */
function markPoint(pose: Pose, p: TrackPoint, isLifted: boolean): Vec3 {
  const sign = p.x < 0 ? -1 : 1;
  const isSupine = pose.position !== 'prone';
  const seen = isSupine ? 'anterior' : 'posterior';
  if (isSupine && p.surface === 'posterior' && p.y <= SKULL_BASE_Y) {
    const scalp = scalpPoint(p.x, p.y);
    if (!scalp.isUnder) return posedPoint(pose.moves, vecSum(scalp.point, vecScaled(scalp.normal, 0.008)));
  }
  const isHidden = p.surface !== seen;
  const overFace = isSupine && p.y < THROAT_END_Y && Math.abs(p.x) < FACE_HALF_WIDTH + BESIDE;
  if (isHidden || (isLifted && overFace)) {
    // A lifted way back further out than the working stroke beside the body, so the two never lie on each other.
    const x = sign * Math.max(Math.abs(p.x), halfWidthAt(p.y) + BESIDE * (isLifted ? 2.5 : 1));
    return posedPoint(pose.moves, [x, p.y, isLifted ? 0.06 : 0.01]);
  }
  const z = restSurfaceHeight(pose.position, p.surface, p.x, p.y) + (isLifted ? 0.03 : 0.006);
  return posedPoint(pose.moves, [p.x, p.y, z]);
}

/** A halo under an arrow's line (`d`), in the background colour: it keeps the arrow readable over hands and limbs. */
export function arrowHaloSvg(d: string, theme: Theme, unit: number): string {
  return el('path', {
    d,
    fill: 'none',
    stroke: theme.background,
    'stroke-width': num(10 * unit),
    'stroke-linecap': 'round',
  });
}

/** An arrow's line (`d`) in the path colour, and its head: a filled triangle (tip first). */
export function arrowLineSvg(d: string, head: readonly [XY, XY, XY], theme: Theme, unit: number): string {
  const [tip, p1, p2] = head;
  return (
    el('path', {
      d,
      fill: 'none',
      stroke: theme.path,
      'stroke-width': num(5 * unit),
      'stroke-linecap': 'round',
    }) +
    el('path', {
      d: `M${num(tip.x)} ${num(tip.y)}L${num(p1.x)} ${num(p1.y)}L${num(p2.x)} ${num(p2.y)}Z`,
      fill: theme.path,
    })
  );
}

/**
 * A circular arrow (at least 40 px across at 1280×720) round a point: a turning joint, or circles worked round a
 * point. Clockwise on the picture unless `isCounter`; dashed when the circles are on the far side of the limb.
 */
export function circleArrowSvg(
  c: XY,
  radius: number,
  theme: Theme,
  unit: number,
  options: { isCounter?: boolean; isFarSide?: boolean } = {},
): string {
  const r = Math.max(radius, 26 * unit);
  const turn = options.isCounter ? -1 : 1;
  const start = turn * -Math.PI * 0.15;
  const end = turn * Math.PI * 1.45;
  const a = { x: c.x + r * Math.cos(start), y: c.y + r * Math.sin(start) };
  const b = { x: c.x + r * Math.cos(end), y: c.y + r * Math.sin(end) };
  const tangent = { x: -Math.sin(end) * turn, y: Math.cos(end) * turn };
  const head = 15 * unit;
  const p1 = {
    x: b.x - tangent.x * head * 0.2 + tangent.y * head * 0.5,
    y: b.y - tangent.y * head * 0.2 - tangent.x * head * 0.5,
  };
  const p2 = {
    x: b.x - tangent.x * head * 0.2 - tangent.y * head * 0.5,
    y: b.y - tangent.y * head * 0.2 + tangent.x * head * 0.5,
  };
  const tip = { x: b.x + tangent.x * head, y: b.y + tangent.y * head };
  const d = `M${num(a.x)} ${num(a.y)}A${num(r)} ${num(r)} 0 1 ${turn === 1 ? 1 : 0} ${num(b.x)} ${num(b.y)}`;
  const halo = arrowHaloSvg(d, theme, unit);
  if (!options.isFarSide) return halo + arrowLineSvg(d, [tip, p1, p2], theme, unit);
  return (
    halo +
    el('path', {
      d,
      fill: 'none',
      stroke: theme.path,
      'stroke-width': num(4 * unit),
      'stroke-dasharray': `${num(9 * unit)} ${num(6 * unit)}`,
    }) +
    el('path', {
      d: `M${num(tip.x)} ${num(tip.y)}L${num(p1.x)} ${num(p1.y)}L${num(p2.x)} ${num(p2.y)}Z`,
      fill: theme.path,
    })
  );
}

/** Points of a projected line closer than `gap` pixels to the one before dropped (the last kept). */
function thinned(points: readonly XY[], gap: number): XY[] {
  const out: XY[] = [];
  for (const q of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(q.x - last.x, q.y - last.y) >= gap) out.push(q);
  }
  const end = points[points.length - 1];
  if (end && out[out.length - 1] !== end) {
    if (out.length > 1) out[out.length - 1] = end;
    else out.push(end);
  }
  return out;
}

/** A filled arrowhead at the line's end (tip on the end point), or an open one (a lifted way back). */
function arrowHead(
  points: readonly XY[],
  size: number,
  colour: string,
  unit: number,
  isOpen: boolean,
): string {
  const tip = points[points.length - 1]!;
  let from = points[points.length - 2]!;
  for (let i = points.length - 2; i >= 0; i--) {
    from = points[i]!;
    if (Math.hypot(tip.x - from.x, tip.y - from.y) > size * 0.8) break;
  }
  const d = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / d;
  const uy = (tip.y - from.y) / d;
  const p1 = { x: tip.x - ux * size - uy * size * 0.55, y: tip.y - uy * size + ux * size * 0.55 };
  const p2 = { x: tip.x - ux * size + uy * size * 0.55, y: tip.y - uy * size - ux * size * 0.55 };
  const d3 = `M${num(p1.x)} ${num(p1.y)}L${num(tip.x)} ${num(tip.y)}L${num(p2.x)} ${num(p2.y)}`;
  return isOpen
    ? el('path', {
        d: d3,
        fill: 'none',
        stroke: colour,
        'stroke-width': num(3 * unit),
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      })
    : el('path', { d: `${d3}Z`, fill: colour });
}

/** A line with a halo (so it reads over the body and the hands), solid or dashed, with its head. */
function lineSvg(points: readonly XY[], theme: Theme, unit: number, style: 'working' | 'return'): string {
  if (points.length < 2) return '';
  const d = polylinePathData(points);
  const isReturn = style === 'return';
  const colour = isReturn ? theme.pathReturn : theme.path;
  const width = (isReturn ? 3 : 5) * unit;
  return (
    el('path', {
      d,
      fill: 'none',
      stroke: theme.background,
      'stroke-width': num(width + 5 * unit),
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'stroke-opacity': '0.85',
    }) +
    el('path', {
      d,
      fill: 'none',
      stroke: colour,
      'stroke-width': num(width),
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      ...(isReturn ? { 'stroke-dasharray': `${num(10 * unit)} ${num(7 * unit)}` } : {}),
    }) +
    arrowHead(points, (isReturn ? 15 : 18) * unit, colour, unit, isReturn)
  );
}

/** A number in a circle (the order of the phases), 15 px at 1280×720. */
function numberSvg(at: XY, n: number, theme: Theme, unit: number): string {
  return numberBadgeSvg(at, n, {
    radius: 13 * unit,
    fill: theme.chip,
    stroke: { colour: theme.background, width: num(2 * unit) },
    digit: { size: 16 * unit, colour: theme.chipText, drop: 5.5 * unit },
  });
}

/** A point `distance` px from `from` away from `to`. */
function beyond(from: XY, to: XY, distance: number): XY {
  const d = Math.hypot(from.x - to.x, from.y - to.y) || 1;
  return { x: from.x + ((from.x - to.x) / d) * distance, y: from.y + ((from.y - to.y) / d) * distance };
}

/**
 * The head view's marks for a moment: each working hand's stroke as an arrow (beside the body where it runs under
 * it, never over the face or throat), its lifted way back dashed with an open head, 1 and 2 for their order; for a
 * traction the pull toward the practitioner; for a hair draw the strand from its root to the fingers and the way
 * it is drawn. The symbols used, for the legend.
 */
export function headMarks(
  moment: Moment,
  pose: Pose,
  camera: Camera,
  theme: Theme,
  unit: number,
): { svg: string; used: Set<HeadMarkItem> } {
  const used = new Set<HeadMarkItem>();
  const sign = isRepetitionMirrored(moment) ? -1 : 1;
  const tracks = momentMotion(moment).hands.filter((t) => !t.isHolding);
  const mirror = (p: TrackPoint): TrackPoint => ({ ...p, x: sign * p.x });
  const line = (points: readonly TrackPoint[], isLifted: boolean) =>
    thinned(
      points.map((p) => camera.project(markPoint(pose, mirror(p), isLifted))),
      4 * unit,
    );
  let strokes = '';
  let numbers = '';
  let numbered = false;
  const marks = TECHNIQUE_MARKS[moment.technique];
  if (marks.headMark === 'strand') {
    // The strand from its root on the scalp to the fingers that hold it, and one arrow beyond the fingers farthest
    // out: the way it is drawn, away from the head.
    let farthest: { a: XY; b: XY; far: XY; length: number } | null = null;
    for (const track of tracks) {
      const root = track.points[0];
      const hand = pose.hands.find(
        (h) => h.hand === track.hand && h.shape === 'pinch' && !h.isLifted && !h.isHolding,
      );
      if (!root || !hand) continue;
      const a = camera.project(markPoint(pose, mirror(root), false));
      const b = camera.project(hand.contact);
      const end = track.points[track.points.length - 1]!;
      const far = camera.project(markPoint(pose, mirror(end), true));
      const length = Math.hypot(b.x - a.x, b.y - a.y);
      if (length > 2 * unit) {
        strokes += el('path', {
          d: `M${num(a.x)} ${num(a.y)}L${num(b.x)} ${num(b.y)}`,
          stroke: theme.hair,
          'stroke-width': num(5 * unit),
          'stroke-linecap': 'round',
        });
      }
      if (!farthest || length > farthest.length) farthest = { a, b, far, length };
    }
    if (farthest) {
      // Along the strand, from its root out past where it is drawn to, on the side away from the practitioner
      // (above the hands in the picture, off the forearm that comes from below).
      const { a, far } = farthest;
      const d = Math.hypot(far.x - a.x, far.y - a.y) || 1;
      const ux = (far.x - a.x) / d;
      const uy = (far.y - a.y) / d;
      let nx = -uy;
      let ny = ux;
      if (ny > 0) {
        nx = -nx;
        ny = -ny;
      }
      const from = { x: a.x + nx * 26 * unit, y: a.y + ny * 26 * unit };
      const to = { x: from.x + ux * Math.max(56 * unit, d), y: from.y + uy * Math.max(56 * unit, d) };
      strokes += lineSvg([from, to], theme, unit, 'working');
      used.add('movement');
    }
    return { svg: strokes, used };
  }
  if (marks.stroke === 'loops') {
    // Worked in circles (kneading, the scalp's friction): a circle round each working hand's contact, not its route,
    // placed as the strokes are (on the crown or chest where seen, beside the body where the hand works under it),
    // each turning the way its hand turns as seen (mirrored hands: the one on the picture's left counter-clockwise).
    const middle = camera.project(posedPoint(pose.moves, [0, SKULL_BASE_Y, 0])).x;
    for (const h of moment.hands) {
      // A hand lifted between rounds keeps its circle: it goes on circling where it lands next.
      if (h.isHolding) continue;
      const at = camera.project(markPoint(pose, { x: h.x, y: h.y, surface: h.surface }, false));
      strokes += circleArrowSvg(at, 0.02 * camera.scale, theme, unit, { isCounter: at.x < middle });
      used.add('movement');
    }
    return { svg: strokes, used };
  }
  if (marks.headMark === 'pull') {
    // The pull: from beyond the crown toward the practitioner (down the picture), beside neither hand.
    const crown = camera.project(posedPoint(pose.moves, [0, -0.01, 0.06]));
    const from = { x: crown.x, y: crown.y + 14 * unit };
    strokes += lineSvg([from, { x: from.x, y: from.y + 52 * unit }], theme, unit, 'working');
    used.add('movement');
    return { svg: strokes, used };
  }
  for (const track of tracks) {
    if (track.points.length < 2) continue;
    const working = line(track.points, false);
    if (working.length < 2) continue;
    const returning =
      track.returnPoints && track.returnPoints.length > 1 && !track.isReturnPressing
        ? line(track.returnPoints, true)
        : null;
    if (returning && returning.length > 1) {
      strokes = lineSvg(returning, theme, unit, 'return') + strokes;
      used.add('return');
    }
    strokes += lineSvg(working, theme, unit, 'working');
    used.add('movement');
    if (returning && returning.length > 1 && !numbered) {
      // 1 behind the working stroke's start, 2 beside the way back's start: the order, first then second.
      numbers += numberSvg(beyond(working[0]!, working[1]!, 24 * unit), 1, theme, unit);
      const r0 = returning[0]!;
      const r1 = returning[Math.min(1, returning.length - 1)]!;
      numbers += numberSvg(beyond(r0, r1, 24 * unit), 2, theme, unit);
      numbered = true;
    }
  }
  return { svg: strokes + numbers, used };
}
