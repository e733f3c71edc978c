import { describe, expect, it } from 'vitest';
import { textWidth } from './text-metrics.js';
import { textAsPaths, textPathData } from './text-path.js';

function xsOf(d: string): number[] {
  const nums = d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
  return nums.filter((_, i) => i % 2 === 0);
}

describe('textPathData', () => {
  it('draws the glyph outlines within the advance width of the text', () => {
    const d = textPathData('Hello', { x: 100, y: 50, size: 20, weight: 'regular', anchor: 'start' });
    expect(d.startsWith('M')).toBe(true);
    const xs = xsOf(d);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(100 + textWidth('Hello', 20) + 0.1);
  });

  it('centres and right-aligns by the same widths the wrapping uses', () => {
    const w = textWidth('Повтор', 20, 'semibold');
    const mid = xsOf(
      textPathData('Повтор', { x: 200, y: 0, size: 20, weight: 'semibold', anchor: 'middle' }),
    );
    const end = xsOf(textPathData('Повтор', { x: 200, y: 0, size: 20, weight: 'semibold', anchor: 'end' }));
    expect(Math.min(...mid)).toBeGreaterThanOrEqual(200 - w / 2 - 0.1);
    expect(Math.max(...end)).toBeLessThanOrEqual(200.1);
    expect(Math.min(...end)).toBeGreaterThanOrEqual(200 - w - 0.1);
  });

  it('draws nothing for spaces but advances past them', () => {
    expect(textPathData('   ', { x: 0, y: 0, size: 20, weight: 'regular', anchor: 'start' })).toBe('');
    const a = xsOf(textPathData('a b', { x: 0, y: 0, size: 20, weight: 'regular', anchor: 'start' }));
    expect(Math.max(...a)).toBeGreaterThan(textWidth('a ', 20));
  });
});

describe('textAsPaths', () => {
  it('turns each <text> into a path with the same paint and the text as its label', () => {
    const svg =
      '<svg><text x="10" y="20" font-size="16" font-weight="600" fill="#123456" stroke="#fff" stroke-width="3" paint-order="stroke" text-anchor="middle">A &amp; Б</text></svg>';
    const out = textAsPaths(svg);
    expect(out).not.toContain('<text');
    expect(out).toContain('aria-label="A &amp; Б"');
    expect(out).toContain('fill="#123456"');
    expect(out).toContain('stroke="#fff"');
    expect(out).toContain('paint-order="stroke"');
    expect(out).toMatch(/<path d="M[^"]+"/);
  });

  it('leaves an SVG without text alone', () => {
    const svg = '<svg><rect x="0" y="0" width="4" height="4"/></svg>';
    expect(textAsPaths(svg)).toBe(svg);
  });
});
