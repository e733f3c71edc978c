import { bodyMapData } from '../content/body-map.js';
import { type BodyMap, bodyMapFromData, landmarkPoint, regionsAt } from './body-map.js';
import { cumulativeSegment } from './geometry.js';
import { type ContactTool, regionMatchesPrefix, type Surface, type TechniqueKind } from './ids.js';
import { cachedValue } from './memo.js';
import type { HandState } from './moment.js';
import type { HandTrack, PlannedStep, StepMotion, TrackPoint } from './plan-types.js';

// ---------------------------------------------------------------------------------------------
// Prepared track data: what a technique's motion reads. Built once per planned step (WeakMap).
// ---------------------------------------------------------------------------------------------

/** How many samples a line's pressure profile holds, evenly spaced from its start (0) to its end (1). */
export const PRESSURE_SAMPLES = 64;

/** A polyline prepared for fast sampling: coordinates, cumulative lengths, headings, surfaces and pressure. */
export interface MotionLine {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly cumulative: Float64Array;
  /** `headings[i]` is the heading of the segment ending at point i; `headings[0]` repeats `headings[1]`. */
  readonly headings: Float64Array;
  /** `surfaces[i]` is the surface from point i on (a waypoint's surface holds until the next change). */
  readonly surfaces: readonly Surface[];
  readonly length: number;
  /** Pressure at PRESSURE_SAMPLES fractions along the line; null when the step presses nothing. */
  readonly pressure: Float64Array | null;
}

/** Where a hand sits relative to the other, from the step's hand arrangement. */
export interface HandLane {
  /** The share of a cycle or pulse this hand runs behind the first (0.5: the hands take turns). */
  readonly turn: number;
  /** Body units this hand trails the leading one along the path (arrangement `together`). */
  readonly trail: number;
  /** A fixed offset (arrangement `stacked`: the top hand sits a little toward the head). */
  readonly dx: number;
  readonly dy: number;
  /** Fingers point toward the midline on lateral strokes (arrangement `mirrored`: fingers face each other). */
  readonly facesMidline: boolean;
}

/** One hand's prepared track: its stroke, its way back, its lane and what it holds. */
export interface MotionTrack {
  readonly hand: 'left' | 'right';
  readonly tool: ContactTool;
  readonly isHolding: boolean;
  readonly stroke: MotionLine;
  /** The explicit way back, or null (then the hand repositions lifted when the step has several reps). */
  readonly back: MotionLine | null;
  readonly isBackPressing: boolean;
  /** The smallest |x| the stroke and the way back come to: how far they stay from the spine line. */
  readonly spineDistance: number;
  /** Heading from the holding hand's point toward the working hand's start (π/2 when there is no hold). */
  readonly holdAngle: number;
  readonly lane: HandLane;
  /** The step's finger rule (absent: along the stroke). */
  readonly fingers: StepMotion['fingers'];
  /** The direction from the practitioner's place across the table (0: toward the client's right). */
  readonly awayAngle: number;
}

/** What a technique's motion is given: the hands' tracks for this repetition and the step's timing. */
export interface MotionInput {
  readonly tracks: readonly MotionTrack[];
  readonly reps: number;
  /** Seconds one repetition lasts in this plan. */
  readonly repSeconds: number;
}

/** The hands at one phase of a repetition, with the phase's name and the technique's extent. */
export interface MotionFrame {
  readonly hands: readonly HandState[];
  readonly phaseName: string;
  /** 0…1: lift height, stretch or pull amount, pulse depth, turn of the circle … (see each technique). */
  readonly extent: number;
}

/** A technique kind's own motion: how the hands move through one repetition, and how it is named. */
export interface TechniqueMotion {
  /** Every phase name the motion may report, in the order they occur. */
  readonly phaseNames: readonly string[];
  /** The verb narration uses for it ("glide", "knead" …). */
  readonly verb: string;
  /** Tags rules can match on the technique itself (e.g. `joint-movement`, `stretch`). */
  readonly tags: readonly string[];
  /** True when the two working hands take turns by nature (press, squeeze), whatever the arrangement. */
  readonly alternatesHands: boolean;
  /** How far (body units) a hand may leave its track's bounding box (a circle's radius, a pull). */
  readonly reach: number;
  /** The reach on a track that comes within `spineDistance` of x = 0 (a knead circle shrinks there). */
  reachFor(spineDistance: number): number;
  /** The hands at `phase` (0…1) of repetition `rep` (0-based). */
  handsAt(input: MotionInput, phase: number, rep: number): MotionFrame;
}

