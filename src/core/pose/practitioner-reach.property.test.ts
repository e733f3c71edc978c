import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import type { PlannedStep } from '../plan-types.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { momentAt } from '../timeline.js';
import { momentPose } from './pose.js';
import { FOREARM, UPPER_ARM } from './practitioner-pose.js';
import { type Vec3, vecDifference, vecLength } from './vec3.js';

/*
 * Issue 10 part 1, the legs and the feet: the practitioner's arms reach from where the routine file puts them (the
 * step's or the part's `place`) to the hands, at the body's proportions (BODY-PROPORTIONS.md "In depth"). Over
 * moments of every step on the legs and the feet, both sides: each arm is an upper arm and a forearm of their
 * lengths; the shoulders stay at the place, leaning in no further than a bend of the trunk (never out over the
 * client's legs); the elbows hang below the shoulders.
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');
/** The steps on the legs and the feet, by the routine's own tags. */
const legSteps: readonly PlannedStep[] = plan.steps.filter(
  (s) => s.tags.includes('leg') || s.tags.includes('foot'),
);

/** Standing upright, the shoulders 0.40 H above the table top, about 0.32 H from its long edge or 1.24 H down it. */
const STANDING_Z = 0.4;
const SIDE_X = 0.32;
const FEET_Y = 1.24;
/** How far the shoulders may come from upright at the place: a bend of the trunk over the table, not a walk. */
const MOST_LEAN = 0.25;

/** How far the middle of the shoulders is from where it is, upright, at the place (anywhere along its edge). */
function leanFromPlace(place: string, centre: Vec3): number {
  const dz = centre[2] - STANDING_Z;
  if (place === 'feet') return Math.hypot(centre[1] - FEET_Y, dz);
  if (place === 'left') return Math.hypot(centre[0] + SIDE_X, dz);
  if (place === 'right') return Math.hypot(centre[0] - SIDE_X, dz);
  throw new Error(`no standing place ${place}`);
}

/** What is wrong with the arms at `fraction` of a step's time (empty: nothing). */
function armProblems(step: PlannedStep, fraction: number): string[] {
  const m = momentAt(plan, step.start + fraction * step.duration, map);
  const pose = momentPose(m);
  const p = pose.practitioner;
  const at = `${step.id}${m.part ? `/${m.part.id}` : ''} (${step.side}) phase ${m.phase.toFixed(3)}`;
  const out: string[] = [];
  const left = p['shoulder-left']!;
  const right = p['shoulder-right']!;
  const centre: Vec3 = [(left[0] + right[0]) / 2, (left[1] + right[1]) / 2, (left[2] + right[2]) / 2];
  const lean = leanFromPlace(pose.place, centre);
  if (lean > MOST_LEAN) out.push(`${at}: shoulders ${lean.toFixed(3)} H from upright at the ${pose.place}`);
  for (const hand of pose.hands) {
    const s = p[`shoulder-${hand.arm}`]!;
    const e = p[`elbow-${hand.arm}`]!;
    const w = p[`wrist-${hand.arm}`]!;
    const upper = vecLength(vecDifference(e, s));
    const fore = vecLength(vecDifference(w, e));
    if (Math.abs(upper - UPPER_ARM) > 1e-3 || Math.abs(fore - FOREARM) > 1e-3)
      out.push(`${at}: ${hand.arm} arm ${upper.toFixed(3)} + ${fore.toFixed(3)}`);
    if (e[2] > s[2] + 1e-3) out.push(`${at}: ${hand.arm} elbow above its shoulder`);
  }
  return out;
}

describe('the practitioner reaches from their place (legs and feet)', () => {
  it('finds the leg and foot steps on both sides', () => {
    expect(new Set(legSteps.map((s) => s.id)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(legSteps.map((s) => s.side))).toEqual(new Set(['left', 'right']));
  });

  it('leg-drainage over the knee and the thigh: from the side of the leg, not leaning out from the feet', () => {
    // From the foot of the table the thigh is half the body's height away: the shoulders came out over the legs.
    for (const step of legSteps.filter((s) => s.id === 'leg-drainage'))
      for (const part of step.parts ?? []) {
        const from = (part.start - step.start) / step.duration;
        const to = from + part.duration / step.duration;
        for (let k = 0; k < 12; k++)
          expect(armProblems(step, from + ((to - from) * (k + 0.5)) / 12)).toEqual([]);
      }
  });

  it('every moment: arms of the body proportions, shoulders at the place, elbows below them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: legSteps.length - 1 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (index, fraction) => {
          expect(armProblems(legSteps[index]!, fraction)).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
