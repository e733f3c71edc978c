import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { regionsWithin } from './body-map.js';
import { bodyPoint } from './geometry.js';
import { HAND_SPAN } from './ids.js';
import { Intake } from './intake.js';
import { handSpan, handSpanEnds, trackSampled } from './motion-clip.js';
import { checkPlan } from './plan-check.js';
import type { HandTrack, Plan } from './plan-types.js';
import { planFromIntake } from './planner.js';

// The planner keeps the whole hand off a region the client asked not to be touched (HAND_SPAN), not only its
// contact: the fingertips' hand behind them, the thumb's hand beside it, the forearm's loose hand ahead of it.

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const routine = builtinRoutine('spinal-column');

function planAvoiding(region: string): Plan {
  const intake = Intake.parse({ minutes: 60, avoidRegions: [{ region }] });
  const plan = planFromIntake(routine, rules, intake, { bodyMap });
  if (plan.refused) throw new Error('refused');
  expect(checkPlan(plan, intake, rules, bodyMap)).toEqual([]);
  return plan;
}

/** Whether any point of a hand's span (its stroke swept with the span's half-width, and past its ends) lies on a region. */
function spanTouches(hand: HandTrack, region: string): boolean {
  const span = handSpan(hand);
  if (!span) throw new Error(`${hand.tool} has no span`);
  const ends = handSpanEnds(hand.points, span, { isReturn: false });
  const points = [...ends.before, ...trackSampled(hand.points), ...ends.after];
  return points.some((p) =>
    regionsWithin(bodyMap, p.surface, bodyPoint(p.x, p.y), span.halfWidth).some((h) => h.region === region),
  );
}

describe('handSpan: the whole hand round its contact', () => {
  it('reaches behind two fingertips (the hand to the wrist) and ahead of a forearm (its loose hand)', () => {
    const tips = handSpan({ tool: 'fingertips', isHolding: false });
    expect(tips).not.toBeNull();
    expect(tips!.behind).toBeGreaterThan(0.09);
    expect(tips!.ahead).toBe(0);
    const forearm = handSpan({ tool: 'forearm', isHolding: false });
    expect(forearm!.ahead).toBeGreaterThan(0.09);
  });

  it('is none for a palm (its contact is the hand), a holding hand, or a hand turned by a fingers rule', () => {
    expect(HAND_SPAN.palm).toBeUndefined();
    expect(handSpan({ tool: 'palm', isHolding: false })).toBeNull();
    expect(handSpan({ tool: 'thumb', isHolding: true })).toBeNull();
    expect(handSpan({ tool: 'fingertips', isHolding: false }, 'away-from-practitioner')).toBeNull();
  });

  it('swaps behind and ahead on the way back (the fingers keep pointing along the working stroke)', () => {
    const span = handSpan({ tool: 'fingertips', isHolding: false })!;
    const track = [
      { x: 0.03, y: 0.4, surface: 'posterior' as const },
      { x: 0.03, y: 0.3, surface: 'posterior' as const },
    ];
    const work = handSpanEnds(track, span, { isReturn: false });
    const back = handSpanEnds([...track].reverse(), span, { isReturn: true });
    // Working up the back, the hand trails below the start; coming back down, it still lies below the tips.
    expect(Math.max(...work.before.map((p) => p.y))).toBeCloseTo(0.4 + span.behind, 6);
    expect(Math.max(...back.after.map((p) => p.y))).toBeCloseTo(0.4 + span.behind, 6);
    expect(work.after).toEqual([]);
  });
});

describe('the planner keeps the whole hand off an avoided region', () => {
  it('stops the fingertip presses and the thumb kneading below an avoided shoulder blade', () => {
    const plan = planAvoiding('back.scapula');
    for (const id of ['spine-fingertip-press', 'spine-thumb-knead']) {
      const step = plan.steps.find((s) => s.id === id);
      expect(step, id).toBeDefined();
      expect(step!.changes.some((c) => c.kind === 'exclude-region')).toBe(true);
      for (const hand of step!.motion.hands) {
        // Still worked on the low back, below the shoulder blades (their lower angles at 0.27 H).
        expect(Math.max(...hand.points.map((p) => p.y))).toBeGreaterThan(0.4);
        expect(Math.min(...hand.points.map((p) => p.y))).toBeGreaterThan(0.27);
        expect(spanTouches(hand, 'back.scapula'), `${id} ${hand.hand}`).toBe(false);
      }
    }
  });

  it('drops the forearm stroke toward the neck when the skull base is avoided (its loose hand would lie over it)', () => {
    const plan = planAvoiding('head.skull-base');
    const step = plan.steps.find((s) => s.id === 'back-forearm-spread');
    expect(step).toBeDefined();
    expect(step!.parts?.map((p) => p.id)).toEqual(['diagonals']);
    expect(step!.changes).toContainEqual(
      expect.objectContaining({ kind: 'drop-part', part: 'along-spine', rule: 'client-avoid-region' }),
    );
  });
});
