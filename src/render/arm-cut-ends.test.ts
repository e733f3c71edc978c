import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { renderMoment } from './render-moment.js';

/*
 * Issue 10's leftovers: spine-fingertip-press mid-stroke, the far hand's arm crosses the spine band, where it is cut
 * (a dashed outline, no fill: above the zone, never on it). The solid stretches either side of the cut end straight
 * where the cut begins, so the hand, the dashed stretch and the arm on to the shoulder read as one arm; a round end
 * there would close the arm off and leave the lifted hand looking detached from the practitioner.
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');

/** The paths of one arm's group in a top-view SVG: each with whether it is cut and how many round ends it has. */
function armPaths(svg: string, arm: 'left' | 'right'): { isCut: boolean; roundEnds: number }[] {
  const group = new RegExp(`<g data-arm="${arm}">(.*?)</g>`).exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<path ([^>]*)\/>/g)].map(([, attributes]) => {
    const d = /\bd="([^"]*)"/.exec(attributes!)?.[1] ?? '';
    return { isCut: attributes!.includes('data-cut="true"'), roundEnds: (d.match(/A/g) ?? []).length };
  });
}

describe('an arm cut over the spine band reads as one arm', () => {
  const step = plan.steps.find((s) => s.id === 'spine-fingertip-press')!;
  const svgAt = (phase: number) =>
    renderMoment(momentAt(plan, step.start + phase * (step.duration / step.reps), map), {
      bodyMap: map,
      view: 'top',
      layers: ['hands'],
    });

  it('spine-fingertip-press at phase 0.5: the far arm’s solid stretches end straight at the cut, round elsewhere', () => {
    const far = armPaths(svgAt(0.5), 'right');
    const cut = far.filter((p) => p.isCut);
    const solid = far.filter((p) => !p.isCut);
    expect(cut.length).toBeGreaterThan(0);
    // The upper arm (shoulder to elbow, round at both), the forearm from the elbow to the cut and on from it to the
    // hand: each forearm stretch straight at the cut.
    expect(solid.map((p) => p.roundEnds).sort()).toEqual([1, 1, 2]);
    for (const p of cut) expect(p.roundEnds).toBe(2);
  });

  it('an arm with no cut keeps its round ends (the near arm, at phase 0.5)', () => {
    const near = armPaths(svgAt(0.5), 'left');
    expect(near.length).toBeGreaterThan(1);
    for (const p of near) {
      expect(p.isCut).toBe(false);
      expect(p.roundEnds).toBe(2);
    }
  });
});
