import { cachedValue } from './memo.js';
import type { PlannedStep } from './plan-types.js';

/** A cue's kind: said as the step starts, while it runs, or the safety reminder. */
export type CueKind = 'before' | 'during' | 'safety';

/** A cue as the timeline reports it. */
export interface Cue {
  readonly kind: CueKind;
  readonly text: string;
  /** The window of each repetition a during line speaks of (the way back …), when the routine gives one. */
  readonly phase?: readonly [number, number];
}

/** One cue in a step's schedule: what is said, from when (seconds from the step's start), for how long. */
export interface ScheduledCue {
  readonly cue: Cue;
  readonly start: number;
  /** The estimated speaking time (may run past the next cue's start when the step is short). */
  readonly seconds: number;
  /** A line about one phase is heard only until its window in this repetition ends (seconds from the step's start). */
  readonly until?: number;
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
  const pieces = step.parts && step.parts.length > 0 ? step.parts : [step];
  if (pieces.some((piece) => piece.cues.duringPhases !== undefined)) return phasedSchedule(step, own);
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

/**
 * A step with lines about one phase of the movement: each such line said as its window begins, in every repetition
 * of its step or part, and heard until the window ends; the other lines as before. Then one after another, as for
 * a step in parts: a line waits for the one before it; a phased line that can no longer be said inside its window
 * is left out of that repetition, and any other during line that no longer fits before its part ends.
 */
function phasedSchedule(step: PlannedStep, own: readonly ScheduledCue[]): readonly ScheduledCue[] {
  const parts = step.parts && step.parts.length > 0 ? step.parts : null;
  const all: ScheduledCue[] = [...own.filter((c) => c.cue.kind !== 'during' || !c.cue.phase)];
  const opening = own
    .filter((c) => c.cue.kind !== 'during')
    .reduce((end, c) => Math.max(end, c.start + c.seconds), 0);
  if (parts) {
    // The unphased lines of each part spread over it, as `cueScheduleBuilt` does for a step in parts.
    for (const part of parts) {
      if (!part.cues.before) continue;
      const offset = part.start - step.start;
      const from = part === parts[0] ? Math.min(Math.max(offset, opening), offset + part.duration) : offset;
      for (const c of cuesScheduled(part.cues, Math.max(0, offset + part.duration - from)))
        if (c.cue.kind !== 'during' || !c.cue.phase) all.push(Object.freeze({ ...c, start: from + c.start }));
    }
  }
  for (const piece of parts ?? [step]) {
    const phases = piece.cues.duringPhases;
    if (!phases) continue;
    const offset = piece.start - step.start;
    const rep = piece.duration / Math.max(1, piece.reps);
    piece.cues.during.forEach((text, i) => {
      const phase = phases[i];
      if (!phase) return;
      const cue = Object.freeze({ kind: 'during' as const, text, phase });
      for (let r = 0; r < piece.reps; r++) {
        all.push(
          Object.freeze({
            cue,
            // Never before the step's opening has been said (its safety line comes first).
            start: Math.max(offset + (r + phase[0]) * rep, opening),
            seconds: cueSeconds(text),
            until: offset + (r + phase[1]) * rep,
          }),
        );
      }
    });
  }
  // In time order; at one instant an opening line before a during line.
  all.sort((a, b) => a.start - b.start || Number(a.cue.kind === 'during') - Number(b.cue.kind === 'during'));
  const ends = (parts ?? [step]).map((piece) => piece.start - step.start + piece.duration);
  const out: ScheduledCue[] = [];
  let free = 0;
  for (const c of all) {
    const start = Math.max(c.start, free);
    if (c.until !== undefined) {
      // A phased line said late must still end inside its window; one longer than its window only on time.
      const window = c.until - c.start;
      const fits = c.seconds <= window ? start + c.seconds <= c.until : start <= c.start + 0.1 * window;
      if (!fits) continue;
    } else if (c.cue.kind === 'during') {
      const partEnd = ends.find((end) => end > c.start) ?? step.duration;
      if (start + c.seconds > partEnd) continue;
    }
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
  // Lines about one phase are placed by their window (`phasedSchedule`); the others spread over the rest.
  const spread = during.filter((_, i) => !cues.duringPhases?.[i]);
  const gap = (duration - opening) / Math.max(1, spread.length);
  spread.forEach((text, i) => {
    add('during', text, opening + i * gap);
  });
  return Object.freeze(out);
}

/**
 * The cue being spoken, or last spoken, `local` seconds into the step; null past the window of a line about one
 * phase (the way up is over: its line is no longer heard) until the next line starts.
 */
export function cueAt(schedule: readonly ScheduledCue[], local: number): Cue | null {
  // Binary search: the last entry starting at or before `local` (a step's phased lines make the list long).
  let lo = 0;
  let hi = schedule.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (schedule[mid]!.start <= local) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return null;
  const entry = schedule[lo - 1]!;
  return entry.until !== undefined && local >= entry.until ? null : entry.cue;
}
