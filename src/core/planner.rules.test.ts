import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { Intake, type IntakeInput } from './intake.js';
import { checkPlan, contactGroups } from './plan-check.js';
import type { Plan, PlannedStep, PlanResult } from './plan-types.js';
import { planFromIntake } from './planner.js';

// One table row (or a few) per rule of CATALOGUE.md "Conditions added after the first review" and "Rules a
// massage teacher insists on": what each rule changes in the plan, checked on the plan and by checkPlan.

const routine = testRoutine();
const rules = testRules();
const bodyMap = testBodyMap();
type Condition = NonNullable<IntakeInput['conditions']>[number];

function resultOf(input: Omit<IntakeInput, 'minutes'> & { minutes?: number }): PlanResult {
  const intake = Intake.parse({ minutes: 45, ...input });
  const result = planFromIntake(routine, rules, intake, { bodyMap });
  expect(checkPlan(result, intake, rules, bodyMap)).toEqual([]);
  return result;
}

function planOf(input: Omit<IntakeInput, 'minutes'> & { minutes?: number }): Plan {
  const result = resultOf(input);
  if (result.refused) throw new Error(`refused: ${JSON.stringify(result.reasons)}`);
  return result;
}

const withConditions = (...conditions: Condition[]) => planOf({ conditions });
const has = (plan: Plan, id: string, side: 'left' | 'right' | null = null) =>
  plan.steps.some((s) => s.id === id && (side === null || s.side === side));
const skippedBy = (plan: Plan, id: string, side: 'left' | 'right' | null = null) =>
  plan.skipped.find((s) => s.id === id && (side === null || s.side === side))?.rule;
const warned = (plan: Plan) => plan.warnings.map((w) => w.rule);
/** The pressure a step presses a region with: its own, or its region cap when lower. */
const pressureOn = (step: PlannedStep, region: string) =>
  Math.min(step.pressure ?? 0, step.pressureByRegion[region] ?? 5);
/** Every (region, side) a planned step touches, from its contact points. */
const touched = (step: PlannedStep) =>
  contactGroups(bodyMap, step.motion).flatMap((g) => g.hits.map((h) => `${h.region}/${h.side ?? '-'}`));
const LEG_STEPS = [
  'leg-glide',
  'leg-passive-lift',
  'leg-drainage',
  'leg-knead',
  'ankle-circles',
  'foot-flex-stretch',
  'ankle-rotation',
  'sole-thumb',
];

describe('refusals: a refusing condition, or a clearance the intake does not give', () => {
  it.each<[string, Condition, string]>([
    ['a past clot, clearance not said', { id: 'dvt-history', side: 'left' }, 'dvt-history-not-cleared'],
    ['a past clot, not cleared', { id: 'dvt-history', isCleared: false }, 'dvt-history-not-cleared'],
    [
      'a recent heart attack or stroke',
      { id: 'recent-heart-attack-or-stroke' },
      'recent-heart-attack-or-stroke',
    ],
    ['alcohol or sedatives', { id: 'sedated-or-intoxicated' }, 'sedated-or-intoxicated'],
    ['blood pressure, control not said', { id: 'high-blood-pressure' }, 'high-blood-pressure-uncontrolled'],
    [
      'blood pressure uncontrolled',
      { id: 'high-blood-pressure', severity: 'uncontrolled' },
      'high-blood-pressure-uncontrolled',
    ],
    ['cancer treatment, not cleared', { id: 'cancer-treatment' }, 'cancer-treatment-not-cleared'],
    [
      'heart or kidney failure, not cleared',
      { id: 'heart-or-kidney-failure' },
      'heart-or-kidney-failure-not-cleared',
    ],
    ['a disc, red flags not said', { id: 'herniated-disc', level: 'lumbar' }, 'herniated-disc-red-flags'],
    ['a disc with red flags', { id: 'herniated-disc', hasRedFlags: true }, 'herniated-disc-red-flags'],
    ['a neck injury, weeks and clearance not said', { id: 'neck-injury' }, 'neck-injury-recent'],
    ['a neck injury 3 weeks ago', { id: 'neck-injury', weeks: 3 }, 'neck-injury-recent'],
    ['pregnancy, risk not said', { id: 'pregnancy', weeks: 10 }, 'pregnancy-high-risk'],
    [
      'pregnancy high-risk, not cleared',
      { id: 'pregnancy', weeks: 30, isHighRisk: true },
      'pregnancy-high-risk',
    ],
  ])('%s refuses, with a reason in en and ru', (_, condition, rule) => {
    for (const language of ['en', 'ru'] as const) {
      const r = resultOf({ conditions: [condition], language });
      expect(r.refused).toBe(true);
      if (!r.refused) return;
      expect(r.reasons.map((x) => x.rule)).toContain(rule);
      const reason = r.reasons.find((x) => x.rule === rule)!.reason;
      expect(reason.length).toBeGreaterThan(20);
      if (language === 'ru') expect(reason).toMatch(/[а-яё]/i);
    }
  });

  it.each<[string, Condition]>([
    ['a neck injury 3 weeks ago, cleared', { id: 'neck-injury', weeks: 3, isCleared: true }],
    ['a neck injury 8 weeks ago', { id: 'neck-injury', weeks: 8 }],
    ['a high-risk pregnancy, cleared', { id: 'pregnancy', weeks: 10, isHighRisk: true, isCleared: true }],
    ['a disc without red flags', { id: 'herniated-disc', hasRedFlags: false }],
    ['blood pressure under control', { id: 'high-blood-pressure', severity: 'controlled' }],
  ])('%s is planned', (_, condition) => {
    expect(resultOf({ conditions: [condition] }).refused).toBe(false);
  });
});