let builtinMap: BodyMap | undefined;
function bodyMap(): BodyMap {
  builtinMap ??= bodyMapFromData(bodyMapData);
  return builtinMap;
}

const TAU = Math.PI * 2;
/** The spine line's half-width (BODY-PROPORTIONS.md): a thumb never comes closer to x = 0. */
export const SPINE_HALF_WIDTH = 0.008;
/** A knead circle's radius (body units) where nothing forces it smaller. */
export const KNEAD_RADIUS = 0.008;
/** The margin kept beyond the spine line's half-width when a knead circle is clamped. */
const SPINE_MARGIN = 0.0005;
/** A friction circle's radius. */
export const FRICTION_RADIUS = 0.005;
/** How far the second hand trails the first with arrangement `together`. */
export const TOGETHER_TRAIL = 0.04;
/** The stacked top hand's offset toward the head. */
export const STACKED_OFFSET = 0.005;
/** The cranial shift of a traction's pull. */
export const TRACTION_PULL = 0.01;
/** How far a tug draws the strand away from the head. */
export const TUG_DRAW = 0.03;
/** The radius of a rotation's circle at most. */
export const ROTATE_RADIUS = 0.015;
/** The share of a repetition spent repositioning (lifted) when a track has no way back. */
const REPOSITION_SHARE = 0.12;

function clamp01(v: number): number {
  return v < 0 ? 0 : Math.min(v, 1);
}

function smoothstep(u: number): number {
  const v = clamp01(u);
  return v * v * (3 - 2 * v);
}

function angleNormal(a: number): number {
  let v = a;
  while (v > Math.PI) v -= TAU;
  while (v <= -Math.PI) v += TAU;
  return v;
}

function fract(v: number): number {
  return v - Math.floor(v);
}

function lineFromPoints(
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
  return { ...line, pressure: pressureProfile(line, pressure, byRegion, reach) };
}

/** A sample of a line: position, heading and surface. */
interface LineSample {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly surface: Surface;
}

/** The one sample lineAt writes (no allocation per call): read it before the next call. */
const sampled: { x: number; y: number; heading: number; surface: Surface } = {
  x: 0,
  y: 0,
  heading: 0,
  surface: 'posterior',
};

