import type { BodyMap } from '../core/body-map.js';
import { type BodyPoint, polygonContains } from '../core/geometry.js';
import type { ClientPosition, Surface } from '../core/ids.js';
import type { HandState } from '../core/moment.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { armOutlinePairs, bodyOutlinePairs } from './body-figure.js';
import { type Digit, type HandPose, isHandUnder, POSES, type PoseName, TOOL_POSE } from './hands.js';
import type { XY } from './svg.js';
import {
  firstZoneAt,
  HARD_ZONE,
  isWithinZone,
  NO_ZONE,
  SOFT_ZONE,
  type ZoneGrid,
  type ZoneListGrid,
  zoneGrid,
  zoneListGrid,
} from './zone-grid.js';

/*
 * What a view draws of the practitioner's hands, as a description independent of pixels: each hand's outline
 * (palm, fingers, thumb, forearm) as polygons in the body frame, where it lies, and whether it is shown at all.
 * The renderer draws from this description, and the property tests check it, so the picture cannot put a hand's
 * edge where the test does not look. The top view is described here; other views add their own function with
 * the same result type.
 */

/** One hand as a view draws it. */
export interface DrawnHand {
  /** The moment's hand this drawing shows. */
  readonly state: HandState;
  readonly pose: PoseName;
  /** Where the contact is drawn (the HandState's point, or at most DRAWN_NUDGE_MAX outward from it). */
  readonly at: BodyPoint;
  /** The fingers' direction as drawn (body frame, radians), turned about the contact to keep the hand on the body. */
  readonly angle: number;
  /** The surface the hand lies on. */
  readonly surface: Surface;
  /** False when the view cuts the hand away (under the head or neck, where drawing it would cover the face). */
  readonly isShown: boolean;
  /** True when the hand lies on the surface the view does not show (drawn see-through, dashed). */
  readonly isUnder: boolean;
  /** Presses now (pressure > 0, neither lifted nor holding). */
  readonly isPressing: boolean;
  /** Stacked palms: 0 the lower hand, 1 the one on top (turned across it). */
  readonly stackIndex: number;
  /** The upper stacked hand's turn across the lower one (+1 or −1). */
  readonly stackTurn?: 1 | -1;
  /** The outline as polygons (palm, each digit, the forearm) in the body frame. */
  readonly parts: readonly (readonly BodyPoint[])[];
  /**
   * The loose hand held aloft beyond a working forearm lies over the back of the head, seen from above: it is drawn
   * as an outline only, in the air over the head, never as a hand resting on it.
   */
  readonly isAloftOverHead?: true;
}

/** How far (body heights) a drawn hand keeps from a never-press or excluded region: about 9 mm on 175 cm. */
export const DRAWN_MARGIN = 0.005;
/** The most the drawing moves a contact outward, away from a never-press region (body heights, about 2 cm). */
export const DRAWN_NUDGE_MAX = 0.012;

/**
 * The face and the throat seen from above, supine: never covered by a drawn hand. The face runs from the
 * hairline (about 0.03 H below the crown, BODY-PROPORTIONS.md) to the chin (0.125), the throat to the sternal
 * notch (0.18).
 */
export const FACE_AND_THROAT: readonly BodyPoint[] = [
  { x: -0.043, y: 0.03 },
  { x: 0.043, y: 0.03 },
  { x: 0.045, y: 0.07 },
  { x: 0.036, y: 0.125 },
  { x: 0.04, y: 0.178 },
  { x: -0.04, y: 0.178 },
  { x: -0.036, y: 0.125 },
  { x: -0.045, y: 0.07 },
];

/** Beyond the picture's head end: about 0.06 H above the crown there is no canvas left. */
const BEYOND_HEAD_END: readonly BodyPoint[] = [
  { x: -1, y: -1 },
  { x: 1, y: -1 },
  { x: 1, y: -0.06 },
  { x: -1, y: -0.06 },
];

/** The head and neck seen from above, prone (crown to C7). */
const HEAD_AND_NECK: readonly BodyPoint[] = [
  { x: -0.05, y: -0.01 },
  { x: 0.05, y: -0.01 },
  { x: 0.05, y: 0.1 },
  { x: 0.04, y: 0.15 },
  { x: -0.04, y: 0.15 },
  { x: -0.05, y: 0.1 },
];

/**
 * The back of the head seen from above, prone (crown to the base of the skull, the hair's outline and a little
 * more): a loose hand held aloft over it is drawn as an outline only.
 */
const BACK_OF_HEAD: readonly BodyPoint[] = [
  { x: -0.052, y: -0.01 },
  { x: 0.052, y: -0.01 },
  { x: 0.052, y: 0.1 },
  { x: 0.042, y: 0.124 },
  { x: -0.042, y: 0.124 },
  { x: -0.052, y: 0.1 },
];

/** Whether a drawn hand's loose hand, held aloft beyond its forearm, lies over the back of the head (prone). */
function isAloftOverHead(pose: PoseName, parts: readonly (readonly BodyPoint[])[]): boolean {
  const handPose: HandPose = POSES[pose];
  if (handPose.isHandAloft !== true) return false;
  // Part 0 the palm, then the digits: 1 the forearm, 2 the sleeve, the fingers and thumb after (fitScore's ALOFT).
  const aloft = parts.filter((_, i) => i === 0 || i > 2);
  return (
    aloft.some((poly) => poly.some((p) => polygonContains(BACK_OF_HEAD, p))) ||
    BACK_OF_HEAD.some((q) => aloft.some((poly) => polygonContains(poly, q)))
  );
}

/**
 * The feet seen from above, heel to toes (the body map's soles and heels, BODY-PROPORTIONS.md: from the heel at
 * 0.955 to the far end at 1.0, x ±0.03…±0.08): a hand that holds or grasps near them keeps them in sight.
 */