describe('circulation and heart', () => {
  it('dvt-history (cleared, left): no calf, no squeeze, drainage, ankle circles or sole work on the left; the rest of that leg at 1', () => {
    const plan = withConditions({ id: 'dvt-history', side: 'left', isCleared: true });
    for (const id of ['leg-knead', 'leg-drainage', 'ankle-circles', 'sole-thumb']) {
      expect(skippedBy(plan, id, 'left')).toBe('dvt-history');
      expect(has(plan, id, 'right')).toBe(true);
    }
    for (const s of plan.steps.filter((x) => x.side === 'left')) {
      expect(touched(s)).not.toContain('leg.lower/left');
      if (s.pressure !== null) expect(s.pressure).toBe(1);
    }
    expect(plan.warnings.find((w) => w.rule === 'dvt-history')?.message).toMatch(/swollen, warm or painful/);
  });

  it('varicose-veins: severity not said reads as severe, and without clearance the whole leg is left out', () => {
    const plan = withConditions({ id: 'varicose-veins', side: 'left' });
    for (const id of LEG_STEPS) expect(has(plan, id, 'left')).toBe(false);
    expect(skippedBy(plan, 'leg-glide', 'left')).toBe('varicose-veins-severe-not-cleared');
    expect(has(plan, 'leg-drainage', 'right')).toBe(true);
    expect(warned(plan)).toContain('varicose-veins-severe');
  });

  it('varicose-veins (mild): the drainage is skipped on that leg as well as the kneading', () => {
    const plan = withConditions({ id: 'varicose-veins', side: 'right', severity: 'mild' });
    expect(skippedBy(plan, 'leg-drainage', 'right')).toBe('varicose-veins');
    expect(skippedBy(plan, 'leg-knead', 'right')).toBe('varicose-veins');
    expect(has(plan, 'leg-glide', 'right')).toBe(true);
  });

  it('varicose-veins (severe, cleared): the glide stays; the ankle and foot are left alone', () => {
    const plan = withConditions({ id: 'varicose-veins', side: 'left', severity: 'severe', isCleared: true });
    expect(has(plan, 'leg-glide', 'left')).toBe(true);
    expect(skippedBy(plan, 'sole-thumb', 'left')).toBe('varicose-veins-severe');
  });

  it('high-blood-pressure (controlled): everything at most 3, the neck at most 2, get up slowly', () => {
    const plan = withConditions({ id: 'high-blood-pressure', severity: 'controlled' });
    for (const s of plan.steps) {
      if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(3);
      for (const r of s.regions.filter((x) => x.startsWith('neck')))
        expect(pressureOn(s, r)).toBeLessThanOrEqual(2);
    }
    expect(plan.steps.find((s) => s.id === 'spine-thumb-knead')?.pressure).toBe(3);
    expect(plan.warnings.find((w) => w.rule === 'high-blood-pressure')?.message).toMatch(/get up slowly/);
  });

  it('low-blood-pressure: the same steps, and a warning to get up slowly', () => {
    const base = planOf({});
    const plan = withConditions({ id: 'low-blood-pressure' });
    expect(plan.steps.map((s) => s.id)).toEqual(base.steps.map((s) => s.id));
    expect(warned(plan)).toContain('low-blood-pressure');
  });

  it('heart-or-kidney-failure (cleared): no drainage on either leg, legs at most 2, raise the upper body', () => {
    const plan = withConditions({ id: 'heart-or-kidney-failure', isCleared: true });
    expect(skippedBy(plan, 'leg-drainage', 'left')).toBe('heart-or-kidney-failure');
    expect(skippedBy(plan, 'leg-drainage', 'right')).toBe('heart-or-kidney-failure');
    for (const s of plan.steps.filter((x) => x.sectionId === 'legs' && x.pressure !== null))
      expect(s.pressure).toBeLessThanOrEqual(2);
    expect(plan.warnings.find((w) => w.rule === 'heart-or-kidney-failure')?.message).toMatch(/upper body/);
  });

  it('implanted-device (left): nothing under the left collarbone or on the left shoulder; the right side kept', () => {
    const plan = withConditions({ id: 'implanted-device', kind: 'pacemaker', side: 'left' });
    for (const s of plan.steps) {
      expect(touched(s)).not.toContain('chest.infraclavicular/left');
      expect(touched(s)).not.toContain('shoulder.joint/left');
    }
    expect(plan.excludedRegions).toContainEqual(
      expect.objectContaining({ region: 'chest.infraclavicular', side: 'left', rule: 'implanted-device' }),
    );
    expect(warned(plan)).toContain('implanted-device');
  });
});

