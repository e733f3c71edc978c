import { describe, expect, it, vi } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import type { Moment } from '../core/moment.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';

/*
 * The top view's hand fitting keeps memos (a fine grid and, tried first on a miss, a coarse one). Whatever they
 * hold, a moment must be drawn the same: the player draws frames in playing order, the export in worker-sized
 * chunks, a still on its own, and all three must agree.
 */

const bodyMap = builtinBodyMap();

/** Each moment's hands as the top view places them, fitted in this order by a freshly loaded module (empty memos). */
async function drawnInOrder(moments: readonly Moment[], order: readonly number[]): Promise<string[]> {
  vi.resetModules();
  const { drawnHandsTop, neverPressAreas } = await import('./drawn-hands.js');
  const out: string[] = new Array(moments.length);
  for (const i of order) {
    const m = moments[i]!;
    const drawn = drawnHandsTop(m.hands, {
      position: m.step.position === 'supine' ? 'supine' : 'prone',
      neverPress: neverPressAreas(bodyMap),
      excluded: [],
    });
    // Full precision: a fit that differs by a hair shows.
    out[i] = JSON.stringify(drawn.map((d) => [d.at, d.angle, d.stackTurn ?? 0, d.isShown]));
  }
  return out;
}

describe('the top view’s hand fitting', () => {
  it('draws a moment the same whichever moments were drawn before it', async () => {
    const plan = builtinPlan();
    // The stacked palms (fitted off the spine's margin every frame) and the forearm spread, frames 1/8 s apart
    // as the player draws them at speed 3 (the first 30 s), and a few far apart.
    const moments: Moment[] = [];
    for (const id of ['spine-reinforced-palm', 'back-forearm-spread']) {
      const step = plan.steps.find((s) => s.id === id);
      if (!step) throw new Error(`no ${id} in the built-in plan`);
      for (let k = 0; k < 240; k++) moments.push(momentAt(plan, step.start + k / 8, bodyMap));
      for (let k = 0; k < 6; k++) moments.push(momentAt(plan, step.start + (k * step.duration) / 6, bodyMap));
    }
    const forward = moments.map((_, i) => i);
    const backward = [...forward].reverse();
    // Every third first, then the rest: a coarse cell filled from another fine cell than in playing order.
    const strided = [...forward.filter((i) => i % 3 === 2), ...forward.filter((i) => i % 3 !== 2)];
    const a = await drawnInOrder(moments, forward);
    const b = await drawnInOrder(moments, backward);
    const c = await drawnInOrder(moments, strided);
    for (let i = 0; i < moments.length; i++) {
      expect(b[i], `moment ${i} drawn after the later ones`).toBe(a[i]);
      expect(c[i], `moment ${i} drawn out of order`).toBe(a[i]);
    }
  });
});
