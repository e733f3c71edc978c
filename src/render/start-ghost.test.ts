import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { repetitionStartHands } from '../core/repetition-start.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { renderMoment } from './render-moment.js';
import { GHOST_MIN_TRAVEL, startGhostsDrawn } from './start-ghost.js';

const bodyMap = builtinBodyMap();
const plan = builtinPlan();

function momentOf(id: string, phase: number) {
  const step = plan.steps.find((s) => s.id === (id as string));
  if (!step) throw new Error(`no ${id}`);
  const running = step.parts?.[0] ?? step;
  const perRep = running.duration / running.reps;
  return momentAt(plan, running.start + perRep * phase, bodyMap);
}

const ghostsOf = (m: ReturnType<typeof momentOf>) =>
  startGhostsDrawn(m, {
    map: bodyMap,
    position: m.step.position === 'supine' ? 'supine' : 'prone',
    neverPress: neverPressAreas(bodyMap),
    excluded: excludedAreaPolygons(bodyMap, plan.excludedRegions),
  });

// The first glide of the routine (its id read from the plan, not written here).
const glideId = plan.steps.find((s) => s.technique === 'glide' && !s.parts)!.id;

describe('the start position ghosted in the top view', () => {
  it('ghosts each travelling hand at its stroke start, and names it in the legend', () => {
    const m = momentOf(glideId, 0.4);
    const ghosts = ghostsOf(m);
    expect(ghosts.length).toBeGreaterThan(0);
    const starts = repetitionStartHands(m, bodyMap);
    for (const g of ghosts) {
      const s = starts.find((h) => h.hand === g.state.hand)!;
      expect(Math.hypot(g.state.x - s.x, g.state.y - s.y)).toBe(0);
    }
    const svg = renderMoment(m, { bodyMap, text: 'text', excluded: plan.excludedRegions });
    expect(svg.match(/data-ghost="/g)?.length).toBe(ghosts.length);
    expect(svg).toContain('where the stroke starts');
    // Ghosts lie under the moment's hands.
    expect(svg.indexOf('data-ghost=')).toBeLessThan(svg.indexOf('data-hand='));
  });

  it('draws no ghost near the start, for a hold, or where the technique draws no stroke', () => {
    const early = momentOf(glideId, 0.01);
    expect(ghostsOf(early)).toEqual([]);
    expect(renderMoment(early, { bodyMap, text: 'text' })).not.toContain('where the stroke starts');
    for (const step of plan.steps.filter((s) => s.technique === 'rest' || s.technique === 'lift')) {
      expect(ghostsOf(momentOf(step.id, 0.5))).toEqual([]);
    }
    const m = momentOf(glideId, 0.4);
    for (const g of ghostsOf(m)) {
      const now = m.hands.find((h) => h.hand === g.state.hand)!;
      expect(Math.hypot(now.x - g.state.x, now.y - g.state.y)).toBeGreaterThanOrEqual(GHOST_MIN_TRAVEL);
    }
  });
});
