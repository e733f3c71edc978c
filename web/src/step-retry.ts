import type { Routine } from '../../src/core/routine.js';
import type { UiLanguage } from './i18n.js';

/** A step's bounded retry as the player shows it: the button's label in the session's language and the tries. */
export interface StepRetryShown {
  readonly label: string;
  readonly tries: number;
}

/** The retries of a routine's steps, by step id. */
export type StepRetries = Readonly<Record<string, StepRetryShown>>;

/** The routine's step retries in a language (English where the step has no text in it). */
export function stepRetriesFrom(routine: Routine, language: UiLanguage): StepRetries {
  const out: Record<string, StepRetryShown> = {};
  for (const section of routine.sections) {
    for (const step of section.steps) {
      if (!step.retry) continue;
      const label = (language === 'ru' ? step.retry.label.ru : undefined) ?? step.retry.label.en;
      out[step.id] = { label, tries: step.retry.tries };
    }
  }
  return out;
}

const MOVES: ReadonlySet<string> = new Set(['next', 'previous', 'give-up', 'no-relaxation']);

/** How many tries of a step (on a side) the current run has used: its retries since the practitioner last moved. */
export function triesUsed(
  events: readonly { readonly kind: string; readonly stepId: string | null; readonly side: string | null }[],
  stepId: string,
  side: string | null,
): number {
  let count = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (MOVES.has(e.kind)) break;
    if (e.kind !== 'retry') continue;
    if (e.stepId !== stepId || e.side !== side) break;
    count++;
  }
  return count;
}
