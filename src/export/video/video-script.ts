// What a video says and shows when, from the plan alone: the cues at the timeline's times, the tones, the chapters.
import { cueScheduleFor } from '../../core/cues.js';
import type { Language, Side } from '../../core/ids.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';

/** The short sounds of the narration (as the player's beeps): a step starts, the side changes, turn over, the end. */
export type ToneKind = 'start' | 'switch-side' | 'turn-over' | 'end';

/** A cue the timeline says at `at` seconds from the video's start. */
export interface CueDue {
  readonly text: string;
  readonly kind: 'before' | 'during' | 'safety';
  readonly at: number;
}

/** A tone at `at` seconds from the video's start. */
export interface ToneDue {
  readonly kind: ToneKind;
  readonly at: number;
}

/** One chapter of the video: a step (on a side), from `start` to `end` seconds. */
export interface Chapter {
  readonly stepId: string;
  readonly side: Side | null;
  readonly title: string;
  readonly start: number;
  readonly end: number;
}

/** The part of the plan a video shows: `from` to `to` seconds of the session. */
export interface VideoWindow {
  readonly from: number;
  readonly to: number;
}

/** Everything timed in a video: its length, cues, tones and chapters (times from the video's start). */
export interface VideoScript {
  readonly window: VideoWindow;
  readonly seconds: number;
  readonly language: Language;
  readonly cues: readonly CueDue[];
  readonly tones: readonly ToneDue[];
  readonly chapters: readonly Chapter[];
}

/** How long the end tone sounds before the video ends. */
export const END_TONE_LEAD = 0.6;

const SIDE_WORDS: Readonly<Record<Language, Readonly<Record<Side, string>>>> = {
  en: { left: 'left', right: 'right' },
  ru: { left: 'левая сторона', right: 'правая сторона' },
};

/** A step's chapter title: its title, and the side for a per-side step. */
export function chapterTitle(step: PlannedStep, language: Language): string {
  return step.side ? `${step.title} (${SIDE_WORDS[language][step.side]})` : step.title;
}

/** The tone at a step's start: turn over when the client turns (prone ↔ supine), switch side when the side does, else start. */
function toneAtStep(plan: Plan, index: number, isFirst: boolean): ToneKind {
  const step = plan.steps[index]!;
  const prev = index > 0 ? plan.steps[index - 1] : undefined;
  if (isFirst || !prev) return 'start';
  const isLying = (p: string) => p === 'prone' || p === 'supine';
  // Getting onto the table (from seated) is a start; prone to supine and back is the turn-over.
  if (isLying(prev.position) && isLying(step.position) && prev.position !== step.position) return 'turn-over';
  if (prev.side && step.side && prev.side !== step.side) return 'switch-side';
  return 'start';
}

/** The whole session as one window. */
export function sessionWindow(plan: Plan): VideoWindow {
  return { from: 0, to: plan.totalSeconds };
}

/**
 * A few repetitions (at most `repetitions`, default 3) of one planned step, for teaching: the window from the step's
 * start to the end of its last shown repetition; null when the plan has no such step (on that side).
 */
export function stepWindow(
  plan: Plan,
  stepId: string,
  options: { side?: Side | undefined; repetitions?: number } = {},
): VideoWindow | null {
  const step = plan.steps.find((s) => s.id === stepId && (!options.side || s.side === options.side));
  if (!step) return null;
  const reps = Math.max(1, step.reps);
  const shown = Math.min(reps, options.repetitions ?? 3);
  return { from: step.start, to: step.start + (step.duration * shown) / reps };
}

/** The cues, tones and chapters of a window of the plan, timed from the window's start (the timeline's cue times). */
export function videoScriptFor(plan: Plan, window: VideoWindow): VideoScript {
  const { from, to } = window;
  const seconds = Math.max(0, to - from);
  const cues: CueDue[] = [];
  const tones: ToneDue[] = [];
  const chapters: Chapter[] = [];
  let isFirst = true;
  plan.steps.forEach((step, index) => {
    const end = step.start + step.duration;
    if (end <= from || step.start >= to) return;
    const start = Math.max(step.start, from);
    chapters.push({
      stepId: step.id,
      side: step.side,
      title: chapterTitle(step, plan.language),
      start: start - from,
      end: Math.min(end, to) - from,
    });
    tones.push({ kind: toneAtStep(plan, index, isFirst), at: start - from });
    isFirst = false;
    for (const entry of cueScheduleFor(step)) {
      const at = step.start + entry.start;
      // A window that starts inside a step still says the step's opening cue, at the window's start.
      const due = at < from && entry.cue.kind === 'before' ? from : at;
      if (due < from || due >= to || entry.cue.text.trim() === '') continue;
      cues.push({ text: entry.cue.text, kind: entry.cue.kind, at: due - from });
    }
  });
  if (seconds > END_TONE_LEAD * 2) tones.push({ kind: 'end', at: seconds - END_TONE_LEAD });
  cues.sort((a, b) => a.at - b.at);
  return { window, seconds, language: plan.language, cues, tones, chapters };
}