export const FEET: readonly (readonly BodyPoint[])[] = [-1, 1].map((side) =>
  [
    { x: 0.03, y: 0.955 },
    { x: 0.08, y: 0.955 },
    { x: 0.08, y: 1.0 },
    { x: 0.03, y: 1.0 },
  ].map((p) => ({ x: side * p.x, y: p.y })),
);

/** The top of the stacked palms: pushed along the fingers (local units) and turned across the lower hand (degrees). */
const STACK_TOP = { du: 8, dAngle: 16 };

type LocalPolygon = readonly (readonly [number, number])[];

function digitOutline(d: Digit): LocalPolygon {
  const a = (d.angle * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const w0 = d.width / 2;
  const w1 = (d.tipWidth ?? d.width * 0.9) / 2;
  const reach = d.length - w1;
  const at = (along: number, across: number): readonly [number, number] => [
    d.u + along * cos - across * sin,
    d.v + along * sin + across * cos,
  ];
  if (d.isSleeve) return [at(0, -w0), at(d.length, -w1), at(d.length, w1), at(0, w0)];
  const out: (readonly [number, number])[] = [at(0, -w0), at(reach, -w1)];
  for (let k = 1; k < 4; k++) {
    const t = -Math.PI / 2 + (Math.PI * k) / 4;
    out.push(at(reach + w1 * Math.cos(t), w1 * Math.sin(t)));
  }
  out.push(at(reach, w1), at(0, w0));
  return out;
}

const localParts = new Map<PoseName, LocalPolygon[]>();

/** A pose's outline in its local frame (1/1000 H): the palm and every digit, sleeve and forearm. */
export function poseOutline(pose: PoseName): readonly LocalPolygon[] {
  const cached = localParts.get(pose);
  if (cached) return cached;
  const p: HandPose = POSES[pose];
  const parts = [p.palm, ...p.digits.map(digitOutline)];
  localParts.set(pose, parts);
  return parts;
}

/** The screen direction of a body-frame finger angle for a view's lateral sign (see view.ts). */
function screenAngle(angle: number, lateralSign: -1 | 1): number {
  return Math.atan2(lateralSign * Math.cos(angle), Math.sin(angle));
}

/** The placement of a pose: contact, finger angle, mirror and stacking; what handsSvg's transform does too. */
export interface HandPlacement {
  readonly pose: PoseName;
  readonly at: XY;
  readonly angle: number;
  readonly isMirrored: boolean;
  readonly stackIndex: number;
  /** The upper stacked hand's turn across the lower one: +1 or −1 (the side that keeps it off the spine). */
  readonly stackTurn?: 1 | -1;
}

function stackDegrees(placement: HandPlacement): number {
  if (placement.stackIndex === 0) return 0;
  return (placement.stackTurn ?? (placement.isMirrored ? 1 : -1)) * STACK_TOP.dAngle;
}

/**
 * A placement as the fitting reads it: the pose's local outline and the placement's turn, shift and mirror, mapped
 * into the body frame one polygon at a time (scratchPlaced) without building objects.
 */
interface PlacedOutline {
  readonly pose: PoseName;
  readonly parts: readonly LocalPolygon[];
  readonly x: number;
  readonly y: number;
  readonly cos: number;
  readonly sin: number;
  readonly cu: number;
  readonly cv: number;
  readonly du: number;
  readonly flip: number;
  readonly lateralSign: -1 | 1;
}

function placedOutline(placement: HandPlacement, lateralSign: -1 | 1): PlacedOutline {
  const theta = screenAngle(placement.angle, lateralSign) + (stackDegrees(placement) * Math.PI) / 180;
  const [cu, cv] = POSES[placement.pose].contact;
  return {
    pose: placement.pose,
    parts: poseOutline(placement.pose),
    x: placement.at.x,
    y: placement.at.y,
    cos: Math.cos(theta),
    sin: Math.sin(theta),
    cu,
    cv,
    du: placement.stackIndex > 0 ? STACK_TOP.du : 0,
    flip: placement.isMirrored ? -1 : 1,
    lateralSign,
  };
}

/**
 * How many samples each edge of a pose's outline gets (its length over SAMPLE_STEP, at least one), edge after edge
 * through the parts, and their total: a placement turns and moves the outline but keeps its lengths.
 */
const edgeSamples = new Map<PoseName, { readonly perEdge: Int32Array; readonly total: number }>();

function poseEdgeSamples(pose: PoseName): { readonly perEdge: Int32Array; readonly total: number } {
  const cached = edgeSamples.get(pose);
  if (cached) return cached;
  const counts: number[] = [];
  for (const poly of poseOutline(pose)) {
    for (let i = 0; i < poly.length; i++) {
      const [au, av] = poly[i]!;
      const [bu, bv] = poly[(i + 1) % poly.length]!;
      // An edge a whole number of steps long gets that many (no extra sample for a rounding error).
      counts.push(Math.max(1, Math.ceil(Math.hypot(bu - au, bv - av) / 1000 / SAMPLE_STEP - 1e-9)));
    }
  }
  const result = { perEdge: Int32Array.from(counts), total: counts.reduce((a, b) => a + b, 0) };
  edgeSamples.set(pose, result);
  return result;
}

/** Sample points of the placements being scored (x and y), and the stride they are tested in. */
let samplesX = new Float64Array(1024);
/**
 * Per sample: 1 on the practitioner's wrist, sleeve or forearm stub beyond the hand (POSES' isArm, isSleeve); 2 on a
 * hand held aloft beyond a working forearm (isHandAloft: its palm and fingers, in the air, not on the body).
 */
let samplesKind = new Uint8Array(1024);
const ON_ARM = 1;
const ALOFT = 2;
let samplesY = new Float64Array(1024);
const SAMPLE_STRIDE = 8;

/** Scratch vertices of one placed polygon (x, y): poses have a few dozen at most. */
let scratchX = new Float64Array(64);
let scratchY = new Float64Array(64);

/** Maps one local polygon of a placed outline into the scratch vertices: the only local → body-frame map. */
function scratchPlaced(o: PlacedOutline, poly: LocalPolygon): void {
  if (poly.length > scratchX.length) {
    scratchX = new Float64Array(poly.length * 2);
    scratchY = new Float64Array(poly.length * 2);
  }
  for (let i = 0; i < poly.length; i++) {
    const [lu, lv] = poly[i]!;
    const a = (lu - o.cu + o.du) / 1000;
    const b = ((lv - o.cv) / 1000) * o.flip;
    const sx = a * o.cos - b * o.sin;
    const sy = a * o.sin + b * o.cos;
    scratchX[i] = o.x + sy / o.lateralSign;
    scratchY[i] = o.y + sx;
  }
}

/** The placement's pose outline in the body frame (the local → body-frame map in a view with this lateral sign). */
function placedParts(placement: HandPlacement, lateralSign: -1 | 1): BodyPoint[][] {
  const o = placedOutline(placement, lateralSign);
  return o.parts.map((poly) => {
    scratchPlaced(o, poly);
    return poly.map((_, i) => ({ x: scratchX[i]!, y: scratchY[i]! }));
  });
}

/** The screen rotation (degrees) and the extra shift along the fingers (local units) of a placement. */
export function placementScreenTurn(
  placement: HandPlacement,
  lateralSign: -1 | 1,
): { deg: number; du: number } {
  const extraDeg = stackDegrees(placement);
  return {
    deg: (screenAngle(placement.angle, lateralSign) * 180) / Math.PI + extraDeg,
    du: placement.stackIndex > 0 ? STACK_TOP.du : 0,
  };
}

interface Zone {
  readonly polygon: readonly XY[];
  readonly margin: number;
  /** A soft zone (the head, for a hand working the back) only weighs against a placement; a hard one forbids it. */
  readonly isSoft?: boolean;
}

interface Fitting {
  readonly forbidden: readonly GriddedZone[];
  /** The forbidden zones in one grid (zoneListGrid). */
  readonly zones: ZoneListGrid;
  readonly body: readonly (readonly XY[])[];
  readonly isWorking: boolean;
  /**
   * A pressing hand whose fingers show its stroke (a palm leads with them along it, a grasp lays them across the
   * limb): turned aside it reads as another hand (turnedAwayScore). A thumb's fingers are only an anchor round the
   * pressing thumb: they may wrap the limb; a hand that lifts or holds a limb has no stroke to show.
   */
  readonly keepsItsTurn: boolean;
  /**
   * For a hand on one leg, the side of the other leg (−1: x < 0, +1: x > 0; 0: none): there the body does not
   * count as the body, so a hand fitted onto a leg never lies across the other one.
   */
  readonly otherLeg: -1 | 0 | 1;
}

/**
 * The share of a placement's outline that may lie off the body as the plan puts it: a working hand little (0.12),
 * one working a leg more (0.3, its wrist not counted: the hand wraps round the limb, its palm and fingers down the
 * limb's sides, which from above lie at and beyond its edge), a lifted or holding hand half.
 */
function offBodyAccepted(fitting: Fitting): number {
  if (!fitting.isWorking) return 0.5;
  return fitting.otherLeg !== 0 ? 0.3 : 0.12;
}

/** The far end of the feet (BODY-PROPORTIONS.md: 1.000), and a little of the table beyond it the hands may reach. */
const FEET_END_Y = 1.004;

/** Body y below which the two legs lie apart (the groin, just below the coccyx at 0.49, BODY-PROPORTIONS.md). */
const LEGS_APART_FROM = 0.5;

const bodyPolygons: readonly (readonly XY[])[] = [
  bodyOutlinePairs().map(([x, y]) => ({ x, y })),
  ...armOutlinePairs().map((arm) => arm.map(([x, y]) => ({ x, y }))),
];

/** The body (silhouette and arms, grown by 0.006 H) as a grid of cells 0.002 H square: a fast "on the body?". */
const BODY_CELL = 0.002;
const BODY_GRID = { x0: -0.2, y0: -0.05, nx: 200, ny: 560 };
let bodyGrid: Uint8Array | null = null;
function isOnBody(x: number, y: number): boolean {
  if (!bodyGrid) {
    // Inside the silhouette or an arm, then grown by three cells (0.006 H) so the edge of a limb counts.
    const inside = new Uint8Array(BODY_GRID.nx * BODY_GRID.ny);
    for (let j = 0; j < BODY_GRID.ny; j++) {
      for (let i = 0; i < BODY_GRID.nx; i++) {
        const q = { x: BODY_GRID.x0 + (i + 0.5) * BODY_CELL, y: BODY_GRID.y0 + (j + 0.5) * BODY_CELL };
        if (bodyPolygons.some((b) => polygonContains(b, q))) inside[j * BODY_GRID.nx + i] = 1;
      }
    }
    const grid = new Uint8Array(inside.length);
    const r = 3;
    for (let j = 0; j < BODY_GRID.ny; j++) {
      for (let i = 0; i < BODY_GRID.nx; i++) {
        if (!inside[j * BODY_GRID.nx + i]) continue;
        for (let dj = -r; dj <= r; dj++) {
          const jj = j + dj;
          if (jj < 0 || jj >= BODY_GRID.ny) continue;
          for (let di = -r; di <= r; di++) {
            const ii = i + di;
            if (ii >= 0 && ii < BODY_GRID.nx && di * di + dj * dj <= r * r) grid[jj * BODY_GRID.nx + ii] = 1;
          }
        }
      }
    }
    bodyGrid = grid;
  }
  const i = Math.floor((x - BODY_GRID.x0) / BODY_CELL);
  const j = Math.floor((y - BODY_GRID.y0) / BODY_CELL);
  if (i < 0 || j < 0 || i >= BODY_GRID.nx || j >= BODY_GRID.ny) return false;
  return bodyGrid[j * BODY_GRID.nx + i] === 1;
}

interface GriddedZone extends Zone {
  readonly grid: ZoneGrid;
}

function gridded(z: Zone): GriddedZone {
  return { ...z, grid: zoneGrid(z.polygon, z.margin) };
}

/** Sample points along the edges of placed parts: every vertex, and along every edge at most this far apart. */
const SAMPLE_STEP = 0.005;

/**
 * Visits the sample points along the parts' edges (every vertex, and along every edge at most SAMPLE_STEP apart)
 * until `visit` returns false; says whether every point was visited.
 */
function everySample(
  parts: readonly (readonly BodyPoint[])[],
  visit: (x: number, y: number) => boolean,
): boolean {
  for (const poly of parts) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / SAMPLE_STEP));
      for (let k = 0; k < n; k++)
        if (!visit(a.x + ((b.x - a.x) * k) / n, a.y + ((b.y - a.y) * k) / n)) return false;
    }
  }
  return true;
}

