import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import type { BodyPoint } from '../../core/geometry.js';
import { Intake } from '../../core/intake.js';
import { isRefusal, type Plan, type PlannedStep } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentAt } from '../../core/timeline.js';
import { drawnHandsTop, excludedAreaPolygons, handOnlyParts, neverPressAreas } from '../drawn-hands.js';
import { polygonDistance } from '../polyline.js';

/*
 * chest-shoulder-neck-stroke starts as the seed writes it (Figure 117): "the hands on the upper chest immediately
 * under the collarbone, the fingers facing each other". The two palms meet at the breastbone without lying on one
 * another, just under the collarbone line, and the mirrored hands stay mirror images through the stroke.
 */

const bodyMap = builtinBodyMap();
const plan = (() => {
  const p = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
    bodyMap,
  });
  if (isRefusal(p)) throw new Error('refused');
  return p;
})() as Plan;
const step = plan.steps.find((s) => s.id === 'chest-shoulder-neck-stroke') as PlannedStep;
const perRep = step.duration / step.reps;
const at = (phase: number) => momentAt(plan, step.start + perRep * phase, bodyMap);

function segmentsCross(a: BodyPoint, b: BodyPoint, c: BodyPoint, d: BodyPoint): boolean {
  const cross = (p: BodyPoint, q: BodyPoint, r: BodyPoint) =>
    (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** True when two closed polygons share any area: a vertex of one inside the other, or two edges crossing. */
function polygonsOverlap(p: readonly BodyPoint[], q: readonly BodyPoint[]): boolean {
  if (p.some((v) => polygonDistance(q, v) === 0) || q.some((v) => polygonDistance(p, v) === 0)) return true;
  for (let i = 0; i < p.length; i++) {
    for (let j = 0; j < q.length; j++) {
      if (segmentsCross(p[i]!, p[(i + 1) % p.length]!, q[j]!, q[(j + 1) % q.length]!)) return true;
    }
  }
  return false;
}

describe('chest-shoulder-neck-stroke: the start under the collarbones (Figure 117)', () => {
  it('is planned, with two palms', () => {
    expect(at(0).hands.map((h) => h.tool)).toEqual(['palm', 'palm']);
  });

  it('draws the two hands from above side by side at the breastbone, never one on the other', () => {
    const options = {
      position: step.position,
      neverPress: neverPressAreas(bodyMap),
      excluded: excludedAreaPolygons(bodyMap, plan.excludedRegions),
    };
    for (let i = 0; i <= 10; i++) {
      const phase = i / 100;
      const drawn = drawnHandsTop(at(phase).hands, options);
      expect(drawn).toHaveLength(2);
      const [left, right] = drawn.map(handOnlyParts) as [BodyPoint[][], BodyPoint[][]];
      for (const [i, a] of left.entries()) {
        for (const [j, b] of right.entries())
          expect(polygonsOverlap(a, b), `phase ${phase}: left part ${i}, right part ${j}`).toBe(false);
      }
    }
  });

  it('lays the palms just under the collarbone line, at the start and through Figure 117', () => {
    const clavicle = bodyMap.landmarks.get('clavicle-mid')!;
    for (const phase of [0, 0.02, 0.05]) {
      for (const h of at(phase).hands) {
        expect(h.surface).toBe('anterior');
        // Below the line (larger y is toward the feet), by less than a palm's half-width and a finger.
        expect(h.y - clavicle.at.y, `phase ${phase}`).toBeGreaterThan(0.02);
        expect(h.y - clavicle.at.y, `phase ${phase}`).toBeLessThan(0.036);
        // The fingers face each other: the left hand (x < 0) points to +x.
        expect(Math.sign(Math.cos(h.angle))).toBe(-Math.sign(h.x));
      }
    }
  });

  it('keeps the mirrored hands mirror images through the repetition (round the shoulders too)', () => {
    for (let i = 0; i < 50; i++) {
      const [l, r] = at(i / 50).hands;
      expect(l!.x + r!.x, `phase ${i / 50}`).toBeCloseTo(0, 6);
      expect(l!.y).toBeCloseTo(r!.y, 6);
      // Mirrored across the midline: the x of the fingers' direction flips, its y stays.
      expect(Math.cos(l!.angle) + Math.cos(r!.angle), `phase ${i / 50}`).toBeCloseTo(0, 6);
      expect(Math.sin(l!.angle) - Math.sin(r!.angle), `phase ${i / 50}`).toBeCloseTo(0, 6);
    }
  });
});
