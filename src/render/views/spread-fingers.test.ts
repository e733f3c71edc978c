import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose, PosedHand } from '../../core/pose/pose-types.js';
import { type Vec3, vecCross, vecDifference, vecDot, vecLength, vecUnit } from '../../core/pose/vec3.js';
import { momentAt } from '../../core/timeline.js';
import { type FingerJoints, handFrame, spreadFingers } from './spread-fingers.js';

/*
 * Issue 10, leftovers: the spread fingers on the scalp (scalp-shampoo: "spread your fingertips over the scalp, as if
 * washing hair") are drawn as a relaxed hand, not claws: the fingers in their order across the hand (index on the
 * thumb's side, never crossed), each finger's two joints bent the same way, toward the palm (none bent back), by at
 * most 60° each. Where the pads lie (five, apart, on the scalp) is the pose's claim, tested beside it
 * (src/core/pose/spread-fingers.test.ts); this file tests only how the drawing's fingers reach them.
 */

const bodyMap = builtinBodyMap();
const MAX_BEND = 60;

function planOf(routine: string): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), Intake.parse({ minutes: 60 }), {
    bodyMap,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

/** The signed angle from u to v about an axis, in degrees. */
function turn(u: Vec3, v: Vec3, axis: Vec3): number {
  return (Math.atan2(vecDot(vecCross(u, v), axis), vecDot(u, v)) * 180) / Math.PI;
}

const NAMES = ['index', 'middle', 'ring', 'little'];

/** What is wrong with a spread hand as drawn (empty: nothing). */
function fingerProblems(
  pose: Pose,
  hand: PosedHand,
  fingers: readonly FingerJoints[],
  where: string,
): string[] {
  const problems: string[] = [];
  const { along, across } = handFrame(pose, hand);
  const p = pose.practitioner;
  // The back of the hand: across the hand's plane, on the wrist's side of the pads (the wrist is lifted off the skin).
  let back = vecUnit(vecCross(along, across));
  if (vecDot(back, vecDifference(p[`wrist-${hand.arm}`]!, p[`fingertip-${hand.arm}`]!)) < 0)
    back = vecUnit(vecCross(across, along));
  // Positive: a turn toward the palm (a finger flexing).
  const flexAxis = vecUnit(vecCross(back, along));
  fingers.forEach((f, i) => {
    const name = `${where} ${NAMES[i]}`;
    const first = vecDifference(f.middle, f.knuckle);
    const second = vecDifference(f.tip, f.middle);
    if (vecLength(first) < 1e-6 || vecLength(second) < 1e-6) return;
    const atKnuckle = turn(along, first, flexAxis);
    const atMiddle = turn(first, second, flexAxis);
    for (const [joint, bend] of [
      ['knuckle', atKnuckle],
      ['middle joint', atMiddle],
    ] as const)
      if (bend < -5 || bend > MAX_BEND) problems.push(`${name}: ${joint} bent ${bend.toFixed(0)}°`);
    if (i > 0 && vecDot(vecDifference(fingers[i - 1]!.tip, f.tip), across) <= 0)
      problems.push(`${name}: crosses the ${NAMES[i - 1]} finger`);
  });
  return problems;
}

function spreadMoments(plan: Plan) {
  return plan.steps
    .filter((s) => s.handShape === 'spread-fingers')
    .flatMap((s) => [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((phase) => ({ s, phase })))
    .map(({ s, phase }) => momentAt(plan, s.start + (phase * s.duration) / Math.max(s.reps, 1), bodyMap));
}

describe('spread fingers on the scalp, as drawn', () => {
  for (const routine of ['spinal-column', 'neck-and-shoulders']) {
    it(`${routine}: a relaxed hand, no finger hooked or crossed`, () => {
      const moments = spreadMoments(planOf(routine));
      expect(moments.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const m of moments) {
        const pose = momentPose(m);
        for (const hand of pose.hands) {
          const fingers = spreadFingers(pose, hand);
          if (!fingers) continue;
          problems.push(
            ...fingerProblems(pose, hand, fingers, `${m.step.id} phase ${m.phase.toFixed(2)} ${hand.arm}`),
          );
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('the checks notice a finger bent back and two fingers crossed', () => {
    const plan = planOf('neck-and-shoulders');
    const m = spreadMoments(plan)[3]!;
    const pose = momentPose(m);
    const hand = pose.hands.find((h) => h.shape === 'spread-fingers')!;
    const fingers = spreadFingers(pose, hand)!;
    const { along } = handFrame(pose, hand);
    const f = fingers[1]!;
    // The middle joint pushed out toward the back of the hand, far: bent back at the knuckle.
    const bentBack: FingerJoints = {
      ...f,
      middle: [
        f.knuckle[0] - along[0] * 0.02,
        f.knuckle[1] - along[1] * 0.02,
        f.knuckle[2] - along[2] * 0.02,
      ],
    };
    const crossed = [fingers[1]!, fingers[0]!, fingers[2]!, fingers[3]!];
    expect(fingerProblems(pose, hand, [fingers[0]!, bentBack, fingers[2]!, fingers[3]!], 'x').join()).toMatch(
      /bent/,
    );
    expect(fingerProblems(pose, hand, crossed, 'x').join()).toMatch(/crosses/);
  });

  it('a thumb-pad hand turned out from its thumb: the knuckles run across it parallel to the skin, not down into it', () => {
    const plan = planOf('spinal-column');
    const step = plan.steps.find((x) => x.id === 'spine-thumb-knead')!;
    for (const phase of [0.1, 0.3, 0.6]) {
      const pose = momentPose(momentAt(plan, step.start + (phase * step.duration) / step.reps, bodyMap));
      for (const hand of pose.hands.filter((h) => h.shape === 'thumb-pad')) {
        const normal = vecUnit(vecDifference(pose.practitioner[`thumb-tip-${hand.arm}`]!, hand.contact));
        const { across } = handFrame(pose, hand);
        expect(Math.abs(vecDot(across, normal)), `${phase} ${hand.arm}`).toBeLessThan(0.05);
      }
    }
  });
});
