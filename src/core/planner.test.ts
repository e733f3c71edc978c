import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { Intake, type IntakeInput } from './intake.js';
import { checkPlan } from './plan-check.js';
import type { Plan, PlanResult } from './plan-types.js';
import { planFromIntake } from './planner.js';

const routine = testRoutine();
const rules = testRules();
const bodyMap = testBodyMap();

function planOf(input: IntakeInput): Plan {
  const intake = Intake.parse(input);
  const result = planFromIntake(routine, rules, intake, { bodyMap });
  expect(checkPlan(result, intake, rules, bodyMap)).toEqual([]);
  if (result.refused) throw new Error(`refused: ${JSON.stringify(result.reasons)}`);
  return result;
}

function resultOf(input: IntakeInput): PlanResult {
  return planFromIntake(routine, rules, Intake.parse(input), { bodyMap });
}

const has = (plan: Plan, id: string, side: 'left' | 'right' | null = null) =>
  plan.steps.some((s) => s.id === id && (side === null || s.side === side));
const skippedBy = (plan: Plan, id: string, side: 'left' | 'right' | null = null) =>
  plan.skipped.find((s) => s.id === id && (side === null || s.side === side))?.rule;

describe('planFromIntake: the default plan', () => {
  const plan = planOf({ minutes: 45 });
  it('keeps every step in routine order, legs left then right', () => {
    const ids = plan.steps.map((s) => `${s.id}${s.side ? `:${s.side}` : ''}`);
    expect(ids.slice(0, 5)).toEqual([
      'check-in',
      'spine-reinforced-palm',
      'spine-fingertip-press',
      'spine-thumb-knead',
      'back-forearm-spread',
    ]);
    expect(ids.indexOf('leg-glide:left')).toBeLessThan(ids.indexOf('sole-thumb:left'));
    expect(ids.indexOf('sole-thumb:left')).toBeLessThan(ids.indexOf('leg-glide:right'));
    expect(ids.at(-1)).toBe('check-out');
    expect(plan.skipped).toEqual([]);
  });
  it('times the session to the minute, count-bound steps keep their counts', () => {
    expect(Math.abs(plan.totalSeconds - 45 * 60)).toBeLessThanOrEqual(45 * 60 * 0.02);
    const lift = plan.steps.find((s) => s.id === 'leg-passive-lift')!;
    expect(lift.reps).toBe(3);
    expect(lift.isCountBound).toBe(true);
  });
  it('follows the section budgets of CATALOGUE.md (back 12, legs 16, front 12 minutes at 45)', () => {
    const sum = (section: string) =>
      plan.steps.filter((s) => s.sectionId === section).reduce((a, s) => a + s.duration, 0) / 60;
    expect(sum('back')).toBeCloseTo(12, 0);
    expect(sum('legs')).toBeCloseTo(16, 0);
    expect(sum('front')).toBeCloseTo(12, 0);
  });
  it('the first side can be chosen', () => {
    const right = planFromIntake(routine, rules, Intake.parse({ minutes: 45 }), {
      bodyMap,
      firstSide: 'right',
    });
    if (right.refused) throw new Error('refused');
    expect(right.steps.find((s) => s.sectionId === 'legs')?.side).toBe('right');
  });
  it('is deterministic', () => {
    expect(JSON.stringify(planOf({ minutes: 45 }))).toBe(JSON.stringify(plan));
  });
});

