import { type BodyPoint, polygonContains, polygonEdgeDistance } from '../core/geometry.js';
import type { Surface } from '../core/ids.js';
import type { Pose } from '../core/pose/pose-types.js';
import type { DrawnHand, ForbiddenArea } from './drawn-hands.js';
import { type Digit, POSES } from './hands.js';

/*
 * The practitioner's arms as the top view draws them, in the body frame: from each drawn hand's wrist to the pose's
 * elbow, and on to the pose's shoulder, so the hand and the arm agree on where the practitioner stands
 * (ILLUSTRATION.md "The people": the forearms and upper arms up to the shoulders).
 */

/** Half-widths seen from above (body heights): a forearm at the wrist and the elbow, an upper arm in its sleeve. */
export const ARM_WIDTHS = { wrist: 0.019, elbow: 0.025, upper: 0.03 };

/** How far (body heights) a solid arm's outline keeps off a never-press or excluded zone. */
export const ARM_ZONE_MARGIN = 0.005;

/** Spacing (body heights) of the points along an arm where its clearance from the zones is asked. */
const ARM_SAMPLE_STEP = 0.002;

/**
 * A stretch of an arm's upper arm or forearm, from `from` to `to`, `w0` and `w1` half wide at its ends. A solid one
 * keeps its whole outline ARM_ZONE_MARGIN off the zones; a cut one is where the arm passes above a never-press or
 * excluded zone, drawn as a see-through outline only, so the picture never lays an arm on what must not be pressed.
 */
export interface ArmPiece {
  readonly segment: 'upper' | 'fore';
  readonly from: BodyPoint;
  readonly to: BodyPoint;
  readonly w0: number;
  readonly w1: number;
  readonly isCut: boolean;
}

/** One arm seen from above: the forearm from the drawn hand's wrist to the elbow, the upper arm on to the shoulder. */
export interface DrawnArm {
  /** The drawn hand this arm holds. */
  readonly hand: DrawnHand;
  readonly arm: 'left' | 'right';
  /** Where the drawn hand's wrist is (the forearm's start); for a forearm laid on the body, its elbow end. */
  readonly wrist: BodyPoint;
  /** The pose's elbow; null for a forearm laid on the body (the drawn forearm is its forearm). */
  readonly elbow: BodyPoint | null;
  /** The pose's shoulder (moved with the hand where the pose moves the limb it holds). */
  readonly shoulder: BodyPoint;
  /** The upper arm and the forearm in solid and cut stretches, shoulder to wrist. */
  readonly pieces: readonly ArmPiece[];
}

/** The zones an arm keeps off from above: those on the surface the view shows. */
export interface ArmZones {
  readonly surface: Surface;
  readonly neverPress: readonly ForbiddenArea[];
  readonly excluded: readonly ForbiddenArea[];
}

/** True when a disc of radius r about p reaches into a polygon (or within its edge). */
function discTouches(polygon: readonly BodyPoint[], p: BodyPoint, r: number): boolean {
  return polygonContains(polygon, p) || polygonEdgeDistance(polygon, p) < r;
}

/**
 * A segment of an arm cut into stretches: each sample point along it is blocked when its half-width plus the margin
 * reaches a zone, and a run of clear samples is a solid piece. Round ends stay inside the clear samples' discs.
 */