/** How a placement's parts meet the fitting: hard-zone hits, and the fractions of points in soft zones and off the body. */
interface FitCounts {
  readonly hits: number;
  readonly soft: number;
  readonly offBody: number;
}

/** What turning a pressing hand back toward its own arm costs: more than the largest move (400 · DRAWN_NUDGE_MAX). */
const TURNED_BACK_SCORE = 6;
/** The most the fitting turns a hand that keeps its turn (Fitting.keepsItsTurn) before it costs more than a move. */
export const DRAWN_TURN_ASIDE_MAX = Math.PI / 6;
/**
 * What turning such a hand further aside costs: more than the largest move with a turn up to DRAWN_TURN_ASIDE_MAX
 * (400 · DRAWN_NUDGE_MAX + 1.2 / 6), less than turning it back.
 */
const TURNED_ASIDE_SCORE = 5.5;

/**
 * What a turn of the fitting costs a working hand beyond its weight: turned back (more than square) its forearm
 * folds over it; a glide's palm leads with its fingers along the stroke and a grasp lays them across the limb, so
 * turned aside (more than 30°) it reads as another hand. A small move off the zone (at most DRAWN_NUDGE_MAX) is
 * taken first; where none clears the hand, the turn stays.
 */
function turnedAwayScore(fitting: Fitting, turn: number): number {
  if (!fitting.isWorking) return 0;
  const off = Math.abs(turn);
  if (off > Math.PI / 2 + 1e-9) return TURNED_BACK_SCORE;
  return fitting.keepsItsTurn && off > DRAWN_TURN_ASIDE_MAX + 1e-9 ? TURNED_ASIDE_SCORE : 0;
}

