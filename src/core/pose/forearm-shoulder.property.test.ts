import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { momentAt } from '../timeline.js';
import { momentPose } from './pose.js';

/*
 * Issue 10's leftovers: a forearm laid on the back fixes its elbow there, and the upper arm rises from it toward
 * where the practitioner stands. Its shoulder is out toward the practitioner's side of the table, well beyond its
 * elbow, never brought down over the client's back by the lean toward the elbows (a shoulder over the spine).
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');

/** How far out the upper arm must reach from the elbow toward the practitioner's side (body heights). */
const OUT_FROM_ELBOW = 0.05;

describe('the shoulder above a forearm laid on the back', () => {
  it('every moment of the forearm steps, 120 each: the shoulder is out toward the practitioner, beyond the elbow', () => {
    const pieces = plan.steps.flatMap((s) =>
      (s.parts ?? [s]).filter((p) => p.motion.hands.some((h) => h.tool === 'forearm')).map((p) => ({ s, p })),
    );
    expect(pieces.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let seen = 0;
    for (const { s, p } of pieces)
      for (let k = 0; k < 120; k++) {
        const m = momentAt(plan, p.start + ((k + 0.5) / 120) * p.duration, map);
        const pose = momentPose(m);
        const outward = pose.place === 'left' ? -1 : pose.place === 'right' ? 1 : 0;
        expect(outward, `${s.id} is worked from a side`).not.toBe(0);
        for (const h of pose.hands) {
          if (h.shape !== 'forearm-flat') continue;
          seen++;
          const shoulder = pose.practitioner[`shoulder-${h.arm}`]!;
          const elbow = pose.practitioner[`elbow-${h.arm}`]!;
          const out = (shoulder[0] - elbow[0]) * outward;
          if (out < OUT_FROM_ELBOW)
            problems.push(`${s.id}/${p.id} ${h.hand}: shoulder only ${out.toFixed(3)} H out from the elbow`);
        }
      }
    expect(seen).toBeGreaterThan(100);
    expect([...new Set(problems.map((x) => x.replace(/ [-\d.]+ H/, '')))]).toEqual([]);
  });
});
