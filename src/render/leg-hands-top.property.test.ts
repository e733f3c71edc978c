import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { type BodyPoint, polygonContains } from '../core/geometry.js';
import type { Moment } from '../core/moment.js';
import type { PlannedStep } from '../core/plan-types.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { bodyOutlinePairs } from './body-figure.js';
import { type DrawnHand, drawnHandsTop, handOnlyParts, neverPressAreas } from './drawn-hands.js';

/*
 * Issue 10 part 1, the legs seen from above: two hands on one limb are two hands, one above the other, not one hand
 * with eight fingers (leg-knead's grasps, leg-drainage's thumbs on the calf, its flat hands over the knee and up the
 * thigh); a hand that lifts the leg lies on the limb it holds, not beyond the toes (leg-passive-lift).
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');
const neverPress = neverPressAreas(map);
const body: BodyPoint[] = bodyOutlinePairs().map(([x, y]) => ({ x, y }));

/** The far end of the feet (BODY-PROPORTIONS.md), with a sample's slack. */
const FEET_END = 1.005;
/** The most of the smaller hand two hands on one limb may share. */
const MOST_OVERLAP = 0.15;

function stepsOf(id: string): PlannedStep[] {
  const steps = plan.steps.filter((s) => s.id === id);
  if (steps.length !== 2) throw new Error(`${id}: expected both sides`);
  return steps;
}

/** A step, or one of its parts: its start, duration and repetitions. */
function pieceOf(step: PlannedStep, partId?: string): { start: number; duration: number; reps: number } {
  const part = partId ? step.parts?.find((p) => p.id === partId) : undefined;
  if (partId && !part) throw new Error(`${step.id}: no part ${partId}`);
  return part ?? step;
}

/** The moment `fraction` into a step (or into one of its parts). */
function momentIn(step: PlannedStep, fraction: number, partId?: string): Moment {
  const piece = pieceOf(step, partId);
  return momentAt(plan, piece.start + fraction * piece.duration, map);
}

function drawnTop(m: Moment): DrawnHand[] {
  return drawnHandsTop(m.hands, { position: 'prone', neverPress, excluded: [] });
}

/** The share of the smaller outline that lies inside the other too (sampled on a 0.002 H grid). */
function overlapShare(a: readonly (readonly BodyPoint[])[], b: readonly (readonly BodyPoint[])[]): number {
  const points = [...a.flat(), ...b.flat()];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  let inA = 0;
  let inB = 0;
  let inBoth = 0;
  for (let x = Math.min(...xs); x <= Math.max(...xs); x += 0.002)
    for (let y = Math.min(...ys); y <= Math.max(...ys); y += 0.002) {
      const q = { x, y };
      const isInA = a.some((poly) => polygonContains(poly, q));
      const isInB = b.some((poly) => polygonContains(poly, q));
      if (isInA) inA++;
      if (isInB) inB++;
      if (isInA && isInB) inBoth++;
    }
  return inBoth / Math.max(1, Math.min(inA, inB));
}

/** The overlap of two hands both on the limb at a moment, or null when one is lifted, holding or not drawn. */
function contactOverlap(m: Moment): number | null {
  const drawn = drawnTop(m);
  if (drawn.length !== 2 || drawn.some((h) => h.state.isLifted || h.state.isHolding || !h.isShown))
    return null;
  return overlapShare(handOnlyParts(drawn[0]!), handOnlyParts(drawn[1]!));
}

const TWO_HANDS_ON_ONE_LIMB: readonly { name: string; id: string; part?: string }[] = [
  { name: 'leg-knead', id: 'leg-knead' },
  { name: "leg-drainage's calf", id: 'leg-drainage', part: 'calf' },
  // The flat hands over the knee and up the thigh, from the side of the leg (the parts' `place: side`).
  { name: "leg-drainage's knee", id: 'leg-drainage', part: 'knee' },
  { name: "leg-drainage's thigh", id: 'leg-drainage', part: 'thigh' },
];

describe('the legs from above: hands as the seed places them', () => {
  it.each(TWO_HANDS_ON_ONE_LIMB)('$name: its start shows two hands, apart on the limb', ({ id, part }) => {
    // Seen at its start: before, both grasps lay on one point (one hand with eight fingers).
    for (const step of stepsOf(id)) {
      const overlaps = [0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3]
        .map((phase) => contactOverlap(momentIn(step, phase / pieceOf(step, part).reps, part)))
        .filter((o): o is number => o !== null);
      expect(overlaps.length, `${step.side}: moments with both hands on the limb`).toBeGreaterThan(0);
      for (const o of overlaps) expect(o, step.side ?? '').toBeLessThanOrEqual(MOST_OVERLAP);
    }
  });

  it.each(TWO_HANDS_ON_ONE_LIMB)(
    '$name: every moment, two hands on the limb share little of their outline',
    ({ id, part }) => {
      const steps = stepsOf(id);
      fc.assert(
        fc.property(fc.boolean(), fc.double({ min: 0, max: 0.999, noNaN: true }), (isLeft, fraction) => {
          const m = momentIn(steps[isLeft ? 0 : 1]!, fraction, part);
          const o = contactOverlap(m);
          if (o !== null) expect(o, `phase ${m.phase.toFixed(3)}`).toBeLessThanOrEqual(MOST_OVERLAP);
        }),
        { numRuns: 80 },
      );
    },
  );

  it('leg-passive-lift: every hand lies on the limb it holds, none beyond the toes', () => {
    const steps = stepsOf('leg-passive-lift');
    fc.assert(
      fc.property(fc.boolean(), fc.double({ min: 0, max: 0.999, noNaN: true }), (isLeft, fraction) => {
        const m = momentIn(steps[isLeft ? 0 : 1]!, fraction);
        for (const hand of drawnTop(m)) {
          const parts = handOnlyParts(hand);
          const farthest = Math.max(...parts.flat().map((p) => p.y));
          expect(farthest, `${hand.state.hand} hand, phase ${m.phase.toFixed(3)}`).toBeLessThanOrEqual(
            FEET_END,
          );
          const palm = parts[0]!;
          const centre = {
            x: palm.reduce((s, p) => s + p.x, 0) / palm.length,
            y: palm.reduce((s, p) => s + p.y, 0) / palm.length,
          };
          expect(polygonContains(body, centre), `${hand.state.hand} palm on the limb`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
