import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { CONTACT_HALF_LENGTH } from './ids.js';
import { CONDITION_IDS, Intake } from './intake.js';
import {
  exclusionReach,
  handHalfWidth,
  handReachAlong,
  regionsNear,
  trackEndsBeyond,
  trackSampled,
} from './motion-clip.js';
import { checkPlan, contactGroups } from './plan-check.js';
import type { Plan, PlannedPart, PlannedStep } from './plan-types.js';
import { DURATION_TOLERANCE, planFromIntake } from './planner.js';
import { exclusionCovers } from './rule-match.js';
import { plannedPieces } from './step-parts.js';
import { intakeArbitrary } from './test-support/intake-arbitrary.js';

const routine = testRoutine();
const rules = testRules();
const bodyMap = testBodyMap();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
/** Conditions that refuse on their own, whatever their details. */
const REFUSING = [
  'fever',
  'contagious-illness',
  'suspected-dvt',
  'acute-inflammation-flare',
  'unexplained-pain',
  'recent-heart-attack-or-stroke',
  'sedated-or-intoxicated',
];

/** True when the intake must be refused: a refusing condition, or a clearance or reassurance it does not give. */
function isRefusalExpected(intake: Intake): boolean {
  return intake.conditions.some((c) => {
    if (REFUSING.includes(c.id)) return true;
    const cleared = c.isCleared === true;
    switch (c.id) {
      case 'dvt-history':
      case 'cancer-treatment':
      case 'heart-or-kidney-failure':
        return !cleared;
      case 'high-blood-pressure':
        return c.severity !== 'controlled';
      case 'herniated-disc':
        return c.hasRedFlags !== false;
      case 'neck-injury':
        return (c.weeks === undefined || c.weeks < 6) && !cleared;
      case 'pregnancy':
        return c.isHighRisk !== false && !cleared;
      default:
        return false;
    }
  });
}

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
  if ((heavy || tall) && plan.steps.some((s) => s.id === 'spine-extension' || s.id === 'leg-passive-lift'))
    problems.push('spine-extension or leg-passive-lift planned for a much bigger client');
  if (
    !(cl?.weightKg !== undefined && pr?.weightKg !== undefined) &&
    !(cl?.heightCm !== undefined && pr?.heightCm !== undefined) &&
    !plan.warnings.some((w) => w.rule === 'size-not-given')
  )
    problems.push('sizes not given, but no warning says the size rule was not checked');
  problems.push(...conditionProblems(plan, intake));
  // Duration within ±2 % of the minutes asked, or a warning saying why not.
  const asked = intake.minutes * 60;
  if (
    Math.abs(plan.totalSeconds - asked) > asked * DURATION_TOLERANCE &&
    !plan.warnings.some((w) => w.rule === 'session-length')
  ) {
    problems.push(`${plan.totalSeconds} s for ${asked} s asked, no warning`);
  }
  // Limits on every plan: reps.max and each step's ceiling at every length, face down at most the routine's
  // 40 minutes, the rest before turning at least 2 minutes.
  for (const s of plan.steps) {
    const step = routineSteps.get(s.id)!;
    if (step.reps.max !== undefined && s.reps > step.reps.max) problems.push(`${s.id}: ${s.reps} reps > max`);
    if (step.maxSeconds !== undefined && s.duration > step.maxSeconds)
      problems.push(`${s.id}: over its ceiling`);
    if (step.minSeconds !== undefined && s.duration < step.minSeconds)
      problems.push(`${s.id}: under its floor`);
  }
  problems.push(...partProblems(plan));
  const faceDown = plan.steps.filter((s) => s.position === 'prone').reduce((a, s) => a + s.duration, 0);
  if (faceDown > 40 * 60) problems.push(`face down ${faceDown} s`);
  return problems;
}

/**
 * Steps in parts: the parts follow each other from the step's start to its end, in the routine's order, each
 * with a repetition and a second at least; a part a rule dropped is not planned and says why; no part presses
 * above the client's preference.
 */