describe('bones and joints, neck and back', () => {
  it('inflammatory-arthritis: no neck traction, spine extension or hair tug', () => {
    const plan = withConditions({ id: 'inflammatory-arthritis' });
    for (const id of ['neck-traction', 'spine-extension', 'hair-tug'])
      expect(skippedBy(plan, id)).toBe('inflammatory-arthritis');
    expect(warned(plan)).toContain('inflammatory-arthritis');
  });

  it('hypermobility: no neck traction, foot stretch or spine extension', () => {
    const plan = withConditions({ id: 'hypermobility' });
    for (const id of ['neck-traction', 'spine-extension']) expect(skippedBy(plan, id)).toBe('hypermobility');
    expect(skippedBy(plan, 'foot-flex-stretch', 'left')).toBe('hypermobility');
    expect(skippedBy(plan, 'foot-flex-stretch', 'right')).toBe('hypermobility');
  });

  it('dizziness-with-neck-movement: no traction, extension or hair tug, and see a doctor', () => {
    const plan = withConditions({ id: 'dizziness-with-neck-movement' });
    for (const id of ['neck-traction', 'spine-extension', 'hair-tug'])
      expect(skippedBy(plan, id)).toBe('dizziness-with-neck-movement');
    expect(plan.warnings.find((w) => w.rule === 'dizziness-with-neck-movement')?.message).toMatch(/doctor/);
  });

  it('neck-injury (3 weeks, cleared): planned as before, without traction', () => {
    const plan = withConditions({ id: 'neck-injury', weeks: 3, isCleared: true });
    expect(skippedBy(plan, 'neck-traction')).toBe('neck-injury');
  });

  it.each<[Condition, string[]]>([
    [{ id: 'joint-replacement', region: 'knee', side: 'right', weeks: 30 }, ['leg-passive-lift']],
    [{ id: 'joint-replacement', region: 'hip', side: 'right', weeks: 6 }, LEG_STEPS],
    [{ id: 'joint-replacement', region: 'hip', side: 'right' }, LEG_STEPS],
  ])('joint-replacement %j: the right leg leaves out %j, the left keeps everything', (condition, gone) => {
    const plan = withConditions(condition);
    for (const id of LEG_STEPS) {
      expect(has(plan, id, 'right')).toBe(!gone.includes(id));
      expect(has(plan, id, 'left')).toBe(true);
    }
    expect(skippedBy(plan, 'leg-passive-lift', 'right')).toMatch(/^joint-replacement/);
  });

  it('herniated-disc (lumbar): no spine extension or leg lift, the back at most 2, a clearance warning', () => {
    const plan = withConditions({ id: 'herniated-disc', level: 'lumbar', hasRedFlags: false });
    expect(skippedBy(plan, 'spine-extension')).toBe('herniated-disc-lumbar');
    expect(skippedBy(plan, 'leg-passive-lift', 'left')).toBe('herniated-disc-lumbar');
    expect(has(plan, 'neck-traction')).toBe(true);
    for (const s of plan.steps)
      for (const r of s.regions.filter((x) => x.startsWith('back.')))
        expect(pressureOn(s, r)).toBeLessThanOrEqual(2);
    expect(plan.warnings.find((w) => w.rule === 'herniated-disc-lumbar')?.mustAcknowledge).toBe(true);
  });

  it('herniated-disc (cervical): no neck traction or spine extension, the neck at most 2', () => {
    const plan = withConditions({ id: 'herniated-disc', level: 'cervical', hasRedFlags: false });
    expect(skippedBy(plan, 'neck-traction')).toBe('herniated-disc-cervical');
    expect(skippedBy(plan, 'spine-extension')).toBe('herniated-disc-cervical');
    expect(has(plan, 'leg-passive-lift', 'left')).toBe(true);
    for (const s of plan.steps)
      for (const r of s.regions.filter((x) => x.startsWith('neck')))
        expect(pressureOn(s, r)).toBeLessThanOrEqual(2);
  });

  it('herniated-disc with the level not said: both levels’ changes', () => {
    const plan = withConditions({ id: 'herniated-disc', hasRedFlags: false });
    expect(has(plan, 'neck-traction')).toBe(false);
    expect(has(plan, 'leg-passive-lift', 'left')).toBe(false);
  });
});

