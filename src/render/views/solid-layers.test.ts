import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import { MOVING_LAYERS, STATIC_LAYERS } from '../layers.js';
import { momentView } from '../moment-view.js';
import { renderMoment, staticLayersKey } from '../render-moment.js';
import { groupsSplit } from './solid-layers.js';
import type { SceneGroup } from './solid-scene.js';

const map = builtinBodyMap();

function planOf(routine: string): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), Intake.parse({ minutes: 45 }), {
    bodyMap: map,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}
const plan = planOf('spinal-column');

/** The first step of the plan drawn (as its main view) from `view`. */
function stepSeenFrom(view: string) {
  const step = plan.steps.find((s) => (s.parts?.length ?? 0) === 0 && stepViews(s)[0] === view);
  if (!step) throw new Error(`no step seen from ${view}`);
  return step;
}

function square(id: string, x: number): SceneGroup {
  return {
    id,
    role: 'client',
    depth: 0,
    prims: [{ kind: 'ellipse', c: { x, y: 0 }, rx: 10, ry: 10 }],
  };
}

describe('momentView', () => {
  it('gives each moment its running step’s main view, and its running part’s for a step in parts', () => {
    const seen = new Set<string>();
    for (const step of plan.steps) {
      const m = momentAt(plan, step.start + step.duration / 2, map);
      const running = m.part
        ? { ...step, ...(m.part.views ? { views: m.part.views } : {}), technique: m.part.technique }
        : step;
      expect(momentView(m)).toBe(stepViews(running)[0]);
      seen.add(momentView(m));
    }
    // The 45-minute plan is seen from above, the side and the head end.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['head', 'side', 'top']));
  });
});

describe('the layers of a solid view', () => {
  it('are the whole picture when all are drawn, and split into static and moving ones otherwise', () => {
    const step = stepSeenFrom('side');
    const m = momentAt(plan, step.start + 1.3, map);
    const options = { bodyMap: map, view: 'side', framing: 'step', text: 'text' } as const;
    const whole = renderMoment(m, options);
    const still = renderMoment(m, { ...options, layers: STATIC_LAYERS });
    const moving = renderMoment(m, { ...options, layers: MOVING_LAYERS });
    expect(still).toContain('<rect x="0" y="0" width="1280" height="720"');
    expect(moving).not.toContain('<rect x="0" y="0" width="1280" height="720"');
    // Every drawn element of the whole is in exactly one of the two.
    const elements = (svg: string) => svg.match(/<(path|circle|rect|ellipse) [^>]*>/g) ?? [];
    expect(elements(still).length + elements(moving).length).toBe(elements(whole).length);
    expect(elements(still).length).toBeGreaterThan(3);
  });

  it('keep one static key through a repetition of a lift seen from the side, and change it with the view', () => {
    const step = stepSeenFrom('side');
    const repSeconds = step.duration / step.reps;
    const options = { bodyMap: map, view: 'side', framing: 'step' } as const;
    const keys = new Set(
      [0.2, 0.35, 0.5, 0.65].map((f) =>
        staticLayersKey(momentAt(plan, step.start + f * repSeconds, map), options),
      ),
    );
    expect(keys.size).toBe(1);
    const m = momentAt(plan, step.start + 0.5 * repSeconds, map);
    expect(staticLayersKey(m, { ...options, view: 'head' })).not.toBe([...keys][0]);
    expect(staticLayersKey(m, { bodyMap: map })).toBe(
      staticLayersKey(momentAt(plan, 10, map), { bodyMap: map }),
    );
  });

  it('keep a still group static only when no moving group drawn before it overlaps it', () => {
    const still = new Map([
      ['a', 'A'],
      ['c', 'C'],
      ['d', 'D'],
    ]);
    const split = groupsSplit(
      [
        { group: square('a', 0), svg: 'A' },
        { group: square('b', 100), svg: 'B' },
        { group: square('c', 110), svg: 'C' },
        { group: square('d', 300), svg: 'D' },
        { group: square('e', 500), svg: 'E-changed' },
      ],
      still,
      2,
    );
    expect(split.map((g) => `${g.group.id}:${g.isStatic}`)).toEqual([
      'a:true',
      'b:false',
      'c:false',
      'd:true',
      'e:false',
    ]);
  });
});