function partProblems(plan: Plan): string[] {
  const problems: string[] = [];
  for (const s of plan.steps) {
    const written = routineSteps.get(s.id)!.parts;
    if (!s.parts) {
      if (written) problems.push(`${s.id}: written in parts, planned without`);
      continue;
    }
    if (!written) {
      problems.push(`${s.id}: planned in parts the routine does not write`);
      continue;
    }
    let clock = s.start;
    let order = -1;
    for (const part of s.parts) {
      if (Math.abs(part.start - clock) > 1e-9) problems.push(`${s.id}/${part.id}: a gap or overlap`);
      if (!(part.duration >= 1) || !(part.reps >= 1)) problems.push(`${s.id}/${part.id}: empty`);
      const at = written.findIndex((w) => w.id === part.id);
      if (at <= order) problems.push(`${s.id}/${part.id}: out of the routine's order`);
      order = at;
      clock = part.start + part.duration;
    }
    if (Math.abs(clock - (s.start + s.duration)) > 1e-9) problems.push(`${s.id}: parts do not fill the step`);
    for (const c of s.changes.filter((c) => c.kind === 'drop-part')) {
      if (s.parts.some((p) => p.id === c.part)) problems.push(`${s.id}/${c.part}: dropped and planned`);
      if (!c.reason) problems.push(`${s.id}/${c.part}: dropped without a reason`);
    }
    if (s.parts.length + s.changes.filter((c) => c.kind === 'drop-part').length !== written.length)
      problems.push(`${s.id}: a part missing with no reason`);
  }
  return problems;
}

const routineSteps = new Map(routine.sections.flatMap((sec) => sec.steps.map((st) => [st.id, st] as const)));

const LEVERS = ['leg-passive-lift', 'foot-flex-stretch', 'ankle-rotation'];
const NECK_PULLS = ['neck-traction', 'spine-extension'];

/** Where a step touches, as `region/side` strings, from its contact points. */
/** The regions a step touches: every part's, for a step in parts. */
function touchedBy(step: PlannedStep): Set<string> {
  return new Set(
    plannedPieces(step).flatMap((piece) =>
      contactGroups(bodyMap, piece.motion).flatMap((g) => g.hits.map((h) => `${h.region}/${h.side ?? '-'}`)),
    ),
  );
}

/** The most a step presses a region with: the most of any of its parts, for a step in parts. */
function pressureOn(step: PlannedStep, region: string): number {
  const pieces = plannedPieces(step);
  const touching = pieces.filter((p) => p.regions.includes(region));
  return Math.max(
    ...(touching.length > 0 ? touching : pieces).map((p) =>
      Math.min(p.pressure ?? 0, p.pressureByRegion[region] ?? 5),
    ),
  );
}

/**
 * The new rules' invariants, written from the intake and CATALOGUE.md alone (not from the rules file): levers on a
 * healing leg, devices, pressure caps per condition, face-down time, the face-down part with a front lesion.
 */
