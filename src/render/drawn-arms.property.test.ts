import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { type BodyPoint, polygonContains, polygonEdgeDistance } from '../core/geometry.js';
import type { Intake } from '../core/intake.js';
import type { Moment } from '../core/moment.js';
import { isRefusal, type Plan } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { momentPose } from '../core/pose/pose.js';
import { FOREARM } from '../core/pose/practitioner-pose.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { intakeArbitrary } from '../core/test-support/intake-arbitrary.js';
import { momentAt } from '../core/timeline.js';
import { type DrawnArm, drawnArmsTop } from './drawn-arms.js';
import { drawnHandsTop, excludedAreaPolygons, FACE_AND_THROAT, neverPressAreas } from './drawn-hands.js';
import { momentView } from './moment-view.js';
import { renderMoment } from './render-moment.js';
import { pressZones } from './test-support/safety-zones.js';

/*
 * Issue 10 part 1 from above: the practitioner's arms reach from where they stand or sit to the hands. Each drawn
 * hand's forearm runs from its wrist to the pose's elbow (the hand and the arm agree on where the arm comes from),
 * the elbow behind the wrist, not over the hand, and the arm comes from the practitioner's place: at a side of the
 * table the shoulders are at that side and every forearm reaches in from it (spine-fingertip-press's far hand
 * too), at the head from the head end, at the feet from beyond the feet.
 */

const map = builtinBodyMap();
const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];

/** Every running piece of the plans (a step, or each part of a step in parts) with its hands. */
const pieces = plans.flatMap((plan) =>
  plan.steps.flatMap((step) =>
    (step.parts ?? [step])
      .filter((piece) => piece.motion.hands.length > 0)
      .map((piece) => ({
        plan,
        name: `${step.id}${piece === step ? '' : `/${piece.id}`}${step.side ? ` ${step.side}` : ''}`,
        start: piece.start,
        duration: piece.duration,
      })),
  ),
);

function armsAt(plan: Plan, t: number) {
  const m = momentAt(plan, t, map);
  const position = m.step.position === 'supine' ? 'supine' : 'prone';
  const zones = {
    neverPress: neverPressAreas(map),
    excluded: excludedAreaPolygons(map, plan.excludedRegions),
  };
  const drawn = drawnHandsTop(m.hands, { position, ...zones });
  const pose = momentPose(m);
  return {
    m,
    drawn,
    pose,
    arms: drawnArmsTop(drawn, pose, { surface: surfaceForPosition(position), ...zones }),
  };
}

/**
 * What is wrong with the arms as drawn from above (empty: nothing). Every solid stretch of an upper arm or forearm
 * counts, lifted or not: seen from above an arm drawn on a zone says it lies there. Its whole outline (each point
 * of its axis, out to its half-width) keeps a margin off the never-press and excluded zones of the surface shown,
 * taken from the body map and the plan, not from the renderer; the cut stretches (a dashed outline only) do not.
 */
function armProblems(arms: readonly DrawnArm[], m: Moment, plan: Plan): string[] {
  const surface = m.step.position === 'supine' ? 'anterior' : 'posterior';
  const zones = pressZones(map, plan).filter((z) => z.surface === surface);
  const out: string[] = [];
  for (const arm of arms)
    for (const piece of arm.pieces) {
      if (piece.isCut) continue;
      const n = Math.max(
        1,
        Math.ceil(Math.hypot(piece.to.x - piece.from.x, piece.to.y - piece.from.y) / 0.002),
      );
      for (let k = 0; k <= n; k++) {
        const p = {
          x: piece.from.x + ((piece.to.x - piece.from.x) * k) / n,
          y: piece.from.y + ((piece.to.y - piece.from.y) * k) / n,
        };
        const r = piece.w0 + ((piece.w1 - piece.w0) * k) / n + ARM_MARGIN;
        const zone = zones.find(
          (z) => polygonContains(z.polygon, p) || polygonEdgeDistance(z.polygon, p) < r,
        );
        if (zone) {
          out.push(
            `${m.step.id} phase ${m.phase.toFixed(3)}: ${arm.arm} ${piece.segment} arm on ${zone.name}`,
          );
          break;
        }
      }
    }
  return out;
}

/** How far a solid arm's outline keeps off a zone here: 0.003 H, as the hands' test (the drawing keeps 0.005). */
const ARM_MARGIN = 0.003;

