import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { bodyMapFromData } from './body-map.js';
import { Intake } from './intake.js';
import { checkPlan } from './plan-check.js';
import { isRefusal } from './plan-types.js';
import { planFromIntake } from './planner.js';
import { stepTellingPhase, techniqueMotions } from './techniques/index.js';
import { fixtureBodyMap, planFixture, stepFixture, trackFixture } from './test-support/plan-fixture.js';
import { momentAt } from './timeline.js';

/** A second map: the built-in shapes, every region tolerating at most pressure 2. */
const softMap = bodyMapFromData({
  ...bodyMapData,
  regions: bodyMapData.regions.map((r) => ({ ...r, maxPressure: Math.min(r.maxPressure, 2) })),
});

/** The highest hand pressure the timeline shows over a plan, sampled every second. */
function highestPressure(plan: Parameters<typeof momentAt>[0], map: Parameters<typeof momentAt>[2]): number {
  let max = 0;
  for (let t = 0; t <= plan.totalSeconds; t += 1) {
    for (const h of momentAt(plan, t, map).hands)
      if (h.pressure !== null && h.pressure > max) max = h.pressure;
  }
  return max;
}

describe('one body map, passed in', () => {
  const backGlide = planFixture([
    stepFixture({
      id: 'back-glide',
      technique: 'glide',
      pressure: 4,
      reps: 2,
      duration: 20,
      arrangement: 'mirrored',
      hands: [
        trackFixture('left', [
          [-0.03, 0.42],
          [-0.03, 0.2],
        ]),
        trackFixture('right', [
          [0.03, 0.42],
          [0.03, 0.2],
        ]),
      ],
    }),
  ]);

  it('the timeline caps the hands to the tolerances of the map it is given', () => {
    expect(highestPressure(backGlide, fixtureBodyMap)).toBe(4);
    expect(highestPressure(backGlide, softMap)).toBe(2);
  });

  it('plans and plays with a second map: its tolerances are the ones applied, and checkPlan holds with it', () => {
    const intake = Intake.parse({ minutes: 45, pressurePreference: 5 });
    const rules = builtinRules();
    const withSoft = planFromIntake(builtinRoutine('spinal-column'), rules, intake, { bodyMap: softMap });
    const withBuiltin = planFromIntake(builtinRoutine('spinal-column'), rules, intake, {
      bodyMap: builtinBodyMap(),
    });
    if (isRefusal(withSoft) || isRefusal(withBuiltin)) throw new Error('refused');
    expect(checkPlan(withSoft, intake, rules, softMap)).toEqual([]);
    expect(highestPressure(withSoft, softMap)).toBeLessThanOrEqual(2);
    expect(highestPressure(withBuiltin, builtinBodyMap())).toBeGreaterThan(2);
  });
});

describe('stepTellingPhase', () => {
  it('is the technique kind’s own unless the step overrides it', () => {
    const step = stepFixture({ id: 'x', technique: 'traction', reps: 1, duration: 10, hands: [] });
    expect(stepTellingPhase({ ...step, start: 0 })).toBe(techniqueMotions.traction.tellingPhase);
    expect(stepTellingPhase({ ...step, start: 0, tellingPhase: 0.7 })).toBe(0.7);
  });

  it('a routine step’s own tellingPhase reaches its planned step', () => {
    const routine = structuredClone(builtinRoutine('spinal-column'));
    const step = routine.sections.flatMap((s) => s.steps).find((s) => s.technique === 'glide')!;
    step.tellingPhase = 0.6;
    const plan = planFromIntake(routine, builtinRules(), Intake.parse({ minutes: 45 }), {
      bodyMap: builtinBodyMap(),
    });
    if (isRefusal(plan)) throw new Error('refused');
    const planned = plan.steps.filter((s) => s.id === step.id);
    expect(planned.length).toBeGreaterThan(0);
    for (const s of planned) expect(stepTellingPhase(s)).toBe(0.6);
    const other = plan.steps.find((s) => s.id !== step.id && s.technique === 'glide')!;
    expect(stepTellingPhase(other)).toBe(techniqueMotions.glide.tellingPhase);
  });

  it('every kind declares one within a repetition', () => {
    for (const motion of Object.values(techniqueMotions)) {
      expect(motion.tellingPhase).toBeGreaterThanOrEqual(0);
      expect(motion.tellingPhase).toBeLessThan(1);
    }
  });
});
