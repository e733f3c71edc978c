import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { renderLabels } from './labels.js';
import { emphasisSvg } from './marks.js';
import { themeColours } from './theme.js';
import { screenFromBody, viewLayout } from './view.js';

/*
 * A rotation's circle arrow turns the way the hand does (the reviewer found "the other way" drawn like "one
 * way"): for every rotating step of both routines, each part and side, the arrow's sweep on screen agrees with
 * the working hand's own turning between two close moments.
 */

const bodyMap = builtinBodyMap();
const theme = themeColours('light');
const labels = renderLabels('en');

/** The circle arrow's sweep in the emphasis marks: 1 clockwise on screen (y down), 0 anticlockwise. */
function arrowSweep(svg: string): number {
  const arcs = [...svg.matchAll(/A[\d.]+ [\d.]+ 0 1 ([01]) /g)].map((m) => Number(m[1]));
  if (arcs.length === 0) throw new Error('no circle arrow drawn');
  return arcs[0]!;
}

describe('a rotation’s circle arrow', () => {
  it('turns the way the working hand turns, so "the other way" is drawn the other way', () => {
    let rotating = 0;
    for (const routine of ['spinal-column', 'neck-and-shoulders']) {
      const plan = builtinPlan(routine);
      for (const step of plan.steps.filter((s) => s.technique === 'rotate')) {
        const sweeps = new Set<number>();
        for (const running of step.parts ?? [step]) {
          const perRep = running.duration / running.reps;
          const at = (phase: number) => momentAt(plan, running.start + perRep * phase, bodyMap);
          const a = at(0.3);
          const b = at(0.32);
          const view = viewLayout({
            width: 1280,
            height: 720,
            position: a.step.position === 'supine' ? 'supine' : 'prone',
          });
          const working = (m: typeof a) => m.hands.find((h) => !h.isHolding) ?? m.hands[0]!;
          const centre = screenFromBody(view, at(0).hands.find((h) => !h.isHolding) ?? at(0).hands[0]!);
          const p = screenFromBody(view, working(a));
          const q = screenFromBody(view, working(b));
          // Cross product of centre→p and centre→q: positive is clockwise on a screen whose y runs down.
          const cross = (p.x - centre.x) * (q.y - centre.y) - (p.y - centre.y) * (q.x - centre.x);
          expect(
            Math.abs(cross),
            `${step.id} ${running.id}: the hand moves round its circle`,
          ).toBeGreaterThan(0);
          const sweep = arrowSweep(emphasisSvg({ view, theme, labels, moment: a }));
          expect(sweep, `${step.id} ${running.id} ${step.side ?? ''}`).toBe(cross > 0 ? 1 : 0);
          sweeps.add(sweep);
          rotating++;
        }
        // A step whose parts turn one way then the other shows both.
        if ((step.parts?.length ?? 0) > 1) expect(sweeps.size, step.id).toBe(2);
      }
    }
    expect(rotating).toBeGreaterThan(0);
  });
});