function armPieces(
  segment: ArmPiece['segment'],
  a: BodyPoint,
  b: BodyPoint,
  w0: number,
  w1: number,
  zones: readonly (readonly BodyPoint[])[],
): ArmPiece[] {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const whole: ArmPiece = { segment, from: a, to: b, w0, w1, isCut: false };
  const reach = Math.max(w0, w1) + ARM_ZONE_MARGIN;
  // Only zones whose box comes near the segment's box are asked.
  const near = zones.filter((poly) => {
    let x0 = Infinity,
      x1 = -Infinity,
      y0 = Infinity,
      y1 = -Infinity;
    for (const p of poly) {
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
    }
    return (
      x0 - reach <= Math.max(a.x, b.x) &&
      x1 + reach >= Math.min(a.x, b.x) &&
      y0 - reach <= Math.max(a.y, b.y) &&
      y1 + reach >= Math.min(a.y, b.y)
    );
  });
  if (near.length === 0 || length < 1e-6) return [whole];
  const n = Math.max(1, Math.ceil(length / ARM_SAMPLE_STEP));
  const at = (k: number): BodyPoint => ({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  const width = (k: number) => w0 + ((w1 - w0) * k) / n;
  const blocked: boolean[] = [];
  for (let k = 0; k <= n; k++) {
    const p = at(k);
    const r = width(k) + ARM_ZONE_MARGIN;
    blocked.push(near.some((poly) => discTouches(poly, p, r)));
  }
  if (!blocked.includes(true)) return [whole];
  const out: ArmPiece[] = [];
  let start = 0;
  for (let k = 1; k <= n + 1; k++) {
    if (k <= n && blocked[k] === blocked[start]) continue;
    // A solid run is its clear samples; a cut run reaches to the neighbouring clear samples, so the outline joins.
    const isCut = blocked[start]!;
    const from = isCut ? Math.max(0, start - 1) : start;
    const to = isCut ? Math.min(n, k) : k - 1;
    if (to > from || !isCut)
      out.push({ segment, from: at(from), to: at(to), w0: width(from), w1: width(to), isCut });
    start = k;
  }
  return out;
}

/** The middle of the base of a hand's wrist (or, for a forearm on the body, of its sleeve) as drawn. */
function drawnWrist(hand: DrawnHand): { point: BodyPoint; isForearm: boolean } | null {
  const digits: readonly Digit[] = POSES[hand.pose].digits;
  const arm = digits.findIndex((d) => d.isArm === true);
  const index = arm >= 0 ? arm : digits.findIndex((d) => d.isSleeve === true);
  const part = index >= 0 ? hand.parts[index + 1] : undefined;
  if (!part || part.length < 2) return null;
  // A digit's outline starts at one side of its base and ends at the other (drawn-hands.ts digitOutline).
  const a = part[0]!;
  const b = part[part.length - 1]!;
  return { point: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, isForearm: arm < 0 };
}

/**
 * The arms of the drawn hands: each shown hand above the body (not one cut away or under it) with the pose's arm
 * of the same hand (the pose's hands and the moment's, by their `hand`); where an arm passes over a never-press or
 * excluded zone of the surface shown it is cut (the arm is above it, never on it).
 */
export function drawnArmsTop(drawn: readonly DrawnHand[], pose: Pose, zones: ArmZones): DrawnArm[] {
  const polygons = [...zones.neverPress, ...zones.excluded]
    .filter((z) => z.surface === zones.surface)
    .map((z) => z.polygon);
  const out: DrawnArm[] = [];
  for (const hand of drawn) {
    if (!hand.isShown || hand.isUnder) continue;
    const posed = pose.hands.find((h) => h.hand === hand.state.hand);
    if (!posed) continue;
    const wrist = drawnWrist(hand);
    const shoulder = pose.practitioner[`shoulder-${posed.arm}`];
    const elbow = pose.practitioner[`elbow-${posed.arm}`];
    if (!wrist || !shoulder || !elbow) continue;
    // From above the body lies at rest, its limbs unposed: where the pose lifts or bends a limb, the hand is drawn
    // where the limb lies at rest, and the arm goes with it (shifted by as much, its shape kept).
    const dx = hand.state.x - posed.contact[0];
    const dy = hand.state.y - posed.contact[1];
    const elbowAt = wrist.isForearm ? null : { x: elbow[0] + dx, y: elbow[1] + dy };
    const shoulderAt = { x: shoulder[0] + dx, y: shoulder[1] + dy };
    const w = ARM_WIDTHS;
    const pieces = armPieces('upper', shoulderAt, elbowAt ?? wrist.point, w.upper, w.elbow, polygons);
    if (elbowAt) pieces.push(...armPieces('fore', elbowAt, wrist.point, w.elbow, w.wrist, polygons));
    out.push({ hand, arm: posed.arm, wrist: wrist.point, elbow: elbowAt, shoulder: shoulderAt, pieces });
  }
  return out;
}