/** Samples a line at fraction `s`; the result is overwritten by the next call (callers copy what they keep). */
function lineAt(line: Omit<MotionLine, 'pressure'>, s: number): LineSample {
  const { xs, ys, cumulative, headings, surfaces } = line;
  const n = xs.length;
  const out = sampled;
  if (n < 2) {
    out.x = xs[0] ?? 0;
    out.y = ys[0] ?? 0;
    out.heading = headings[0] ?? Math.PI / 2;
    out.surface = surfaces[0] ?? 'posterior';
    return out;
  }
  const target = clamp01(s) * line.length;
  const lo = cumulativeSegment(cumulative, target);
  const c0 = cumulative[lo - 1]!;
  const segment = cumulative[lo]! - c0;
  const f = segment === 0 ? 0 : (target - c0) / segment;
  const x0 = xs[lo - 1]!;
  const y0 = ys[lo - 1]!;
  out.x = x0 + (xs[lo]! - x0) * f;
  out.y = y0 + (ys[lo]! - y0) * f;
  out.heading = headings[lo]!;
  out.surface = surfaces[lo - 1]!;
  return out;
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
  line: Omit<MotionLine, 'pressure'>,
  pressure: number | null,
  byRegion: readonly (readonly [string, number])[],
  reach: number,
): Float64Array | null {
  if (pressure === null) return null;
  const out = new Float64Array(PRESSURE_SAMPLES);
  const map = bodyMap();
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

const SOLO: HandLane = { turn: 0, trail: 0, dx: 0, dy: 0, facesMidline: false };

/** How each arrangement places the second working hand relative to the first (index 0 or 1). */
const arrangementLanes: Record<Arrangement, (index: number, alternates: boolean) => HandLane> = {
  mirrored: (index, alternates) => ({ ...SOLO, turn: alternates ? index * 0.5 : 0, facesMidline: true }),
  stacked: (index) => ({ ...SOLO, dy: index > 0 ? -STACKED_OFFSET : 0 }),
  together: (index, alternates) => ({
    ...SOLO,
    turn: alternates ? index * 0.5 : 0,
    trail: index > 0 ? TOGETHER_TRAIL : 0,
  }),
  alternating: (index) => ({ ...SOLO, turn: index * 0.5 }),
  'hold-and-work': () => SOLO,
  independent: (index, alternates) => ({ ...SOLO, turn: alternates ? index * 0.5 : 0 }),
  none: () => SOLO,
};

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
  let workingIndex = 0;
  return usable.map((h: HandTrack): MotionTrack => {
    const isHolding = h.isHolding ?? false;
    const pressure = isHolding ? null : step.pressure;
    const lane = isHolding
      ? SOLO
      : arrangementLanes[step.motion.arrangement](workingIndex++, motion.alternatesHands);
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
      stroke: lineFromPoints(strokePoints, pressure, byRegion, reach),
      back: backPoints
        ? lineFromPoints(backPoints, isBackPressing ? backPressure(pressure, h) : null, byRegion, reach)
        : null,
      isBackPressing,
      spineDistance,
      holdAngle: headingFrom(holdStart, workStart),
      lane,
      fingers: step.motion.fingers,
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

const preparedMotions = new WeakMap<PlannedStep, PreparedMotion>();

/** The step's motion prepared once (cached by the step object): tracks, lanes and pressure profiles. */
export function stepMotionPrepared(step: PlannedStep): PreparedMotion {
  return cachedValue(preparedMotions, step, stepMotionPreparedNow);
}

function stepMotionPreparedNow(step: PlannedStep): PreparedMotion {
  const technique = techniqueMotions[step.technique];
  const reps = Math.max(1, Math.floor(step.reps));
  const repSeconds = step.duration > 0 ? step.duration / reps : 0;
  const input: MotionInput = {
    tracks: tracksPrepared(step, technique, { isMirrored: false }),
    reps,
    repSeconds,
  };
  const mirrored: MotionInput | null = step.motion.alternateSidesEachRep
    ? { tracks: tracksPrepared(step, technique, { isMirrored: true }), reps, repSeconds }
    : null;
  return { technique, input, mirrored };
}

// ---------------------------------------------------------------------------------------------
// Shared motion helpers: passes along a track, placing a hand, holding hands.
// ---------------------------------------------------------------------------------------------

/** Where a hand is in a repetition's passes: the line, the progress along it, and whether it is lifted. */
interface Pass {
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

/** The one pass passAt writes (no allocation per call). */
const passed: { -readonly [K in keyof Pass]: Pass[K] } = {
  line: {
    xs: new Float64Array(0),
    ys: new Float64Array(0),
    cumulative: new Float64Array(0),
    headings: new Float64Array(0),
    surfaces: [],
    length: 0,
    pressure: null,
  },
  u: 0,
  isReversed: false,
  isBack: false,
  isLifted: false,
  share: 1,
};

/** The share of a repetition the way back takes: a pressing return works, a lifted one only travels. */
interface BackShares {
  readonly pressing: number;
  readonly lifted: number;
}

/** A glide's way back: 40 % of the repetition pressing, 30 % lifted. */
const GLIDE_BACK: BackShares = { pressing: 0.4, lifted: 0.3 };
/** Press, knead and friction: a pressing way back is a second working pass (half), a lifted one short. */
const WORK_BACK: BackShares = { pressing: 0.5, lifted: 0.15 };
/** Drainage works toward the heart; its way back is short either way. */
const DRAIN_BACK: BackShares = { pressing: 0.3, lifted: 0.15 };

/**
 * Splits a repetition into the stroke and the way back: the explicit return (its share from `shares`),
 * else a short lifted reposition when another repetition follows, else the stroke alone.
 */
function passAt(track: MotionTrack, phase: number, shares: BackShares, reps: number): Pass {
  const out = passed;
  const back = track.back;
  out.line = track.stroke;
  out.u = phase;
  out.isReversed = false;
  out.isBack = false;
  out.isLifted = false;
  out.share = 1;
  if (back) {
    const backShare = track.isBackPressing ? shares.pressing : shares.lifted;
    const split = 1 - backShare;
    if (phase < split) {
      out.u = phase / split;
      out.share = split;
    } else {
      out.line = back;
      out.u = (phase - split) / backShare;
      out.isBack = true;
      out.isLifted = !track.isBackPressing;
      out.share = backShare;
    }
  } else if (reps > 1) {
    const split = 1 - REPOSITION_SHARE;
    if (phase < split) {
      out.u = phase / split;
      out.share = split;
    } else {
      out.u = (phase - split) / REPOSITION_SHARE;
      out.isReversed = true;
      out.isBack = true;
      out.isLifted = true;
      out.share = REPOSITION_SHARE;
    }
  }
  return out;
}

/** The fraction along the pass's line for progress `u`, with the lane's trail applied. */
function passFraction(pass: Pass, u: number, lane: HandLane): number {
  const trail = lane.trail > 0 && pass.line.length > 0 ? lane.trail / pass.line.length : 0;
  return pass.isReversed ? clamp01(1 - u + trail) : clamp01(u - trail);
}

/**
 * The direction the fingers point: the step's `fingers` rule; by default along the stroke, kept on the way
 * back, facing the midline when mirrored hands move sideways.
 */
function fingerAngle(track: MotionTrack, sample: LineSample, isBack: boolean, x: number): number {
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
  if (lane.facesMidline && Math.abs(Math.cos(heading)) > Math.abs(Math.sin(heading)) && x !== 0) {
    return x < 0 ? 0 : Math.PI;
  }
  return heading;
}

function handAt(
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
function heldHand(track: MotionTrack): HandState {
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

/** What the first working hand's motion says about the phase: written by each HandMotion call. */
const said = { phaseName: '', extent: 0 };

/** One working hand's state; it also writes the phase name and extent it reports into `said`. */
type HandMotion = (track: MotionTrack, phase: number, rep: number, input: MotionInput) => HandState;

/** What a motion reports when it has no working hand. */
type Idle = (phase: number) => { phaseName: string; extent: number };

/** Runs a per-hand motion over every track; the first working hand names the phase. */
function framed(input: MotionInput, phase: number, rep: number, motion: HandMotion, idle: Idle): MotionFrame {
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
    hands[i] = motion(track, phase, rep, input);
    if (phaseName === undefined) {
      phaseName = said.phaseName;
      extent = said.extent;
    }
  }
  if (phaseName !== undefined) return { hands, phaseName, extent };
  const cycle = idle(phase);
  return { hands, phaseName: cycle.phaseName, extent: cycle.extent };
}

/** Records what a hand's motion says about the phase, and passes its state through. */
function saying(state: HandState, phaseName: string, extent: number): HandState {
  said.phaseName = phaseName;
  said.extent = extent;
  return state;
}

/** An idle report that names one phase, with no extent. */
function idleAs(phaseName: string): Idle {
  const report = Object.freeze({ phaseName, extent: 0 });
  return () => report;
}

/** A hand's own phase: behind the first hand by its lane's turn (a cyclic shift). */
function turnedPhase(phase: number, lane: HandLane): number {
  return lane.turn === 0 ? phase : fract(phase - lane.turn);
}

// ---------------------------------------------------------------------------------------------
// The techniques.
// ---------------------------------------------------------------------------------------------

/** Glide: along the stroke (eased), then back lifted, pressing, or along the explicit return. */
function glideMotion(): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), GLIDE_BACK, input.reps);
    const u = pass.isLifted ? pass.u : smoothstep(pass.u);
    const s = passFraction(pass, u, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    const state = handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
      isLifted: pass.isLifted,
    });
    return saying(state, pass.isBack ? 'return' : 'stroke', 0);
  };
  const idle = idleAs('stroke');
  return {
    phaseNames: ['stroke', 'return'],
    verb: 'glide',
    tags: [],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/**
 * Pulses along a pass: `count` stops from start to end; in each the hand works (first `workShare`),
 * then moves on to the next stop, lifted or keeping contact. A turned hand runs half a pulse behind.
 */
function pulseStop(k: number, count: number): number {
  return count > 1 ? clamp01(k / (count - 1)) : 0.5;
}

/** The one pulse pulseAt writes (no allocation per call). */
const pulsed = { s: 0, isWorking: false, depth: 0 };

function pulseAt(
  u: number,
  count: number,
  turn: number,
  workShare: number,
): { readonly s: number; readonly isWorking: boolean; readonly depth: number } {
  const out = pulsed;
  const v = u * count - turn;
  out.isWorking = false;
  out.depth = 0;
  if (v < 0) {
    out.s = pulseStop(0, count);
    return out;
  }
  const k = Math.min(Math.floor(v), count - 1);
  const w = Math.min(v - k, 1);
  if (w < workShare) {
    out.s = pulseStop(k, count);
    out.isWorking = true;
    out.depth = Math.sin((Math.PI * w) / workShare);
    return out;
  }
  const move = (w - workShare) / (1 - workShare);
  const from = pulseStop(k, count);
  const to = k + 1 < count ? pulseStop(k + 1, count) : from;
  out.s = from + (to - from) * smoothstep(move);
  return out;
}

/** How many pulses fit a pass: about one per `spacing` body units, no faster than one per `minSeconds`. */
function pulseCount(length: number, seconds: number, spacing: number, minSeconds: number): number {
  const bySpace = Math.round(length / spacing);
  const byTime = Math.floor(seconds / minSeconds);
  return Math.max(1, Math.min(bySpace, byTime));
}

/** Press (and squeeze): stepwise pulses along the path, the two hands taking turns. */
function pulseMotion(options: {
  verb: string;
  tags: readonly string[];
  work: string;
  move: string;
  workShare: number;
  /** Pressure while moving on: null lifts the hand, a number keeps contact at that pressure at most. */
  moveContact: number | null;
}): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, phase, WORK_BACK, input.reps);
    if (pass.isLifted) {
      const s = passFraction(pass, pass.u, track.lane);
      const at = lineAt(pass.line, s);
      const angle = fingerAngle(track, at, pass.isBack, at.x);
      return saying(handAt(track, at.x, at.y, at.surface, angle, null, { isLifted: true }), 'return', 0);
    }
    const count = pulseCount(pass.line.length, input.repSeconds * pass.share, 0.025, 0.8);
    const pulse = pulseAt(pass.u, count, track.lane.turn, options.workShare);
    const s = passFraction(pass, pulse.s, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    const pressure = linePressureAt(pass.line, s);
    const isLifted = !pulse.isWorking && options.moveContact === null;
    const held =
      pulse.isWorking || pressure === null || options.moveContact === null
        ? pressure
        : Math.min(pressure, options.moveContact);
    return saying(
      handAt(track, at.x, at.y, at.surface, angle, held, { isLifted }),
      pulse.isWorking ? options.work : options.move,
      pulse.depth,
    );
  };
  const idle = idleAs(options.work);
  return {
    phaseNames: [options.work, options.move, 'return'],
    verb: options.verb,
    tags: options.tags,
    alternatesHands: true,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/**
 * Circles while advancing along the path (knead, friction, rub). With `keepsOffSpine` the radius is
 * clamped so the circle stays farther than the spine line's half-width from x = 0.
 */
function circleMotion(options: {
  verb: string;
  tags: readonly string[];
  phase: string;
  radius: number;
  secondsPerCircle: number;
  keepsOffSpine: boolean;
}): TechniqueMotion {
  const radiusFor = (spineDistance: number): number =>
    options.keepsOffSpine
      ? Math.min(options.radius, Math.max(0, spineDistance - SPINE_HALF_WIDTH - SPINE_MARGIN))
      : options.radius;
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), WORK_BACK, input.reps);
    const s = passFraction(pass, pass.u, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    if (pass.isLifted) {
      return saying(handAt(track, at.x, at.y, at.surface, angle, null, { isLifted: true }), 'return', 0);
    }
    const radius = radiusFor(track.spineDistance);
    const circles = Math.max(1, Math.round((input.repSeconds * pass.share) / options.secondsPerCircle));
    const turns = circles * pass.u;
    // Mirror-image circles: the client's left hand turns one way, the right the other.
    const sense = track.stroke.xs[0]! > 0 ? -1 : 1;
    const theta = sense * TAU * turns;
    // The circle opens from and closes onto the path, so passes join without a jump.
    const envelope = Math.min(1, pass.u * 10, (1 - pass.u) * 10);
    const x = at.x + radius * envelope * Math.cos(theta);
    const y = at.y + radius * envelope * Math.sin(theta);
    return saying(
      handAt(track, x, y, at.surface, angle, linePressureAt(pass.line, s), { isLifted: false }),
      options.phase,
      fract(turns),
    );
  };
  const idle = idleAs(options.phase);
  return {
    phaseNames: [options.phase, 'return'],
    verb: options.verb,
    tags: options.tags,
    alternatesHands: false,
    reach: options.radius,
    reachFor: radiusFor,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Drain: short pressing strokes toward the heart, each sliding back lifted a little less (a sawtooth). */
function drainMotion(): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), DRAIN_BACK, input.reps);
    if (pass.isBack) {
      const s = passFraction(pass, pass.u, track.lane);
      const at = lineAt(pass.line, s);
      const angle = fingerAngle(track, at, true, at.x);
      return saying(
        handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
          isLifted: pass.isLifted,
        }),
        'return',
        0,
      );
    }
    // n strokes of two steps forward, one back: stroke k runs from k·d to (k+2)·d, d = 1/(n+1).
    const n = Math.max(
      1,
      Math.min(Math.round(pass.line.length / 0.025) - 1, Math.floor((input.repSeconds * pass.share) / 0.7)),
    );
    const d = 1 / (n + 1);
    const v = pass.u * n;
    const k = Math.min(Math.floor(v), n - 1);
    const w = Math.min(v - k, 1);
    const isStroke = w < 0.7;
    // After the last stroke the hand lifts where it ends instead of sliding back.
    const slide = k === n - 1 ? 0 : d * ((w - 0.7) / 0.3);
    const along = isStroke ? k * d + 2 * d * smoothstep(w / 0.7) : (k + 2) * d - slide;
    const s = passFraction(pass, along, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, false, at.x);
    return saying(
      handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
        isLifted: !isStroke,
      }),
      isStroke ? 'stroke' : 'reset',
      isStroke ? Math.sin((Math.PI * w) / 0.7) : 0,
    );
  };
  const idle = idleAs('stroke');
  return {
    phaseNames: ['stroke', 'reset', 'return'],
    verb: 'drain',
    tags: ['pressure'],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Phases named by the share of the repetition at which each ends, and the extent as a function of phase. */
interface Cycle {
  readonly names: readonly string[];
  /** `ends[i]` is where phase `names[i]` ends; the last is 1. */
  readonly ends: readonly number[];
  extentAt(phase: number): number;
}

function cycleName(cycle: Cycle, phase: number): string {
  for (let i = 0; i < cycle.ends.length; i++) if (phase < cycle.ends[i]!) return cycle.names[i]!;
  return cycle.names[cycle.names.length - 1]!;
}

/** Where a cycle motion's hand is: written by its `place` (no allocation per call). */
const placed = { x: 0, y: 0, heading: 0, surface: 'posterior' as Surface, s: 0 };

/** Puts the hand at fraction `s` of its stroke, `dx`, `dy` off it. */
function placeOn(track: MotionTrack, s: number, dx = 0, dy = 0): typeof placed {
  const at = lineAt(track.stroke, s);
  placed.x = at.x + dx;
  placed.y = at.y + dy;
  placed.heading = at.heading;
  placed.surface = at.surface;
  placed.s = s;
  return placed;
}

/** A motion whose hands stay at (or travel along) their tracks while a cycle of named phases runs. */
function cycleMotion(options: {
  verb: string;
  tags: readonly string[];
  cycle: Cycle;
  reach: number;
  /** Puts the hand (with placeOn) for its track, the phase and the cycle's extent. */
  place: (track: MotionTrack, phase: number, extent: number) => typeof placed;
  isPressing: (phase: number) => boolean;
}): TechniqueMotion {
  const { cycle } = options;
  const hand: HandMotion = (track, repPhase) => {
    const phase = turnedPhase(repPhase, track.lane);
    const extent = cycle.extentAt(phase);
    const p = options.place(track, phase, extent);
    const pressure = options.isPressing(phase) ? linePressureAt(track.stroke, p.s) : null;
    const angle = fingerAngle(track, p, false, p.x);
    const state = handAt(track, p.x, p.y, p.surface, angle, pressure, { isLifted: false });
    return saying(state, cycleName(cycle, phase), extent);
  };
  const idle: Idle = (p) => ({ phaseName: cycleName(cycle, p), extent: cycle.extentAt(p) });
  return {
    phaseNames: cycle.names,
    verb: options.verb,
    tags: options.tags,
    alternatesHands: false,
    reach: options.reach,
    reachFor: () => options.reach,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Rises over [a, b], stays at 1 until c, falls over [c, d]. */
function plateau(phase: number, a: number, b: number, c: number, d: number): number {
  if (phase < a) return 0;
  if (phase < b) return smoothstep((phase - a) / (b - a));
  if (phase < c) return 1;
  if (phase < d) return 1 - smoothstep((phase - c) / (d - c));
  return 0;
}

/** Traction: lift → pull (a small cranial shift) → hold → release, hands at their points. */
function tractionMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'draw',
    tags: ['stretch', 'joint-movement'],
    cycle: {
      names: ['lift', 'pull', 'hold', 'release'],
      ends: [0.2, 0.45, 0.75, 1],
      extentAt: (phase) => plateau(phase, 0.2, 0.45, 0.75, 1),
    },
    reach: TRACTION_PULL,
    place: (track, _phase, extent) => placeOn(track, 0, 0, -TRACTION_PULL * extent),
    isPressing: () => true,
  });
}

