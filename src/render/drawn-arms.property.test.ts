import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { type BodyPoint, polygonContains } from '../core/geometry.js';
import type { Plan } from '../core/plan-types.js';
import { momentPose } from '../core/pose/pose.js';
import { FOREARM } from '../core/pose/practitioner-pose.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { drawnArmsTop } from './drawn-arms.js';
import { drawnHandsTop, excludedAreaPolygons, FACE_AND_THROAT, neverPressAreas } from './drawn-hands.js';
import { momentView } from './moment-view.js';
import { renderMoment } from './render-moment.js';

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
  const drawn = drawnHandsTop(m.hands, {
    position: m.step.position === 'supine' ? 'supine' : 'prone',
    neverPress: neverPressAreas(map),
    excluded: excludedAreaPolygons(map, plan.excludedRegions),
  });
  const pose = momentPose(m);
  return { m, drawn, pose, arms: drawnArmsTop(drawn, pose) };
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
