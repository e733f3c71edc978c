import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../intake.js';
import { isRefusal, type Plan } from '../plan-types.js';
import { planFromIntake } from '../planner.js';
import { partView } from '../step-parts.js';
import { intakeArbitrary } from '../test-support/intake-arbitrary.js';
import { momentAt } from '../timeline.js';
import { momentPose } from './pose.js';
import type { Pose, PosedHand } from './pose-types.js';
import { TOOL_SHAPES } from './practitioner-pose.js';
import type { Vec3 } from './vec3.js';

/*
 * Issue 10, part 1, "hands whose fingers take each tool's shape": a step whose cue says "spread your fingertips over
 * the scalp, as if washing hair" names the spread hand in its routine file (`handShape: spread-fingers`), and the
 * pose lays five pads apart on the scalp (a visible gap between two pads 0.0092 H across); every other hand keeps its tool's own shape.
 */

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const routines = ['spinal-column', 'neck-and-shoulders'].map((id) => builtinRoutine(id));

function planFor(routineIndex: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routineIndex]!, rules, intake, { bodyMap });
  return isRefusal(plan) ? null : plan;
}

/** The skull, supine, as an ellipsoid (BODY-PROPORTIONS.md: 0.112 H front to back, 0.09 across, its centre). */
const SKULL_CENTRE: Vec3 = [0, 0.062, 0.056];
const SKULL_HALF: Vec3 = [0.047, 0.064, 0.056];

/** How far a point lies outside the skull along the line from its centre (negative: inside), in H. */
function heightOverSkull(p: Vec3): number {
  const q = [0, 1, 2].map((i) => p[i]! - SKULL_CENTRE[i]!);
  const k = Math.hypot(...q.map((v, i) => v / SKULL_HALF[i]!));
  return Math.hypot(...q) * (1 - 1 / k);
}

const TIPS = ['thumb-tip', 'index-tip', 'fingertip', 'ring-tip', 'little-tip'] as const;

/** What is wrong with a spread hand (empty: nothing): five pads, apart, each on the scalp. */
function spreadProblems(pose: Pose, hand: PosedHand, where: string): string[] {
  const problems: string[] = [];
  if (hand.shape !== 'spread-fingers') return [`${where}: ${hand.shape}, not spread fingers`];
  const tips = TIPS.map((name) => pose.practitioner[`${name}-${hand.arm}`]);
  if (tips.some((t) => t === undefined)) return [`${where}: not five fingertips`];
  const at = tips as Vec3[];
  for (let i = 0; i < at.length; i++) {
    // On the scalp: the pad's centre a pad's radius (0.005 H) off the skull, never in it, never in the air.
    const h = heightOverSkull(at[i]!);
    if (h < 0.002 || h > 0.009) problems.push(`${where}: ${TIPS[i]} ${h.toFixed(4)} H off the skull`);
    for (let j = i + 1; j < at.length; j++) {
      const d = Math.hypot(...[0, 1, 2].map((k) => at[i]![k]! - at[j]![k]!));
      if (d < 0.011) problems.push(`${where}: ${TIPS[i]} and ${TIPS[j]} ${d.toFixed(4)} H apart`);
    }
  }
  return problems;
}

/** The problems of every working hand of a scalp-shampoo moment at a fraction u of the step. */
function scalpProblems(plan: Plan, u: number): string[] {
  const step = plan.steps.find((s) => s.id === 'scalp-shampoo');
  if (!step) return [];
  const m = momentAt(plan, step.start + u * step.duration, bodyMap);
  if (m.step.id !== step.id) return [];
  const pose = momentPose(m);
  // A hand under the back of the head lies on the table, the head's weight on it (the head view hides it).
  return pose.hands
    .filter((h) => !h.isHolding && !h.isUnder)
    .flatMap((h) => spreadProblems(pose, h, `${m.step.id} phase ${m.phase.toFixed(3)} ${h.arm}`));
}

describe('spread fingers on the scalp', () => {
  it('scalp-shampoo in both routines: five pads apart, each on the scalp, through every repetition', () => {
    for (let r = 0; r < routines.length; r++) {
      const plan = planFor(r, Intake.parse({ minutes: 60 }))!;
      expect(plan.steps.some((s) => s.id === 'scalp-shampoo')).toBe(true);
      const problems: string[] = [];
      for (let k = 0; k < 60; k++) problems.push(...scalpProblems(plan, (k + 0.5) / 60));
      expect(problems).toEqual([]);
    }
  });

  it('random plans, random moments of the scalp work', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: routines.length - 1 }),
        intakeArbitrary,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (r, intake, us) => {
          const plan = planFor(r, intake);
          if (!plan) return;
          for (const u of us) expect(scalpProblems(plan, u)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('every other hand keeps its tool’s shape (a holding hand always does; hair-tug’s strand is a pinch)', () => {
    for (let r = 0; r < routines.length; r++) {
      const plan = planFor(r, Intake.parse({ minutes: 60 }))!;
      for (const step of plan.steps) {
        for (const u of [0.1, 0.5, 0.9]) {
          const m = momentAt(plan, step.start + u * step.duration, bodyMap);
          const running = m.part ? partView(m.step, m.part) : m.step;
          for (const h of momentPose(m).hands) {
            const own = TOOL_SHAPES[h.tool];
            const expected = !h.isHolding && running.handShape ? running.handShape : own;
            // The lower of two stacked palms is a flat palm.
            if (own === 'palm-on-palm' && h.shape === 'flat-palm') continue;
            expect(h.shape, `${step.id} ${u}`).toBe(expected);
          }
        }
      }
      const tug = plan.steps.find((s) => s.id === 'hair-tug');
      if (tug) {
        const m = momentAt(plan, tug.start + tug.duration * 0.05, bodyMap);
        for (const h of momentPose(m).hands) expect(h.shape).toBe('pinch');
      }
    }
  });

  it('the check notices two fingertips (the shape the scalp used to get) and pads pressed together', () => {
    const plan = planFor(0, Intake.parse({ minutes: 60 }))!;
    const step = plan.steps.find((s) => s.id === 'scalp-shampoo')!;
    const pose = momentPose(momentAt(plan, step.start + 1, bodyMap));
    const hand = pose.hands[0]!;
    expect(spreadProblems(pose, { ...hand, shape: 'two-fingertips' }, 'x').join()).toMatch(/not spread/);
    const tip = pose.practitioner[`fingertip-${hand.arm}`]!;
    const squeezed: Pose = {
      ...pose,
      practitioner: { ...pose.practitioner, [`ring-tip-${hand.arm}`]: tip },
    };
    expect(spreadProblems(squeezed, hand, 'x').join()).toMatch(/apart/);
  });
});
