// The cue heard agrees with the motion at that moment: a during line about one phase of the movement ("now back
// down") is heard only inside its window of the repetition, and the hands really move that way there; a line that
// says a direction without a window (heard at any phase) is the routine's mistake.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import type { BodyMap } from './body-map.js';
import { cueScheduleFor } from './cues.js';
import { Intake } from './intake.js';
import type { Moment } from './moment.js';
import { isRefusal, type Plan } from './plan-types.js';
import { planFromIntake } from './planner.js';
import { intakeArbitrary } from './test-support/intake-arbitrary.js';
import { momentAt } from './timeline.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000) >= 1000 ? 300 : 50;
const rules = testRules();
const map = testBodyMap();
const routines = [testRoutine('spinal-column'), testRoutine('neck-and-shoulders')];

/** Words (English) that say which way the hands or the body go; the routines' lines use these. */
const DIRECTIONS = {
  // Toward the head: y falls.
  up: ['up the', 'up to', 'upward', 'slide slowly up'],
  // Toward the feet: y rises.
  down: ['back down', 'down the', 'downward'],
  // The limb or the head rises (the technique's extent grows).
  raise: ['lift the', 'raise the'],
  lower: ['lower it', 'lower the'],
} as const;
type Direction = keyof typeof DIRECTIONS;

/** Each direction's words as whole words ("lift the", not "lift them"). */
const DIRECTION_PATTERNS = (Object.keys(DIRECTIONS) as Direction[]).map(
  (d) => [d, new RegExp(`\\b(${DIRECTIONS[d].join('|')})\\b`, 'i')] as const,
);

function directionsIn(text: string): Direction[] {
  return DIRECTION_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([d]) => d);
}

/** The working hands' mean y (holding hands stay put), or NaN with none. */
function meanY(m: Moment): number {
  const working = m.hands.filter((h) => !h.isHolding);
  return working.reduce((s, h) => s + h.y, 0) / working.length;
}

/** Samples of a repetition's window at which the way the strokes go is summed. */
const WINDOW_SAMPLES = 24;

/**
 * How far the strokes go along the body over a window (body heights, + toward the feet): each pressing hand's
 * move between neighbouring samples where it presses at both, summed. A hand lifted on its way back is not a stroke
 * (two thumbs taking turns: one strokes up while the other goes back down in the air).
 */
function strokesDy(at: (phase: number) => Moment, from: number, to: number): number {
  const isPressing = (h: Moment['hands'][number]) => !h.isHolding && !h.isLifted;
  let sum = 0;
  let before = at(from);
  for (let i = 1; i <= WINDOW_SAMPLES; i++) {
    const now = at(from + ((to - from) * i) / WINDOW_SAMPLES);
    for (const h of now.hands) {
      const was = before.hands.find((b) => b.hand === h.hand);
      if (was && isPressing(h) && isPressing(was)) sum += h.y - was.y;
    }
    before = now;
  }
  return sum;
}

/** What is wrong with the cue heard at `t` (empty when it agrees with the motion). */
function cueProblemsAt(plan: Plan, t: number, bodyMap: BodyMap): string[] {
  const m = momentAt(plan, t, bodyMap);
  const cue = m.cue;
  if (cue?.kind !== 'during' || m.hands.length === 0) return [];
  const where = `${m.step.id}${m.part ? `/${m.part.id}` : ''} rep ${m.repetition} phase ${m.phase.toFixed(3)}: "${cue.text}"`;
  const directions = directionsIn(cue.text);
  if (!cue.phase) return directions.length > 0 ? [`${where} says ${directions} but has no phase`] : [];
  const [from, to] = cue.phase;
  const out: string[] = [];
  if (m.phase < from - 1e-9 || m.phase > to + 1e-9) out.push(`${where} heard outside [${from}, ${to}]`);
  // The way the hands (or the body) go over this repetition's window.
  const piece = m.part ?? m.step;
  const per = piece.duration / piece.reps;
  const at = (phase: number) => momentAt(plan, piece.start + (m.repetition - 1 + phase) * per, bodyMap);
  const a = at(from + 0.002);
  const b = at(to - 0.002);
  // The pressing strokes decide; where the hands press in place (fingertip presses, moved on in the air between
  // presses) the working hands' travel over the window does.
  const strokes = strokesDy(at, from + 0.002, to - 0.002);
  const dy = Math.abs(strokes) > 0.005 ? strokes : meanY(b) - meanY(a);
  for (const d of directions) {
    const dExtent = b.extent - a.extent;
    const agrees =
      d === 'up' ? dy < -0.005 : d === 'down' ? dy > 0.005 : d === 'raise' ? dExtent > 0.1 : dExtent < -0.1;
    if (!agrees) out.push(`${where} says ${d}; dy ${dy.toFixed(3)}, extent ${dExtent.toFixed(2)}`);
  }
  return out;
}

function planOf(routine: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routine]!, rules, intake, { bodyMap: map });
  return isRefusal(plan) ? null : plan;
}

describe('the cue heard agrees with the motion', () => {
  it.each([
    [0, 60],
    [0, 30],
    [1, 10],
  ])('routine %i at %i minutes: every quarter second of the session', (routine, minutes) => {
    const plan = planOf(routine, Intake.parse({ minutes }))!;
    const problems: string[] = [];
    for (let t = 0; t < plan.totalSeconds; t += 0.25) problems.push(...cueProblemsAt(plan, t, map));
    expect(problems).toEqual([]);
    // Not vacuous: lines about one phase are heard, in more than one repetition of a step.
    const phased = plan.steps.flatMap((s) => cueScheduleFor(s).filter((c) => c.until !== undefined));
    expect(phased.length).toBeGreaterThan(plan.steps.length);
  });

  it(`at random moments of random plans (${RUNS} intakes, both routines)`, () => {
    fc.assert(
      fc.property(
        intakeArbitrary,
        fc.integer({ min: 0, max: routines.length - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
        (intake, routine, fractions) => {
          const plan = planOf(routine, intake);
          if (!plan) return;
          for (const f of fractions) expect(cueProblemsAt(plan, f * plan.totalSeconds, map)).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('finds the old narration: "back down" heard on the way up, a direction said at any phase', () => {
    const plan = planOf(0, Intake.parse({ minutes: 60 }))!;
    // The routine's lines without their windows: spread over the step, as before.
    const old: Plan = {
      ...plan,
      steps: plan.steps.map((s) => {
        const { duringPhases: _phases, ...cues } = s.cues;
        return { ...s, cues };
      }),
    };
    const problems: string[] = [];
    for (let t = 0; t < old.totalSeconds; t += 0.25) problems.push(...cueProblemsAt(old, t, map));
    expect(problems.some((p) => p.includes('back down') && p.includes('has no phase'))).toBe(true);
    // A window on the wrong part of the repetition: "back down" said on the way up.
    const wrong: Plan = {
      ...plan,
      steps: plan.steps.map((s) =>
        s.id === 'spine-thumb-knead' && s.cues.duringPhases
          ? {
              ...s,
              cues: {
                ...s.cues,
                duringPhases: s.cues.duringPhases.map((p) => (p && p[0] === 0.5 ? ([0, 0.5] as const) : p)),
              },
            }
          : s,
      ),
    };
    const knead = wrong.steps.find((s) => s.id === 'spine-thumb-knead')!;
    const wrongProblems: string[] = [];
    for (let t = knead.start; t < knead.start + knead.duration; t += 0.25)
      wrongProblems.push(...cueProblemsAt(wrong, t, map));
    expect(wrongProblems.some((p) => p.includes('says down'))).toBe(true);
  });
});
