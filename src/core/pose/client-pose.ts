import type { ClientPosition, Side } from '../ids.js';
import type { PoseSpec, PoseWindow } from './pose-spec.js';
import type { PoseMove, PoseSelection } from './pose-types.js';
import { restClientJoints } from './rest-body.js';
import { type Vec3, vecCross, vecDifference, vecRotated, vecScaled, vecSum, vecUnit } from './vec3.js';

const DEG = Math.PI / 180;
const X_AXIS: Vec3 = [1, 0, 0];

/** Eases 0…1 in and out (smoothstep). */
function eased(u: number): number {
  const t = Math.max(0, Math.min(1, u));
  return t * t * (3 - 2 * t);
}

/**
 * How far a move has gone at `phase`: inside its window it eases in and out over a quarter each (`in-out`), or rises
 * over the whole window and stays up to the repetition's end (`in`), or is up from the start and settles over the
 * window (`out`); with no window, the extent.
 */
function windowed(
  phase: number,
  extent: number,
  during: PoseWindow | undefined,
  ease: 'in-out' | 'in' | 'out' = 'in-out',
): number {
  if (!during) return Math.max(0, Math.min(1, extent));
  const [a, b] = during;
  if (b <= a) return 0;
  const u = (phase - a) / (b - a);
  if (ease === 'in') return eased(u);
  if (ease === 'out') return 1 - eased(u);
  if (u <= 0 || u >= 1) return 0;
  return eased(Math.min(u / 0.25, (1 - u) / 0.25, 1));
}

/** The target of a sequence of turns at `phase`: one per equal slice of the window, each eased in, held, eased out. */
function sequenced(phase: number, degrees: readonly number[], during: PoseWindow | undefined): number {
  const [a, b] = during ?? [0, 1];
  if (b <= a || phase <= a || phase >= b) return 0;
  const u = ((phase - a) / (b - a)) * degrees.length;
  const k = Math.min(Math.floor(u), degrees.length - 1);
  const local = u - k;
  return degrees[k]! * eased(Math.min(local / 0.3, (1 - local) / 0.3, 1));
}

function sideSelection(side: Side | null, yMin: number, yMax = 2, fade = 0): PoseSelection {
  return { side, yMin, yMax, fade };
}

/** What the moves are computed from: the position, the worked side, the practitioner's place, the phase. */
export interface ClientPoseInput {
  readonly position: ClientPosition;
  readonly spec: PoseSpec;
  readonly workedSide: Side | null;
  readonly place: 'left' | 'right' | 'head' | 'feet';
  readonly phase: number;
  readonly extent: number;
  /** 1-based; the ankle circle turns one way on odd repetitions, the other on even ones, unless `turn` says. */
  readonly repetition: number;
  /** A part's fixed turn (the seed: "alternately, one way, then another"). */
  readonly turn?: 'one-way' | 'other-way' | undefined;
}

/** Which way the ankle circle turns: a part's fixed turn, else alternating by repetition (as the hand's motion). */
export function circleSense(turn: ClientPoseInput['turn'], repetition: number): 1 | -1 {
  if (turn === 'one-way') return 1;
  if (turn === 'other-way') return -1;
  return repetition % 2 === 1 ? 1 : -1;
}

/**
 * The moves that pose the client for a technique's spec at a phase, child joints first (ankle, knee, hip), then the
 * head and the back. Leg moves need a worked side; without one they are left out.
 */
