// momentAt over a real 45-minute plan: random times (seeded), 60 fps playback, and the first pass that
// prepares every step. Target: more than 1,000,000 momentAt calls a second.
import { readFileSync } from 'node:fs';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import { Intake } from '../src/core/intake.js';
import { isRefusal, type Plan } from '../src/core/plan-types.js';
import { planFromIntake } from '../src/core/planner.js';
import { sessionPlanFixture } from '../src/core/test-support/plan-fixture.js';
import { momentAt } from '../src/core/timeline.js';
import type { Report } from './run.js';
import { randomSeeded, timingOf } from './timing.js';

const TARGET_PER_SECOND = 1_000_000;
const bodyMap = builtinBodyMap();

function samplePlan(report: Report): Plan {
  try {
    const intake = Intake.parse(
      JSON.parse(readFileSync(new URL('../examples/intakes/sample.json', import.meta.url), 'utf8')),
    );
    const result = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), intake, {
      bodyMap,
    });
    if (!isRefusal(result)) {
      report.note(`plan: the sample intake, ${result.steps.length} steps, ${result.totalSeconds} s`);
      return result;
    }
    report.note('the planner refused the sample intake; using the hand-built 45-minute fixture plan');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    report.note(`no real plan (${why}); using the hand-built 45-minute fixture plan`);
  }
  return sessionPlanFixture();
}

/** Runs the timeline benchmarks. */
export function run(report: Report): void {
  const plan = samplePlan(report);
  const random = randomSeeded(20240611);
  const times = new Float64Array(1 << 20);
  for (let i = 0; i < times.length; i++) times[i] = random() * plan.totalSeconds;
  const mask = times.length - 1;

  const randomRow = timingOf(
    'momentAt, random t over 45 min',
    (i) => momentAt(plan, times[i & mask]!, bodyMap),
    {
      opsPerBatch: 20_000,
      batches: 60,
      warmupBatches: 20,
    },
  );
  report.row(randomRow);

  const frames = Math.ceil(plan.totalSeconds * 60);
  report.row(
    timingOf('momentAt, 60 fps playback', (i) => momentAt(plan, (i % frames) / 60, bodyMap), {
      opsPerBatch: 20_000,
      batches: 60,
      warmupBatches: 20,
    }),
  );

  // A fresh copy each time: the cost of the first moment of every step (tracks, pressure profiles, cues).
  const copies = Array.from({ length: 40 }, () => structuredClone(plan));
  report.row(
    timingOf(
      'first pass: prepare every step of the plan',
      (i) => {
        const copy = copies[i % copies.length]!;
        for (const step of copy.steps) momentAt(copy, step.start, bodyMap);
        return copy;
      },
      { opsPerBatch: 1, batches: 30, warmupBatches: 10 },
    ),
  );

  const verdict = randomRow.opsPerSecond > TARGET_PER_SECOND ? 'met' : 'NOT met';
  report.note(
    `target > ${TARGET_PER_SECOND.toLocaleString('en-US')} momentAt/s: ${verdict} (${Math.round(randomRow.opsPerSecond).toLocaleString('en-US')}/s)`,
  );
}
