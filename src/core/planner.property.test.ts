import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { REGION_IDS } from './ids.js';
import { CONDITION_IDS, Intake, type IntakeInput } from './intake.js';
import { checkPlan, contactGroups } from './plan-check.js';
import type { Plan } from './plan-types.js';
import { DURATION_TOLERANCE, planFromIntake } from './planner.js';

const routine = testRoutine();
const rules = testRules();
const bodyMap = testBodyMap();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const REFUSING = [
  'fever',
  'contagious-illness',
  'suspected-dvt',
  'acute-inflammation-flare',
  'unexplained-pain',
];

const side = fc.constantFrom('left', 'right', 'both', undefined);
const condition = fc
  .record({
    id: fc.constantFrom(...CONDITION_IDS),
    side,
    severity: fc.constantFrom('mild', 'severe', undefined),
    weeks: fc.integer({ min: 0, max: 42 }),
    region: fc.constantFrom(...REGION_IDS),
    isCleared: fc.constantFrom(true, false, undefined),
  })
  .map((c) => {
    const out: Record<string, unknown> = { id: c.id };
    if (c.side !== undefined && ['varicose-veins', 'dvt-history', 'local-lesion'].includes(c.id))
      out.side = c.side === 'both' && c.id === 'local-lesion' ? 'left' : c.side;
    if (c.id === 'varicose-veins' && c.severity) out.severity = c.severity;
    if (c.id === 'pregnancy') out.weeks = c.weeks;
    if (c.id === 'local-lesion') out.region = c.region;
    if (c.id === 'dvt-history' && c.isCleared !== undefined) out.isCleared = c.isCleared;
    return out;
  });
const body = fc.record(
  { heightCm: fc.integer({ min: 140, max: 210 }), weightKg: fc.integer({ min: 40, max: 160 }) },
  { requiredKeys: [] },
);
const intakeArb = fc
  .record(
    {
      client: body,
      practitioner: body,
      conditions: fc.array(condition, { maxLength: 4 }),
      avoidRegions: fc.array(
        fc.record(
          { region: fc.constantFrom(...REGION_IDS), side: fc.constantFrom('left', 'right') },
          { requiredKeys: ['region'] },
        ),
        { maxLength: 2 },
      ),
      pressurePreference: fc.integer({ min: 1, max: 5 }),
      minutes: fc.integer({ min: 10, max: 120 }),
      language: fc.constantFrom('en', 'ru'),
    },
    { requiredKeys: ['minutes'] },
  )
  .map((i) => Intake.parse(i as IntakeInput));

function legSides(sideValue: unknown): ('left' | 'right')[] {
  return sideValue === 'left' ? ['left'] : sideValue === 'right' ? ['right'] : ['left', 'right'];
}

/** The invariants, checked from geometry and the intake (not from the plan's own words). */
function planProblems(plan: Plan, intake: Intake): string[] {
  const problems: string[] = [];
  // Never pressure on the spine line, the throat or the groin.
  for (const step of plan.steps) {
    for (const g of contactGroups(bodyMap, step.motion)) {
      for (const h of g.hits) {
        if (
          h.region === 'back.spine' ||
          h.region === 'neck.anterior' ||
          h.region === 'leg.thigh.inner-upper'
        ) {
          problems.push(`${step.id} touches ${h.region}`);
        }
      }
    }
    if (step.pressure !== null && step.pressure > intake.pressurePreference)
      problems.push(`${step.id} over preference`);
    if (step.pressure !== null && step.pressure > 4) problems.push(`${step.id} plans pressure 5`);
  }
  // Varicose veins on a leg: nothing on that lower leg, nothing above 2 on that leg, no leg-knead on it.
  for (const c of intake.conditions.filter((x) => x.id === 'varicose-veins')) {
    for (const s of legSides(c.side)) {
      for (const step of plan.steps.filter((x) => x.side === s)) {
        if (step.id === 'leg-knead') problems.push(`leg-knead on the ${s} leg with varicose veins`);
        if (step.pressure !== null && step.pressure > 2)
          problems.push(`${step.id} at ${step.pressure} on the ${s} leg`);
        for (const g of contactGroups(bodyMap, step.motion)) {
          if (g.hits.some((h) => h.region === 'leg.lower' && h.side === s)) {
            problems.push(`${step.id} touches the ${s} lower leg`);
          }
        }
      }
    }
  }
  // A client much heavier or taller than the practitioner: no spine extension.
  const cl = intake.client;
  const pr = intake.practitioner;
  const heavy = cl?.weightKg !== undefined && pr?.weightKg !== undefined && cl.weightKg > 1.3 * pr.weightKg;
  const tall = cl?.heightCm !== undefined && pr?.heightCm !== undefined && cl.heightCm > 1.1 * pr.heightCm;
  if ((heavy || tall) && plan.steps.some((s) => s.id === 'spine-extension'))
    problems.push('spine-extension planned');
  // Duration within ±2 % of the minutes asked, or a warning saying why not.
  const asked = intake.minutes * 60;
  if (
    Math.abs(plan.totalSeconds - asked) > asked * DURATION_TOLERANCE &&
    !plan.warnings.some((w) => w.rule === 'session-length')
  ) {
    problems.push(`${plan.totalSeconds} s for ${asked} s asked, no warning`);
  }
  return problems;
}