/** Stretch: moves to the point of resistance and holds (extent 0→1→0), hands along their tracks. */
function stretchMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'stretch',
    tags: ['stretch', 'joint-movement'],
    cycle: {
      names: ['move', 'hold', 'release'],
      ends: [0.3, 0.7, 1],
      extentAt: (phase) => plateau(phase, 0, 0.3, 0.7, 1),
    },
    reach: 0,
    // Hands travel their tracks through the move and the hold (the spine extension's run to the head).
    place: (track, phase) => placeOn(track, smoothstep(phase / 0.7)),
    isPressing: () => true,
  });
}

/** Lift: the leg rises and falls (extent), hands where they hold it (ankle and knee). */
function liftMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'lift',
    tags: ['joint-movement', 'lift'],
    cycle: {
      names: ['lift', 'hold', 'lower', 'rest'],
      ends: [0.4, 0.5, 0.9, 1],
      extentAt: (phase) => plateau(phase, 0, 0.4, 0.5, 0.9),
    },
    reach: 0,
    place: (track) => placeOn(track, 0),
    isPressing: () => true,
  });
}

let headCentre: { x: number; y: number } | undefined;
function head(): { x: number; y: number } {
  if (!headCentre) {
    const crown = landmarkPoint(bodyMap(), 'crown') ?? { x: 0, y: 0 };
    const occiput = landmarkPoint(bodyMap(), 'occiput') ?? { x: 0, y: 0.085 };
    headCentre = { x: (crown.x + occiput.x) / 2, y: (crown.y + occiput.y) / 2 };
  }
  return headCentre;
}

