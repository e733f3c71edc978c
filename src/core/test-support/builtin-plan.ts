import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../intake.js';
import { isRefusal, type Plan } from '../plan-types.js';
import { planFromIntake } from '../planner.js';

/** A built-in routine planned for an intake (default: 45 minutes, no conditions) with the built-in map; for tests. */
export function builtinPlan(routine = 'spinal-column', intake: Intake = Intake.parse({ minutes: 45 })): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), intake, { bodyMap: builtinBodyMap() });
  if (isRefusal(plan)) throw new Error(`${routine} was refused for the test intake`);
  return plan;
}
