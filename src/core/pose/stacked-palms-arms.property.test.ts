import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import type { Plan } from '../plan-types.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { forRandomPlans } from '../test-support/random-plans.js';
import { momentAt } from '../timeline.js';
import { momentPose } from './pose.js';
import type { Pose } from './pose-types.js';

/*
 * Session 25, the reinforced palm from above: palm on palm, standing at one side of the table, the two arms come in
 * side by side from where the practitioner stands and meet at the hands; neither folds back across the other (the
 * arm whose shoulder stood beyond the hands bent its elbow back behind them and crossed the other arm in a big X).
 * Seen from above, each arm's shoulder and elbow lie on its own side of the line from the hands to the middle of the
 * shoulders.
 */

const map = builtinBodyMap();

/** How an arm lies across the line from the hands to the middle of the shoulders, from above: +1, −1, or 0 (on it). */
function sideOf(pose: Pose, joint: string): number {
  const p = pose.practitioner;
  const wl = p['wrist-left']!;
  const wr = p['wrist-right']!;
  const sl = p['shoulder-left']!;
  const sr = p['shoulder-right']!;
  const hands = [(wl[0] + wr[0]) / 2, (wl[1] + wr[1]) / 2];
  const shoulders = [(sl[0] + sr[0]) / 2, (sl[1] + sr[1]) / 2];
  const q = p[joint]!;
  const cross =
    (shoulders[0]! - hands[0]!) * (q[1] - hands[1]!) - (shoulders[1]! - hands[1]!) * (q[0] - hands[0]!);
  return Math.abs(cross) < 1e-5 ? 0 : Math.sign(cross);
}

/** What is wrong with a palm-on-palm moment's arms (empty: nothing). */
function crossedArms(pose: Pose, where: string): string[] {
  if (!pose.hands.some((h) => h.shape === 'palm-on-palm')) return [];
  if (pose.place !== 'left' && pose.place !== 'right') return [];
  const problems: string[] = [];
  const left = sideOf(pose, 'shoulder-left');
  const right = sideOf(pose, 'shoulder-right');
  if (left === right) problems.push(`${where}: both shoulders on one side of the hands`);
  for (const arm of ['left', 'right'] as const) {
    const own = arm === 'left' ? left : right;
    if (sideOf(pose, `elbow-${arm}`) === -own)
      problems.push(`${where}: the ${arm} elbow across the other arm`);
  }
  return problems;
}

/** The palm-on-palm moments of a plan: each stacked-palms step at n times through it. */
function stackedProblems(plan: Plan, us: readonly number[]): string[] {
  return plan.steps
    .filter((s) => s.motion.hands.some((h) => h.tool === 'stacked-palms'))
    .flatMap((s) =>
      us.flatMap((u) => {
        const m = momentAt(plan, s.start + u * s.duration, map);
        return crossedArms(momentPose(m), `${s.id} at ${u.toFixed(3)}`);
      }),
    );
}

describe('palm on palm from a side of the table', () => {
  it('every moment of the reinforced palm, default plan: the arms side by side, never crossed', () => {
    const plan = builtinPlan('spinal-column');
    const us = Array.from({ length: 90 }, (_, k) => (k + 0.5) / 90);
    const seen = plan.steps
      .filter((s) => s.motion.hands.some((h) => h.tool === 'stacked-palms'))
      .flatMap((s) => us.map((u) => momentPose(momentAt(plan, s.start + u * s.duration, map))))
      .filter((p) => p.hands.some((h) => h.shape === 'palm-on-palm'));
    expect(seen.length).toBeGreaterThan(40);
    expect(stackedProblems(plan, us)).toEqual([]);
  });

  it('random plans, random moments', () => {
    forRandomPlans((plan, us) => expect(stackedProblems(plan, us)).toEqual([]), { numRuns: 40 });
  });
});