function conditionProblems(plan: Plan, intake: Intake): string[] {
  const problems: string[] = [];
  const on = (id: string, side: 'left' | 'right') => plan.steps.filter((s) => s.id === id && s.side === side);
  const legSteps = (side: 'left' | 'right') =>
    plan.steps.filter((s) => s.sectionId === 'legs' && s.side === side);
  const capAll = (cap: number, why: string) => {
    for (const s of plan.steps)
      if (s.pressure !== null && s.pressure > cap) problems.push(`${s.id} at ${s.pressure} with ${why}`);
  };
  const capLegs = (cap: number, sides: ('left' | 'right')[], why: string) => {
    for (const side of sides)
      for (const s of legSteps(side))
        if (s.pressure !== null && s.pressure > cap)
          problems.push(`${s.id} ${side} at ${s.pressure} with ${why}`);
  };
  const none = (ids: readonly string[], why: string) => {
    for (const s of plan.steps) if (ids.includes(s.id)) problems.push(`${s.id} planned with ${why}`);
  };
  const age = intake.client?.ageYears;
  if (age !== undefined && age >= 70) {
    capAll(3, 'an older client');
    none(['spine-extension'], 'an older client');
    const prone = plan.steps.filter((s) => s.position === 'prone').reduce((a, s) => a + s.duration, 0);
    if (prone > 20 * 60) problems.push(`face down ${prone} s for an older client`);
    for (const s of plan.steps)
      if (s.id === 'neck-traction' && s.pressure !== null && s.pressure > 1)
        problems.push('neck-traction over 1');
  }
  for (const c of intake.conditions) {
    const sides = legSides(c.side);
    const region = c.region ?? '';
    const isLeg = region.startsWith('leg.') || region.startsWith('foot.');
    const isFrontTrunk = region.startsWith('chest.') || region === 'abdomen';
    switch (c.id) {
      case 'local-lesion':
      case 'recent-surgery': {
        const healing =
          c.id === 'recent-surgery' ||
          c.kind === undefined ||
          ['fracture', 'recent-surgery'].includes(c.kind);
        if (isLeg && healing)
          for (const side of sides)
            for (const id of LEVERS) if (on(id, side).length) problems.push(`${id} on a healing ${side} leg`);
        if (isFrontTrunk && plan.steps.some((s) => s.position === 'prone'))
          problems.push('face down on a front lesion');
        if (
          c.id === 'recent-surgery' &&
          (c.weeks === undefined || c.weeks < 12) &&
          /^(back|neck)/.test(region)
        )
          none(NECK_PULLS, 'a recent operation on the back or neck');
        break;
      }
      case 'joint-replacement':
        for (const side of sides) {
          if (on('leg-passive-lift', side).length)
            problems.push(`leg lift on the ${side} leg with a new joint`);
          if ((c.weeks === undefined || c.weeks < 12) && legSteps(side).length)
            problems.push(`${side} leg worked within 12 weeks of a joint replacement`);
        }
        break;
      case 'implanted-device':
        for (const s of plan.steps)
          for (const side of sides)
            for (const r of ['chest.infraclavicular', 'shoulder.joint'])
              if (touchedBy(s).has(`${r}/${side}`))
                problems.push(`${s.id} touches ${r} on the device's ${side} side`);
        break;
      case 'dvt-history':
        if (c.isCleared !== true) break;
        capLegs(1, sides, 'a past clot');
        for (const side of sides) {
          for (const id of ['leg-knead', 'leg-drainage', 'ankle-circles', 'sole-thumb'])
            if (on(id, side).length) problems.push(`${id} on the ${side} leg after a clot`);
          for (const s of plan.steps)
            if (touchedBy(s).has(`leg.lower/${side}`))
              problems.push(`${s.id} on the ${side} calf after a clot`);
        }
        break;
      case 'varicose-veins':
        if (c.severity !== 'mild' && c.isCleared !== true)
          for (const side of sides)
            if (legSteps(side).length) problems.push(`${side} leg worked with severe varicose veins`);
        for (const side of sides)
          if (on('leg-drainage', side).length) problems.push(`drainage on a varicose ${side} leg`);
        break;
      case 'anticoagulants':
      case 'osteoporosis':
        capAll(2, c.id);
        break;
      case 'cancer-treatment':
        capAll(2, c.id);
        none(['neck-traction', 'spine-extension', 'leg-passive-lift', 'foot-flex-stretch'], c.id);
        break;
      case 'high-blood-pressure':
        capAll(3, c.id);
        for (const s of plan.steps)
          for (const r of s.regions)
            if (r.startsWith('neck') && pressureOn(s, r) > 2) problems.push(`${s.id} on ${r} over 2`);
        break;
      case 'heart-or-kidney-failure':
        none(['leg-drainage'], c.id);
        capLegs(2, ['left', 'right'], c.id);
        break;
      case 'pregnancy':
        none(['leg-knead'], c.id);
        capLegs(2, ['left', 'right'], c.id);
        if ((c.weeks ?? 0) > 13) {
          none(['spine-extension'], 'pregnancy over 13 weeks');
          if (plan.steps.some((s) => s.position === 'prone'))
            problems.push('face down after 13 weeks of pregnancy');
        }
        if ((c.weeks ?? 0) >= 20 && !plan.warnings.some((w) => w.rule === 'pregnancy-from-20-weeks'))
          problems.push('no supine-hypotension warning from 20 weeks');
        break;
      case 'postpartum':
        if (c.weeks !== undefined && c.weeks >= 12) break;
        none(['leg-knead'], c.id);
        capLegs(2, ['left', 'right'], c.id);
        break;
      case 'inflammatory-arthritis':
      case 'dizziness-with-neck-movement':
        none(['neck-traction', 'spine-extension', 'hair-tug'], c.id);
        break;
      case 'hypermobility':
        none(['neck-traction', 'spine-extension', 'foot-flex-stretch'], c.id);
        break;
      case 'neck-injury':
        none(NECK_PULLS, c.id);
        break;
      case 'herniated-disc':
        if (c.level !== 'cervical') none(['spine-extension', 'leg-passive-lift'], 'a low-back disc');
        if (c.level !== 'lumbar') none(NECK_PULLS, 'a neck disc');
        break;
      case 'diabetes':
        for (const s of plan.steps)
          for (const r of s.regions)
            if (r.startsWith('foot.') && pressureOn(s, r) > (c.hasNeuropathy === false ? 2 : 1))
              problems.push(`${s.id} on ${r} at ${pressureOn(s, r)} with diabetes`);
        if (c.hasNeuropathy !== false)
          none(['sole-thumb', 'foot-flex-stretch', 'ankle-rotation'], 'numb feet');
        break;
      default:
        break;
    }
  }
  return problems;
}

