import { cumulativeSegment } from '../geometry.js';
import type { Surface } from '../ids.js';
import type { HandState } from '../moment.js';
import type { HandLane, MotionFrame, MotionInput, MotionLine, MotionTrack } from './types.js';

// Shared motion helpers: sampling a line, passes along a track, placing a hand, holding hands.

/** A full turn, in radians. */
export const TAU = Math.PI * 2;
/** The share of a repetition spent repositioning (lifted) when a track has no way back. */
export const REPOSITION_SHARE = 0.12;

/** `v` clamped to [0, 1]. */
export function clamp01(v: number): number {
  return v < 0 ? 0 : Math.min(v, 1);
}

/** The smooth ease 3u² − 2u³ of `u` clamped to [0, 1]. */
export function smoothstep(u: number): number {
  const v = clamp01(u);
  return v * v * (3 - 2 * v);
}

/** An angle brought into (−π, π]. */
export function angleNormal(a: number): number {
  let v = a;
  while (v > Math.PI) v -= TAU;
  while (v <= -Math.PI) v += TAU;
  return v;
}

/** The fractional part of `v`. */
export function fract(v: number): number {
  return v - Math.floor(v);
}

/** A sample of a line: position, heading and surface. */
export interface LineSample {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly surface: Surface;
}

/** Samples a line at fraction `s`: a new value each call. */
export function lineAt(line: Omit<MotionLine, 'pressure'>, s: number): LineSample {
  const { xs, ys, cumulative, headings, surfaces } = line;
  const n = xs.length;
  if (n < 2) {
    return {
      x: xs[0] ?? 0,
      y: ys[0] ?? 0,
      heading: headings[0] ?? Math.PI / 2,
      surface: surfaces[0] ?? 'posterior',
    };
  }
  const target = clamp01(s) * line.length;
  const lo = cumulativeSegment(cumulative, target);
  const c0 = cumulative[lo - 1]!;
  const segment = cumulative[lo]! - c0;
  const f = segment === 0 ? 0 : (target - c0) / segment;
  const x0 = xs[lo - 1]!;
  const y0 = ys[lo - 1]!;
  return {
    x: x0 + (xs[lo]! - x0) * f,
    y: y0 + (ys[lo]! - y0) * f,
    heading: headings[lo]!,
    surface: surfaces[lo - 1]!,
  };
}

/** Where a hand is in a repetition's passes: the line, the progress along it, and whether it is lifted. */
export interface Pass {
  readonly line: MotionLine;
  /** 0…1 through this pass. */
  readonly u: number;
  /** True when the pass runs the stroke line backwards (a lifted reposition). */
  readonly isReversed: boolean;
  readonly isBack: boolean;
  readonly isLifted: boolean;
  /** The share of the repetition this pass takes. */
  readonly share: number;
}

/** The share of a repetition the way back takes: a pressing return works, a lifted one only travels. */
export interface BackShares {
  readonly pressing: number;
  readonly lifted: number;
}

/** A glide's way back: 40 % of the repetition pressing, 30 % lifted. */
export const GLIDE_BACK: BackShares = { pressing: 0.4, lifted: 0.3 };
/** Press, knead and friction: a pressing way back is a second working pass (half), a lifted one short. */
export const WORK_BACK: BackShares = { pressing: 0.5, lifted: 0.15 };
/** Drainage works toward the heart; its way back is short either way. */
export const DRAIN_BACK: BackShares = { pressing: 0.3, lifted: 0.15 };

/**
 * Splits a repetition into the stroke and the way back: the explicit return (its share from `shares`),
 * else a short lifted reposition when another repetition follows, else the stroke alone.
 */
export function passAt(track: MotionTrack, phase: number, shares: BackShares, reps: number): Pass {
  const back = track.back;
  if (back) {
    const backShare = track.isBackPressing ? shares.pressing : shares.lifted;
    const split = 1 - backShare;
    if (phase < split) return pass(track.stroke, phase / split, split, { isBack: false, isLifted: false });
    return pass(back, (phase - split) / backShare, backShare, {
      isBack: true,
      isLifted: !track.isBackPressing,
    });
  }
  if (reps > 1) {
    const split = 1 - REPOSITION_SHARE;
    if (phase < split) return pass(track.stroke, phase / split, split, { isBack: false, isLifted: false });
    return {
      line: track.stroke,
      u: (phase - split) / REPOSITION_SHARE,
      isReversed: true,
      isBack: true,
      isLifted: true,
      share: REPOSITION_SHARE,
    };
  }
  return pass(track.stroke, phase, 1, { isBack: false, isLifted: false });
}

function pass(
  line: MotionLine,
  u: number,
  share: number,
  options: { isBack: boolean; isLifted: boolean },
): Pass {
  return { line, u, isReversed: false, isBack: options.isBack, isLifted: options.isLifted, share };
}

/**
 * The fraction along the pass's line for progress `u`, with the lane's trail applied. On the stroke, a leading and a
 * trailing hand keep their distance from start to end: the leader starts that far along, the trailer ends that far
 * short (neither waits on the other, so they never lie on each other).
 */
