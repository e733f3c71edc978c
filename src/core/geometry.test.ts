import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeSegment, lastIndexAtMost } from './geometry.js';

describe('lastIndexAtMost', () => {
  it('finds the last value at or below x, 0 when there is none', () => {
    const starts = [0, 10, 10, 25];
    expect(lastIndexAtMost(starts, -1)).toBe(0);
    expect(lastIndexAtMost(starts, 0)).toBe(0);
    expect(lastIndexAtMost(starts, 9.9)).toBe(0);
    expect(lastIndexAtMost(starts, 10)).toBe(2);
    expect(lastIndexAtMost(starts, 24)).toBe(2);
    expect(lastIndexAtMost(starts, 1e9)).toBe(3);
    expect(lastIndexAtMost([], 5)).toBe(0);
    expect(lastIndexAtMost(new Float64Array([0, 1]), Number.NaN)).toBe(0);
  });

  it('agrees with a linear scan on any ascending list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 })),
        fc.integer({ min: -5, max: 60 }),
        (values, x) => {
          const sorted = [...values].sort((a, b) => a - b);
          let expected = 0;
          for (let i = 0; i < sorted.length; i++) if (sorted[i]! <= x) expected = i;
          expect(lastIndexAtMost(sorted, x)).toBe(expected);
        },
      ),
    );
  });
});

describe('cumulativeSegment', () => {
  it('gives the segment whose end is the first cumulative length at or past the target', () => {
    const cumulative = [0, 1, 3, 6];
    expect(cumulativeSegment(cumulative, 0)).toBe(1);
    expect(cumulativeSegment(cumulative, 1)).toBe(1);
    expect(cumulativeSegment(cumulative, 1.5)).toBe(2);
    expect(cumulativeSegment(cumulative, 6)).toBe(3);
    expect(cumulativeSegment(cumulative, 99)).toBe(3);
  });
});
