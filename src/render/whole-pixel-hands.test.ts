import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { stepViews } from '../core/views.js';
import { renderMomentLayers } from './render-moment.js';

/*
 * A video's frames ask for the hands from above on whole pixels (RenderOptions.wholePixelHands): each hand drawn at
 * the origin of a group that only moves it, so a hand that only moved since the frame before is the same markup
 * moved, and the drawer composites it from its cache. The hand stays within half a pixel of where it is drawn
 * otherwise, and the rest of the hand's markup is the same.
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');

/** A hand group's move (`translate(x y)`) and the rest of its markup, from the hands layer of a moment. */
function handsOf(svg: string): { hand: string; x: number; y: number; rest: string }[] {
  const out: { hand: string; x: number; y: number; rest: string }[] = [];
  const groups = /<g data-hand="(left|right)"([^>]*) transform="translate\(([-\d.]+) ([-\d.]+)\) ([^"]*)"/g;
  for (const m of svg.matchAll(groups))
    out.push({ hand: m[1]!, x: Number(m[3]), y: Number(m[4]), rest: `${m[2]} ${m[5]}` });
  return out;
}

/** The same, where each hand group sits in a group that moves it on whole pixels. */
function movedHandsOf(svg: string): { hand: string; x: number; y: number; rest: string }[] {
  const out: { hand: string; x: number; y: number; rest: string }[] = [];
  const groups =
    /<g transform="translate\((-?\d+) (-?\d+)\)">(?:<path [^>]*\/>)?<g data-hand="(left|right)"([^>]*) transform="([^"]*)"/g;
  for (const m of svg.matchAll(groups))
    out.push({ hand: m[3]!, x: Number(m[1]), y: Number(m[2]), rest: `${m[4]} ${m[5]}` });
  return out;
}

describe('hands from above on whole pixels, for the frames of a video', () => {
  it('moves each hand by whole pixels, within half a pixel of where it is drawn otherwise, its markup the same', () => {
    let hands = 0;
    for (const step of plan.steps) {
      if (stepViews(step)[0] !== 'top' || step.motion.hands.length === 0) continue;
      for (let k = 0; k < 12; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 12) * step.duration, map);
        const options = { bodyMap: map, view: 'top', framing: 'step', text: 'text' } as const;
        const [plain] = renderMomentLayers(m, options, [['hands']]);
        const [moved] = renderMomentLayers(m, { ...options, wholePixelHands: true }, [['hands']]);
        const before = handsOf(plain!);
        const after = movedHandsOf(moved!);
        expect(after.length, `${step.id} at ${k}`).toBe(before.length);
        // Nothing but the hands is placed differently.
        expect(handsOf(moved!)).toEqual([]);
        before.forEach((b, i) => {
          const a = after[i]!;
          expect(a.hand).toBe(b.hand);
          expect(a.rest).toBe(b.rest);
          expect(Math.abs(a.x - b.x)).toBeLessThanOrEqual(0.5 + 1e-9);
          expect(Math.abs(a.y - b.y)).toBeLessThanOrEqual(0.5 + 1e-9);
        });
        hands += before.length;
      }
    }
    expect(hands).toBeGreaterThan(100);
  });
});
