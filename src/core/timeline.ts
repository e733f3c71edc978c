import type { BodyMap } from './body-map.js';
import { cueAt, cueScheduleFor, type ScheduledCue } from './cues.js';
import { lastIndexAtMost } from './geometry.js';
import { cachedValue } from './memo.js';
import type { Moment } from './moment.js';
import type { Plan, PlannedStep } from './plan-types.js';
import { partIndexAt, partView } from './step-parts.js';
import { motionFrameAt, type PreparedMotion, stepMotionPrepared } from './techniques/index.js';

/** What the timeline precomputes for a plan: step starts for the binary search, and each step's motion. */
interface PreparedPlan {
  readonly starts: Float64Array;
  readonly total: number;
  /**
   * Per body map, each step's prepared motion, filled on first use; each entry depends only on its step and the
   * map, so the fill order never changes a result.
   */
  readonly motions: WeakMap<BodyMap, (PreparedMotion | undefined)[]>;
  readonly cues: (readonly ScheduledCue[] | undefined)[];
  /** The map last asked for and its motions: a shortcut past the WeakMap (a cache; it changes no result). */
  readonly last: { map: BodyMap | undefined; motions: (PreparedMotion | undefined)[] };
}

const preparedPlans = new WeakMap<Plan, PreparedPlan>();

function planPrepared(plan: Plan): PreparedPlan {
  return cachedValue(preparedPlans, plan, planPreparedNow);
}

function planPreparedNow(plan: Plan): PreparedPlan {
  const n = plan.steps.length;
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = plan.steps[i]!.start;
  const total = Number.isFinite(plan.totalSeconds) && plan.totalSeconds > 0 ? plan.totalSeconds : 0;
  return { starts, total, motions: new WeakMap(), cues: new Array(n), last: { map: undefined, motions: [] } };
}

/** The plan's motions for a map; the last map asked is kept at hand (a player asks with one map). */
function motionsFor(prepared: PreparedPlan, map: BodyMap, n: number): (PreparedMotion | undefined)[] {
  const last = prepared.last;
  if (last.map === map) return last.motions;
  const motions = cachedValue(prepared.motions, map, () => new Array<PreparedMotion | undefined>(n));
  last.map = map;
  last.motions = motions;
  return motions;
}

/** The placeholder step of a plan with no steps (stepIndex −1): a rest of no length. */
export const NO_STEP: PlannedStep = Object.freeze({
  id: 'no-step',
  sectionId: 'none',
  title: '',
  technique: 'rest',
  tags: Object.freeze([]),
  position: 'prone',
  place: null,
  side: null,
  regions: Object.freeze([]),
  pressure: null,
  pressureByRegion: Object.freeze({}),
  reps: 1,
  isCountBound: false,
  start: 0,
  duration: 0,
  cues: Object.freeze({ before: '', during: Object.freeze([]), safety: null }),
  changes: Object.freeze([]),
  figure: null,
  motion: Object.freeze({ arrangement: 'none', hands: Object.freeze([]), alternateSidesEachRep: false }),
} satisfies PlannedStep);

/**
 * The index of the step running at session time t: the last whose start is at or before t (0 before the first,
 * and for a plan with no steps). Unlike `momentAt`, t is not clamped to the session.
 */
export function stepIndexAt(plan: Plan, t: number): number {
  return lastIndexAtMost(planPrepared(plan).starts, t);
}

/**
 * The state of the session at `t` seconds: the step, repetition and phase, every hand, the cue, the time left.
 * @remarks Pure and independent of frame rate: `t` is clamped to [0, totalSeconds] and the result depends on
 * nothing else (precomputation is cached per plan, body map and step in WeakMaps). `map` is the body map the
 * plan was made with: the hands' pressure is capped to its tolerances. A plan with no steps gives `stepIndex` −1
 * and the placeholder `NO_STEP`.
 */
export function momentAt(plan: Plan, t: number, map: BodyMap): Moment {
  const prepared = planPrepared(plan);
  const total = prepared.total;
  const time = t > 0 ? Math.min(t, total) : 0; // NaN falls to 0
  const isFinished = time >= total;
  const n = plan.steps.length;
  if (n === 0) {
    return {
      t: time,
      stepIndex: -1,
      step: NO_STEP,
      part: null,
      partIndex: -1,
      technique: 'rest',
      side: null,
      repetition: 1,
      repetitions: 1,
      phase: 1,
      phaseName: 'rest',
      hands: [],
      cue: null,
      stepTimeLeft: 0,
      sessionTimeLeft: 0,
      extent: 0,
      isFinished,
    };
  }
  const index = lastIndexAtMost(prepared.starts, time);
  const step = plan.steps[index]!;
  const schedule = prepared.cues[index] ?? cueScheduleFor(step);
  prepared.cues[index] = schedule;
  // A step in parts moves as its running part: the part's motion, repetitions and times.
  const partIndex = partIndexAt(step, time);
  const part = partIndex >= 0 ? step.parts![partIndex]! : null;
  let motion: PreparedMotion;
  let running = step;
  if (part) {
    running = partView(step, part);
    motion = stepMotionPrepared(running, map);
  } else {
    const motions = motionsFor(prepared, map, n);
    motion = motions[index] ?? stepMotionPrepared(step, map);
    motions[index] = motion;
  }

  const reps = motion.input.reps;
  const duration = Math.max(running.duration, 0);
  const local = time - running.start;
  let repIndex: number;
  let phase: number;
  if (duration === 0 || local >= duration) {
    // A step of no length, or time past its end (a gap before the session's end): its last instant.
    repIndex = reps - 1;
    phase = 1;
  } else if (local <= 0) {
    repIndex = 0;
    phase = 0;
  } else {
    const x = (local * reps) / duration;
    repIndex = Math.min(Math.floor(x), reps - 1);
    phase = Math.min(x - repIndex, 1);
  }
  const frame = motionFrameAt(motion, phase, repIndex);
  const stepEnd = step.start + Math.max(step.duration, 0);
  // No pose here: `momentPose` works it out when asked (posing every moment made momentAt ten times slower).
  return {
    t: time,
    stepIndex: index,
    step,
    part,
    partIndex,
    technique: running.technique,
    side: step.side,
    repetition: repIndex + 1,
    repetitions: reps,
    phase,
    phaseName: frame.phaseName,
    hands: frame.hands,
    cue: cueAt(schedule, Math.max(time - step.start, 0)),
    stepTimeLeft: stepEnd > time ? stepEnd - time : 0,
    sessionTimeLeft: total - time,
    extent: frame.extent,
    isFinished,
  };
}
