import { describe, expect, it } from 'vitest';
import { fixtureBodyMap as bodyMap } from '../core/test-support/plan-fixture.js';
import { KIND_MOMENTS } from './__fixtures__/moments.js';
import { renderAnimatedPreview } from './animated.js';

describe('renderAnimatedPreview', () => {
  const moments = [0.1, 0.3, 0.5, 0.7].map((y) => ({
    ...KIND_MOMENTS.drain,
    hands: KIND_MOMENTS.drain.hands.map((h) => ({ ...h, y: 0.93 - y * 0.2 })),
  }));

  it('shows one frame group at a time in a loop, the first visible without SMIL', () => {
    const svg = renderAnimatedPreview(moments, { bodyMap, seconds: 4 });
    expect(svg.match(/<animate attributeName="visibility"/g)).toHaveLength(4);
    expect(svg.match(/<g visibility="visible">/g)).toHaveLength(1);
    expect(svg.match(/<g visibility="hidden">/g)).toHaveLength(3);
    expect(svg).toContain('keyTimes="0;0.25;0.5"');
    expect(svg).toContain('dur="4s"');
    // The body is drawn once, the hands once per frame.
    expect(svg.match(/data-hand="left"/g)).toHaveLength(4);
    expect(svg.match(/data-tool/g)).toHaveLength(4);
  });

  it('leaves the clock out of a looping preview', () => {
    const svg = renderAnimatedPreview(moments, { bodyMap, seconds: 4 });
    expect(svg).toContain('aria-label="Leg drainage"');
    expect(svg).not.toContain('aria-label="Repetition"');
  });

  it('is deterministic and refuses an empty run', () => {
    expect(renderAnimatedPreview(moments, { bodyMap, seconds: 4 })).toBe(
      renderAnimatedPreview(moments, { bodyMap, seconds: 4 }),
    );
    expect(() => renderAnimatedPreview([], { bodyMap, seconds: 1 })).toThrow(/at least one moment/);
  });
});