describe('planFromIntake: one table row per rule of CATALOGUE.md', () => {
  it.each([
    ['fever'],
    ['contagious-illness'],
    ['suspected-dvt'],
    ['acute-inflammation-flare'],
    ['unexplained-pain'],
  ])('%s refuses the session, with a reason to see a doctor', (id) => {
    const r = resultOf({ minutes: 45, conditions: [{ id: id as never }] });
    expect(r.refused).toBe(true);
    if (r.refused) {
      expect(r.reasons).toHaveLength(1);
      expect(r.reasons[0]).toMatchObject({ rule: id, condition: id });
      expect(r.reasons[0]?.reason).toMatch(/doctor/);
    }
  });

  it('dvt-history not cleared refuses; cleared softens that leg to 1 and warns', () => {
    expect(
      resultOf({ minutes: 45, conditions: [{ id: 'dvt-history', side: 'left', isCleared: false }] }).refused,
    ).toBe(true);
    const plan = planOf({ minutes: 45, conditions: [{ id: 'dvt-history', side: 'left', isCleared: true }] });
    for (const s of plan.steps.filter((x) => x.side === 'left' && x.pressure !== null))
      expect(s.pressure).toBe(1);
    expect(plan.steps.find((s) => s.id === 'leg-glide' && s.side === 'right')?.pressure).toBeGreaterThan(1);
    expect(plan.warnings.map((w) => w.rule)).toContain('dvt-history');
  });

  it('spine-no-direct-pressure: no step touches back.spine', () => {
    const plan = planOf({ minutes: 45 });
    for (const s of plan.steps) expect(s.regions).not.toContain('back.spine');
    expect(plan.excludedRegions.map((e) => e.region)).toContain('back.spine');
  });

  it('inner-thigh-avoid-genitals: no step touches leg.thigh.inner-upper', () => {
    const plan = planOf({ minutes: 45 });
    for (const s of plan.steps) expect(s.regions).not.toContain('leg.thigh.inner-upper');
  });

  it('knee-light: steps crossing the knee press it at 2 at most', () => {
    const plan = planOf({ minutes: 45 });
    const overKnee = plan.steps.filter(
      (s) => s.regions.some((r) => r.startsWith('leg.knee')) && s.pressure !== null,
    );
    expect(overKnee.length).toBeGreaterThan(0);
    for (const s of overKnee) {
      for (const r of s.regions.filter((x) => x.startsWith('leg.knee'))) {
        expect(Math.min(s.pressure!, s.pressureByRegion[r] ?? s.pressure!)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('varicose-veins (mild, left): no kneading and nothing on the lower leg, at most 2 on that leg; right untouched', () => {
    const plan = planOf({
      minutes: 45,
      conditions: [{ id: 'varicose-veins', side: 'left', severity: 'mild' }],
    });
    expect(skippedBy(plan, 'leg-knead', 'left')).toBe('varicose-veins');
    expect(has(plan, 'leg-knead', 'right')).toBe(true);
    for (const s of plan.steps.filter((x) => x.side === 'left')) {
      expect(s.regions).not.toContain('leg.lower');
      if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(2);
    }
    const glide = plan.steps.find((s) => s.id === 'leg-glide' && s.side === 'left');
    expect(glide?.changes.map((c) => c.rule)).toContain('varicose-veins');
    expect(plan.excludedRegions).toContainEqual(
      expect.objectContaining({ region: 'leg.lower', side: 'left' }),
    );
  });

  it('varicose-veins (severe, both): ankle and foot steps skipped on both legs, a warning to acknowledge', () => {
    const plan = planOf({
      minutes: 45,
      conditions: [{ id: 'varicose-veins', side: 'both', severity: 'severe' }],
    });
    for (const id of ['ankle-circles', 'foot-flex-stretch', 'ankle-rotation', 'sole-thumb']) {
      expect(has(plan, id)).toBe(false);
    }
    expect(plan.warnings.find((w) => w.rule === 'varicose-veins-severe')?.mustAcknowledge).toBe(true);
  });

  it.each([
    [{ client: { weightKg: 100 }, practitioner: { weightKg: 60 } }, true],
    [{ client: { heightCm: 190 }, practitioner: { heightCm: 160 } }, true],
    [{ client: { heightCm: 170, weightKg: 70 }, practitioner: { heightCm: 165, weightKg: 60 } }, false],
    [{ client: { weightKg: 120 } }, false],
  ])('heavy-or-tall-client %j → spine-extension skipped: %s', (bodies, isSkipped) => {
    const plan = planOf({ minutes: 45, ...bodies });
    expect(skippedBy(plan, 'spine-extension') === 'heavy-or-tall-client').toBe(isSkipped);
  });

  it('heavy-or-tall-client ratios are configurable', () => {
    const intake = Intake.parse({ minutes: 45, client: { weightKg: 100 }, practitioner: { weightKg: 60 } });
    const r = planFromIntake(routine, rules, intake, { bodyMap, heavyRatio: 2 });
    expect(!r.refused && r.steps.some((s) => s.id === 'spine-extension')).toBe(true);
  });

  it('cannot-arch-back skips spine-extension', () => {
    expect(
      skippedBy(planOf({ minutes: 45, conditions: [{ id: 'cannot-arch-back' }] }), 'spine-extension'),
    ).toBe('cannot-arch-back');
  });

  it('anticoagulants: everything at most 2, stretches gentle', () => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'anticoagulants' }] });
    for (const s of plan.steps) if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(2);
    const stretch = plan.steps.find((s) => s.technique === 'stretch')!;
    expect(stretch.cues.safety).toMatch(/gently/i);
  });

  it('osteoporosis: at most 2, and the lifts, stretches and traction skipped', () => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'osteoporosis' }] });
    for (const id of ['leg-passive-lift', 'foot-flex-stretch', 'neck-traction', 'spine-extension']) {
      expect(skippedBy(plan, id)).toBe('osteoporosis');
      expect(has(plan, id)).toBe(false);
    }
    for (const s of plan.steps) if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(2);
  });

  it('neck-injury: no traction, no spine extension, the neck at most 2', () => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'neck-injury' }] });
    expect(skippedBy(plan, 'neck-traction')).toBe('neck-injury');
    expect(skippedBy(plan, 'spine-extension')).toBe('neck-injury');
    for (const s of plan.steps.filter(
      (x) => x.regions.some((r) => r.startsWith('neck')) && x.pressure !== null,
    )) {
      for (const r of s.regions.filter((x) => x.startsWith('neck'))) {
        expect(Math.min(s.pressure!, s.pressureByRegion[r] ?? 5)).toBeLessThanOrEqual(2);
      }
    }
  });

  it.each([
    [10, false],
    [13, false],
    [14, true],
    [30, true],
  ])('pregnancy at %i weeks → prone sections skipped: %s', (weeks, isSkipped) => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'pregnancy', weeks }] });
    expect(plan.steps.some((s) => s.position === 'prone')).toBe(!isSkipped);
    expect(plan.warnings.some((w) => w.rule === 'pregnancy')).toBe(isSkipped);
  });

  it('oil-allergy replaces the oil cue of the turn-over', () => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'oil-allergy' }] });
    const turn = plan.steps.find((s) => s.id === 'turn-over')!;
    expect(turn.cues.safety).toMatch(/lotion/);
    expect(turn.changes.map((c) => c.rule)).toContain('oil-allergy');
  });

  it('local-lesion: nothing on that region and side', () => {
    const plan = planOf({
      minutes: 45,
      conditions: [{ id: 'local-lesion', region: 'back.scapula', side: 'right' }],
    });
    expect(plan.excludedRegions).toContainEqual(
      expect.objectContaining({ region: 'back.scapula', side: 'right' }),
    );
    const forearm = plan.steps.find((s) => s.id === 'back-forearm-spread');
    const skipped = skippedBy(plan, 'back-forearm-spread');
    expect(forearm !== undefined || skipped === 'local-lesion').toBe(true);
  });

  it('cannot-lie-prone skips the prone sections and warns', () => {
    const plan = planOf({ minutes: 45, conditions: [{ id: 'cannot-lie-prone' }] });
    expect(plan.steps.some((s) => s.position === 'prone')).toBe(false);
    expect(skippedBy(plan, 'spine-thumb-knead')).toBe('cannot-lie-prone');
    expect(plan.warnings.map((w) => w.rule)).toContain('cannot-lie-prone');
  });

  it('pressure preference caps every step', () => {
    const plan = planOf({ minutes: 45, pressurePreference: 2 });
    for (const s of plan.steps) if (s.pressure !== null) expect(s.pressure).toBeLessThanOrEqual(2);
    expect(plan.steps.find((s) => s.id === 'spine-thumb-knead')?.changes[0]).toMatchObject({
      rule: 'pressure-preference',
      from: 4,
      to: 2,
    });
  });

  it('avoided regions are not touched', () => {
    const plan = planOf({ minutes: 45, avoidRegions: [{ region: 'head.scalp' }] });
    for (const s of plan.steps) expect(s.regions).not.toContain('head.scalp');
    expect(skippedBy(plan, 'scalp-shampoo')).toBe('client-avoid-region');
  });

  it('reasons come in the intake language', () => {
    const plan = planOf({ minutes: 45, language: 'ru', conditions: [{ id: 'cannot-arch-back' }] });
    expect(plan.skipped[0]?.reason).toMatch(/[а-я]/);
    expect(plan.steps[0]?.cues.before).toMatch(/[а-я]/);
    for (const step of plan.steps) if (step.cues.safety) expect(step.cues.safety).toMatch(/[а-яё]/i);
  });
});

