import fc from 'fast-check';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { isRefusal, type Plan } from '../plan-types.js';
import { planFromIntake } from '../planner.js';
import { intakeArbitrary } from './intake-arbitrary.js';

/**
 * Runs `check(plan, us)` over plans of a built-in routine (default spinal-column) for random intakes, each with a
 * few random fractions in [0, 1] (where in each step to look); a refused intake is skipped. For property tests.
 */
export function forRandomPlans(
  check: (plan: Plan, us: readonly number[]) => void,
  options: { readonly numRuns: number; readonly routineId?: string },
): void {
  const routine = builtinRoutine(options.routineId ?? 'spinal-column');
  const rules = builtinRules();
  const bodyMap = builtinBodyMap();
  fc.assert(
    fc.property(
      intakeArbitrary,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
      (intake, us) => {
        const plan = planFromIntake(routine, rules, intake, { bodyMap });
        if (!isRefusal(plan)) check(plan, us);
      },
    ),
    { numRuns: options.numRuns },
  );
}
