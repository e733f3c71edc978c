import { describe, expect, it } from 'vitest';
import type { Moment } from '../../src/core/moment.js';
import { momentView } from './moment-view.js';
import { momentInto, plannedStep, samplePlan } from './sample-plan.test-support.js';

const plan = samplePlan();

describe('momentView', () => {
  it.each([
    ['spine-reinforced-palm', 'top'],
    ['leg-passive-lift', 'side'],
    ['foot-flex-stretch', 'side'],
    ['ankle-rotation', 'side'],
    ['chest-shoulder-neck-stroke', 'head'],
    ['scalp-shampoo', 'head'],
    ['neck-traction', 'side'],
    ['spine-extension', 'side'],
    ['leg-drainage', 'top'],
  ])('draws %s from its first view (%s)', (id, view) => {
    const step = plannedStep(plan, id);
    for (const at of [0.5, step.duration / 2, step.duration - 0.5])
      expect(momentView(momentInto(plan, id, at))).toBe(view);
  });

  it("takes the running part's own views over its step's", () => {
    const m = momentInto(plan, 'leg-drainage', 1);
    const part = m.part;
    expect(part).not.toBeNull();
    if (!part) return;
    const moment: Pick<Moment, 'step' | 'part'> = { step: m.step, part: { ...part, views: ['closeup'] } };
    expect(momentView(moment)).toBe('closeup');
  });

  it("falls back on the technique kind's view when the routine names none", () => {
    const m = momentInto(plan, 'leg-passive-lift', 1);
    const { views: _views, ...step } = m.step;
    expect(momentView({ step, part: null })).toBe('side');
    expect(momentView({ step: { ...step, technique: 'glide' }, part: null })).toBe('top');
  });
});
