// A cue line about one phase of the stroke ("up the back of the neck", phase 0.3–0.5) speaks of a stretch of the
// routine's stroke. When the plan cuts the stroke short (a region left out), the same stretch comes at other phases
// of the cut stroke, or not at all: the line's window follows the hands, or the line goes.
import type { BodyMap } from './body-map.js';
import { cachedValue } from './memo.js';
import type { PlannedCues, PlannedStep, StepMotion } from './plan-types.js';
import { motionFrameAt, stepMotionPrepared } from './techniques/index.js';

/** Phases sampled along the cut stroke when looking for where its hands are. */
const SAMPLES = 200;
/** A window narrower than this on the cut stroke (a repetition's fraction) is a stretch the cut left out. */
const MIN_WINDOW = 0.04;

type Window = readonly [number, number];

/** What the motion of a planned step or part is prepared from. */
export type CutStep = Pick<
  PlannedStep,
  'technique' | 'motion' | 'reps' | 'duration' | 'place' | 'pressure' | 'pressureByRegion' | 'side'
>;

/** Each working hand's place at a phase, and whether it presses. */
type Where = readonly {
  readonly hand: string;
  readonly x: number;
  readonly y: number;
  readonly isPressing: boolean;
}[];

const sampleCache = new WeakMap<StepMotion, Map<string, readonly Where[]>>();

/**
 * Where the working hands are at each sampled phase of the first repetition (SAMPLES + 1 of them), memoised per
 * motion and timing (a motion belongs to one body map): the planner memoises its motions, so planning again costs
 * nothing here.
 */
function samplesOf(step: CutStep, map: BodyMap): readonly Where[] {
  const key = `${step.technique}|${step.reps}|${step.duration}|${step.side}|${step.place}|${step.pressure}`;
  const byKey = cachedValue(sampleCache, step.motion, () => new Map<string, readonly Where[]>());
  const known = byKey.get(key);
  if (known) return known;
  const prepared = stepMotionPrepared(step as PlannedStep, map);
  const samples = Array.from(
    { length: SAMPLES + 1 },
    (_, i): Where =>
      motionFrameAt(prepared, i / SAMPLES, 0)
        .hands.filter((h) => !h.isHolding)
        .map((h) => ({ hand: h.hand, x: h.x, y: h.y, isPressing: h.pressure !== null })),
  );
  byKey.set(key, samples);
  return samples;
}

/** How far apart two placings of the hands are, on average; null when they are not the same hands. */
function distance(a: Where, b: Where): number | null {
  if (a.length === 0 || a.length !== b.length) return null;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.hand !== q.hand) return null;
    // A lifted return passes over the stroke's own points: a hand pressing is not matched with one lifted.
    sum += Math.hypot(p.x - q.x, p.y - q.y) + (p.isPressing === q.isPressing ? 0 : LIFT_COST);
  }
  return sum / a.length;
}

/** Body heights a hand lifted where the routine's presses (or pressing where it is lifted) costs. */
const LIFT_COST = 0.05;

/** Body heights a phase away from the routine's own costs: of two places as near, the one nearer in time wins. */
const TIME_COST = 0.02;

/**
 * The phase windows of a step's cue lines moved onto its cut stroke: each window's ends go to the phases at which
 * the cut stroke's hands are nearest where the routine's stroke had them (the end no earlier than the start), and
 * a line whose stretch the cut left out is dropped. Lines without a window are kept as they are.
 */
export function cuesOnCutStroke(
  cues: PlannedCues,
  routineStroke: StepMotion,
  step: CutStep,
  map: BodyMap,
): PlannedCues {
  const phases = cues.duringPhases;
  if (!phases || phases.every((w) => w === null)) return cues;
  const routineSamples = samplesOf({ ...step, motion: routineStroke }, map);
  const before = (phase: number) => routineSamples[Math.round(Math.min(1, Math.max(0, phase)) * SAMPLES)]!;
  const samples = samplesOf(step, map);
  const nearest = (target: Where, phase: number, from: number): number => {
    let best = Math.max(from, Math.min(1, phase));
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = Math.ceil(from * SAMPLES); i <= SAMPLES; i++) {
      const d = distance(samples[i]!, target);
      if (d === null) continue;
      const cost = d + TIME_COST * Math.abs(i / SAMPLES - phase);
      if (cost < bestCost - 1e-12) {
        bestCost = cost;
        best = i / SAMPLES;
      }
    }
    return best;
  };
  const during: string[] = [];
  const windows: (Window | null)[] = [];
  cues.during.forEach((line, i) => {
    const w = phases[i] ?? null;
    if (!w) {
      during.push(line);
      windows.push(null);
      return;
    }
    // Just inside the window: at its very ends the hands are where the line before or after speaks of.
    const inset = Math.min(0.01, (w[1] - w[0]) / 4);
    const from = nearest(before(w[0] + inset), w[0] + inset, 0);
    const to = nearest(before(w[1] - inset), w[1] - inset, from);
    if (to - from < MIN_WINDOW) return;
    during.push(line);
    windows.push([Math.max(0, from - inset), Math.min(1, to + inset)]);
  });
  const { duringPhases: _, ...rest } = cues;
  return { ...rest, during, ...(windows.some((w) => w !== null) ? { duringPhases: windows } : {}) };
}