/** The score of one hard hit: more than all the rest of a score can add up to (at most about 20). */
const HIT_SCORE = 1000;

/** The weighted score of a placement (lower is better): what the search minimises. */
function scoreOf(
  hits: number,
  softFraction: number,
  offFraction: number,
  offWeight: number,
  turn: number,
  nudge: number,
): number {
  return (
    1000 * hits + 8 * softFraction + offWeight * offFraction + (Math.abs(turn) / Math.PI) * 1.2 + nudge * 400
  );
}

/**
 * The fit of placed parts: every sample point along their edges tested against the zones (the first zone a point
 * lies in counts) and the body. With a `ceiling` (the best score so far, and the placement's weights), counting
 * stops, returning null, as soon as the score can no longer come in under it: counts only grow, so the partial
 * score is a lower bound, computed by the same expression as the final one.
 */
function fitScore(
  outlines: readonly PlacedOutline[],
  fitting: Fitting,
  ceiling?: {
    readonly score: number;
    readonly offWeight: number;
    readonly turn: number;
    readonly nudge: number;
  },
  /** Only whether the placement is clear (isClear): null as soon as a point says it is not. */
  clearOnly?: { readonly offAccepted: number },
): FitCounts | null {
  // The number of samples first (the fractions' denominator, and the ceiling's).
  let total = 0;
  for (const o of outlines) total += poseEdgeSamples(o.pose).total;
  total = Math.max(total, 1);
  // Every sample point first (placedParts' vertices, then along each edge), then tested in strides: a run of
  // points inside a zone is met early, so a placement that cannot win is dropped after a few tests.
  if (samplesX.length < total) {
    samplesX = new Float64Array(total * 2);
    samplesY = new Float64Array(total * 2);
    samplesKind = new Uint8Array(total * 2);
  }
  let at = 0;
  for (const o of outlines) {
    const { perEdge } = poseEdgeSamples(o.pose);
    const pose: HandPose = POSES[o.pose];
    const digits: readonly Digit[] = pose.digits;
    let edge = 0;
    for (let part = 0; part < o.parts.length; part++) {
      const poly = o.parts[part]!;
      // Part 0 is the palm, then the digits in order (1 the wrist, 2 the sleeve).
      const digit = part > 0 ? digits[part - 1] : undefined;
      const isAloft = pose.isHandAloft === true && (part === 0 || part > 2);
      const kind = isAloft ? ALOFT : digit?.isArm || digit?.isSleeve ? ON_ARM : 0;
      scratchPlaced(o, poly);
      for (let i = 0; i < poly.length; i++) {
        const j = (i + 1) % poly.length;
        const ax = scratchX[i]!;
        const ay = scratchY[i]!;
        const bx = scratchX[j]!;
        const by = scratchY[j]!;
        const n = perEdge[edge++]!;
        for (let k = 0; k < n; k++) {
          samplesKind[at] = kind;
          samplesX[at] = ax + ((bx - ax) * k) / n;
          samplesY[at++] = ay + ((by - ay) * k) / n;
        }
      }
    }
  }
  const zones = fitting.zones;
  // Clear only: no hit, no soft point and at most this many points off the body.
  const offMost = clearOnly ? Math.floor(clearOnly.offAccepted * total + 1e-9) : Number.POSITIVE_INFINITY;
  let hits = 0;
  let soft = 0;
  let off = 0;
  for (let first = 0; first < SAMPLE_STRIDE; first++) {
    for (let k = first; k < at; k += SAMPLE_STRIDE) {
      const x = samplesX[k]!;
      const y = samplesY[k]!;
      const zone = firstZoneAt(zones, x, y);
      let counted = zone !== NO_ZONE;
      if (zone === HARD_ZONE) hits++;
      // The loose hand beyond a forearm working toward the neck is held in the air, over the neck or the back of
      // the head, never on it: not counted, so the forearm is drawn along its own stroke, not swung round. (Over an
      // excluded region it is a hard hit like any other part; the planner keeps it off those, HAND_SPAN.)
      else if (zone === SOFT_ZONE && samplesKind[k] !== ALOFT) soft++;
      // Nothing of a working hand itself beyond the tips of the toes, off the limb it works or lifts (its wrist and
      // sleeve may come from there, where the practitioner stands). A hand that holds a foot may: it leaves the foot
      // in sight.
      else if (zone === NO_ZONE && fitting.isWorking && samplesKind[k] === 0 && y > FEET_END_Y) {
        soft++;
        counted = true;
      }
      // On a leg, the practitioner's wrist comes from where they stand, over the table or the foot: only the
      // hand itself must lie on the leg, and nothing on the other leg.
      // A hand held aloft beyond a working forearm is in the air: it may lie beyond the body's outline.
      const isOff =
        fitting.otherLeg === 0
          ? samplesKind[k] !== ALOFT && !isOnBody(x, y)
          : (y > LEGS_APART_FROM && x * fitting.otherLeg > 0) || (!isOnBody(x, y) && samplesKind[k] === 0);
      if (isOff) {
        off++;
        counted = true;
      }
      if (counted && clearOnly && (hits > 0 || soft > 0 || off > offMost)) return null;
      if (
        counted &&
        ceiling !== undefined &&
        scoreOf(hits, soft / total, off / total, ceiling.offWeight, ceiling.turn, ceiling.nudge) >=
          ceiling.score - 1e-9
      )
        return null;
    }
  }
  return { hits, soft: soft / total, offBody: off / total };
}

