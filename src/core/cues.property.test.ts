import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { Intake } from './intake.js';
import { planFromIntake } from './planner.js';
import { cueProblems } from './test-support/cue-words.js';
import { intakeArbitrary } from './test-support/intake-arbitrary.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const rules = testRules();
const bodyMap = testBodyMap();
const alwaysOn = new Set(rules.filter((r) => 'always' in r.when).map((r) => r.id));
const routines = [testRoutine('spinal-column'), testRoutine('neck-and-shoulders')];

describe('cues follow the plan', () => {
  it(`no cue names an excluded region or says more pressure than planned (${RUNS} intakes, both routines)`, () => {
    fc.assert(
      fc.property(intakeArbitrary, fc.integer({ min: 0, max: routines.length - 1 }), (intake, r) => {
        const plan = planFromIntake(routines[r]!, rules, intake, { bodyMap });
        if (plan.refused) return;
        expect(cueProblems(plan, alwaysOn)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // 42 s alone on CI's two cores, about 60 s beside the planner's property test (both start first): room to spare.
  }, 180_000);

  it('finds the old narration: the lower leg named on a varicose leg, firm strokes at pressure 2', () => {
    const plan = planFromIntake(
      routines[0]!,
      rules,
      Intake.parse({ minutes: 45, conditions: [{ id: 'varicose-veins', side: 'left', severity: 'mild' }] }),
      { bodyMap },
    );
    if (plan.refused) throw new Error('refused');
    const old = {
      ...plan,
      steps: plan.steps.map((s) =>
        s.id === 'leg-glide' && s.side === 'left'
          ? {
              ...s,
              cues: {
                before: 'Lay both palms on the back of the lower leg, one just ahead of the other.',
                during: ['Short, firm strokes, each a little higher.'],
                safety: null,
              },
            }
          : s,
      ),
    };
    const problems = cueProblems(old, alwaysOn);
    expect(problems.some((p) => p.includes('leg.lower'))).toBe(true);
    expect(problems.some((p) => p.includes('"firm"'))).toBe(true);
    expect(cueProblems(plan, alwaysOn)).toEqual([]);
  });
});
