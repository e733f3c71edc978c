import { cachedValue } from './memo.js';
import type { PlannedPart, PlannedStep } from './plan-types.js';
import type { Step, StepPart } from './routine.js';

/**
 * Steps in parts: a routine step the seed writes as a sequence (along the spine, then on the diagonals) has
 * `parts`, each its share of the step. A part takes from its step whatever it does not give itself; a part
 * with its own `path` or `paths` uses none of the step's paths (nor its `hold`, unless the part gives none).
 */

const partSteps = new WeakMap<StepPart, WeakMap<Step, Step>>();

/** The step as one part of it does it: the step's fields, overridden by the part's. Cached per part and step. */
export function partStep(step: Step, part: StepPart): Step {
  const byStep = cachedValue(partSteps, part, () => new WeakMap<Step, Step>());
  return cachedValue(byStep, step, () => partStepBuilt(step, part));
}

const MOTION_FIELDS = [
  'technique',
  'tools',
  'hands',
  'place',
  'posture',
  'hold',
  'fingers',
  'handShape',
  'return',
  'alternateSidesEachRep',
  'turn',
  'direction',
  'pressure',
  'pressureByRegion',
  'tempo',
  'repSeconds',
  'tellingPhase',
  'views',
  'panels',
  'pose',
] as const satisfies readonly (keyof StepPart & keyof Step)[];

function partStepBuilt(step: Step, part: StepPart): Step {
  const out: Record<string, unknown> = { ...step };
  delete out.parts;
  delete out.figure;
  delete out.figures;
  delete out.tellingPhase;
  if (part.path !== undefined || part.paths !== undefined) {
    delete out.path;
    delete out.paths;
    if (part.path !== undefined) out.path = part.path;
    if (part.paths !== undefined) out.paths = part.paths;
  }
  for (const key of MOTION_FIELDS) {
    if (part[key] !== undefined) out[key] = part[key];
  }
  if (part.tags) out.tags = [...new Set([...(step.tags ?? []), ...part.tags])];
  if (part.figure !== undefined) out.figure = part.figure;
  if (part.source !== undefined) out.source = part.source;
  return out as Step;
}

/** What a planned step is made of: its parts, or the step itself when it has none. */
export function plannedPieces(step: PlannedStep): readonly (PlannedStep | PlannedPart)[] {
  return step.parts && step.parts.length > 0 ? step.parts : [step];
}

const partViews = new WeakMap<PlannedPart, WeakMap<PlannedStep, PlannedStep>>();

/**
 * A planned step as one of its parts runs it: the step (id, title, side, position) with the part's motion,
 * technique, pressure, repetitions, times, cues and figure. What draws or moves the hands takes this; cached per
 * part, so the motion prepared from it is prepared once.
 */
export function partView(step: PlannedStep, part: PlannedPart): PlannedStep {
  const byStep = cachedValue(partViews, part, () => new WeakMap<PlannedStep, PlannedStep>());
  return cachedValue(byStep, step, () => {
    const { parts: _parts, tellingPhase: _telling, ...rest } = step;
    return {
      ...rest,
      technique: part.technique,
      tags: part.tags,
      place: part.place,
      ...(part.posture !== undefined ? { posture: part.posture } : {}),
      regions: part.regions,
      pressure: part.pressure,
      pressureByRegion: part.pressureByRegion,
      reps: part.reps,
      start: part.start,
      duration: part.duration,
      cues: part.cues,
      changes: part.changes,
      figure: part.figure,
      motion: part.motion,
      ...(part.tellingPhase !== undefined ? { tellingPhase: part.tellingPhase } : {}),
      ...(part.views !== undefined ? { views: part.views } : {}),
      ...(part.handShape !== undefined ? { handShape: part.handShape } : {}),
      ...(part.panels !== undefined ? { panels: part.panels } : {}),
      ...(part.pose !== undefined ? { pose: part.pose } : {}),
    };
  });
}

/** The index of the part running `local` seconds into a step in parts (the last whose start is at or before). */
export function partIndexAt(step: PlannedStep, time: number): number {
  const parts = step.parts;
  if (!parts || parts.length === 0) return -1;
  let found = 0;
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]!.start <= time) found = i;
    else break;
  }
  return found;
}