describe('pregnancy and after the birth', () => {
  it('pregnancy at 10 weeks: still face down, but no leg squeeze, ankle circles at 1, legs at most 2', () => {
    const plan = withConditions({ id: 'pregnancy', weeks: 10, isHighRisk: false });
    expect(plan.steps.some((s) => s.position === 'prone')).toBe(true);
    expect(skippedBy(plan, 'leg-knead', 'left')).toBe('pregnancy');
    expect(plan.steps.find((s) => s.id === 'ankle-circles')?.pressure).toBe(1);
    expect(plan.steps.find((s) => s.id === 'sole-thumb')?.pressure).toBeLessThanOrEqual(2);
    expect(plan.warnings.find((w) => w.rule === 'pregnancy')?.message).toMatch(/midwife/);
  });

  it('pregnancy at 24 weeks: no face-down part, no spine extension, the supine-hypotension warning', () => {
    const plan = withConditions({ id: 'pregnancy', weeks: 24, isHighRisk: false });
    expect(plan.steps.some((s) => s.position === 'prone')).toBe(false);
    expect(skippedBy(plan, 'spine-extension')).toBe('pregnancy-after-13-weeks');
    const w = plan.warnings.find((x) => x.rule === 'pregnancy-from-20-weeks');
    expect(w?.mustAcknowledge).toBe(true);
    expect(w?.message).toMatch(/left side/);
  });

  it('pregnancy at 19 weeks has no supine-hypotension warning; at 20 it has', () => {
    expect(warned(withConditions({ id: 'pregnancy', weeks: 19, isHighRisk: false }))).not.toContain(
      'pregnancy-from-20-weeks',
    );
    expect(warned(withConditions({ id: 'pregnancy', weeks: 20, isHighRisk: false }))).toContain(
      'pregnancy-from-20-weeks',
    );
  });

  it.each<[number | undefined, boolean]>([
    [4, true],
    [undefined, true],
    [11, true],
    [12, false],
  ])('postpartum at %s weeks → the leg rule of pregnancy: %s', (weeks, fires) => {
    const plan = withConditions({ id: 'postpartum', ...(weeks === undefined ? {} : { weeks }) });
    expect(skippedBy(plan, 'leg-knead', 'left') === 'postpartum').toBe(fires);
    expect((plan.steps.find((s) => s.id === 'ankle-circles')?.pressure ?? 0) <= 1).toBe(fires);
  });
});

