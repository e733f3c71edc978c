// planFromIntake: plans per second and the median per plan, for the sample intake and a few others.
// Target: under 1 ms median per plan. Skips, rather than fails, while the planner is a stub.
import { readFileSync } from 'node:fs';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import { Intake } from '../src/core/intake.js';
import { planFromIntake } from '../src/core/planner.js';
import type { Report } from './run.js';
import { timingOf } from './timing.js';

const INTAKES = ['sample', 'short-20-minutes', 'varicose-both-severe', 'osteoporosis', 'fever'] as const;
const TARGET_MEDIAN_MS = 1;

function intakeNamed(name: string): Intake | undefined {
  try {
    const url = new URL(`../examples/intakes/${name}.json`, import.meta.url);
    return Intake.parse(JSON.parse(readFileSync(url, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Runs the planner benchmarks. */
export function run(report: Report): void {
  let routine: ReturnType<typeof builtinRoutine>;
  try {
    routine = builtinRoutine('spinal-column');
  } catch (error) {
    report.skip(
      'planFromIntake',
      `no routine yet (${error instanceof Error ? error.message : String(error)})`,
    );
    return;
  }
  const rules = builtinRules();
  const options = { bodyMap: builtinBodyMap() };
  const intakes = INTAKES.map((name) => ({ name, intake: intakeNamed(name) })).filter(
    (e): e is { name: (typeof INTAKES)[number]; intake: Intake } => e.intake !== undefined,
  );
  if (intakes.length === 0) intakes.push({ name: 'sample', intake: Intake.parse({ minutes: 45 }) });
  try {
    planFromIntake(routine, rules, intakes[0]!.intake, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report.skip('planFromIntake', /not implemented/i.test(message) ? 'planner not implemented yet' : message);
    return;
  }
  let slowest = 0;
  for (const { name, intake } of intakes) {
    const result = timingOf(
      `planFromIntake, ${name}`,
      () => planFromIntake(routine, rules, intake, options),
      {
        opsPerBatch: 20,
        batches: 40,
        warmupBatches: 10,
      },
    );
    report.row(result);
    slowest = Math.max(slowest, result.medianNs / 1e6);
  }
  const verdict = slowest < TARGET_MEDIAN_MS ? 'met' : 'NOT met';
  report.note(
    `target < ${TARGET_MEDIAN_MS} ms median per plan: ${verdict} (slowest median ${slowest.toFixed(3)} ms)`,
  );
}
