import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { regionsAt } from './body-map.js';
import { cueSeconds } from './cues.js';
import { Intake, type IntakeInput } from './intake.js';
import type { Moment } from './moment.js';
import { isRefusal, type Plan } from './plan-types.js';
import { planFromIntake } from './planner.js';
import {
  fixtureBodyMap,
  planFixture,
  sessionPlanFixture,
  stepFixture,
  trackFixture,
} from './test-support/plan-fixture.js';
import { momentAt, NO_STEP } from './timeline.js';

const session = sessionPlanFixture();

/** Every frame of a plan at a frame rate, from 0 to the end (the end included). */
function framesAt(plan: Plan, fps: number): Moment[] {
  const out: Moment[] = [];
  const frames = Math.ceil(plan.totalSeconds * fps);
  for (let i = 0; i <= frames; i++) out.push(momentAt(plan, i / fps, fixtureBodyMap));
  return out;
}

/** A small plan: a 60 s glide of 4 reps, a 30 s rest, a 20 s traction of 2 reps. */
function smallPlan(): Plan {
  return planFixture([
    stepFixture({
      id: 'glide',
      technique: 'glide',
      reps: 4,
      duration: 60,
      hands: [
        trackFixture('left', [
          [-0.03, 0.44],
          [-0.03, 0.16],
        ]),
      ],
      cues: { before: 'Glide up the back.', during: ['Keep it slow.'], safety: 'Stay off the spine.' },
    }),
    stepFixture({ id: 'rest', technique: 'rest', pressure: null, duration: 30 }),
    stepFixture({
      id: 'traction',
      technique: 'traction',
      reps: 2,
      duration: 20,
      arrangement: 'mirrored',
      hands: [trackFixture('left', [[-0.015, 0.115]]), trackFixture('right', [[0.015, 0.115]])],
    }),
  ]);
}