describe('planFromIntake: session lengths', () => {
  it.each([10, 15, 20, 30, 45, 60])('%s minutes is planned within 2 percent', (minutes) => {
    const plan = planOf({ minutes });
    expect(Math.abs(plan.totalSeconds - minutes * 60)).toBeLessThanOrEqual(minutes * 60 * 0.02);
    expect(plan.warnings.some((w) => w.rule === 'session-length')).toBe(false);
  });

  it.each([75, 90, 120])(
    '%s minutes: more than this routine fills well, and the plan says so plainly',
    (minutes) => {
      const plan = planOf({ minutes });
      expect(plan.totalSeconds).toBeLessThan(minutes * 60);
      expect(plan.totalSeconds).toBeGreaterThan(60 * 60);
      const warning = plan.warnings.find((w) => w.rule === 'session-length');
      expect(warning?.message).toMatch(/shorter than that/);
    },
  );

  it.each([10, 20, 30, 45, 60, 75, 90, 120])(
    '%s minutes: reps.max, ceilings, the face-down limit and the rest before turning hold',
    (minutes) => {
      const plan = planOf({ minutes });
      const steps = new Map(routine.sections.flatMap((sec) => sec.steps.map((st) => [st.id, st] as const)));
      for (const s of plan.steps) {
        const step = steps.get(s.id)!;
        if (step.reps.max !== undefined) expect(s.reps, s.id).toBeLessThanOrEqual(step.reps.max);
        if (step.maxSeconds !== undefined) expect(s.duration, s.id).toBeLessThanOrEqual(step.maxSeconds);
        if (step.minSeconds !== undefined) expect(s.duration, s.id).toBeGreaterThanOrEqual(step.minSeconds);
      }
      const prone = plan.steps.filter((s) => s.position === 'prone').reduce((a, s) => a + s.duration, 0);
      expect(prone).toBeLessThanOrEqual(40 * 60);
      expect(plan.steps.find((s) => s.id === 'turn-over')?.duration ?? 0).toBeGreaterThanOrEqual(120);
      expect(plan.steps.find((s) => s.id === 'scalp-shampoo')?.duration ?? 0).toBeLessThanOrEqual(300);
    },
  );

  it('a rule may lower the face-down limit (limit-position)', () => {
    const limited = [
      ...rules,
      {
        id: 'test-face-down',
        title: { en: 'Test' },
        when: { always: true as const },
        appliesAt: 'plan' as const,
        effects: [
          {
            kind: 'limit-position' as const,
            position: 'prone' as const,
            maxMinutes: 20,
            reason: { en: 'test' },
          },
        ],
      },
    ];
    const plan = planFromIntake(routine, limited, Intake.parse({ minutes: 60 }), { bodyMap });
    if (plan.refused) throw new Error('refused');
    const prone = plan.steps.filter((s) => s.position === 'prone').reduce((a, s) => a + s.duration, 0);
    expect(prone).toBeLessThanOrEqual(20 * 60);
    expect(prone).toBeGreaterThan(15 * 60);
  });

  it('a planned step never carries a "left out" reason (10 minutes: fewer repetitions instead)', () => {
    const plan = planOf({ minutes: 10 });
    for (const s of plan.steps) for (const c of s.changes) expect(c.reason).not.toMatch(/Left out/);
    const traction = plan.steps.find((s) => s.id === 'neck-traction');
    expect(traction?.changes.find((c) => c.rule === 'session-length')?.reason).toMatch(/Fewer repetitions/);
  });

  it('below 30 minutes the optional steps go first', () => {
    const plan = planOf({ minutes: 20 });
    expect(skippedBy(plan, 'leg-passive-lift')).toBe('session-length');
    expect(plan.steps.some((s) => s.id === 'spine-thumb-knead')).toBe(true);
  });

  it('at 10 minutes whole leg steps go (lightest, latest first), each with the reason, and the legs still open with the glide', () => {
    const plan = planOf({ minutes: 10 });
    expect(Math.abs(plan.totalSeconds - 600)).toBeLessThanOrEqual(12);
    expect(plan.skipped.find((s) => s.id === 'foot-flex-stretch' && s.side === 'left')?.rule).toBe(
      'session-length',
    );
    expect(plan.skipped.find((s) => s.id === 'foot-flex-stretch')?.reason).toMatch(/10-minute session/);
    expect(has(plan, 'leg-glide', 'left')).toBe(true);
    expect(has(plan, 'spine-thumb-knead')).toBe(true);
    for (const section of ['back', 'legs', 'front'])
      expect(plan.steps.some((s) => s.sectionId === section)).toBe(true);
  });

  it('time freed by a skipped step goes to the same section', () => {
    const base = planOf({ minutes: 45 });
    const skipped = planOf({ minutes: 45, conditions: [{ id: 'cannot-arch-back' }] });
    // The front keeps its time as far as its steps' ceilings allow; the rest goes to other sections.
    expect(Math.abs(skipped.totalSeconds - base.totalSeconds)).toBeLessThanOrEqual(2);
    const shampoo = (p: Plan) => p.steps.find((s) => s.id === 'scalp-shampoo')!.duration;
    expect(shampoo(skipped)).toBeGreaterThan(shampoo(base));
  });
});
