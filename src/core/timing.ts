import type { Routine } from './routine.js';

/** Seconds per section for one session length. */
export type SectionBudgets = Map<string, number>;

/**
 * Seconds per section for a session of `minutes`, from the routine's timing rows (CATALOGUE "Default timing"):
 * interpolated between rows, scaled proportionally above the longest row. Below the shortest row only the
 * sections without a `shrinkOrder` (check-in, rest, closing) scale; the planner shrinks the others.
 */
export function sectionBudgetsFor(routine: Routine, minutes: number): SectionBudgets {
  const rows = [...routine.timing].sort((a, b) => a.minutes - b.minutes);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const out: SectionBudgets = new Map();
  const sectionIds = routine.sections.map((s) => s.id);
  const shrinkable = new Set(routine.sections.filter((s) => s.shrinkOrder !== undefined).map((s) => s.id));
  const value = (row: (typeof rows)[number], id: string): number => row.sections[id] ?? 0;
  if (minutes >= last.minutes) {
    const f = minutes / last.minutes;
    for (const id of sectionIds) out.set(id, value(last, id) * 60 * f);
    return out;
  }
  if (minutes <= first.minutes) {
    const f = minutes / first.minutes;
    for (const id of sectionIds) out.set(id, value(first, id) * 60 * (shrinkable.has(id) ? 1 : f));
    return out;
  }
  let lo = first;
  let hi = last;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.minutes >= minutes) {
      lo = rows[i - 1]!;
      hi = rows[i]!;
      break;
    }
  }
  const f = (minutes - lo.minutes) / (hi.minutes - lo.minutes);
  for (const id of sectionIds) out.set(id, (value(lo, id) + (value(hi, id) - value(lo, id)) * f) * 60);
  return out;
}