describe('momentAt: frame rate and history', () => {
  it('gives identical moments at the times 60 fps and 24 fps share, and the same final state', () => {
    const at60 = framesAt(session, 60);
    const at24 = framesAt(session, 24);
    const shared60 = at60.filter((_, i) => i % 5 === 0);
    const shared24 = at24.filter((_, i) => i % 2 === 0);
    expect(shared60.length).toBe(shared24.length);
    expect(shared60).toEqual(shared24);
    expect(at60.at(-1)).toEqual(at24.at(-1));
    expect(at60.at(-1)!.isFinished).toBe(true);
  });

  it('does not depend on what was asked before (random order, a fresh copy of the plan)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: session.totalSeconds + 10, noNaN: true }), { minLength: 1 }),
        (ts) => {
          const copy = structuredClone(session);
          const forward = ts.map((t) => momentAt(session, t, fixtureBodyMap));
          const backward = [...ts]
            .reverse()
            .map((t) => momentAt(copy, t, fixtureBodyMap))
            .reverse();
          expect(JSON.parse(JSON.stringify(backward))).toEqual(JSON.parse(JSON.stringify(forward)));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('momentAt: steps, repetitions and phases', () => {
  const plan = smallPlan();

  it.each([
    [0, 'glide', 1, 0],
    [15, 'glide', 2, 0],
    [22.5, 'glide', 2, 0.5],
    [59.99, 'glide', 4, (59.99 * 4) / 60 - 3],
    [60, 'rest', 1, 0],
    [90, 'traction', 1, 0],
    [100, 'traction', 2, 0],
    [110, 'traction', 2, 1],
  ])('at t = %d: %s, repetition %d, phase %d', (t, id, repetition, phase) => {
    const m = momentAt(plan, t, fixtureBodyMap);
    expect(m.step.id).toBe(id);
    expect(m.repetition).toBe(repetition);
    expect(m.phase).toBeCloseTo(phase, 9);
  });

  it('ends on the last step, its last repetition, phase 1, finished', () => {
    const end = momentAt(plan, 110, fixtureBodyMap);
    expect(end).toMatchObject({ stepIndex: 2, repetition: 2, repetitions: 2, phase: 1, isFinished: true });
    expect(end.stepTimeLeft).toBe(0);
    expect(end.sessionTimeLeft).toBe(0);
    expect(momentAt(plan, 109.9, fixtureBodyMap).isFinished).toBe(false);
  });

  it('clamps t to [0, total]', () => {
    expect(momentAt(plan, -5, fixtureBodyMap)).toEqual(momentAt(plan, 0, fixtureBodyMap));
    expect(momentAt(plan, 1e9, fixtureBodyMap)).toEqual(momentAt(plan, 110, fixtureBodyMap));
    expect(momentAt(plan, Number.NaN, fixtureBodyMap)).toEqual(momentAt(plan, 0, fixtureBodyMap));
    expect(momentAt(plan, Number.POSITIVE_INFINITY, fixtureBodyMap).t).toBe(110);
  });

  it('counts the time left in the step and the session', () => {
    const m = momentAt(plan, 70, fixtureBodyMap);
    expect(m.stepTimeLeft).toBe(20);
    expect(m.sessionTimeLeft).toBe(40);
    expect(m.t).toBe(70);
  });

  it('has no hands during a rest', () => {
    const m = momentAt(plan, 75, fixtureBodyMap);
    expect(m.technique).toBe('rest');
    expect(m.hands).toEqual([]);
    expect(m.phaseName).toBe('rest');
  });

  it('reports the hands, phase name and extent of the technique', () => {
    const m = momentAt(plan, 100 + 0.6 * 10, fixtureBodyMap);
    expect(m.phaseName).toBe('hold');
    expect(m.extent).toBe(1);
    expect(m.hands.map((h) => h.hand)).toEqual(['left', 'right']);
  });

  it('mirrors the tracks on even-numbered repetitions when the step alternates sides', () => {
    const alternating = planFixture([
      stepFixture({
        technique: 'glide',
        reps: 4,
        duration: 40,
        alternateSidesEachRep: true,
        hands: [
          trackFixture('left', [
            [-0.03, 0.44],
            [-0.03, 0.16],
          ]),
        ],
      }),
    ]);
    const first = momentAt(alternating, 3, fixtureBodyMap).hands[0]!;
    const second = momentAt(alternating, 13, fixtureBodyMap).hands[0]!;
    const third = momentAt(alternating, 23, fixtureBodyMap).hands[0]!;
    expect(first.x).toBeCloseTo(-0.03, 12);
    expect(second.x).toBeCloseTo(0.03, 12);
    expect(second.y).toBeCloseTo(first.y, 12);
    expect(third.x).toBe(first.x);
    expect(third.y).toBeCloseTo(first.y, 12);
  });

  it('holds for any t: the step is the one whose [start, start + duration) contains t', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: session.totalSeconds, noNaN: true, maxExcluded: true }), (t) => {
        const m = momentAt(session, t, fixtureBodyMap);
        expect(m.step.start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(m.step.start + m.step.duration);
        expect(m.step).toBe(session.steps[m.stepIndex]);
        expect(m.repetition).toBeGreaterThanOrEqual(1);
        expect(m.repetition).toBeLessThanOrEqual(m.repetitions);
        expect(m.phase).toBeGreaterThanOrEqual(0);
        expect(m.phase).toBeLessThanOrEqual(1);
        expect(m.sessionTimeLeft).toBeCloseTo(session.totalSeconds - t, 9);
        expect(m.isFinished).toBe(false);
        // Local time within the step agrees with the repetition and phase.
        const local = ((m.repetition - 1 + m.phase) * m.step.duration) / m.repetitions;
        expect(m.step.start + local).toBeCloseTo(t, 6);
        for (const h of m.hands) {
          expect(Number.isFinite(h.x) && Number.isFinite(h.y) && Number.isFinite(h.angle)).toBe(true);
          if (h.isLifted || h.isHolding) expect(h.pressure).toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('momentAt: cues', () => {
  const plan = smallPlan();
  const before = cueSeconds('Glide up the back.');
  const safety = cueSeconds('Stay off the spine.');

  it('speaks before from the step start, then safety, then the during cues', () => {
    expect(momentAt(plan, 0, fixtureBodyMap).cue).toEqual({ kind: 'before', text: 'Glide up the back.' });
    expect(momentAt(plan, before - 0.01, fixtureBodyMap).cue?.kind).toBe('before');
    expect(momentAt(plan, before + 0.01, fixtureBodyMap).cue).toEqual({
      kind: 'safety',
      text: 'Stay off the spine.',
    });
    expect(momentAt(plan, before + safety + 0.01, fixtureBodyMap).cue).toEqual({
      kind: 'during',
      text: 'Keep it slow.',
    });
    expect(momentAt(plan, 59, fixtureBodyMap).cue?.kind).toBe('during');
  });

  it('starts each step with its own before cue', () => {
    expect(momentAt(plan, 60, fixtureBodyMap).cue).toEqual({ kind: 'before', text: 'Now the rest.' });
  });
});

describe('momentAt: plans with nothing in them', () => {
  it('gives a finished placeholder moment for a plan with no steps', () => {
    const empty = planFixture([]);
    const m = momentAt(empty, 10, fixtureBodyMap);
    expect(m).toMatchObject({
      t: 0,
      stepIndex: -1,
      isFinished: true,
      hands: [],
      cue: null,
      sessionTimeLeft: 0,
    });
    expect(m.step).toBe(NO_STEP);
  });

  it('handles steps of no length', () => {
    const plan = planFixture([
      stepFixture({
        id: 'a',
        technique: 'glide',
        duration: 0,
        hands: [trackFixture('left', [[-0.03, 0.3]])],
      }),
      stepFixture({ id: 'b', technique: 'rest', duration: 10 }),
      stepFixture({ id: 'c', technique: 'rest', duration: 0 }),
    ]);
    expect(momentAt(plan, 0, fixtureBodyMap).step.id).toBe('b');
    expect(momentAt(plan, 5, fixtureBodyMap).step.id).toBe('b');
    const end = momentAt(plan, 10, fixtureBodyMap);
    expect(end).toMatchObject({ isFinished: true, phase: 1 });
    const zero = planFixture([stepFixture({ id: 'only', technique: 'knead', duration: 0 })]);
    expect(momentAt(zero, 0, fixtureBodyMap)).toMatchObject({
      stepIndex: 0,
      isFinished: true,
      phase: 1,
      repetition: 1,
    });
  });

  it('stays on the last step at its end when the plan runs longer than its steps', () => {
    const plan = planFixture([stepFixture({ id: 'a', technique: 'rest', duration: 10 })], {
      totalSeconds: 20,
    });
    expect(momentAt(plan, 15, fixtureBodyMap)).toMatchObject({
      stepIndex: 0,
      phase: 1,
      stepTimeLeft: 0,
      sessionTimeLeft: 5,
    });
  });
});

describe('momentAt over real plans (spinal-column routine, built-in rules)', () => {
  const routine = builtinRoutine('spinal-column');
  const rules = builtinRules();
  const bodyMap = builtinBodyMap();
  const realPlan = (input: IntakeInput): Plan => {
    const result = planFromIntake(routine, rules, Intake.parse(input), { bodyMap });
    if (isRefusal(result)) throw new Error(`refused: ${result.reasons.map((r) => r.reason).join('; ')}`);
    return result;
  };
  const intakes: IntakeInput[] = [
    { minutes: 45 },
    { minutes: 30, conditions: [{ id: 'varicose-veins', side: 'left', severity: 'mild' }] },
    { minutes: 60, pressurePreference: 2, conditions: [{ id: 'osteoporosis' }] },
    { minutes: 20, avoidRegions: [{ region: 'head.scalp' }] },
  ];

  it('gives identical moments at 60 fps and 24 fps over the 45-minute plan', () => {
    const plan = realPlan({ minutes: 45 });
    const at60 = framesAt(plan, 60).filter((_, i) => i % 5 === 0);
    const at24 = framesAt(plan, 24).filter((_, i) => i % 2 === 0);
    expect(at60).toEqual(at24);
    expect(at60.at(-1)!.isFinished).toBe(true);
  });

  it.each(intakes)(
    'never presses where the body map forbids it, nor harder than planned ($minutes min)',
    (input) => {
      const plan = realPlan(input);
      let pressing = 0;
      for (let t = 0; t <= plan.totalSeconds; t += 0.25) {
        const m = momentAt(plan, t, fixtureBodyMap);
        expect(m.step.start).toBeLessThanOrEqual(m.t);
        for (const h of m.hands) {
          if (h.pressure === null) continue;
          pressing++;
          expect(h.pressure).toBeLessThanOrEqual(m.step.pressure ?? 0);
          for (const hit of regionsAt(bodyMap, h.surface, { x: h.x, y: h.y })) {
            const cap = Math.min(hit.maxPressure, m.step.pressureByRegion[hit.region] ?? 5);
            if (h.pressure > cap) {
              throw new Error(
                `${m.step.id} at t=${t}: ${h.hand} presses ${h.pressure} on ${hit.region} (cap ${cap})`,
              );
            }
          }
        }
      }
      expect(pressing).toBeGreaterThan(1000);
    },
  );

  it('keeps every knead thumb off the spine line', () => {
    const plan = realPlan({ minutes: 60 });
    const kneads = plan.steps.filter((s) => s.technique === 'knead' && s.position === 'prone');
    expect(kneads.length).toBeGreaterThan(0);
    for (const step of kneads) {
      for (let t = step.start; t < step.start + step.duration; t += 0.05) {
        for (const h of momentAt(plan, t, fixtureBodyMap).hands) expect(Math.abs(h.x)).toBeGreaterThan(0.008);
      }
    }
  });

  it('uses every technique the routine has, each with the motion it declares', () => {
    const plan = realPlan({ minutes: 60 });
    for (const step of plan.steps) {
      const mid = momentAt(plan, step.start + step.duration / 2, fixtureBodyMap);
      expect(mid.step).toBe(step);
      expect(mid.hands.length).toBe(step.technique === 'rest' ? 0 : step.motion.hands.length);
    }
  });
});

describe('momentAt on a step in parts', () => {
  const map = builtinBodyMap();
  const result = planFromIntake(
    builtinRoutine('spinal-column'),
    builtinRules(),
    Intake.parse({ minutes: 45 }),
    {
      bodyMap: map,
    },
  );
  if (isRefusal(result)) throw new Error('unexpected refusal');
  const plan = result;
  const stepOf = (id: string) => plan.steps.find((s) => s.id === id)!;

  it('says which part runs, moves the hands on that part’s tracks and counts its repetitions', () => {
    const step = stepOf('back-forearm-spread');
    const [along, diagonals] = step.parts!;
    expect(along!.start).toBe(step.start);
    const a = momentAt(plan, along!.start + along!.duration * 0.1, map);
    const d = momentAt(plan, diagonals!.start + diagonals!.duration * 0.1, map);
    expect([a.part?.id, a.partIndex, d.part?.id, d.partIndex]).toEqual(['along-spine', 0, 'diagonals', 1]);
    expect(a.step).toBe(step);
    expect(d.repetitions).toBe(diagonals!.reps);
    // The step's time left runs to the end of the step, not of the part.
    expect(a.stepTimeLeft).toBeCloseTo(step.start + step.duration - a.t, 6);
    // Along the spine the forearms stay beside it (opening 16° outward from the elbows together, at most 0.08 H
    // out); on the diagonals one reaches out to the shoulder (0.10 H).
    const widest = (plan2: Plan, from: number, to: number) => {
      let most = 0;
      for (let t = from; t < to; t += 0.5)
        for (const h of momentAt(plan2, t, map).hands) most = Math.max(most, Math.abs(h.x));
      return most;
    };
    expect(widest(plan, along!.start, along!.start + along!.duration)).toBeLessThan(0.085);
    expect(widest(plan, diagonals!.start, diagonals!.start + diagonals!.duration)).toBeGreaterThan(0.095);
  });

  it('says each part’s opening cue as the part starts, after the step’s own opening', () => {
    const step = stepOf('foot-flex-stretch');
    const [toward, away] = step.parts!;
    expect(momentAt(plan, step.start, map).cue?.text).toBe(step.cues.before);
    expect(momentAt(plan, away!.start + 0.2, map).cue?.text).toBe(away!.cues.before);
    const heard = new Set<string>();
    for (let t = step.start; t < step.start + step.duration; t += 0.25) {
      const cue = momentAt(plan, t, map).cue;
      if (cue) heard.add(cue.text);
    }
    // Every part's opening line is heard; a during line that no longer fits its part is left out.
    for (const line of [toward!.cues.before, away!.cues.before]) expect(heard).toContain(line);
    expect([...toward!.cues.during, ...away!.cues.during].some((line) => heard.has(line))).toBe(true);
  });

  it('turns the ankle one way in the first part and the other way in the second', () => {
    const step = stepOf('ankle-rotation');
    const [one, other] = step.parts!;
    const sense = (start: number, duration: number, reps: number) => {
      const per = duration / reps;
      const a = momentAt(plan, start + per * 0.2, map).hands.find((h) => !h.isHolding)!;
      const b = momentAt(plan, start + per * 0.3, map).hands.find((h) => !h.isHolding)!;
      const c = momentAt(plan, start + per * 0.4, map).hands.find((h) => !h.isHolding)!;
      // The sign of the turn: the cross product of two successive moves.
      return Math.sign((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x));
    };
    const first = sense(one!.start, one!.duration, one!.reps);
    expect(first).not.toBe(0);
    expect(sense(other!.start, other!.duration, other!.reps)).toBe(-first);
  });
});
