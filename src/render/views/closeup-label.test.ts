import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { partView } from '../../core/step-parts.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import type { XY } from '../svg.js';
import { CLOSEUP_VIEWPORT, closeupCamera } from '../test-support/closeup-camera.js';
import type { Camera } from './camera.js';
import { closeupLabelFor, contactLabelPlace, type LabelBox } from './closeup-label.js';
import { type Prim, practitionerGroups } from './solid-scene.js';
import { viewLabels } from './view-labels.js';

/*
 * Issue 10, leftovers: the close-up's label (which part of the hand presses) is placed where it covers neither the
 * client's head nor the practitioner's hands, at phases 0, 0.3, 0.5 and 0.8 of every close-up step of both routines
 * and of every step whose hands take a shape of their own (the spread fingers on the scalp).
 */

const bodyMap = builtinBodyMap();

function planOf(routine: string, minutes = 60): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), Intake.parse({ minutes }), {
    bodyMap,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

/** The close-up moments the pictures show: the first repetition at four phases, each part of a step in parts. */
function closeupMoments(plan: Plan): Moment[] {
  const out: Moment[] = [];
  for (const step of plan.steps) {
    const runs: PlannedStep[] = step.parts?.length ? step.parts.map((p) => partView(step, p)) : [step];
    for (const run of runs) {
      if (!stepViews(run).includes('closeup') && !run.handShape) continue;
      for (const phase of [0, 0.3, 0.5, 0.8])
        out.push(momentAt(plan, run.start + (phase * run.duration) / Math.max(run.reps, 1), bodyMap));
    }
  }
  return out;
}

/**
 * The head on screen, from BODY-PROPORTIONS.md (never the renderer's drawing): points through the skull, crown to
 * skull base (y 0 … 0.115), 0.045 either side of the midline, up to 0.11 above the table, as posed.
 */
function headPoints(pose: Pose, camera: Camera): XY[] {
  const out: XY[] = [];
  for (let i = 0; i <= 8; i++)
    for (let j = 0; j <= 6; j++)
      for (let k = 0; k <= 6; k++) {
        const u = (i / 8) * 2 - 1;
        const v = (j / 6) * 2 - 1;
        const w = (k / 6) * 2 - 1;
        if (u * u + v * v + w * w > 1) continue;
        out.push(camera.project(posedPoint(pose.moves, [0.045 * u, 0.0575 + 0.0575 * v, 0.055 + 0.055 * w])));
      }
  return out;
}

function isInside(p: Prim, q: XY): boolean {
  if (p.kind === 'blob') {
    const dx = p.b.x - p.a.x;
    const dy = p.b.y - p.a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((q.x - p.a.x) * dx + (q.y - p.a.y) * dy) / len2)) : 0;
    return Math.hypot(q.x - p.a.x - dx * t, q.y - p.a.y - dy * t) <= p.ra + (p.rb - p.ra) * t;
  }
  if (p.kind === 'poly') {
    let inside = false;
    const pts = p.points;
    for (let i = 0, k = pts.length - 1; i < pts.length; k = i++) {
      const a = pts[i]!;
      const b = pts[k]!;
      if (a.y > q.y !== b.y > q.y && q.x < ((b.x - a.x) * (q.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  }
  return false;
}

const inBox = (b: LabelBox, q: XY) => q.x >= b.x0 && q.x <= b.x1 && q.y >= b.y0 && q.y <= b.y1;

/** What the label covers at a moment: the head's points in its box, the hands' shapes over its points. */
function coverOf(m: Moment): { head: number; hands: number; where: string } | null {
  const pose = momentPose(m);
  const hand = pose.hands.find((h) => !h.isHolding) ?? pose.hands[0];
  if (!hand) return null;
  const camera = closeupCamera(m);
  const label = closeupLabelFor(pose, camera, viewLabels('en').contact[hand.shape], 1, CLOSEUP_VIEWPORT);
  const box = label.box;
  const hands = practitionerGroups(pose, camera)
    .filter((g) => g.role === 'practitioner')
    .flatMap((g) => g.prims.slice(2));
  let covered = 0;
  for (let i = 0; i <= 12; i++)
    for (let j = 0; j <= 3; j++) {
      const q = { x: box.x0 + ((box.x1 - box.x0) * i) / 12, y: box.y0 + ((box.y1 - box.y0) * j) / 3 };
      if (hands.some((p) => isInside(p, q))) covered++;
    }
  const part = m.part ? ` ${m.part.id}` : '';
  return {
    head: headPoints(pose, camera).filter((q) => inBox(box, q)).length,
    hands: covered,
    where: `${m.step.id}${part}${m.step.side ? ` ${m.step.side}` : ''} phase ${m.phase.toFixed(2)}`,
  };
}

describe("the close-up's label", () => {
  for (const routine of ['spinal-column', 'neck-and-shoulders']) {
    it(`${routine}: covers neither the head nor the hands, at phases 0, 0.3, 0.5, 0.8 of every close-up`, () => {
      const moments = [45, 60].flatMap((minutes) => closeupMoments(planOf(routine, minutes)));
      expect(moments.length).toBeGreaterThan(0);
      const problems = moments
        .map(coverOf)
        .filter((c) => c !== null && (c.head > 0 || c.hands > 0))
        .map((c) => `${c!.where}: ${c!.head} head points, ${c!.hands} of 52 points on the hands`);
      expect(problems).toEqual([]);
    });
  }

  it('the check notices a label over the head: at spine-thumb-knead phase 0.5, left of the ring and below it', () => {
    const plan = planOf('spinal-column', 45);
    const step = plan.steps.find((s) => s.id === 'spine-thumb-knead')!;
    const m = momentAt(plan, step.start + (0.5 * step.duration) / step.reps, bodyMap);
    const pose = momentPose(m);
    const camera = closeupCamera(m);
    const at = camera.project(pose.hands[0]!.contact);
    const leftBelow = contactLabelPlace(at, viewLabels('en').contact['thumb-pad'], 1, -1, 1, 40);
    expect(headPoints(pose, camera).filter((q) => inBox(leftBelow.box, q)).length).toBeGreaterThan(10);
  });
});
