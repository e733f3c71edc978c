import { describe, expect, it } from 'vitest';
import { planFor } from '../test-support/media.js';
import { type FrameSpec, frameCount, frameKeyed, frameTime } from './frame-drawing.js';

const plan = planFor({ minutes: 45 });
const spec = (fps: number, from = 0, to = plan.totalSeconds): FrameSpec => ({
  plan,
  from,
  to,
  fps,
  width: 320,
  height: 180,
  language: 'en',
  theme: 'light',
  excluded: [],
});

describe('frames of a video', () => {
  it('number the window’s length in whole frames and never go past its last instant', () => {
    expect(frameCount(plan.totalSeconds, 30)).toBe(plan.totalSeconds * 30);
    expect(frameCount(0.01, 30)).toBe(1);
    expect(frameTime(spec(30), 0)).toBe(0);
    expect(frameTime(spec(30), 30 * plan.totalSeconds)).toBeLessThan(plan.totalSeconds);
  });

  it('key a rest’s frames the same within a second (only its clock moves), and a stroke’s frames apart', () => {
    const rest = plan.steps.find((s) => s.id === 'turn-over')!;
    const restSpec = spec(10, rest.start, rest.start + 5);
    const keys = Array.from({ length: 50 }, (_, i) => frameKeyed(restSpec, i).key);
    const repeats = keys.filter((k, i) => i > 0 && k === keys[i - 1]).length;
    expect(repeats).toBeGreaterThanOrEqual(40);
    const stroke = plan.steps.find((s) => s.id === 'leg-glide')!;
    const strokeSpec = spec(10, stroke.start + 5, stroke.start + 10);
    const strokeKeys = Array.from({ length: 20 }, (_, i) => frameKeyed(strokeSpec, i).key);
    expect(new Set(strokeKeys).size).toBe(20);
  });
});