describe('skin, wounds and operations', () => {
  it.each<[Condition, string]>([
    [{ id: 'local-lesion', region: 'leg.lower', side: 'left', kind: 'fracture' }, 'lesion-on-healing-limb'],
    [{ id: 'local-lesion', region: 'foot.sole', side: 'left' }, 'lesion-on-healing-limb'],
    [
      { id: 'recent-surgery', region: 'leg.thigh.posterior', side: 'left', weeks: 20 },
      'surgery-on-healing-limb',
    ],
  ])('%j: no lift, foot stretch or ankle rotation on that leg', (condition, rule) => {
    const plan = withConditions(condition);
    for (const id of ['leg-passive-lift', 'foot-flex-stretch', 'ankle-rotation']) {
      expect(skippedBy(plan, id, 'left')).toBe(rule);
      expect(has(plan, id, 'right')).toBe(true);
    }
    expect(warned(plan)).toContain(rule);
  });

  it('a bruise on the thigh does not stop the lift by the healing-limb rule', () => {
    const plan = withConditions({
      id: 'local-lesion',
      region: 'leg.thigh.posterior',
      side: 'left',
      kind: 'bruise',
    });
    expect(skippedBy(plan, 'foot-flex-stretch', 'left')).toBeUndefined();
    expect(warned(plan)).not.toContain('lesion-on-healing-limb');
  });

  it.each<[Condition, string]>([
    [{ id: 'local-lesion', region: 'abdomen', kind: 'wound' }, 'lesion-on-front-of-trunk'],
    [{ id: 'local-lesion', region: 'chest.sternum', kind: 'bruise' }, 'lesion-on-front-of-trunk'],
    [{ id: 'recent-surgery', region: 'abdomen', weeks: 8 }, 'surgery-on-front-of-trunk'],
  ])('%j on the front of the trunk: no face-down part, a warning', (condition, rule) => {
    const plan = withConditions(condition);
    expect(plan.steps.some((s) => s.position === 'prone')).toBe(false);
    expect(skippedBy(plan, 'spine-thumb-knead')).toBe(rule);
    expect(warned(plan)).toContain(rule);
  });

  it('recent-surgery on the back under 12 weeks: nothing on it, no spine extension or traction, clearance', () => {
    const plan = withConditions({ id: 'recent-surgery', region: 'back.paraspinal', side: 'left', weeks: 4 });
    expect(plan.excludedRegions).toContainEqual(
      expect.objectContaining({ region: 'back.paraspinal', side: 'left', rule: 'recent-surgery' }),
    );
    expect(skippedBy(plan, 'spine-extension')).toBe('recent-surgery-back-or-neck');
    expect(skippedBy(plan, 'neck-traction')).toBe('recent-surgery-back-or-neck');
    expect(plan.warnings.find((w) => w.rule === 'recent-surgery-back-or-neck')?.mustAcknowledge).toBe(true);
    const later = withConditions({
      id: 'recent-surgery',
      region: 'back.paraspinal',
      side: 'left',
      weeks: 20,
    });
    expect(has(later, 'neck-traction')).toBe(true);
  });
});

describe('medicines, treatment and other conditions', () => {
  it('cancer-treatment (cleared): everything at most 2, no lifts, stretches or traction, ask about a port', () => {
    const plan = withConditions({ id: 'cancer-treatment', isCleared: true });
    for (const s of plan.steps) if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(2);
    for (const id of ['neck-traction', 'spine-extension'])
      expect(skippedBy(plan, id)).toBe('cancer-treatment');
    expect(skippedBy(plan, 'leg-passive-lift', 'left')).toBe('cancer-treatment');
    expect(plan.warnings.find((w) => w.rule === 'cancer-treatment')?.message).toMatch(/port/);
  });

  it('cancer-treatment with lymph nodes removed on the left: the upper chest and shoulder at 1 there', () => {
    const plan = withConditions({ id: 'cancer-treatment', isCleared: true, lymphNodesRemovedSide: 'left' });
    const stroke = plan.steps.find((s) => s.id === 'chest-shoulder-neck-stroke')!;
    expect(pressureOn(stroke, 'chest.infraclavicular')).toBe(1);
    expect(stroke.changes.map((c) => c.rule)).toContain('cancer-treatment-lymph-nodes');
  });

  it('diabetes without neuropathy: the feet at most 2, look at the skin', () => {
    const plan = withConditions({ id: 'diabetes', hasNeuropathy: false });
    const sole = plan.steps.find((s) => s.id === 'sole-thumb')!;
    expect(pressureOn(sole, 'foot.sole')).toBe(2);
    expect(plan.warnings.find((w) => w.rule === 'diabetes')?.message).toMatch(/skin of the feet/);
  });

  it('diabetes, neuropathy not said: no sole work, foot stretch or ankle rotation; feet at 1, lower legs at 2', () => {
    const plan = withConditions({ id: 'diabetes' });
    for (const id of ['sole-thumb', 'foot-flex-stretch', 'ankle-rotation'])
      expect(skippedBy(plan, id, 'left')).toBe('diabetes-neuropathy');
    for (const s of plan.steps) {
      for (const r of s.regions.filter((x) => x.startsWith('foot.')))
        expect(pressureOn(s, r)).toBeLessThanOrEqual(1);
      if (s.regions.includes('leg.lower')) expect(pressureOn(s, 'leg.lower')).toBeLessThanOrEqual(2);
    }
  });
});

