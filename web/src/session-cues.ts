import type { Plan } from '../../src/core/plan-types.js';

/** The short sounds the player makes. */
export type BeepKind = 'start' | 'halfway' | 'ten-left' | 'switch-side' | 'turn-over' | 'end' | 'count';

/** Steps shorter than this get no halfway or ten-seconds-left beep (they would crowd the start beep). */
export const MIN_SECONDS_FOR_INNER_BEEPS = 30;

function crossed(at: number, from: number, to: number): boolean {
  return at > from && at <= to;
}

/** The beeps due when playback moves forward from session time `from` to `to` (none for a backward move). */
export function beepsBetween(plan: Plan, from: number, to: number): BeepKind[] {
  if (!(to > from)) return [];
  const out: BeepKind[] = [];
  plan.steps.forEach((step, i) => {
    const end = step.start + step.duration;
    if (crossed(step.start, from, to)) out.push(stepStartBeep(plan, i));
    if (step.duration >= MIN_SECONDS_FOR_INNER_BEEPS) {
      if (crossed(step.start + step.duration / 2, from, to)) out.push('halfway');
      if (crossed(end - 10, from, to)) out.push('ten-left');
    }
  });
  if (crossed(plan.totalSeconds, from, to)) out.push('end');
  return out;
}

/** The beep that opens step `index`: turn over on a change of position, switch side on a change of side, else start. */
export function stepStartBeep(plan: Plan, index: number): BeepKind {
  const step = plan.steps[index];
  const prev = index > 0 ? plan.steps[index - 1] : undefined;
  if (step && prev && prev.position !== step.position) return 'turn-over';
  if (step && prev?.side && step.side && prev.side !== step.side) return 'switch-side';
  return 'start';
}
