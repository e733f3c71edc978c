import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { type Digit, POSES } from './hands.js';

/*
 * ILLUSTRATION.md: "a grasp that wraps the limb; a fist is never a grasp" (issue 10: leg-knead was drawn as two
 * fists). A grasp's fingers lie long and straight across the limb, its thumb spread and opposed on the near side,
 * and the squeeze's hands lie across the leg, the fingers reaching over to its far side.
 */

const bodyMap = builtinBodyMap();

describe('a grasp wraps the limb, never a fist', () => {
  const grasp = POSES.grasp;
  const fingers: readonly Digit[] = grasp.digits.slice(2, 6);
  const thumb: Digit = grasp.digits[6]!;

  it('its four fingers reach straight out from the knuckles (at least 0.025 H, within 10°), not curled stubs', () => {
    for (const f of fingers) {
      expect(Math.abs(f.angle)).toBeLessThanOrEqual(10);
      expect(f.length).toBeGreaterThanOrEqual(25);
    }
  });

  it('its thumb is spread wide from the fingers (at least 40°), opposed to them', () => {
    expect(thumb.angle).toBeLessThanOrEqual(-40);
  });

  it("the leg squeeze's hands lie across the leg: fingers at least 60° from the stroke", () => {
    const plan = builtinPlan();
    const step = plan.steps.find((s) => s.id === 'leg-knead' && s.side === 'left');
    if (!step) throw new Error('leg-knead (left) is not planned');
    let seen = 0;
    for (const phase of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const moment = momentAt(plan, step.start + (step.duration / step.reps) * phase, bodyMap);
      for (const h of moment.hands) {
        if (h.isLifted || h.isHolding) continue;
        seen++;
        // The stroke runs down the leg (+y): a hand across it points its fingers mostly along x.
        expect(Math.abs(Math.cos(h.angle))).toBeGreaterThanOrEqual(Math.cos((30 * Math.PI) / 180) - 1e-9);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