const TURNS = [0, 15, -15, 30, -30, 45, -45, 60, -60, 90, -90, 120, -120, 150, -150, 180].map(
  (d) => (d * Math.PI) / 180,
);
const NUDGES = [0, 0.003, 0.006, 0.009, DRAWN_NUDGE_MAX];

/** One placement the search tries: a move and a turn of the hand, and which variant (a stacked hand's side). */
interface Candidate {
  readonly move: readonly [number, number];
  readonly turn: number;
  readonly nudge: number;
  readonly variant: number;
  /** The score the turn and the move alone give (scoreOf with nothing hit): no placement scores less. */
  readonly floor: number;
}

const candidateOrders = new Map<string, readonly Candidate[]>();

/** The search's candidates, by their floor, ties in the order moves, turns, variants (built once per shape). */
function candidatesByCost(
  moves: readonly (readonly [number, number])[],
  variants: number,
): readonly Candidate[] {
  const key = `${moves.map(([dx, dy]) => `${dx},${dy}`).join(';')}|${variants}`;
  const cached = candidateOrders.get(key);
  if (cached) return cached;
  const out: Candidate[] = [];
  for (const move of moves) {
    const nudge = Math.hypot(move[0], move[1]);
    for (const turn of TURNS)
      for (let variant = 0; variant < variants; variant++)
        out.push({ move, turn, nudge, variant, floor: scoreOf(0, 0, 0, 0, turn, nudge) });
  }
  // Array.prototype.sort is stable: equal floors keep the order they were listed in.
  out.sort((a, b) => a.floor - b.floor);
  candidateOrders.set(key, out);
  return out;
}

/**
 * The placement that keeps a hand's whole outline off the forbidden zones and, for a working hand, on the body:
 * the HandState's own when it fits, else the nearest turn about the contact, else a small move outward.
 */
