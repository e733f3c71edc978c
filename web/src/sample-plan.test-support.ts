// The built-in routine planned for 45 minutes with no conditions, for the web's unit tests (they run in Node).
import { builtinRoutine, builtinRules } from '../../src/content/load.js';
import { Intake } from '../../src/core/intake.js';
import type { Moment } from '../../src/core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../../src/core/plan-types.js';
import { planFromIntake } from '../../src/core/planner.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';

/** The built-in routine for 45 minutes, no conditions (the plan the player plays in the browser tests). */
export function samplePlan(): Plan {
  const intake = Intake.parse({ minutes: 45 });
  const plan = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), intake, { bodyMap });
  if (isRefusal(plan)) throw new Error('the sample plan was refused');
  return plan;
}

/** The first planned step with this id. */
export function plannedStep(plan: Plan, id: string): PlannedStep {
  const step = plan.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id} in the plan`);
  return step;
}

/** The moment `seconds` into the first planned step with this id. */
export function momentInto(plan: Plan, id: string, seconds: number): Moment {
  return momentAt(plan, plannedStep(plan, id).start + seconds, bodyMap);
}
