import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import { bodyMapFromData } from './body-map.js';
import { Step } from './routine.js';
import { stepMotionResolved } from './step-motion.js';

const map = bodyMapFromData(bodyMapData);

const glide = Step.parse({
  id: 'leg-glide',
  title: { en: 'Leg glide' },
  technique: 'glide',
  tools: { left: 'palm', right: 'whole-hand' },
  hands: 'together',
  path: [{ at: 'heel' }, { at: 'gluteal-fold' }],
  return: {
    left: [
      { at: 'gluteal-fold', lateral: 0.035 },
      { at: 'ankle', lateral: 0.02 },
    ],
    right: [
      { at: 'mid-thigh', lateral: -0.025 },
      { at: 'ankle', lateral: -0.02 },
    ],
  },
  pressure: 3,
  repSeconds: 18,
  reps: { default: 3 },
  cues: { en: { before: 'Glide up.' } },
});

describe('stepMotionResolved', () => {
  it('resolves bilateral landmarks on the side of a per-side step', () => {
    const left = stepMotionResolved(map, glide, { position: 'prone', side: 'left' }).motion;
    const right = stepMotionResolved(map, glide, { position: 'prone', side: 'right' }).motion;
    expect(left.hands[0]!.points[0]!.x).toBeCloseTo(-0.055);
    expect(right.hands[0]!.points[0]!.x).toBeCloseTo(0.055);
    expect(left.hands[0]!.points[0]!.surface).toBe('posterior');
  });

  it('on the second side mirrors the hands’ roles too: the leading hand keeps the outer return and its tool', () => {
    const left = stepMotionResolved(map, glide, { position: 'prone', side: 'left' }).motion;
    const right = stepMotionResolved(map, glide, { position: 'prone', side: 'right' }).motion;
    const leadLeft = left.hands.find((h) => h.hand === 'left')!;
    const leadRight = right.hands.find((h) => h.hand === 'right')!;
    // Outer side: further from the midline than the leg's centre line.
    expect(Math.abs(leadLeft.returnPoints![0]!.x)).toBeGreaterThan(0.055);
    expect(Math.abs(leadRight.returnPoints![0]!.x)).toBeGreaterThan(0.055);
    expect(leadLeft.tool).toBe('palm');
    expect(leadRight.tool).toBe('palm');
  });

  it('collects unknown landmarks with where they were named, without throwing', () => {
    const bad = Step.parse({ ...glide, path: [{ at: 'heel' }, { at: 'elbow' }] });
    const r = stepMotionResolved(map, bad, { position: 'prone', side: 'left' });
    expect(r.unknownLandmarks).toEqual([{ landmark: 'elbow', path: ['path', 1, 'at'] }]);
  });

  it('mirrored hands work each side of the midline', () => {
    const press = Step.parse({
      ...glide,
      hands: 'mirrored',
      path: { from: 'l5', to: 'c7', lateral: 0.025 },
      return: 'lifted',
    });
    const m = stepMotionResolved(map, press, { position: 'prone', side: null }).motion;
    expect(m.hands.map((h) => Math.sign(h.points[0]!.x))).toEqual([-1, 1]);
    expect(m.hands[0]!.returnPoints).toEqual([...m.hands[0]!.points].reverse());
  });
});
