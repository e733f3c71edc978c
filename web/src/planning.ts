// The planning chunk: the core's schemas, planner and safety check with the compiled content.
// Loaded on demand (the intake page stays light).
import { type Intake, type IntakeInput, type IntakeIssue, intakeParsed } from '../../src/core/intake.js';
import { checkPlan } from '../../src/core/plan-check.js';
import type { PlanResult } from '../../src/core/plan-types.js';
import { planFromIntake } from '../../src/core/planner.js';
import type { Routine } from '../../src/core/routine.js';
import type { Rule } from '../../src/core/rules.js';
import { bodyMap } from './body-map.js';
import routineJson from './generated/routine.json';
import rulesJson from './generated/rules.json';
import { type PainParams, painParamsFrom } from './pain.js';
import { type StepRetries, stepRetriesFrom } from './step-retry.js';

// Both were parsed with the zod schemas at build time (web/scripts/compile-content.ts).
const routine = routineJson as Routine;
const rules = rulesJson as Rule[];

/** Validates an intake with the core's zod schema. */
export function intakeChecked(
  input: IntakeInput,
): { ok: true; intake: Intake } | { ok: false; issues: IntakeIssue[] } {
  return intakeParsed(input);
}

/** Plans the routine for an intake and re-checks the plan's safety. */
export function planMade(intake: Intake): {
  plan: PlanResult;
  violations: string[];
  painParams: PainParams;
  retries: StepRetries;
} {
  const plan = planFromIntake(routine, rules, intake, { bodyMap });
  const violations = checkPlan(plan, intake, rules, bodyMap).map((v) => v.message);
  const retries = stepRetriesFrom(routine, intake.language === 'ru' ? 'ru' : 'en');
  return { plan, violations, painParams: painParamsFrom(rules), retries };
}

/** The routine's title in a language. */
export function routineTitle(language: 'en' | 'ru'): string {
  return (language === 'ru' ? routine.title.ru : undefined) ?? routine.title.en;
}