function placementFitted(
  base: HandPlacement,
  lateralSign: -1 | 1,
  fitting: Fitting,
  options: {
    /** The sample points a placement puts on the body (default: the placed pose's own). */
    samples?: (p: HandPlacement) => PlacedOutline[];
    variants?: readonly Partial<HandPlacement>[];
    /** A fit found nearby (placementFittedMemo's coarse cell), taken when it keeps this hand clear too. */
    hint?: Fit;
  } = {},
): HandPlacement {
  const outline = options.samples ?? ((p: HandPlacement) => [placedOutline(p, lateralSign)]);
  const variants = options.variants ?? [{}];
  const offWeight = fitting.isWorking ? 6 : 1.5;
  /** The placement's score, or +∞ once it is sure not to beat `best` (the search keeps only a better one). */
  const score = (p: HandPlacement, turn: number, nudge: number, best: number) => {
    const s = fitScore(outline(p), fitting, { score: best, offWeight, turn, nudge });
    if (s === null) return Number.POSITIVE_INFINITY;
    // A pressing hand turned more than square to its stroke points back at the arm that holds it: the forearm would
    // fold back over it; turned aside, it no longer leads along its stroke (or grasps across the limb).
    return scoreOf(s.hits, s.soft, s.offBody, offWeight, turn, nudge) + turnedAwayScore(fitting, turn);
  };
  base = { ...base, ...variants[0] };
  /** Whether a placement keeps clear of every zone and (a working hand) on the body: no search needed. */
  const isClear = (p: HandPlacement) =>
    fitScore(outline(p), fitting, undefined, { offAccepted: offBodyAccepted(fitting) }) !== null;
  for (const v of variants) if (isClear({ ...base, ...v })) return { ...base, ...v };
  if (options.hint) {
    // Not clear as it is: the neighbourhood's fit, when it clears this hand, spares the search.
    // A hint that turns a working hand aside or back is not taken on its own: the search may find a small move.
    const hinted = fitApplied(base, options.hint);
    if (turnedAwayScore(fitting, options.hint.turn) === 0 && isClear(hinted)) return hinted;
  }
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  const outward = Math.abs(base.at.x) < 0.002 ? 0 : Math.sign(base.at.x);
  // Moves: none, outward across the body (away from the midline), then along it either way.
  const moves: [number, number][] = [[0, 0]];
  for (const n of NUDGES.slice(1)) {
    if (outward !== 0) moves.push([outward * n, 0]);
    moves.push([0, n], [0, -n]);
  }
  // Turns alone first; moves only for a hand that presses near a hard zone and cannot be turned clear.
  const pressZones = fitting.forbidden.filter((z) => !z.isSoft && z.margin > 0);
  const canMove =
    pressZones.length > 0 &&
    fitScore(outline(base), { ...fitting, forbidden: pressZones, zones: zoneListGrid(pressZones) })!.hits > 0;
  // Every move and turn (and variant), cheapest first: the turn and the move alone put a floor under a
  // placement's score, so once one placement scores under the next one's floor the search is over. Candidates of
  // equal cost keep their order (moves, then turns, then variants), so the result is the one a plain scan of that
  // order finds.
  // A placement that hits nothing hard scores under HIT_SCORE and beats any that does: the search first looks
  // only among those (a candidate is dropped at its first hit), and weighs hits against each other only when
  // every candidate hits something.
  const candidates = candidatesByCost(canMove ? moves : moves.slice(0, 1), variants.length);
  for (const ceiling of [HIT_SCORE, Number.POSITIVE_INFINITY]) {
    bestScore = ceiling;
    for (const c of candidates) {
      if (c.floor >= bestScore - 1e-9) break;
      // A turn aside or back adds its cost to the floor: no need to place a candidate that cannot win.
      if (c.floor + turnedAwayScore(fitting, c.turn) >= bestScore - 1e-9) continue;
      const [dx, dy] = c.move;
      const p: HandPlacement = {
        ...base,
        ...variants[c.variant],
        at: { x: base.at.x + dx, y: base.at.y + dy },
        angle: base.angle + c.turn,
      };
      const s = score(p, c.turn, c.nudge, bestScore);
      if (s < bestScore - 1e-9) {
        bestScore = s;
        best = p;
      }
    }
    if (bestScore < ceiling) break;
  }
  return best;
}

/** Whether any sample point of the parts' edges comes within 0.002 H of the face or throat. */
function touchesFace(parts: readonly (readonly BodyPoint[])[]): boolean {
  const face = zoneGrid(FACE_AND_THROAT, 0.002);
  return !everySample(parts, (x, y) => !isWithinZone(face, x, y));
}

/** Position and angle steps of the fitting's memo: a fit is computed on this grid, then applied to the hand. */
const FIT_STEP = 0.001;
const FIT_ANGLE_STEP = Math.PI / 360;
/**
 * Steps of the coarse grid whose fits are tried first on a miss (about 1.7 cm and 5°): a moving hand is on a new
 * fine cell every frame, and the search costs a millisecond where the neighbourhood's fit, checked, costs one count.
 */
const HINT_STEP = 0.01;
const HINT_ANGLE_STEP = Math.PI / 36;

/** A fit as the memo keeps it: a turn and a move of the hand (and a stacked hand's side). */
interface Fit {
  readonly turn: number;
  readonly dx: number;
  readonly dy: number;
  readonly stackTurn?: 1 | -1;
}

const fitMemo = new Map<string, Fit>();
const hintMemo = new Map<string, Fit>();

/** The most fits kept, the least recently used going first: enough for the hands that hold still, which hit it. */
const MOST_FITS = 1000;
const excludedKeys = new WeakMap<readonly ForbiddenArea[], number>();
const excludedKeyOf = new Map<string, number>();

/** A short key for a list of excluded areas: equal lists, even made afresh, get the same number. */
function excludedKey(excluded: readonly ForbiddenArea[]): number {
  let key = excludedKeys.get(excluded);
  if (key === undefined) {
    const content = excluded
      .map((a) => `${a.surface}:${a.polygon.map((p) => `${p.x},${p.y}`).join(' ')}`)
      .join(';');
    key = excludedKeyOf.get(content);
    if (key === undefined) {
      key = excludedKeyOf.size;
      excludedKeyOf.set(content, key);
    }
    excludedKeys.set(excluded, key);
  }
  return key;
}

/** What a hand's fit depends on besides its position and angle (the memo's key, less those). */
function fitKind(
  state: HandState,
  options: { position: ClientPosition; excluded: readonly ForbiddenArea[] },
  isUnder: boolean,
): string {
  return [
    state.hand,
    state.tool,
    state.surface,
    state.isLifted,
    state.isHolding,
    state.pressure !== null && state.pressure > 0,
    isUnder,
    options.position,
    excludedKey(options.excluded),
  ].join('|');
}