describe('planner invariants over generated intakes', () => {
  it(`every plan of ${RUNS} intakes passes checkPlan and the issue's invariants`, () => {
    fc.assert(
      fc.property(intakeArb, (intake) => {
        // Plain checks collected into one list: tens of thousands of expect() calls per run would dominate.
        const problems: string[] = [];
        const result = planFromIntake(routine, rules, intake, { bodyMap });
        for (const v of checkPlan(result, intake, rules, bodyMap)) problems.push(`checkPlan: ${v.message}`);
        const refusing = intake.conditions.some(
          (c) => REFUSING.includes(c.id) || (c.id === 'dvt-history' && c.isCleared === false),
        );
        if (result.refused !== refusing) problems.push(`refused ${result.refused}, expected ${refusing}`);
        if (!result.refused) {
          problems.push(...planProblems(result, intake));
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
  }, 600_000);

  it('every refusal condition alone refuses the session', () => {
    for (const id of REFUSING) {
      const intake = Intake.parse({ minutes: 45, conditions: [{ id }] });
      const r = planFromIntake(routine, rules, intake, { bodyMap });
      expect(r.refused).toBe(true);
      if (r.refused) expect(r.reasons[0]?.rule).toBe(id);
    }
  });

  it('checkPlan catches a plan that breaks an invariant (it can fail)', () => {
    const intake = Intake.parse({ minutes: 45, conditions: [{ id: 'varicose-veins', side: 'left' }] });
    const plan = planFromIntake(routine, rules, intake, { bodyMap });
    if (plan.refused) throw new Error('unexpected refusal');
    const knead = planFromIntake(routine, rules, Intake.parse({ minutes: 45 }), { bodyMap });
    if (knead.refused) throw new Error('unexpected refusal');
    const leftKnead = knead.steps.find((s) => s.id === 'leg-knead' && s.side === 'left')!;
    const broken: Plan = { ...plan, steps: [...plan.steps, { ...leftKnead, start: plan.totalSeconds }] };
    const codes = checkPlan(
      { ...broken, totalSeconds: plan.totalSeconds + leftKnead.duration },
      intake,
      rules,
      bodyMap,
    ).map((v) => v.code);
    expect(codes).toContain('skipped-step-planned');
    expect(codes).toContain('excluded-region');
    expect(codes).toContain('over-cap');
    const onSpine = {
      ...leftKnead,
      side: null,
      motion: {
        ...leftKnead.motion,
        hands: [
          {
            hand: 'left' as const,
            tool: 'thumb' as const,
            points: [
              { x: 0, y: 0.3, surface: 'posterior' as const },
              { x: 0, y: 0.2, surface: 'posterior' as const },
            ],
          },
        ],
      },
    };
    const spineCodes = checkPlan(
      { ...knead, steps: [onSpine], totalSeconds: onSpine.start + onSpine.duration },
      Intake.parse({ minutes: 45 }),
      rules,
      bodyMap,
    ).map((v) => v.code);
    expect(spineCodes).toContain('never-press-region');
  });
});
