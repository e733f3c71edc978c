import type { BodyMap } from './body-map.js';
import type { Side } from './ids.js';
import type { Intake } from './intake.js';
import type { PlanResult } from './plan-types.js';
import type { Routine } from './routine.js';
import type { Rule, RuleOptions } from './rules.js';

/** Options of the planner; every field has a default. */
export interface PlanOptions extends Partial<RuleOptions> {
  /** The body map the routine's paths are resolved on. */
  readonly bodyMap: BodyMap;
  /** Which side a per-side block does first (default: the routine's own order, left first). */
  readonly firstSide?: Side;
}

/** Fits a routine to one client: a timed Plan, or a Refusal with reasons. Pure. */
export function planFromIntake(
  _routine: Routine,
  _rules: readonly Rule[],
  _intake: Intake,
  _options: PlanOptions,
): PlanResult {
  throw new Error('planFromIntake: not implemented yet');
}