const rules = builtinRules();
const routines = ['spinal-column', 'neck-and-shoulders'].map((id) => builtinRoutine(id));

function planFor(routineIndex: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routineIndex]!, rules, intake, { bodyMap: map });
  return isRefusal(plan) ? null : plan;
}

const dot = (a: BodyPoint, b: BodyPoint) => a.x * b.x + a.y * b.y;
const minus = (a: BodyPoint, b: BodyPoint): BodyPoint => ({ x: a.x - b.x, y: a.y - b.y });

/** Away from the table toward the practitioner's place, in the body frame. */
const OUTWARD: Record<string, BodyPoint> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  head: { x: 0, y: -1 },
  feet: { x: 0, y: 1 },
};

describe('the arms from above', () => {
  it('finds pieces of both routines with hands', () => {
    expect(pieces.length).toBeGreaterThan(25);
  });

  it('every moment: each shown hand has an arm from its wrist to the pose’s elbow and on to the shoulder at the place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pieces.length - 1 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (index, fraction) => {
          const piece = pieces[index]!;
          const { m, drawn, pose, arms } = armsAt(piece.plan, piece.start + fraction * piece.duration);
          const at = `${piece.name} phase ${m.phase.toFixed(3)}`;
          const shown = drawn.filter((d) => d.isShown && !d.isUnder);
          expect(arms.length, `${at}: an arm per hand`).toBe(shown.length);
          const outward = OUTWARD[pose.place]!;
          for (const arm of arms) {
            const name = `${at}, ${arm.hand.state.hand} hand`;
            const posed = pose.practitioner;
            const contact = pose.hands.find((h) => h.hand === arm.hand.state.hand)!.contact;
            // The arm is the pose's, moved with the hand where the pose lifts or bends the limb it holds (from
            // above the body lies at rest).
            const shift = { x: arm.hand.state.x - contact[0], y: arm.hand.state.y - contact[1] };
            const shoulder = posed[`shoulder-${arm.arm}`]!;
            expect(arm.shoulder.x).toBeCloseTo(shoulder[0] + shift.x, 5);
            expect(arm.shoulder.y).toBeCloseTo(shoulder[1] + shift.y, 5);
            // The shoulders are at the place: on its side of the spine, beyond the head end or the feet (a forearm
            // laid on the back fixes its elbow there, the shoulder one upper arm from it: not checked).
            if (arm.elbow)
              expect(dot(arm.shoulder, outward), `${name}: shoulder at the ${pose.place}`).toBeGreaterThan(
                pose.place === 'feet' ? 0.9 : pose.place === 'head' ? 0.03 : 0.05,
              );
            // The forearm reaches in from the place: its elbow no further in than its wrist.
            const elbow = arm.elbow ?? arm.wrist;
            expect(
              dot(minus(elbow, arm.wrist), outward),
              `${name}: elbow toward the ${pose.place}`,
            ).toBeGreaterThan(-0.03);
            // Face up, no arm lies over the face or the throat (seen from above).
            if (m.step.position === 'supine')
              for (const [a, b] of [
                [arm.shoulder, elbow],
                [elbow, arm.wrist],
              ] as const)
                for (let k = 0; k <= 20; k++) {
                  const q = { x: a.x + ((b.x - a.x) * k) / 20, y: a.y + ((b.y - a.y) * k) / 20 };
                  expect(polygonContains(FACE_AND_THROAT, q), `${name}: arm over the face`).toBe(false);
                }
            if (!arm.elbow) continue;
            expect(arm.elbow.x).toBeCloseTo(posed[`elbow-${arm.arm}`]![0] + shift.x, 5);
            expect(arm.elbow.y).toBeCloseTo(posed[`elbow-${arm.arm}`]![1] + shift.y, 5);
            // Where the view from above is the step's own, the drawn hand agrees with the arm: its wrist within a
            // forearm of the elbow, give or take a palm's length (the drawing may turn a hand about its contact off a
            // zone, and a grasp's wrist lies off the pose's).
            if (momentView(m) === 'top') {
              const length = Math.hypot(arm.elbow.x - arm.wrist.x, arm.elbow.y - arm.wrist.y);
              expect(length, `${name}: forearm from above`).toBeLessThanOrEqual(FOREARM + 0.07);
            }
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('random plans: no solid arm lies on a never-press or excluded zone of the surface seen from above', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: routines.length - 1 }),
        intakeArbitrary,
        // Integers, not fc.double: fast-check's doubles are even over the floats, so most in [0, 1) are tiny.
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 999 })), { minLength: 1, maxLength: 6 }),
        (routineIndex, intake, times) => {
          const plan = planFor(routineIndex, intake);
          if (!plan) return;
          // A step picked evenly, then a time within it: short steps are reached as often as long ones.
          for (const [which, within] of times) {
            const step = plan.steps[which % plan.steps.length]!;
            const { m, arms } = armsAt(plan, step.start + (within / 1000) * step.duration);
            expect(armProblems(arms, m, plan)).toEqual([]);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('spine-fingertip-press mid-stroke: the far hand’s arm is cut over the spine band, solid only off it', () => {
    const plan = plans[0]!;
    const step = plan.steps.find((s) => s.id === 'spine-fingertip-press')!;
    const { m, arms } = armsAt(plan, step.start + 0.5 * (step.duration / step.reps));
    expect(armProblems(arms, m, plan)).toEqual([]);
    // The far hand (on the client's right, x > 0) is reached to across the back: part of its arm is cut.
    const far = arms.find((a) => a.hand.state.x > 0)!;
    expect(far.pieces.some((p) => p.isCut)).toBe(true);
    expect(far.pieces.some((p) => !p.isCut)).toBe(true);
    const svg = renderMoment(m, { bodyMap: map, view: 'top', layers: ['hands'] });
    expect(svg).toContain('data-cut="true"');
  });

  it('the check notices an arm laid across the spine', () => {
    const plan = plans[0]!;
    const step = plan.steps.find((s) => s.id === 'spine-fingertip-press')!;
    const { m, arms } = armsAt(plan, step.start + 0.5 * (step.duration / step.reps));
    const uncut = arms.map((a) => ({ ...a, pieces: a.pieces.map((p) => ({ ...p, isCut: false })) }));
    expect(armProblems(uncut, m, plan).join()).toMatch(/arm on back\.spine/);
  });

  it('at the feet, working one leg, no arm from above reaches over the other leg (leg-drainage’s calf, foot steps)', () => {
    // The other ankle's inner edge is about 0.045 H across the midline (an ankle 0.020 H half wide, centred near
    // ±0.065); the toes beyond y 0.99 are left out. Every point of each arm's outline keeps on the worked leg's side of it.
    const OTHER_LEG = 0.045;
    const problems: string[] = [];
    for (const piece of pieces)
      for (let k = 0; k < 24; k++) {
        const { m, pose, arms } = armsAt(piece.plan, piece.start + ((k + 0.5) / 24) * piece.duration);
        const sign = Math.sign(m.hands[0]?.x ?? 0);
        if (pose.place !== 'feet' || !m.hands.every((h) => Math.sign(h.x) === sign && Math.abs(h.x) > 0.03))
          continue;
        for (const arm of arms)
          for (const p of arm.pieces)
            for (let j = 0; j <= 40; j++) {
              const q = {
                x: p.from.x + ((p.to.x - p.from.x) * j) / 40,
                y: p.from.y + ((p.to.y - p.from.y) * j) / 40,
              };
              const w = p.w0 + ((p.w1 - p.w0) * j) / 40;
              if (q.y < 0.99 && q.x * sign - w < -OTHER_LEG) {
                problems.push(
                  `${piece.name} phase ${m.phase.toFixed(2)}: ${arm.arm} ${p.segment} over the other leg`,
                );
                break;
              }
            }
      }
    expect([...new Set(problems.map((p) => p.replace(/ phase [\d.]+/, '')))]).toEqual([]);
  });

  it('draws each arm in the top view (spine-fingertip-press: both from the side of the table)', () => {
    const plan = plans[0]!;
    const step = plan.steps.find((s) => s.id === 'spine-fingertip-press')!;
    const { m, arms } = armsAt(plan, step.start + 0.3 * (step.duration / step.reps));
    const svg = renderMoment(m, { bodyMap: map, view: 'top', layers: ['hands'] });
    expect(arms).toHaveLength(2);
    expect(svg.match(/data-arm="(left|right)"/g)?.sort()).toEqual(['data-arm="left"', 'data-arm="right"']);
    // Standing at the client's left (x < 0): both forearms reach in from that side, the far hand's across the back.
    for (const arm of arms) {
      expect(arm.shoulder.x).toBeLessThan(-0.15);
      expect(arm.elbow!.x).toBeLessThan(arm.wrist.x);
    }
  });
});
