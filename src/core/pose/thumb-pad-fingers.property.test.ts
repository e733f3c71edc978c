import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import type { Plan } from '../plan-types.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { forRandomPlans } from '../test-support/random-plans.js';
import { momentAt } from '../timeline.js';
import { momentPose } from './pose.js';
import type { Pose } from './pose-types.js';
import { restSurfaceHeight } from './rest-body.js';
import { type Vec3, vecCross, vecDifference, vecDot, vecLength, vecScaled, vecUnit } from './vec3.js';

/*
 * Session 25, the thumb kneading beside the spine (seed: "kneading ... with the thumbs along the spine"): the thumb's
 * pad circles beside the spine and the rest of the hand rests on the back beside it, the fingers turned out from the
 * thumb's line round the side of the back, never pointing on along it toward the client's neck, and lying on the
 * skin, never in it. Checked on every working thumb-pad hand on the top of a body at rest (the back, the legs).
 */

const map = builtinBodyMap();

/** What is wrong with a moment's thumb-pad hands (empty: nothing). */
function thumbPadProblems(pose: Pose, where: string): string[] {
  if (pose.moves.length > 0) return [];
  const problems: string[] = [];
  const shown = pose.position === 'prone' ? 'posterior' : 'anterior';
  for (const h of pose.hands) {
    if (h.shape !== 'thumb-pad' || h.isHolding || h.isLifted || h.isUnder) continue;
    const p = pose.practitioner;
    const thumb = p[`thumb-tip-${h.arm}`]!;
    const palm = p[`palm-${h.arm}`]!;
    const tip = p[`fingertip-${h.arm}`]!;
    // The skin's normal at the contact: the thumb's pad lies a radius off the contact along it.
    const n = vecUnit(vecDifference(thumb, h.contact));
    // On the top of the back or a limb (not a side of the ankle or the sole, where the hand holds the foot): a leg's
    // skin turns out toward its sides (rest-body.ts), and a thumb circling an ankle bone lies on the ankle's side.
    if (n[2] < 0.8) continue;
    const flat = (v: Vec3): Vec3 => vecDifference(v, vecScaled(n, vecDot(v, n)));
    const fingers = flat(vecDifference(tip, palm));
    if (vecLength(fingers) < 1e-6) continue;
    const turn =
      (Math.acos(Math.max(-1, Math.min(1, vecDot(vecUnit(fingers), h.direction)))) * 180) / Math.PI;
    if (turn < 30) problems.push(`${where} ${h.arm}: the fingers ${turn.toFixed(0)}° off the thumb's line`);
    // Turned away from the thumb's side of the hand (the palm lies there too), not across over the thumb.
    const across = vecCross(n, h.direction);
    const thumbSide = Math.sign(vecDot(flat(vecDifference(thumb, palm)), across));
    if (Math.sign(vecDot(fingers, across)) === thumbSide)
      problems.push(`${where} ${h.arm}: the fingers turned toward the thumb`);
    const skin = restSurfaceHeight(pose.position, shown, tip[0], tip[1]);
    if (tip[2] < skin - 0.0005)
      problems.push(`${where} ${h.arm}: the fingertip ${(skin - tip[2]).toFixed(4)} H in the body`);
    if (tip[2] > skin + 0.012)
      problems.push(`${where} ${h.arm}: the fingertip ${(tip[2] - skin).toFixed(4)} H in the air`);
  }
  return problems;
}

/** The problems of every thumb step's moments at the given fractions of it. */
function planProblems(plan: Plan, us: readonly number[]): string[] {
  return plan.steps
    .filter((s) => s.motion.hands.some((h) => h.tool === 'thumb'))
    .flatMap((s) =>
      us.flatMap((u) => {
        const m = momentAt(plan, s.start + u * s.duration, map);
        return thumbPadProblems(momentPose(m), `${m.step.id} at ${u.toFixed(3)}`);
      }),
    );
}

describe('a thumb-pad hand on the body', () => {
  it('every thumb step of both routines, densely: the fingers rest on the skin, turned out from the thumb', () => {
    const us = Array.from({ length: 48 }, (_, k) => (k + 0.5) / 48);
    for (const routine of ['spinal-column', 'neck-and-shoulders']) {
      const plan = builtinPlan(routine);
      const knead = plan.steps.find((s) => s.id === 'spine-thumb-knead');
      if (routine === 'spinal-column') expect(knead).toBeDefined();
      expect(planProblems(plan, us)).toEqual([]);
    }
  });

  it('random plans, random moments', () => {
    forRandomPlans((plan, us) => expect(planProblems(plan, us)).toEqual([]), { numRuns: 30 });
  });
});
