import type { Plan, PlanChange, PlannedPart, PlannedStep, Refusal } from '../core/plan-types.js';

/** Seconds as m:ss (minutes may pass 59: 75:00). */
export function clockText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function pressureText(step: PlannedStep | PlannedPart): string {
  if (step.pressure === null) return '-';
  const softer = Object.entries(step.pressureByRegion).map(([region, p]) => `${region} ${p}`);
  return softer.length > 0 ? `${step.pressure} (${softer.join(', ')})` : String(step.pressure);
}

function changeText(change: PlanChange): string {
  const hasValues = change.from !== undefined || change.to !== undefined;
  const values = hasValues ? ` [${String(change.from ?? '-')} → ${String(change.to ?? '-')}]` : '';
  const part = change.part ? ` (${change.part}${change.kind === 'drop-part' ? ' left out' : ''})` : '';
  return `${change.rule}${part}: ${change.reason}${values}`;
}

/** Lays out rows as columns; the last column is left unpadded so long text does not widen the others. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
}

/** A plan as a readable table: the steps with their timing and changes, then skipped steps, warnings and totals. */
export function planTable(plan: Plan): string {
  const lines: string[] = [`Plan: ${plan.routineId}, ${plan.minutes} minutes, language ${plan.language}`, ''];
  if (plan.because.length > 0) {
    lines.push(plan.language === 'ru' ? 'Из-за ваших ответов:' : 'Because of your answers:');
    for (const r of plan.because) {
      lines.push(`  ${r.title}`);
      for (const c of r.changes) lines.push(`    - ${c}`);
      for (const why of r.reasons) lines.push(`    why: ${why}`);
    }
    lines.push('');
  }
  const header = ['start', 'step', 'side', 'reps', 'pressure', 'time', 'changed'];
  // A step in parts: a row for the step (its changes that are not about one part), then a row per part.
  const rows = plan.steps.flatMap((s) => [
    [
      clockText(s.start),
      `${s.title} (${s.id})`,
      s.side ?? '-',
      String(s.reps),
      pressureText(s),
      clockText(s.duration),
      s.changes
        .filter((c) => !s.parts || c.part === undefined || c.kind === 'drop-part')
        .map(changeText)
        .join(' | '),
    ],
    ...(s.parts ?? []).map((p) => [
      clockText(p.start),
      `  · ${p.title} (${p.id})`,
      '',
      String(p.reps),
      pressureText(p),
      clockText(p.duration),
      p.changes.map(changeText).join(' | '),
    ]),
  ]);
  lines.push(...columns([header, ...rows]));
  if (plan.skipped.length > 0) {
    lines.push('', 'Skipped:');
    // One line per step and reason, its sides together: a rule that leaves out twenty steps says so once each.
    const rows = new Map<string, { id: string; sides: string[]; rule: string; reason: string }>();
    for (const k of plan.skipped) {
      const key = `${k.id}\u0000${k.rule}\u0000${k.reason}`;
      const row = rows.get(key) ?? { id: k.id, sides: [], rule: k.rule, reason: k.reason };
      if (k.side) row.sides.push(k.side);
      rows.set(key, row);
    }
    const skipped = [...rows.values()].map((r) => [
      `  ${r.id}${r.sides.length > 0 ? ` (${r.sides.join(', ')})` : ''}`,
      `${r.rule}: ${r.reason}`,
    ]);
    lines.push(...columns(skipped));
  }
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of plan.warnings) {
      lines.push(`  ! ${w.rule}: ${w.message}${w.mustAcknowledge ? ' (acknowledge before starting)' : ''}`);
    }
  }
  if (plan.excludedRegions.length > 0) {
    lines.push('', 'Excluded regions:');
    const excluded = plan.excludedRegions.map((r) => [
      `  ${r.region}${r.side ? ` (${r.side})` : ''}`,
      `${r.rule}: ${r.reason}`,
    ]);
    lines.push(...columns(excluded));
  }
  lines.push('', `Total: ${clockText(plan.totalSeconds)} (${plan.steps.length} steps)`);
  return `${lines.join('\n')}\n`;
}

/** Why there is no massage today, one reason a line (the reasons say to see a doctor where they should). */
export function refusalText(refusal: Refusal): string {
  const lines = ['No massage today.', ''];
  for (const r of refusal.reasons) lines.push(`  - ${r.condition} (rule ${r.rule}): ${r.reason}`);
  return `${lines.join('\n')}\n`;
}