describe('planner invariants over generated intakes', () => {
  it(`every plan of ${RUNS} intakes passes checkPlan and the issue's invariants`, () => {
    let planned = 0;
    let partsDropped = 0;
    const conditionsPlanned = new Set<string>();
    fc.assert(
      fc.property(intakeArbitrary, (intake) => {
        // Plain checks collected into one list: tens of thousands of expect() calls per run would dominate.
        const problems: string[] = [];
        const result = planFromIntake(routine, rules, intake, { bodyMap });
        for (const v of checkPlan(result, intake, rules, bodyMap)) problems.push(`checkPlan: ${v.message}`);
        const refusing = isRefusalExpected(intake);
        if (result.refused !== refusing) problems.push(`refused ${result.refused}, expected ${refusing}`);
        if (!result.refused) {
          planned++;
          for (const c of intake.conditions) conditionsPlanned.add(c.id);
          problems.push(...planProblems(result, intake));
          partsDropped += result.steps
            .flatMap((st) => st.changes)
            .filter((c) => c.kind === 'drop-part').length;
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
    // The cautious readings refuse often: make sure the run still checks plenty of plans, with every condition
    // that can be planned at all (the always-refusing ones cannot).
    expect(planned).toBeGreaterThan(RUNS / 4);
    // Parts are in play: every plan has steps in parts, and some intakes drop a part and keep the rest.
    expect(partsDropped).toBeGreaterThan(0);
    expect([...conditionsPlanned].sort()).toEqual(
      CONDITION_IDS.filter((id) => !REFUSING.includes(id)).sort(),
    );
  }, 600_000);

  it('every refusal condition alone refuses the session', () => {
    for (const id of [
      ...REFUSING,
      'dvt-history',
      'cancer-treatment',
      'heart-or-kidney-failure',
      'high-blood-pressure',
      'herniated-disc',
      'neck-injury',
    ]) {
      const intake = Intake.parse({ minutes: 45, conditions: [{ id }] });
      const r = planFromIntake(routine, rules, intake, { bodyMap });
      expect(r.refused).toBe(true);
      if (r.refused) expect(r.reasons[0]?.rule.startsWith(id)).toBe(true);
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

  it('checkPlan checks each part: a part on the spine, a part over the preference, parts that do not fill', () => {
    const intake = Intake.parse({ minutes: 45, pressurePreference: 2 });
    const plan = planFromIntake(routine, rules, intake, { bodyMap });
    if (plan.refused) throw new Error('unexpected refusal');
    const index = plan.steps.findIndex((s) => s.id === 'back-forearm-spread');
    const step = plan.steps[index]!;
    const [first, second] = step.parts!;
    const onSpine = {
      ...second!,
      pressure: 4,
      motion: {
        ...second!.motion,
        hands: [
          {
            hand: 'left' as const,
            tool: 'forearm' as const,
            points: [
              { x: 0, y: 0.3, surface: 'posterior' as const },
              { x: 0, y: 0.2, surface: 'posterior' as const },
            ],
          },
        ],
      },
    };
    const broken = (parts: PlannedPart[]): Plan => ({
      ...plan,
      steps: plan.steps.map((s, i) => (i === index ? { ...s, parts } : s)),
    });
    const codes = checkPlan(broken([first!, onSpine]), intake, rules, bodyMap).map((v) => v.code);
    expect(codes).toContain('never-press-region');
    expect(codes).toContain('over-cap');
    const short = { ...second!, duration: second!.duration - 5 };
    expect(checkPlan(broken([first!, short]), intake, rules, bodyMap).map((v) => v.code)).toContain('timing');
    expect(checkPlan(plan, intake, rules, bodyMap)).toEqual([]);
  });
});

describe('a contact is as wide as its tool', () => {
  it("no pressing contact's whole width (centre ± its tool's half-width) reaches a never-press or excluded region", () => {
    fc.assert(
      fc.property(intakeArbitrary, (intake) => {
        const plan = planFromIntake(routine, rules, intake, { bodyMap });
        if (plan.refused) return;
        const problems: string[] = [];
        for (const step of plan.steps) {
          for (const piece of plannedPieces(step)) {
            for (const hand of piece.motion.hands) {
              if (hand.isHolding) continue;
              const halfWidth = handHalfWidth(hand);
              const pressing = [
                ...trackSampled(hand.points),
                ...(hand.isReturnPressing && hand.returnPoints ? trackSampled(hand.returnPoints) : []),
              ];
              const all = piece.motion.alternateSidesEachRep
                ? [...pressing, ...pressing.map((p) => ({ ...p, x: -p.x }))]
                : pressing;
              for (const p of all) {
                for (const h of regionsNear(bodyMap, p, halfWidth)) {
                  if (h.maxPressure === 0)
                    problems.push(`${step.id}/${piece.id} ${hand.tool} on ${h.region}`);
                  for (const ex of plan.excludedRegions) {
                    if (exclusionCovers({ ...ex, sides: ex.side === null ? null : [ex.side] }, h))
                      problems.push(`${step.id}/${piece.id} ${hand.tool} on excluded ${h.region}/${h.side}`);
                  }
                }
              }
            }
          }
        }
        expect([...new Set(problems)]).toEqual([]);
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});

describe('a contact is as long as its tool', () => {
  /** What a pressing hand's footprint reaches past its stroke's ends (the tool's half-length along the stroke). */
  function footprintEndProblems(plan: Plan): string[] {
    const problems: string[] = [];
    for (const step of plan.steps) {
      for (const piece of plannedPieces(step)) {
        for (const hand of piece.motion.hands) {
          if (hand.isHolding) continue;
          const halfWidth = handHalfWidth(hand);
          const reach = handReachAlong(hand, piece.motion.fingers);
          const tracks = [
            hand.points,
            ...(hand.isReturnPressing && hand.returnPoints ? [hand.returnPoints] : []),
          ];
          const ends = tracks.flatMap((t) => {
            const e = trackEndsBeyond(t, reach);
            return [...e.before, ...e.after];
          });
          const all = piece.motion.alternateSidesEachRep
            ? [...ends, ...ends.map((p) => ({ ...p, x: -p.x }))]
            : ends;
          for (const p of all) {
            for (const h of regionsNear(bodyMap, p, exclusionReach(halfWidth))) {
              for (const ex of plan.excludedRegions) {
                if (exclusionCovers({ ...ex, sides: ex.side === null ? null : [ex.side] }, h))
                  problems.push(`${step.id}/${piece.id} ${hand.tool} reaches excluded ${h.region}/${h.side}`);
              }
            }
          }
        }
      }
    }
    return [...new Set(problems)];
  }

  it("no pressing contact's whole length (the tool's half-length past each end of its stroke) reaches an excluded region", () => {
    fc.assert(
      fc.property(intakeArbitrary, (intake) => {
        const plan = planFromIntake(routine, rules, intake, { bodyMap });
        if (plan.refused) return;
        expect(footprintEndProblems(plan)).toEqual([]);
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('the buttocks avoided: the reinforced palms start a hand length above them, their heels off the buttock (issue 10)', () => {
    // Seen failing now and then in the drawn-hands property: clipped at the buttock's width alone, the stroke began
    // at y 0.412 with the stacked palms' heels on the excluded buttock.
    for (const minutes of [20, 45]) {
      const plan = planFromIntake(
        routine,
        rules,
        Intake.parse({ minutes, avoidRegions: [{ region: 'hip.gluteal' }] }),
        { bodyMap },
      );
      if (plan.refused) throw new Error('refused');
      expect(footprintEndProblems(plan)).toEqual([]);
      const step = plan.steps.find((s) => s.id === 'spine-reinforced-palm');
      if (!step) throw new Error('spine-reinforced-palm was left out');
      const start = step.motion.hands[0]!.points[0]!;
      // The old start lay 0.027 from the buttock; now a stacked palm's half-length, heel and all, lies between.
      const near = regionsNear(bodyMap, start, CONTACT_HALF_LENGTH['stacked-palms'] - 0.001).map(
        (h) => h.region,
      );
      expect(near).not.toContain('hip.gluteal');
    }
  });
});
