import { cachedValue } from './memo.js';
import type { PlannedStep } from './plan-types.js';

/** A cue's kind: said as the step starts, while it runs, or the safety reminder. */
export type CueKind = 'before' | 'during' | 'safety';

/** A cue as the timeline reports it. */
export interface Cue {
  readonly kind: CueKind;
  readonly text: string;
}

/** One cue in a step's schedule: what is said, from when (seconds from the step's start), for how long. */
export interface ScheduledCue {
  readonly cue: Cue;
  readonly start: number;
  /** The estimated speaking time (may run past the next cue's start when the step is short). */
  readonly seconds: number;
}

/** Words per second a calm narrator speaks. */
export const WORDS_PER_SECOND = 2.6;
/** The pause added to each cue's speaking time. */
export const CUE_PAUSE_SECONDS = 0.5;

/** How long a cue takes to say: words at 2.6 a second, plus half a second. */
export function cueSeconds(text: string): number {
  const words = text.split(/\s+/).filter((w) => w.length > 0).length;
  return words / WORDS_PER_SECOND + CUE_PAUSE_SECONDS;
}

const schedules = new WeakMap<PlannedStep, readonly ScheduledCue[]>();

/**
 * When each of a step's cues is said, in order (cached by the step object).
 * @remarks The `before` cue at the step's start; the `safety` reminder right after it, so the warning is
 * heard before the hands reach the place it concerns; the `during` cues spread evenly over what is left,
 * the first as soon as the safety cue ends. When a step is too short to say `before` and `safety`,
 * both are squeezed into the step in proportion and the `during` cues are left out; a step of no length
 * has only its `before` cue.
 */
export function cueScheduleFor(step: PlannedStep): readonly ScheduledCue[] {
  return cachedValue(schedules, step, cueScheduleBuilt);
}

function cueScheduleBuilt(step: PlannedStep): readonly ScheduledCue[] {
  const own = cuesScheduled(step.cues, Math.max(0, step.duration));
  if (!step.parts || step.parts.length === 0) return own;
  // A step in parts: the step's opening first; then each part's own lines from the part's start (the first
  // part's after the step's opening), spread over the part.
  const opening = own
    .filter((c) => c.cue.kind !== 'during')
    .reduce((end, c) => Math.max(end, c.start + c.seconds), 0);
  const all: ScheduledCue[] = [...own];
  for (const part of step.parts) {
    if (!part.cues.before) continue;
    const offset = part.start - step.start;
    const from =
      part === step.parts[0] ? Math.min(Math.max(offset, opening), offset + part.duration) : offset;
    for (const c of cuesScheduled(part.cues, Math.max(0, offset + part.duration - from))) {
      all.push(Object.freeze({ ...c, start: from + c.start }));
    }
  }
  // In time order (at one instant the step's own line first: the sort is stable), then one after another: a
  // line starts when the one before it has been said; a `during` line that no longer fits before its part ends
  // is left out (an opening or safety line never is).
  all.sort((a, b) => a.start - b.start);
  const ends = step.parts.map((part) => part.start - step.start + part.duration);
  const out: ScheduledCue[] = [];
  let free = 0;
  for (const c of all) {
    const start = Math.max(c.start, free);
    const partEnd = ends.find((end) => end > c.start) ?? step.duration;
    if (c.cue.kind === 'during' && start + c.seconds > partEnd) continue;
    out.push(start === c.start ? c : Object.freeze({ ...c, start }));
    free = start + c.seconds;
  }
  return Object.freeze(out);
}

function cuesScheduled(cues: PlannedStep['cues'], duration: number): readonly ScheduledCue[] {
  const { before, during, safety } = cues;
  const out: ScheduledCue[] = [];
  const add = (kind: CueKind, text: string, start: number) =>
    out.push(Object.freeze({ cue: Object.freeze({ kind, text }), start, seconds: cueSeconds(text) }));
  add('before', before, 0);
  if (duration === 0) return Object.freeze(out);
  const beforeSeconds = cueSeconds(before);
  const safetySeconds = safety ? cueSeconds(safety) : 0;
  const opening = beforeSeconds + safetySeconds;
  if (opening >= duration) {
    if (safety) add('safety', safety, (duration * beforeSeconds) / opening);
    return Object.freeze(out);
  }
  if (safety) add('safety', safety, beforeSeconds);
  const n = during.length;
  const gap = (duration - opening) / Math.max(1, n);
  during.forEach((text, i) => {
    add('during', text, opening + i * gap);
  });
  return Object.freeze(out);
}

/** The cue being spoken, or last spoken, `local` seconds into the step. */
export function cueAt(schedule: readonly ScheduledCue[], local: number): Cue | null {
  let found: Cue | null = null;
  for (let i = 0; i < schedule.length; i++) {
    const entry = schedule[i]!;
    if (entry.start > local) break;
    found = entry.cue;
  }
  return found;
}
