import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import { momentPose } from '../../core/pose/pose.js';
import { intakeArbitrary } from '../../core/test-support/intake-arbitrary.js';
import { momentAt } from '../../core/timeline.js';
import { polygonDistance } from '../polyline.js';
import type { XY } from '../svg.js';
import { faceOnScreen } from '../test-support/safety-zones.js';
import { headCamera } from './camera.js';
import { type Prim, practitionerGroups, type SceneGroup } from './solid-scene.js';

/*
 * Part 4 of issue 10 for the head-end view: over moments of random plans, nothing of the practitioner that the
 * view draws in sight (an arm, a hand on the body; a hand under the body is masked by the client's shapes, its upper
 * arm is not) lies on the client's face or throat as the camera sees them. The face and throat are taken from
 * BODY-PROPORTIONS.md (hairline to the sternal notch), on the front of the posed body, not from the renderer.
 */

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const routines = ['spinal-column', 'neck-and-shoulders'].map((id) => builtinRoutine(id));
const camera = headCamera({ x: 12, y: 44, width: 1256, height: 508 });

/** Points round a shape's outline (pixels). */
function outline(p: Prim): XY[] {
  const ring = (c: XY, rx: number, ry: number) =>
    Array.from({ length: 12 }, (_, i) => ({
      x: c.x + rx * Math.cos((i * Math.PI) / 6),
      y: c.y + ry * Math.sin((i * Math.PI) / 6),
    }));
  switch (p.kind) {
    case 'ellipse':
      return ring(p.c, p.rx, p.ry);
    case 'blob': {
      const out = [...ring(p.a, p.ra, p.ra), ...ring(p.b, p.rb, p.rb)];
      const d = Math.hypot(p.b.x - p.a.x, p.b.y - p.a.y) || 1;
      const n = { x: -(p.b.y - p.a.y) / d, y: (p.b.x - p.a.x) / d };
      for (let k = 1; k < 8; k++) {
        const t = k / 8;
        const c = { x: p.a.x + (p.b.x - p.a.x) * t, y: p.a.y + (p.b.y - p.a.y) * t };
        const r = p.ra + (p.rb - p.ra) * t;
        out.push({ x: c.x + n.x * r, y: c.y + n.y * r }, { x: c.x - n.x * r, y: c.y - n.y * r });
      }
      return out;
    }
    default:
      return [...p.points];
  }
}

/** The practitioner's shapes drawn in sight from the head end: all of an arm over the body, the upper arm of one under it. */
function shapesInSight(groups: readonly SceneGroup[]): { id: string; prim: Prim }[] {
  return groups
    .filter((g) => g.role === 'practitioner')
    .flatMap((g) => (g.isUnder ? g.prims.slice(0, 1) : g.prims).map((prim) => ({ id: g.id, prim })));
}

/** What lies on the face or throat as the head view draws a moment (empty: nothing). */
function problemsAt(moment: Moment, groups?: readonly SceneGroup[]): string[] {
  if (moment.step.position !== 'supine') return [];
  const pose = momentPose(moment);
  const face = faceOnScreen(pose, camera);
  const problems: string[] = [];
  for (const { id, prim } of shapesInSight(groups ?? practitionerGroups(pose, camera))) {
    const hit = outline(prim).find((q) => polygonDistance(face, q) === 0);
    if (hit)
      problems.push(
        `${moment.step.id} phase ${moment.phase.toFixed(3)} ${id}: ${prim.kind} at ${hit.x.toFixed(0)},${hit.y.toFixed(0)} on the face or throat`,
      );
  }
  return problems;
}

function planFor(routineIndex: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routineIndex]!, rules, intake, { bodyMap });
  return isRefusal(plan) ? null : plan;
}