/** Tug: grasp a strand, draw it slowly away from the head (along the track, or straight out), release. */
function tugMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'draw',
    tags: ['hair'],
    cycle: {
      names: ['grasp', 'draw', 'release'],
      ends: [0.15, 0.85, 1],
      extentAt: (phase) => plateau(phase, 0.15, 0.85, 0.85, 1),
    },
    reach: TUG_DRAW,
    place: (track, _phase, extent) => {
      if (track.stroke.length > 0) return placeOn(track, extent);
      // One point: straight out from the centre of the head.
      const c = head();
      const p = placeOn(track, 0);
      const dx = p.x - c.x;
      const dy = p.y - c.y;
      const d = Math.hypot(dx, dy);
      if (d === 0) return p;
      p.x += (dx / d) * TUG_DRAW * extent;
      p.y += (dy / d) * TUG_DRAW * extent;
      p.heading = Math.atan2(dy, dx);
      return p;
    },
    isPressing: (phase) => phase < 0.85,
  });
}

/** Rotate: the working hand turns the limb in a circle about its rest point, the other holds; each rep reverses. */
function rotateMotion(): TechniqueMotion {
  const hand: HandMotion = (track, repPhase, rep) => {
    const phase = turnedPhase(repPhase, track.lane);
    const at = lineAt(track.stroke, 0);
    const sense = rep % 2 === 0 ? 1 : -1;
    const theta = sense * TAU * phase;
    // The circle's size eases in and out so each repetition starts and ends at rest.
    const radius = ROTATE_RADIUS * Math.min(1, phase * 8, (1 - phase) * 8);
    const x = at.x + radius * Math.cos(theta);
    const y = at.y + radius * Math.sin(theta);
    // Fingers point from the hold out through the hand, turning as the limb turns.
    const angle = angleNormal(track.holdAngle + 0.35 * Math.sin(theta));
    return saying(
      handAt(track, x, y, at.surface, angle, linePressureAt(track.stroke, 0), { isLifted: false }),
      'rotate',
      phase,
    );
  };
  const idle: Idle = (p) => ({ phaseName: 'rotate', extent: p });
  return {
    phaseNames: ['rotate'],
    verb: 'rotate',
    tags: ['joint-movement'],
    alternatesHands: false,
    reach: ROTATE_RADIUS,
    reachFor: () => ROTATE_RADIUS,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Rest: no hands. */
function restMotion(): TechniqueMotion {
  return {
    phaseNames: ['rest'],
    verb: 'rest',
    tags: [],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: () => ({ hands: [], phaseName: 'rest', extent: 0 }),
  };
}

/** Every technique kind's own motion; shared code looks a motion up here and never names a technique. */
export const techniqueMotions: Record<TechniqueKind, TechniqueMotion> = {
  glide: glideMotion(),
  press: pulseMotion({
    verb: 'press',
    tags: ['pressure'],
    work: 'press',
    move: 'advance',
    // At most half a pulse, so two hands half a pulse apart never press at once.
    workShare: 0.5,
    moveContact: null,
  }),
  knead: circleMotion({
    verb: 'knead',
    tags: ['pressure'],
    phase: 'circle',
    radius: KNEAD_RADIUS,
    secondsPerCircle: 1.5,
    keepsOffSpine: true,
  }),
  friction: circleMotion({
    verb: 'rub',
    tags: [],
    phase: 'circle',
    radius: FRICTION_RADIUS,
    secondsPerCircle: 0.5,
    keepsOffSpine: false,
  }),
  rub: circleMotion({
    verb: 'rub',
    tags: [],
    phase: 'circle',
    radius: FRICTION_RADIUS,
    secondsPerCircle: 0.5,
    keepsOffSpine: false,
  }),
  drain: drainMotion(),
  squeeze: pulseMotion({
    verb: 'squeeze',
    tags: ['pressure'],
    work: 'grasp',
    move: 'release',
    workShare: 0.5,
    // "Hands keep contact" (CATALOGUE.md leg-knead): a resting touch while moving on.
    moveContact: 1,
  }),
  traction: tractionMotion(),
  stretch: stretchMotion(),
  rotate: rotateMotion(),
  lift: liftMotion(),
  tug: tugMotion(),
  rest: restMotion(),
};