/** The placement on a grid of these steps nearest to `base`. */
function gridPlacement(base: HandPlacement, step: number, angleStep: number): HandPlacement {
  return {
    ...base,
    at: { x: Math.round(base.at.x / step) * step, y: Math.round(base.at.y / step) * step },
    angle: Math.round(base.angle / angleStep) * angleStep,
  };
}

function gridKey(kind: string, p: HandPlacement, step: number, angleStep: number): string {
  return `${kind}|${Math.round(p.at.x / step)}|${Math.round(p.at.y / step)}|${Math.round(p.angle / angleStep)}`;
}

/** A placement turned and moved by a fit. */
function fitApplied(base: HandPlacement, fit: Fit): HandPlacement {
  return {
    ...base,
    at: { x: base.at.x + fit.dx, y: base.at.y + fit.dy },
    angle: base.angle + fit.turn,
    ...(fit.stackTurn ? { stackTurn: fit.stackTurn } : {}),
  };
}

/** The fit that turns and moves `from` to `to`. */
function fitBetween(from: HandPlacement, to: HandPlacement): Fit {
  return {
    turn: to.angle - from.angle,
    dx: to.at.x - from.at.x,
    dy: to.at.y - from.at.y,
    ...(to.stackTurn ? { stackTurn: to.stackTurn } : {}),
  };
}

/** The memo's entry for `key`, made by `made` on a miss (the least recently used going first when full). */
function memoised(memo: Map<string, Fit>, key: string, made: () => Fit): Fit {
  let fit = memo.get(key);
  if (fit) {
    // Used now: to the back of the queue.
    memo.delete(key);
    memo.set(key, fit);
    return fit;
  }
  fit = made();
  if (memo.size >= MOST_FITS) memo.delete(memo.keys().next().value!);
  memo.set(key, fit);
  return fit;
}

/**
 * The fitting, memoised: the hands of neighbouring frames (and of every repetition) share one fit, computed on a
 * fine grid of positions and angles, and applied to the hand as a turn and a move. On a miss, the fit of the
 * coarse cell around the hand (itself computed at that cell's centre) is tried before a search. Either way the
 * result depends on the hand alone, not on which frames came before: the player and the export draw alike.
 */
function placementFittedMemo(
  base: HandPlacement,
  lateralSign: -1 | 1,
  fitting: Fitting,
  kind: string,
  options: Parameters<typeof placementFitted>[3] = {},
): HandPlacement {
  const fine = gridPlacement(base, FIT_STEP, FIT_ANGLE_STEP);
  const fit = memoised(fitMemo, gridKey(kind, base, FIT_STEP, FIT_ANGLE_STEP), () => {
    const coarse = gridPlacement(base, HINT_STEP, HINT_ANGLE_STEP);
    const hint = memoised(hintMemo, gridKey(kind, base, HINT_STEP, HINT_ANGLE_STEP), () =>
      fitBetween(coarse, placementFitted(coarse, lateralSign, fitting, options)),
    );
    return fitBetween(fine, placementFitted(fine, lateralSign, fitting, { ...options, hint }));
  });
  return fitApplied(base, fit);
}

/** A region or an excluded area given to the fitting: its polygons in the body frame, per surface. */
export interface ForbiddenArea {
  readonly surface: Surface;
  readonly polygon: readonly XY[];
}

/** The never-press regions of a map (maxPressure 0), both sides, as forbidden areas. */
export function neverPressAreas(map: BodyMap): ForbiddenArea[] {
  const out: ForbiddenArea[] = [];
  for (const r of map.regions) {
    if (r.maxPressure > 0) continue;
    const left = r.polygon.map((p) => ({ x: p.x, y: p.y }));
    out.push({ surface: r.surface, polygon: left });
    if (r.isBilateral) out.push({ surface: r.surface, polygon: left.map((p) => ({ x: -p.x, y: p.y })) });
  }
  return out;
}

function nominalPlacement(state: HandState, stackIndex: number): HandPlacement {
  return {
    pose: state.isHolding ? 'hold' : TOOL_POSE[state.tool],
    at: { x: state.x, y: state.y },
    angle: state.angle,
    isMirrored: state.hand === 'left',
    stackIndex,
  };
}

/** A hand's outline (body frame) seen from above where and as the plan puts it, before any fitting. */
export function handOutlineAsPlanned(
  state: HandState,
  position: ClientPosition,
): readonly (readonly BodyPoint[])[] {
  const placement = nominalPlacement(state, 0);
  return placedParts(placement, position === 'supine' ? 1 : -1);
}

/**
 * The hands of a moment as the top view draws them: the HandStates placed with their poses, each turned about
 * its contact (or moved outward by at most DRAWN_NUDGE_MAX) so a pressing hand's whole outline keeps
 * DRAWN_MARGIN off the never-press regions and the plan's excluded areas, and a working hand lies on the body;
 * supine, a hand under the head or neck is cut away rather than drawn over the face or throat.
 */
