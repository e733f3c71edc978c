import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import type { Rule } from '../../src/core/rules.js';
import { DEFAULT_PAIN_PARAMS, painOutcome, painParamsFrom, planSoftened } from './pain.js';

const params = DEFAULT_PAIN_PARAMS;

describe('painOutcome (rule stop-on-pain)', () => {
  it.each([
    [3, 0, { kind: 'soften', from: 3, to: 2 }],
    [6, 0, { kind: 'soften', from: 3, to: 2 }],
    [7, 0, { kind: 'end', because: 'level' }],
    [10, 0, { kind: 'end', because: 'level' }],
    [2, 1, { kind: 'end', because: 'repeat' }],
  ])('level %i after %i earlier reports → %o', (level, earlierReports, expected) => {
    expect(painOutcome(params, { level, earlierReports }, { pressure: 3 })).toEqual(expected);
  });

  it('never lowers pressure below 1, and leaves a step that presses nothing alone', () => {
    expect(painOutcome(params, { level: 2, earlierReports: 0 }, { pressure: 1 })).toEqual({
      kind: 'soften',
      from: 1,
      to: 1,
    });
    expect(painOutcome(params, { level: 2, earlierReports: 0 }, { pressure: null })).toEqual({
      kind: 'soften',
      from: null,
      to: null,
    });
  });
});

describe('painParamsFrom', () => {
  it('reads the params of the stop-on-pain rule', () => {
    const rules = [
      {
        id: 'stop-on-pain',
        title: { en: 'Stop on pain' },
        when: { always: true },
        appliesAt: 'session',
        params: { pressureDrop: 2, endSessionAtLevel: 6, endSessionAfterReports: 3 },
        effects: [],
      },
    ] satisfies Rule[];
    expect(painParamsFrom(rules)).toEqual({
      pressureDrop: 2,
      endSessionAtLevel: 6,
      endSessionAfterReports: 3,
    });
  });

  it('falls back to the catalogue values without the rule', () => {
    expect(painParamsFrom([])).toEqual(DEFAULT_PAIN_PARAMS);
  });
});

describe('planSoftened', () => {
  const step = {
    id: 'leg-glide',
    pressure: 3,
    pressureByRegion: { 'leg.knee.popliteal': 2, 'leg.lower': 3 },
    changes: [],
  } as unknown as PlannedStep;
  const plan = { steps: [step, { ...step, id: 'other' }] } as unknown as Plan;

  it('lowers only the given step, caps its regions, and records the change', () => {
    const softened = planSoftened(plan, 0, 2, 'pain reported');
    expect(softened.steps[0]?.pressure).toBe(2);
    expect(softened.steps[0]?.pressureByRegion).toEqual({ 'leg.knee.popliteal': 2, 'leg.lower': 2 });
    expect(softened.steps[0]?.changes).toEqual([
      { rule: 'stop-on-pain', kind: 'soften', reason: 'pain reported', from: 3, to: 2 },
    ]);
    expect(softened.steps[1]).toBe(plan.steps[1]);
    expect(plan.steps[0]?.pressure).toBe(3);
  });
});
