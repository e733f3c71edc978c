import { builtinBodyMap, builtinRoutine, builtinRoutineIds, builtinRules } from '../content/load.js';
import type { BodyMap } from '../core/body-map.js';
import type { Intake } from '../core/intake.js';
import { checkPlan } from '../core/plan-check.js';
import type { PlanResult } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import type { Routine } from '../core/routine.js';
import type { Rule } from '../core/rules.js';

/** The routine a plan is made from when the request names none. */
export const DEFAULT_ROUTINE = 'spinal-column';

/** A plan with the routine it came from and any safety-check problem (none for a planner that works). */
export interface PlanMade {
  readonly routineId: string;
  readonly routineVersion: number;
  readonly plan: PlanResult;
  readonly violations: readonly string[];
}

/** Plans built-in routines on the server: the routine files, rules and body map are read once. */
export class PlanService {
  private readonly routines = new Map<string, Routine>();
  private loaded: { rules: Rule[]; bodyMap: BodyMap } | null = null;

  /** The built-in routine ids. */
  routineIds(): string[] {
    return builtinRoutineIds();
  }

  /** The plan of a built-in routine for an intake, or null when there is no such routine. */
  planMade(intake: Intake, routineId = DEFAULT_ROUTINE): PlanMade | null {
    if (!builtinRoutineIds().includes(routineId)) return null;
    this.loaded ??= { rules: builtinRules(), bodyMap: builtinBodyMap() };
    let routine = this.routines.get(routineId);
    if (!routine) {
      routine = builtinRoutine(routineId);
      this.routines.set(routineId, routine);
    }
    const { rules, bodyMap } = this.loaded;
    const plan = planFromIntake(routine, rules, intake, { bodyMap });
    const violations = checkPlan(plan, intake, rules, bodyMap).map((v) => v.message);
    return { routineId: routine.id, routineVersion: routine.version, plan, violations };
  }
}
