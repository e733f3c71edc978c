import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import type { Moment } from '../../core/moment.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { builtinPlan } from '../../core/test-support/builtin-plan.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import { isInsideBlob } from '../test-support/blob.js';
import { closeupCamera } from '../test-support/closeup-camera.js';
import { practitionerGroups } from './solid-scene.js';

/*
 * Issue 10, "Pictures that teach": standing at the feet (the thumb on the sole, the thumb round an ankle bone, the
 * hand holding the foot), each arm comes from where the practitioner stands, beyond the end of the table: every
 * wrist lies on their side of its hand's contact, and in the close-up no forearm or upper arm is drawn over the
 * working hand's contact. Before, the skin of a leg faced straight up everywhere, so a thumb on the outer ankle bone had its palm
 * on top of the ankle and its forearm laid back across the heel, and the hand holding the ankle reached in from
 * over the calf, its forearm across the foot.
 */

/**
 * Left for later: on the right foot the close-up looks from the client's left, across the left foot, and the hand
 * holding the right ankle reaches over the heel from the practitioner's left: at two moments of the circle its
 * forearm passes over the thumb on the heel.
 */
const KNOWN = ["sole-thumb right: practitioner-left's arm drawn over the right hand's contact"];

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');

/** What is wrong with the arms of a moment at the feet (empty: nothing). */
function feetArmProblems(m: Moment, pose: Pose): string[] {
  const where = `${m.step.id}${m.step.side ? ` ${m.step.side}` : ''} phase ${m.phase.toFixed(3)}`;
  const problems: string[] = [];
  for (const h of pose.hands) {
    const wrist = pose.practitioner[`wrist-${h.arm}`]!;
    // At the feet the practitioner faces the head (−y): the wrist toward them is at a larger y than the contact.
    if (wrist[1] < h.contact[1] - 0.005)
      problems.push(
        `${where}: the ${h.arm} wrist ${(h.contact[1] - wrist[1]).toFixed(3)} H beyond its contact`,
      );
  }
  const camera = closeupCamera(m);
  for (const group of practitionerGroups(pose, camera)) {
    if (group.role !== 'practitioner') continue;
    // The first two shapes of an arm's group are its upper arm and its forearm (solid-scene.ts).
    const arm = group.prims.slice(0, 2);
    // The working hands' contacts, the close-up's lesson (an arm may pass over the hand that only holds the foot).
    for (const h of pose.hands.filter((hand) => !hand.isHolding)) {
      const at = camera.project(h.contact);
      if (arm.some((p) => isInsideBlob(p, at)))
        problems.push(`${where}: ${group.id}'s arm drawn over the ${h.arm} hand's contact`);
    }
  }
  return problems;
}

describe('the arms at the feet', () => {
  // The close-up steps worked from the feet (a step seen only from the side bends the foot: its grasp is checked there).
  const atFeet = plan.steps.filter(
    (s) =>
      stepViews(s).includes('closeup') &&
      momentPose(momentAt(plan, s.start + s.duration / 2, map)).place === 'feet',
  );

  it('finds the close-up steps worked from the feet', () => {
    expect(new Set(atFeet.map((s) => s.id))).toEqual(new Set(['ankle-circles', 'sole-thumb']));
  });

  it('every step at the feet, 48 moments each: the wrists on the practitioner’s side, no arm over a contact', () => {
    const problems: string[] = [];
    for (const step of atFeet)
      for (let k = 0; k < 48; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 48) * step.duration, map);
        const pose = momentPose(m);
        if (pose.place === 'feet') problems.push(...feetArmProblems(m, pose));
      }
    // One line per step and kind of problem: the worst moment's figure is not the point.
    expect([
      ...new Set(problems.map((p) => p.replace(/ phase [\d.]+/, '').replace(/ [\d.]+ H/, ''))),
    ]).toEqual(KNOWN);
  });
});
