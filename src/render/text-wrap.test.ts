import { describe, expect, it } from 'vitest';
import { clockText } from './labels.js';
import { num } from './svg.js';
import { textWidth } from './text-metrics.js';
import { textWrapped } from './text-wrap.js';

describe('textWidth', () => {
  it('measures Latin and Cyrillic with Noto Sans advance widths', () => {
    // "H" is 741/1000 em in Noto Sans Regular, "Ж" 905.
    expect(textWidth('H', 20)).toBeCloseTo(14.82, 2);
    expect(textWidth('Ж', 20)).toBeCloseTo(18.1, 2);
    expect(textWidth('Hello', 20, 'semibold')).toBeGreaterThan(textWidth('Hello', 20));
  });

  it('counts an unknown character as 0.6 em rather than nothing', () => {
    expect(textWidth('\u4e2d', 10)).toBe(6);
  });
});

describe('textWrapped', () => {
  it('keeps a short cue on one line', () => {
    expect(textWrapped('Press gently.', { maxWidth: 400, fontSize: 20, maxLines: 3 })).toEqual({
      lines: ['Press gently.'],
      isTruncated: false,
    });
  });

  it('wraps at spaces, every line within the width', () => {
    const text = 'Hands should slide along the center line of the back surface of the leg to the buttock.';
    const r = textWrapped(text, { maxWidth: 300, fontSize: 20, maxLines: 5 });
    expect(r.lines.length).toBeGreaterThan(1);
    expect(r.isTruncated).toBe(false);
    expect(r.lines.join(' ')).toBe(text);
    for (const line of r.lines) expect(textWidth(line, 20)).toBeLessThanOrEqual(300);
  });

  it('wraps Russian the same way', () => {
    const text =
      'Чуть приподнимите голову и мягко потяните её на себя, слегка растягивая заднюю поверхность шеи.';
    const r = textWrapped(text, { maxWidth: 320, fontSize: 21, maxLines: 4 });
    expect(r.lines.join(' ')).toBe(text);
    for (const line of r.lines) expect(textWidth(line, 21)).toBeLessThanOrEqual(320);
  });

  it('cuts text that does not fit with an ellipsis', () => {
    const r = textWrapped('one two three four five six seven eight nine ten', {
      maxWidth: 80,
      fontSize: 20,
      maxLines: 2,
    });
    expect(r.isTruncated).toBe(true);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1]?.endsWith('…')).toBe(true);
    expect(textWidth(r.lines[1] ?? '', 20)).toBeLessThanOrEqual(80);
  });

  it('breaks a word longer than a line', () => {
    const r = textWrapped('Supercalifragilisticexpialidocious', { maxWidth: 100, fontSize: 20, maxLines: 5 });
    expect(r.lines.length).toBeGreaterThan(1);
    expect(r.lines.join('')).toBe('Supercalifragilisticexpialidocious');
  });
});

describe('clockText and num', () => {
  it.each([
    [0, '0:00'],
    [59.2, '1:00'],
    [61, '1:01'],
    [600, '10:00'],
    [-3, '0:00'],
  ])('shows %s seconds as %s', (s, text) => {
    expect(clockText(s)).toBe(text);
  });

  it('formats numbers with fixed precision and no negative zero', () => {
    expect(num(1.25)).toBe('1.3');
    expect(num(-0.04)).toBe('0');
    expect(num(3)).toBe('3');
    expect(num(1.23456, 3)).toBe('1.235');
  });
});
