import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { Intake } from './intake.js';
import { isRefusal, type Plan } from './plan-types.js';
import { planFromIntake } from './planner.js';
import { momentAt } from './timeline.js';

const map = testBodyMap();

function planOf(intake: unknown): Plan {
  const plan = planFromIntake(testRoutine('spinal-column'), testRules(), Intake.parse(intake), {
    bodyMap: map,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

/** The working hands' mean y (toward the feet) at a phase of a step's first repetition. */
function meanY(plan: Plan, id: string, phase: number): number {
  const step = plan.steps.find((s) => s.id === id)!;
  const m = momentAt(plan, step.start + (phase * step.duration) / step.reps, map);
  return m.hands.reduce((s, h) => s + h.y, 0) / m.hands.length;
}

describe('cue windows on a stroke the plan cut short', () => {
  // The hair left out: the chest stroke stops at the back of the neck, so "up the back of the neck" comes later in
  // the repetition than the routine's window says.
  const plan = planOf({
    minutes: 10,
    conditions: [{ id: 'cannot-lie-prone' }],
    avoidRegions: [{ region: 'head.hair' }],
  });
  const step = plan.steps.find((s) => s.id === 'chest-shoulder-neck-stroke')!;

  it('moves the window of "up the back of the neck" to where the hands go up', () => {
    const i = step.cues.during.findIndex((line) => line.includes('up the back of the neck'));
    expect(i).toBeGreaterThanOrEqual(0);
    const [from, to] = step.cues.duringPhases![i]!;
    expect(from).toBeGreaterThan(0.4);
    // Up is toward the head: y falls over the window.
    expect(meanY(plan, step.id, to - 0.01) - meanY(plan, step.id, from + 0.01)).toBeLessThan(-0.005);
  });

  it('drops the line about the stretch the cut left out (the crown)', () => {
    expect(step.cues.during.some((line) => line.includes('crown'))).toBe(false);
    expect(step.cues.duringPhases).toHaveLength(step.cues.during.length);
  });

  it('leaves the windows of an uncut stroke as the routine wrote them', () => {
    const whole = planOf({ minutes: 10, conditions: [{ id: 'cannot-lie-prone' }] });
    const uncut = whole.steps.find((s) => s.id === 'chest-shoulder-neck-stroke')!;
    expect(uncut.cues.duringPhases).toEqual([
      [0, 0.3],
      [0.3, 0.5],
      [0.5, 0.7],
    ]);
  });
});