export function passFraction(pass: Pass, u: number, lane: HandLane): number {
  const spacing = lane.lead > 0 ? lane.lead : lane.trail;
  if (spacing > 0 && !pass.isBack && !pass.isReversed && pass.line.length > 0) {
    const gap = Math.min(spacing / pass.line.length, 0.5);
    return clamp01(lane.lead > 0 ? gap + u * (1 - gap) : u * (1 - gap));
  }
  const trail = lane.trail > 0 && pass.line.length > 0 ? lane.trail / pass.line.length : 0;
  return pass.isReversed ? clamp01(1 - u + trail) : clamp01(u - trail);
}

/**
 * The direction the fingers point: the step's `fingers` rule; by default along the stroke, kept on the way
 * back, facing the midline when mirrored hands move sideways.
 */
export function fingerAngle(track: MotionTrack, sample: LineSample, isBack: boolean, x: number): number {
  const lane = track.lane;
  const heading = isBack ? angleNormal(sample.heading + Math.PI) : sample.heading;
  const rule = track.fingers;
  if (rule === 'toward-head') return -Math.PI / 2;
  if (rule === 'toward-feet') return Math.PI / 2;
  if (rule === 'away-from-practitioner') return track.awayAngle;
  if (rule === 'facing' && x !== 0) return x < 0 ? 0 : Math.PI;
  if (rule === 'across') {
    // Perpendicular to the stroke, on the side that points away from the practitioner.
    const a = angleNormal(sample.heading + Math.PI / 2);
    const b = angleNormal(sample.heading - Math.PI / 2);
    return Math.cos(a - track.awayAngle) >= Math.cos(b - track.awayAngle) ? a : b;
  }
  // Sideways by a margin: at 45° (round a shoulder) rounding must not tip one mirrored hand and not the other.
  if (lane.facesMidline && Math.abs(Math.cos(heading)) > Math.abs(Math.sin(heading)) + 1e-9 && x !== 0) {
    return x < 0 ? 0 : Math.PI;
  }
  return heading;
}

/** A working hand's state at a point, offset by its lane; lifted hands press nothing. */
export function handAt(
  track: MotionTrack,
  x: number,
  y: number,
  surface: Surface,
  angle: number,
  pressure: number | null,
  options: { isLifted: boolean },
): HandState {
  return {
    hand: track.hand,
    tool: track.tool,
    x: x + track.lane.dx,
    y: y + track.lane.dy,
    surface,
    angle,
    pressure: options.isLifted ? null : pressure,
    isLifted: options.isLifted,
    isHolding: false,
  };
}

/** A supporting hand: still at its point, no pressure of its own. */
export function heldHand(track: MotionTrack): HandState {
  const line = track.stroke;
  return {
    hand: track.hand,
    tool: track.tool,
    x: line.xs[0]!,
    y: line.ys[0]!,
    surface: line.surfaces[0]!,
    angle: track.holdAngle,
    pressure: null,
    isLifted: false,
    isHolding: true,
  };
}

/** One working hand's state, with the phase name and extent it reports. */
export interface HandReport {
  readonly state: HandState;
  readonly phaseName: string;
  readonly extent: number;
}

/** One working hand's motion: its state and what it says about the phase. */
export type HandMotion = (track: MotionTrack, phase: number, rep: number, input: MotionInput) => HandReport;

/** What a motion reports when it has no working hand. */
export type Idle = (phase: number) => { phaseName: string; extent: number };

/** Runs a per-hand motion over every track; the first working hand names the phase. */
export function framed(
  input: MotionInput,
  phase: number,
  rep: number,
  motion: HandMotion,
  idle: Idle,
): MotionFrame {
  const tracks = input.tracks;
  const hands: HandState[] = new Array(tracks.length);
  let phaseName: string | undefined;
  let extent = 0;
  for (let i = 0; i < tracks.length; i++) {
    const track = tracks[i]!;
    if (track.isHolding) {
      hands[i] = heldHand(track);
      continue;
    }
    const report = motion(track, phase, rep, input);
    hands[i] = report.state;
    if (phaseName === undefined) {
      phaseName = report.phaseName;
      extent = report.extent;
    }
  }
  if (phaseName !== undefined) return { hands, phaseName, extent };
  const cycle = idle(phase);
  return { hands, phaseName: cycle.phaseName, extent: cycle.extent };
}

/** A hand's state with the phase name and extent its motion reports. */
export function handReport(state: HandState, phaseName: string, extent: number): HandReport {
  return { state, phaseName, extent };
}

/** An idle report that names one phase, with no extent. */
export function idleAs(phaseName: string): Idle {
  const report = Object.freeze({ phaseName, extent: 0 });
  return () => report;
}

/** A hand's own phase: behind the first hand by its lane's turn (a cyclic shift). */
export function turnedPhase(phase: number, lane: HandLane): number {
  return lane.turn === 0 ? phase : fract(phase - lane.turn);
}

/** Rises over [a, b], stays at 1 until c, falls over [c, d]. */
export function plateau(phase: number, a: number, b: number, c: number, d: number): number {
  if (phase < a) return 0;
  if (phase < b) return smoothstep((phase - a) / (b - a));
  if (phase < c) return 1;
  if (phase < d) return 1 - smoothstep((phase - c) / (d - c));
  return 0;
}
