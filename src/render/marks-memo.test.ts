import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { pathSvg, phaseNumbersSvg, screenTracks } from './marks.js';
import { themeColours } from './theme.js';
import { viewLayout } from './view.js';

/*
 * The top view's marks are made once where a frame (or a step) asks for them more than once: the tracks once per
 * step, view and mirroring, the path once per moment. What is found again must be what would be made.
 */

const bodyMap = builtinBodyMap();
const plan = builtinPlan();
const light = themeColours('light');

function stepOf(id: string) {
  const step = plan.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no ${id}`);
  return step;
}

/** A moment `phase` of the way through repetition `rep` (1-based) of a step. */
function momentIn(id: string, rep: number, phase: number) {
  const step = stepOf(id);
  const each = step.duration / step.reps;
  return momentAt(plan, step.start + each * (rep - 1 + phase), bodyMap);
}

const prone = viewLayout({ width: 1280, height: 720, position: 'prone' });
const small = viewLayout({ width: 640, height: 360, position: 'prone' });

describe('screenTracks', () => {
  it('gives every frame of a repetition the same tracks, made once', () => {
    const a = momentIn('spine-reinforced-palm', 1, 0.2);
    const b = momentIn('spine-reinforced-palm', 1, 0.7);
    expect(b.repetition).toBe(a.repetition);
    expect(screenTracks(prone, b)).toBe(screenTracks(prone, a));
  });

  it('mirrors the tracks of a repetition that works the other side, and draws them again for another size', () => {
    const first = momentIn('spine-reinforced-palm', 1, 0.5);
    const second = momentIn('spine-reinforced-palm', 2, 0.5);
    const one = screenTracks(prone, first);
    const two = screenTracks(prone, second);
    expect(two).not.toBe(one);
    // Mirrored across the spine line: the same distance from it, on the other side.
    const fromAxis = (y: number) => y - prone.axisY;
    const p1 = one[0]!.working.points[0]!;
    const p2 = two[0]!.working.points[0]!;
    expect(Math.sign(fromAxis(p2.y))).toBe(-Math.sign(fromAxis(p1.y)));
    expect(Math.abs(fromAxis(p2.y))).toBeCloseTo(Math.abs(fromAxis(p1.y)), 6);
    const halved = screenTracks(small, first);
    expect(halved[0]!.working.length).toBeCloseTo(one[0]!.working.length / 2, 6);
  });
});

describe('the path and its numbers', () => {
  it('are made for the view and theme asked, whatever was asked for the same moment before', () => {
    const m = momentIn('back-forearm-spread', 1, 0.4);
    const big = pathSvg({ view: prone, theme: light, moment: m });
    const smaller = pathSvg({ view: small, theme: light, moment: m });
    const dark = pathSvg({ view: prone, theme: themeColours('dark'), moment: m });
    expect(smaller).not.toBe(big);
    expect(dark).not.toBe(big);
    // A fresh moment of the same instant draws the same, in each view and theme.
    const fresh = () => momentIn('back-forearm-spread', 1, 0.4);
    expect(pathSvg({ view: small, theme: light, moment: fresh() })).toBe(smaller);
    expect(pathSvg({ view: prone, theme: light, moment: fresh() })).toBe(big);
    expect(phaseNumbersSvg({ view: prone, theme: light, moment: m })).toBe(
      phaseNumbersSvg({ view: prone, theme: light, moment: fresh() }),
    );
  });

  it('follow the hand: the part already done is drawn faint, and it grows through the stroke', () => {
    const early = pathSvg({ view: prone, theme: light, moment: momentIn('back-forearm-spread', 1, 0.1) });
    const late = pathSvg({ view: prone, theme: light, moment: momentIn('back-forearm-spread', 1, 0.3) });
    expect(late).not.toBe(early);
  });
});

describe('the pattern of a stroke (loops, dots, chevrons, brackets)', () => {
  /** Every point and circle centre the path layer draws, as text. */
  const pointsOf = (svg: string): string[] => [
    ...[...svg.matchAll(/[ML](-?[\d.]+ -?[\d.]+)/g)].map((m) => m[1]!),
    ...[...svg.matchAll(/cx="(-?[\d.]+)" cy="(-?[\d.]+)"/g)].map((m) => `${m[1]} ${m[2]}`),
  ];

  it.each([
    ['spine-thumb-knead', 'loops'],
    ['spine-fingertip-press', 'dots'],
    ['leg-drainage', 'chevrons'],
  ])(
    'is laid on the whole stroke: from one video frame to the next, %s keeps its %s where they were',
    (id) => {
      const step = stepOf(id);
      const each = step.duration / step.reps;
      // Two frames at 30 fps, a third of the way through the first repetition: the hands between start and end.
      const at = step.start + each * 0.35;
      const before = pointsOf(pathSvg({ view: prone, theme: light, moment: momentAt(plan, at, bodyMap) }));
      const after = pointsOf(
        pathSvg({ view: prone, theme: light, moment: momentAt(plan, at + 1 / 30, bodyMap) }),
      );
      expect(after.length).toBeGreaterThan(20);
      const kept = after.filter((p) => before.includes(p)).length;
      // Only where the part done meets the part ahead (a point or two per track) may move.
      expect(kept / after.length).toBeGreaterThan(0.9);
    },
  );
});
