import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import type { Rule } from '../../src/core/rules.js';

/** The numbers of the `stop-on-pain` rule (rules file params). */
export interface PainParams {
  /** How much a step's pressure drops after a pain report. */
  readonly pressureDrop: number;
  /** A report at or above this level ends the session. */
  readonly endSessionAtLevel: number;
  /** This many reports end the session. */
  readonly endSessionAfterReports: number;
}

/** The catalogue's values, used when the rules file gives none. */
export const DEFAULT_PAIN_PARAMS: PainParams = {
  pressureDrop: 1,
  endSessionAtLevel: 7,
  endSessionAfterReports: 2,
};

/** Reads the `stop-on-pain` rule's params from the rules, with the catalogue's values as defaults. */
export function painParamsFrom(rules: readonly Rule[]): PainParams {
  const params = rules.find((r) => r.id === 'stop-on-pain')?.params ?? {};
  return {
    pressureDrop: params.pressureDrop ?? DEFAULT_PAIN_PARAMS.pressureDrop,
    endSessionAtLevel: params.endSessionAtLevel ?? DEFAULT_PAIN_PARAMS.endSessionAtLevel,
    endSessionAfterReports: params.endSessionAfterReports ?? DEFAULT_PAIN_PARAMS.endSessionAfterReports,
  };
}

/** What a pain report leads to (rule stop-on-pain): end the session, or go on softer once the client agrees. */
export type PainOutcome =
  | { readonly kind: 'end'; readonly because: 'level' | 'repeat' }
  | { readonly kind: 'soften'; readonly from: number | null; readonly to: number | null };

/** Applies the stop-on-pain rule to one report, given how many reports came before it in this session. */
export function painOutcome(
  params: PainParams,
  report: { readonly level: number; readonly earlierReports: number },
  step: Pick<PlannedStep, 'pressure'>,
): PainOutcome {
  if (report.level >= params.endSessionAtLevel) return { kind: 'end', because: 'level' };
  if (report.earlierReports + 1 >= params.endSessionAfterReports) return { kind: 'end', because: 'repeat' };
  const from = step.pressure;
  const to = from === null ? null : Math.max(1, from - params.pressureDrop);
  return { kind: 'soften', from, to };
}

/** The plan with one step's pressure lowered to `to` (its softer regions capped too) and the change recorded. */
export function planSoftened(plan: Plan, stepIndex: number, to: number, reason: string): Plan {
  const steps = plan.steps.map((step, i): PlannedStep => {
    if (i !== stepIndex || step.pressure === null) return step;
    const pressureByRegion: Record<string, number> = {};
    for (const [region, p] of Object.entries(step.pressureByRegion))
      pressureByRegion[region] = Math.min(p, to);
    return {
      ...step,
      pressure: to,
      pressureByRegion,
      changes: [...step.changes, { rule: 'stop-on-pain', kind: 'soften', reason, from: step.pressure, to }],
    };
  });
  return { ...plan, steps };
}
