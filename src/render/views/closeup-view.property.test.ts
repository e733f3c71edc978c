import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose, PosedHand } from '../../core/pose/pose-types.js';
import { restSurfaceHeight } from '../../core/pose/rest-body.js';
import type { Vec3 } from '../../core/pose/vec3.js';
import { partView } from '../../core/step-parts.js';
import { intakeArbitrary } from '../../core/test-support/intake-arbitrary.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import { isInsideBlob } from '../test-support/blob.js';
import { closeupCamera } from '../test-support/closeup-camera.js';
import type { Camera } from './camera.js';
import { clientGroups, practitionerGroups } from './solid-scene.js';

/*
 * Issue 10, part 2, the close-up of the contact: over moments of random plans, every close-up looks down at the
 * contact from 35–45° above the table's plane, and the part of the working hand that presses (the thumb's pad, the
 * two fingertips, the flat of the forearm) touches the skin at the contact while the rest of the hand lies above the
 * skin, never in it.
 */

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const routines = ['spinal-column', 'neck-and-shoulders'].map((id) => builtinRoutine(id));

function planFor(routineIndex: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routineIndex]!, rules, intake, { bodyMap });
  return isRefusal(plan) ? null : plan;
}

/** The step as the moment runs it (its part's, in a step in parts). */
function runningStep(m: Moment): PlannedStep {
  return m.part ? partView(m.step, m.part) : m.step;
}

function isCloseup(m: Moment): boolean {
  return stepViews(runningStep(m)).includes('closeup');
}

/** How far above the table's plane the camera looks, in degrees, from what it does to a step across and one up. */
function elevationOf(camera: Camera, at: Vec3): number {
  const o = camera.project(at);
  const toward = camera.nearSide === 'left' ? -1 : 1;
  const across = camera.project([at[0] + toward * 0.1, at[1], at[2]]);
  const up = camera.project([at[0], at[1], at[2] + 0.1]);
  return (Math.atan2(Math.abs(across.y - o.y), Math.abs(up.y - o.y)) * 180) / Math.PI;
}

/** The working hand the close-up marks: the first that does not only hold. */
function workingHand(pose: Pose): PosedHand | undefined {
  return pose.hands.find((h) => !h.isHolding) ?? pose.hands[0];
}

/** The pressing part's axis (two points) and its radius band, by the hand's shape; null for shapes not checked. */
function pressingAxis(pose: Pose, hand: PosedHand): { a: Vec3; b: Vec3 } | null {
  const p = pose.practitioner;
  switch (hand.shape) {
    case 'thumb-pad':
      return { a: p[`thumb-tip-${hand.arm}`]!, b: p[`thumb-tip-${hand.arm}`]! };
    case 'two-fingertips':
      return { a: p[`fingertip-${hand.arm}`]!, b: p[`fingertip-${hand.arm}`]! };
    case 'forearm-flat':
      return { a: p[`elbow-${hand.arm}`]!, b: p[`wrist-${hand.arm}`]! };
    default:
      return null;
  }
}

/** Distance from q to the segment a–b. */
function segmentDistance(q: Vec3, a: Vec3, b: Vec3): number {
  const ab: Vec3 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const len2 = ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2;
  const t =
    len2 > 0
      ? Math.max(
          0,
          Math.min(1, ((q[0] - a[0]) * ab[0] + (q[1] - a[1]) * ab[1] + (q[2] - a[2]) * ab[2]) / len2),
        )
      : 0;
  return Math.hypot(q[0] - a[0] - ab[0] * t, q[1] - a[1] - ab[1] * t, q[2] - a[2] - ab[2] * t);
}

/** The hand's joints that lie over the skin (the pose's names), with the practitioner's side. */
const HAND_JOINTS = ['wrist', 'palm', 'fingertip', 'thumb-tip'] as const;