export function clientPoseMoves(input: ClientPoseInput): PoseMove[] {
  const { spec, position, workedSide: side, phase, extent } = input;
  const rest = restClientJoints(position);
  const moves: PoseMove[] = [];
  if (side) {
    const hip = rest[`hip-${side}`]!;
    const knee = rest[`knee-${side}`]!;
    const ankle = rest[`ankle-${side}`]!;
    const toes = rest[`toes-${side}`]!;
    const shank = vecDifference(knee, ankle);
    const foot = vecDifference(toes, ankle);
    // Turning the foot about shank × foot by a negative angle brings the toes toward the shin.
    const flexAxis = vecUnit(vecCross(shank, foot));
    const footSelect = sideSelection(side, ankle[1] - 0.004);
    if (spec.ankle) {
      const degrees = sequenced(phase, spec.ankle.degrees, spec.ankle.during);
      if (degrees !== 0)
        moves.push({
          kind: 'rotate',
          select: footSelect,
          origin: ankle,
          axis: flexAxis,
          angle: -degrees * DEG,
        });
    }
    if (spec.ankleCircle) {
      const sense = circleSense(input.turn, input.repetition);
      const theta = sense * 2 * Math.PI * extent;
      const size = spec.ankleCircle.degrees * Math.min(1, extent * 8, (1 - extent) * 8);
      const flex = size * Math.cos(theta);
      const turn = size * Math.sin(theta);
      if (flex !== 0)
        moves.push({ kind: 'rotate', select: footSelect, origin: ankle, axis: flexAxis, angle: -flex * DEG });
      if (turn !== 0)
        moves.push({
          kind: 'rotate',
          select: footSelect,
          origin: ankle,
          axis: vecUnit(shank),
          angle: turn * DEG,
        });
    }
    if (spec.kneeBend && position === 'prone' && spec.kneeBend.degrees > 0) {
      // Prone, bending the knee raises the shank: turn about +x through the knee.
      moves.push({
        kind: 'rotate',
        select: sideSelection(side, knee[1] - 0.01),
        origin: knee,
        axis: X_AXIS,
        angle: spec.kneeBend.degrees * DEG,
      });
    }
    if (spec.legLift) {
      const amount = windowed(phase, extent, spec.legLift.during);
      const straighten = spec.legLift.kneeDegrees ?? 0;
      // The seed lifts "the elongated leg": the knee the ankle bolster bends straightens as the leg leaves it (turned
      // first, about the knee at rest, so the hip's turn then carries the straightened leg).
      if (amount > 0 && straighten > 0)
        moves.push({
          kind: 'rotate',
          select: sideSelection(side, knee[1] - 0.01),
          origin: knee,
          axis: X_AXIS,
          angle: -straighten * amount * DEG,
        });
      if (amount > 0)
        moves.push({
          kind: 'rotate',
          select: sideSelection(side, hip[1] - 0.01),
          origin: hip,
          axis: X_AXIS,
          // Prone, hip extension raises the leg; supine, hip flexion does (both turn about +x).
          angle: spec.legLift.hipDegrees * amount * DEG,
        });
    }
  }
  if (spec.headLift) {
    const amount = windowed(phase, extent, spec.headLift.during);
    if (amount > 0) {
      // Drawn toward the practitioner: from the head end, toward the crown.
      const pull = input.place === 'head' ? -spec.headLift.pull : 0;
      moves.push({
        kind: 'translate',
        select: sideSelection(null, -1, 0.125, 0.035),
        by: [0, pull * amount, spec.headLift.lift * amount],
      });
    }
  }
  if (spec.backArch) {
    const amount = windowed(phase, extent, spec.backArch.during, spec.backArch.ease);
    if (amount > 0)
      moves.push({
        kind: 'bump',
        select: sideSelection(null, 0.17, 0.43, 0),
        peakY: 0.3,
        halfLength: 0.14,
        rise: spec.backArch.rise * amount,
      });
  }
  return moves;
}

/** How fully a move carries the rest point p (0…1). */
export function selectionWeight(s: PoseSelection, p: Vec3): number {
  if (s.side === 'left' && p[0] > 0.004) return 0;
  if (s.side === 'right' && p[0] < -0.004) return 0;
  const y = p[1];
  if (y >= s.yMin && y <= s.yMax) return 1;
  if (s.fade <= 0) return 0;
  const d = y < s.yMin ? s.yMin - y : y - s.yMax;
  return d >= s.fade ? 0 : 1 - d / s.fade;
}

/** Where the moves put a point of the body at rest (selection by the rest point; moves applied in order). */
export function posedPoint(moves: readonly PoseMove[], rest: Vec3): Vec3 {
  let p = rest;
  for (const move of moves) {
    const w = selectionWeight(move.select, rest);
    if (w === 0) continue;
    if (move.kind === 'rotate') {
      p = vecSum(move.origin, vecRotated(vecDifference(p, move.origin), move.axis, move.angle * w));
    } else if (move.kind === 'translate') {
      p = vecSum(p, vecScaled(move.by, w));
    } else {
      const d = Math.abs(rest[1] - move.peakY) / move.halfLength;
      if (d < 1) {
        const c = Math.cos((d * Math.PI) / 2);
        p = [p[0], p[1], p[2] + move.rise * w * c * c];
      }
    }
  }
  return p;
}

/** Where the moves turn a direction attached to the rest point (rotations only). */
export function posedDirection(moves: readonly PoseMove[], rest: Vec3, direction: Vec3): Vec3 {
  let d = direction;
  for (const move of moves) {
    if (move.kind !== 'rotate') continue;
    const w = selectionWeight(move.select, rest);
    if (w > 0) d = vecRotated(d, move.axis, move.angle * w);
  }
  return d;
}
