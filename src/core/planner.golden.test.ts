import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { Intake } from './intake.js';
import type { PlanResult } from './plan-types.js';
import { planFromIntake } from './planner.js';

const routine = testRoutine();
const rules = testRules();
const bodyMap = testBodyMap();
const dir = new URL('../../examples/intakes/', import.meta.url);

/** The plan as a reader checks it, cues as said included: everything but the hand tracks (tested apart). */
function goldenOf(result: PlanResult): unknown {
  if (result.refused) return result;
  return {
    ...result,
    steps: result.steps.map(({ motion: _motion, parts, ...rest }) => ({
      ...rest,
      ...(parts ? { parts: parts.map(({ motion: _partMotion, ...part }) => part) } : {}),
    })),
  };
}

describe('golden plans for the sample intakes', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('has sample intakes to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });
  it.each(files)('%s', async (file) => {
    const intake = Intake.parse(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
    const result = planFromIntake(routine, rules, intake, { bodyMap });
    await expect(`${JSON.stringify(goldenOf(result), null, 2)}\n`).toMatchFileSnapshot(
      `__golden__/${file.replace(/\.json$/, '')}.plan.json`,
    );
  });
});

describe('golden plans at six session lengths (no conditions)', () => {
  it.each([10, 30, 45, 60, 90, 120])('%i minutes', async (minutes) => {
    const result = planFromIntake(routine, rules, Intake.parse({ minutes }), { bodyMap });
    await expect(`${JSON.stringify(goldenOf(result), null, 2)}\n`).toMatchFileSnapshot(
      `__golden__/length-${minutes}.plan.json`,
    );
  });
});