describe('size and age', () => {
  it('heavy-or-tall-client (118 kg, practitioner 58 kg): no spine extension and no straight-leg lift', () => {
    const plan = planOf({ client: { weightKg: 118 }, practitioner: { weightKg: 58 } });
    expect(skippedBy(plan, 'spine-extension')).toBe('heavy-or-tall-client');
    expect(skippedBy(plan, 'leg-passive-lift', 'left')).toBe('heavy-or-tall-client');
    expect(skippedBy(plan, 'leg-passive-lift', 'right')).toBe('heavy-or-tall-client');
  });

  it.each<[IntakeInput['client'], IntakeInput['practitioner'], boolean]>([
    [undefined, undefined, true],
    [{ weightKg: 118 }, undefined, true],
    [{ weightKg: 118 }, { heightCm: 160 }, true],
    [{ weightKg: 70 }, { weightKg: 65 }, false],
    [{ heightCm: 170 }, { heightCm: 165 }, false],
  ])('size-not-given (client %j, practitioner %j) warns: %s', (client, practitioner, isWarned) => {
    const plan = planOf({ ...(client ? { client } : {}), ...(practitioner ? { practitioner } : {}) });
    expect(warned(plan).includes('size-not-given')).toBe(isWarned);
  });

  it.each([69, 70, 90])('older-client at %i years (fires from 70)', (ageYears) => {
    const plan = planOf({ client: { ageYears }, minutes: 90 });
    const fires = ageYears >= 70;
    expect(skippedBy(plan, 'spine-extension') === 'older-client').toBe(fires);
    expect(warned(plan).includes('older-client')).toBe(fires);
    if (!fires) return;
    for (const s of plan.steps) if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(3);
    expect(plan.steps.find((s) => s.id === 'neck-traction')?.pressure).toBe(1);
    const prone = plan.steps.filter((s) => s.position === 'prone').reduce((a, s) => a + s.duration, 0);
    expect(prone).toBeLessThanOrEqual(20 * 60);
    expect(prone).toBeGreaterThan(15 * 60);
  });

  it('older-client age threshold is configurable', () => {
    const intake = Intake.parse({ minutes: 45, client: { ageYears: 66 } });
    const r = planFromIntake(routine, rules, intake, { bodyMap, olderAgeYears: 65 });
    expect(!r.refused && r.warnings.some((w) => w.rule === 'older-client')).toBe(true);
  });

  it.each([
    [16, true],
    [18, false],
  ])('minor-client at %i years asks for a guardian’s consent: %s', (ageYears, isWarned) => {
    expect(warned(planOf({ client: { ageYears } })).includes('minor-client')).toBe(isWarned);
  });
});

describe('three conditions together', () => {
  it('varicose veins (mild, left), diabetes with neuropathy and a pacemaker on the left: each rule’s changes hold', () => {
    const plan = withConditions(
      { id: 'varicose-veins', side: 'left', severity: 'mild' },
      { id: 'diabetes', hasNeuropathy: true },
      { id: 'implanted-device', kind: 'pacemaker', side: 'left' },
    );
    expect(skippedBy(plan, 'leg-drainage', 'left')).toBe('varicose-veins');
    expect(skippedBy(plan, 'sole-thumb', 'right')).toBe('diabetes-neuropathy');
    for (const s of plan.steps) expect(touched(s)).not.toContain('chest.infraclavicular/left');
  });
});
