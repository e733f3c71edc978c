import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num, xmlEscaped } from './svg.js';

/** num as it was written first (String of the rounded float): the text every golden and snapshot holds. */
function numByFloat(value: number, digits = 1): string {
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

describe('num', () => {
  it('writes the same text as String of the rounded value, for 0 to 3 decimals', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 100 + 0.005),
          fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 20),
          fc.double(),
        ),
        fc.integer({ min: 0, max: 3 }),
        (value, digits) => {
          expect(num(value, digits)).toBe(numByFloat(value, digits));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('writes zero, halves, negatives, large and non-finite values as before', () => {
    for (const value of [
      0, -0, 0.05, -0.05, -0.04, 0.15, 1.25, -1.25, 2.675, 10, -10.04, 1e14, 1e16, 1e21, 5e-7,
    ])
      for (const digits of [1, 2])
        expect(num(value, digits), `${value} to ${digits}`).toBe(numByFloat(value, digits));
    expect([num(12.34), num(-12.36), num(7), num(0.96), num(1.005, 2), num(-0.04)]).toEqual([
      '12.3',
      '-12.4',
      '7',
      '1',
      '1',
      '0',
    ]);
    expect([num(Number.NaN), num(Number.POSITIVE_INFINITY)]).toEqual(['NaN', 'Infinity']);
  });
});

describe('xmlEscaped', () => {
  /** The escaping as it was written first: one replace per character, ampersands first. */
  function escapedOneByOne(text: string): string {
    return text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  it('escapes any text as replacing each special character in turn does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: fc.constantFrom('&', '<', '>', '"', "'", 'a', ' ', ';', '#') }),
        ),
        (text) => {
          expect(xmlEscaped(text)).toBe(escapedOneByOne(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapes every special character, an entity too, and leaves plain text alone', () => {
    expect(xmlEscaped(`Tom's "a" < b & c > d &amp;`)).toBe(
      'Tom&#39;s &quot;a&quot; &lt; b &amp; c &gt; d &amp;amp;',
    );
    expect(xmlEscaped('M10 20L30 40Z')).toBe('M10 20L30 40Z');
    expect(xmlEscaped('')).toBe('');
  });
});
