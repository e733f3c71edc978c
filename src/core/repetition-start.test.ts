import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { repetitionStartHands } from './repetition-start.js';
import { builtinPlan } from './test-support/builtin-plan.js';
import { momentAt } from './timeline.js';

const bodyMap = builtinBodyMap();
const plan = builtinPlan();

describe('repetitionStartHands', () => {
  it('gives the hands at phase 0 of the same repetition, for every step and part, mirrored reps too', () => {
    let checked = 0;
    for (const step of plan.steps) {
      for (const running of step.parts ?? [step]) {
        const perRep = running.duration / Math.max(running.reps, 1);
        for (let rep = 0; rep < Math.min(running.reps, 2); rep++) {
          const repStart = running.start + perRep * rep;
          const mid = momentAt(plan, repStart + perRep * 0.6, bodyMap);
          const start = momentAt(plan, repStart + 1e-9, bodyMap);
          expect(mid.repetition).toBe(rep + 1);
          const got = repetitionStartHands(mid, bodyMap);
          expect(got.length).toBe(start.hands.length);
          got.forEach((h, i) => {
            const want = start.hands[i]!;
            expect(h.hand).toBe(want.hand);
            expect(h.x).toBeCloseTo(want.x, 5);
            expect(h.y).toBeCloseTo(want.y, 5);
          });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('is empty before the first step of an empty plan', () => {
    const empty = { ...plan, steps: [], totalSeconds: 0 };
    expect(repetitionStartHands(momentAt(empty, 0, bodyMap), bodyMap)).toEqual([]);
  });
});