/** What is wrong with a moment's close-up (empty: nothing). */
function problemsAt(m: Moment): string[] {
  if (!isCloseup(m)) return [];
  const pose = momentPose(m);
  const hand = workingHand(pose);
  if (!hand || hand.isUnder || hand.isLifted) return [];
  const where = `${m.step.id} phase ${m.phase.toFixed(3)}`;
  const problems: string[] = [];
  const camera = closeupCamera(m);
  const elevation = elevationOf(camera, hand.contact);
  if (elevation < 35 || elevation > 45)
    problems.push(`${where}: camera ${elevation.toFixed(1)}° above the table`);
  const axis = pressingAxis(pose, hand);
  if (axis) {
    // The pad (or the flat of the forearm) touches: its axis lies a limb's radius off the contact, no nearer (sunk
    // into the skin) and no farther (in the air).
    const gap = segmentDistance(hand.contact, axis.a, axis.b);
    if (gap < 0.003 || gap > 0.02)
      problems.push(`${where}: the pressing part's axis ${gap.toFixed(4)} H from the contact`);
    // As drawn, the contact lies on the pressing part's outline (inside it, within a pixel).
    const group = practitionerGroups(pose, camera).find((g) => g.id === `practitioner-${hand.arm}`)!;
    // Seen from above the hand lies on the camera's side of the skin: drawn over the client, not behind them.
    const nearestClient = Math.min(...clientGroups(pose, camera).map((g) => g.depth));
    if (group.depth >= nearestClient) problems.push(`${where}: the working hand drawn behind the client`);
    const at = camera.project(hand.contact);
    const touching = group.prims.filter((p) => isInsideBlob(p, at, 1));
    if (touching.length === 0) problems.push(`${where}: no drawn part of the hand at the contact`);
  }
  // The rest of the hand lies above the skin (on the trunk, where the skin's height is known at rest).
  if (pose.moves.length === 0 && hand.contact[1] < 0.53) {
    const shown = pose.position === 'prone' ? 'posterior' : 'anterior';
    for (const name of HAND_JOINTS) {
      const q = pose.practitioner[`${name}-${hand.arm}`]!;
      const skin = restSurfaceHeight(pose.position, shown, q[0], q[1]);
      if (q[2] < skin - 0.0005)
        problems.push(`${where}: ${name} ${(skin - q[2]).toFixed(4)} H inside the body`);
    }
  }
  return problems;
}

describe('the close-up of the contact', () => {
  it('random plans, random moments of their close-up steps: seen from 35–45° above, the pressing part on the skin, the hand above it', () => {
    let seen = 0;
    fc.assert(
      fc.property(
        intakeArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 6,
        }),
        (intake, picks) => {
          const plan = planFor(0, intake);
          if (!plan) return;
          const steps = plan.steps.filter((s) => stepViews(s).includes('closeup') || s.parts?.length);
          if (steps.length === 0) return;
          for (const [k, u] of picks) {
            const step = steps[k % steps.length]!;
            const m = momentAt(plan, step.start + u * step.duration, bodyMap);
            if (isCloseup(m)) seen++;
            expect(problemsAt(m)).toEqual([]);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(seen).toBeGreaterThan(20);
  });

  it('every close-up step of both routines, densely in time, default intake', () => {
    let seen = 0;
    for (let r = 0; r < routines.length; r++) {
      const plan = planFor(r, Intake.parse({ minutes: 60 }));
      if (!plan) throw new Error('the default intake was refused');
      const problems: string[] = [];
      for (const step of plan.steps) {
        for (let k = 0; k < 24; k++) {
          const m = momentAt(plan, step.start + (step.duration * (k + 0.5)) / 24, bodyMap);
          if (isCloseup(m)) seen++;
          problems.push(...problemsAt(m));
        }
      }
      expect(problems).toEqual([]);
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('the checks notice a level camera and a pad sunk into the skin', () => {
    const plan = planFor(0, Intake.parse({ minutes: 60 }))!;
    const step = plan.steps.find((s) => s.id === 'spine-thumb-knead')!;
    const m = momentAt(plan, step.start + 2, bodyMap);
    const pose = momentPose(m);
    const hand = workingHand(pose)!;
    const level: Camera = {
      ...closeupCamera(m),
      project: (p) => ({ x: p[1] * 1000, y: -p[2] * 1000 }),
    };
    expect(elevationOf(level, hand.contact)).toBeLessThan(1);
    const sunk = hand.contact;
    expect(segmentDistance(hand.contact, sunk, sunk)).toBeLessThan(0.003);
  });
});