describe('head view: the practitioner as drawn is never on the face or throat', () => {
  it('random plans, random moments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: routines.length - 1 }),
        intakeArbitrary,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (routineIndex, intake, times) => {
          const plan = planFor(routineIndex, intake);
          if (!plan) return;
          for (const u of times)
            expect(problemsAt(momentAt(plan, u * plan.totalSeconds, bodyMap))).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every face-up step of both routines, densely in time, default intake', () => {
    for (let r = 0; r < routines.length; r++) {
      const plan = planFor(r, Intake.parse({ minutes: 60 }));
      if (!plan) throw new Error('the default intake was refused');
      const problems: string[] = [];
      for (const step of plan.steps) {
        if (step.position !== 'supine') continue;
        for (let k = 0; k < 40; k++)
          problems.push(
            ...problemsAt(momentAt(plan, step.start + (step.duration * (k + 0.5)) / 40, bodyMap)),
          );
      }
      expect(problems).toEqual([]);
    }
  });

  it('the check notices a hand laid on the face', () => {
    const plan = planFor(0, Intake.parse({ minutes: 45 }));
    if (!plan) throw new Error('refused');
    const step = plan.steps.find((s) => s.id === 'chest-shoulder-neck-stroke')!;
    const moment = momentAt(plan, step.start + 1, bodyMap);
    const pose = momentPose(moment);
    const nose = camera.project(posedPoint(pose.moves, [0, 0.08, 0.12]));
    const onFace: SceneGroup = {
      id: 'practitioner-left',
      role: 'practitioner',
      depth: 0,
      prims: [{ kind: 'ellipse', c: nose, rx: 10, ry: 10 }],
    };
    expect(problemsAt(moment, [onFace]).join('\n')).toMatch(/face or throat/);
    // Under the body it is masked by the client: only its first shape (the upper arm) is in sight.
    const under: SceneGroup = {
      ...onFace,
      isUnder: true,
      prims: [{ kind: 'ellipse', c: { x: 10, y: 10 }, rx: 4, ry: 4 }, ...onFace.prims],
    };
    expect(problemsAt(moment, [under])).toEqual([]);
  });

  it('the hands are where the moment says: each posed contact on the client, and the chest stroke under the neck from phase 0.3 to 0.6', () => {
    const plan = planFor(0, Intake.parse({ minutes: 45 }));
    if (!plan) throw new Error('refused');
    const step = plan.steps.find((s) => s.id === 'chest-shoulder-neck-stroke')!;
    const perRep = step.duration / step.reps;
    for (const phase of [0.3, 0.4, 0.5, 0.6]) {
      const moment = momentAt(plan, step.start + perRep * phase, bodyMap);
      const pose = momentPose(moment);
      for (const h of pose.hands) {
        // Under the body: palm up, the fingers away from the practitioner at the head (toward the feet), so the
        // forearm comes in beside the head from them and never folds back over the head.
        expect(h.isUnder, `phase ${phase}`).toBe(true);
        expect(h.direction[1], `phase ${phase}`).toBeGreaterThanOrEqual(0);
        const wrist = pose.practitioner[`wrist-${h.arm}`]!;
        const elbow = pose.practitioner[`elbow-${h.arm}`]!;
        expect(wrist[1], `phase ${phase}: wrist toward the practitioner`).toBeLessThanOrEqual(h.contact[1]);
        expect(elbow[1], `phase ${phase}: elbow toward the practitioner`).toBeLessThan(wrist[1]);
      }
    }
  });
});

describe('head view: fingertips on the scalp', () => {
  it('scalp-shampoo and hair-tug lay the working fingertips on the skull, not on the table under it', () => {
    const plan = planFor(0, Intake.parse({ minutes: 60 }));
    if (!plan) throw new Error('refused');
    let seen = 0;
    for (const id of ['scalp-shampoo', 'hair-tug']) {
      const step = plan.steps.find((s) => s.id === id)!;
      const perRep = step.duration / step.reps;
      for (let k = 0; k < 20; k++) {
        const moment = momentAt(plan, step.start + perRep * ((k + 0.5) / 20), bodyMap);
        for (const h of momentPose(moment).hands) {
          if (h.isLifted || h.isUnder) continue;
          // On the skull's ellipsoid (centre 0, 0.062, 0.056; half-axes 0.047, 0.064, 0.056), or out beside it
          // (a strand drawn out): never inside the head, never down at the table.
          const [x, y, z] = h.contact;
          const inX = Math.min(Math.abs(x), 0.047 * 0.85);
          const e = (inX / 0.047) ** 2 + ((y - 0.062) / 0.064) ** 2 + ((z - 0.056) / 0.056) ** 2;
          expect(e, `${id} ${k}: ${h.contact.join(', ')}`).toBeGreaterThan(0.9);
          expect(e, `${id} ${k}: ${h.contact.join(', ')}`).toBeLessThan(1.1);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});