export function drawnHandsTop(
  hands: readonly HandState[],
  options: {
    position: ClientPosition;
    neverPress: readonly ForbiddenArea[];
    excluded: readonly ForbiddenArea[];
  },
): DrawnHand[] {
  const lateralSign: -1 | 1 = options.position === 'supine' ? 1 : -1;
  const viewSurface = surfaceForPosition(options.position);
  let stacked = 0;
  let lower: HandPlacement | null = null;
  const out: DrawnHand[] = [];
  for (const state of hands) {
    const pose: PoseName = state.isHolding ? 'hold' : TOOL_POSE[state.tool];
    const stackIndex = state.tool === 'stacked-palms' ? Math.min(stacked++, 1) : 0;
    const isUnder = isHandUnder(state, viewSurface);
    const isPressing = state.pressure !== null && state.pressure > 0 && !state.isLifted && !state.isHolding;
    const zones: Zone[] = [];
    // A lifted hand is drawn over the body it just left or is about to touch: it keeps off the hatched and greyed
    // zones too (ILLUSTRATION.md: nothing drawn lies on them), or the learner copies a hand on the spine.
    if (isPressing || (state.isLifted && !isUnder)) {
      for (const a of [...options.neverPress, ...options.excluded])
        if (a.surface === state.surface) zones.push({ polygon: a.polygon, margin: DRAWN_MARGIN });
    }
    if (!isUnder && viewSurface === 'anterior') zones.push({ polygon: FACE_AND_THROAT, margin: 0 });
    // Nothing drawn beyond the head end of the picture (the table starts 0.035 H above the crown).
    zones.push({ polygon: BEYOND_HEAD_END, margin: 0 });
    // A hand that holds a foot (or grasps beside one) leaves as much of it in sight as it can: the learner must see
    // what the other hand does to it. A working grasp on the foot itself (cupping the sole) is left as it is.
    const isOnFoot = FEET.some((f) => polygonContains(f, state));
    if (!isUnder && (state.isHolding || (pose === 'grasp' && !isOnFoot)))
      for (const f of FEET) zones.push({ polygon: f, margin: 0, isSoft: true });
    // A hand working the back or the legs keeps off the head (no fist on the back of the head).
    if (!isUnder && viewSurface === 'posterior' && state.y > 0.17 && !state.isLifted)
      zones.push({ polygon: HEAD_AND_NECK, margin: 0, isSoft: true });
    let placement = nominalPlacement(state, stackIndex);
    const nominal = placedParts(placement, lateralSign);
    if (isUnder && viewSurface === 'anterior' && touchesFace(nominal)) {
      // Under the head or neck, seen from above face up: cut away, no fitting needed.
      out.push({
        state,
        pose,
        at: { x: state.x, y: state.y },
        angle: state.angle,
        surface: state.surface,
        isShown: false,
        isUnder,
        isPressing,
        stackIndex,
        parts: nominal,
      });
      continue;
    }
    const forbidden = zones.map(gridded);
    const fitting: Fitting = {
      forbidden,
      zones: zoneListGrid(forbidden),
      body: bodyPolygons,
      isWorking: !state.isLifted && !state.isHolding && !isUnder,
      keepsItsTurn: isPressing && pose !== 'thumb',
      otherLeg: state.y > LEGS_APART_FROM && Math.abs(state.x) > 0.01 ? (state.x < 0 ? 1 : -1) : 0,
    };
    if (stackIndex > 0 && lower) {
      // The upper hand of a stack lies where the lower one's fitting put the pair.
      placement = { ...lower, stackIndex: 1 };
    } else if (state.tool === 'stacked-palms') {
      // Both hands of the stack are fitted together, the upper one turned to whichever side keeps the pair clear.
      const pair = (p: HandPlacement) => [
        placedOutline({ ...p, stackIndex: 0 }, lateralSign),
        placedOutline({ ...p, stackIndex: 1 }, lateralSign),
      ];
      placement = placementFittedMemo(
        placement,
        lateralSign,
        fitting,
        `stack|${fitKind(state, options, isUnder)}`,
        {
          samples: pair,
          variants: [{ stackTurn: 1 }, { stackTurn: -1 }],
        },
      );
      lower = placement;
    } else {
      placement = placementFittedMemo(placement, lateralSign, fitting, fitKind(state, options, isUnder));
    }
    const parts = placedParts(placement, lateralSign);
    // Seen from above, supine, a hand under the head or neck, or one at the crown that cannot be drawn off the
    // face, would lie over the face or throat: the view cuts it away (the head-end view shows it).
    const isShown = !(viewSurface === 'anterior' && touchesFace(parts));
    out.push({
      state,
      pose,
      at: { x: placement.at.x, y: placement.at.y },
      angle: placement.angle,
      surface: state.surface,
      isShown,
      isUnder,
      isPressing,
      stackIndex,
      ...(placement.stackTurn ? { stackTurn: placement.stackTurn } : {}),
      parts,
      ...(viewSurface === 'posterior' && !isUnder && isAloftOverHead(pose, parts)
        ? { isAloftOverHead: true as const }
        : {}),
    });
  }
  return out;
}

/** The plan's excluded areas as polygons per surface (a midline region excluded on one side: that half only). */
export function excludedAreaPolygons(
  map: BodyMap,
  excluded: readonly { readonly region: string; readonly side: 'left' | 'right' | null }[],
): ForbiddenArea[] {
  const out: ForbiddenArea[] = [];
  for (const area of excluded) {
    for (const r of map.regions) {
      if (r.id !== area.region && !r.id.startsWith(`${area.region}.`)) continue;
      const left = r.polygon.map((p) => ({ x: p.x, y: p.y }));
      if (!r.isBilateral) {
        const half =
          area.side === null
            ? left
            : left.map((p) => ({ x: area.side === 'left' ? Math.min(p.x, 0) : Math.max(p.x, 0), y: p.y }));
        out.push({ surface: r.surface, polygon: half });
        continue;
      }
      if (area.side !== 'right') out.push({ surface: r.surface, polygon: left });
      if (area.side !== 'left')
        out.push({ surface: r.surface, polygon: left.map((p) => ({ x: -p.x, y: p.y })) });
    }
  }
  return out;
}

/** The parts of a drawn hand that belong to the hand itself (palm, fingers, thumb), not the wrist, sleeve or forearm. */
export function handOnlyParts(drawn: DrawnHand): readonly (readonly BodyPoint[])[] {
  const digits = POSES[drawn.pose].digits;
  return drawn.parts.filter((_, i) => {
    const d: Digit | undefined = digits[i - 1];
    return i === 0 || !(d?.isArm || d?.isSleeve);
  });
}
