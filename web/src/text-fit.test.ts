import { describe, expect, it } from 'vitest';
import { largestFitting } from './text-fit.js';

describe('largestFitting', () => {
  it('keeps the full size when it fits, with one measurement', () => {
    const tried: number[] = [];
    expect(
      largestFitting(0.7, 1, 0.025, (s) => {
        tried.push(s);
        return true;
      }),
    ).toBe(1);
    expect(tried).toEqual([1]);
  });

  it('finds the largest step that fits', () => {
    for (const limit of [0.7, 0.71, 0.8, 0.8125, 0.9, 0.975, 0.999]) {
      const scale = largestFitting(0.7, 1, 0.025, (s) => s <= limit + 1e-12);
      expect(scale).toBeLessThanOrEqual(limit + 1e-12);
      // No larger step would have fitted.
      expect(scale + 0.025).toBeGreaterThan(limit);
    }
  });

  it('gives the minimum when nothing fits (the area then scrolls)', () => {
    expect(largestFitting(0.7, 1, 0.025, () => false)).toBe(0.7);
  });

  it('measures few times: a binary search, not a walk', () => {
    let n = 0;
    largestFitting(0.5, 1, 0.01, (s) => {
      n++;
      return s <= 0.77;
    });
    expect(n).toBeLessThanOrEqual(8);
  });
});
