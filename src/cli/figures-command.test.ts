import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import type { Plan } from '../core/plan-types.js';
import { stepTellingPhase } from '../core/techniques/index.js';
import { momentView } from '../render/moment-view.js';
import { renderMoment } from '../render/render-moment.js';
import {
  figureMoment,
  figuresCommand,
  figureView,
  planForRendering,
  stepMomentAt,
} from './figures-command.js';
import type { CliIo } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-figures-'));
let code = -1;
let stdout = '';
let stderr = '';
const io: CliIo = {
  stdout: (t) => {
    stdout += t;
  },
  stderr: (t) => {
    stderr += t;
  },
};

beforeAll(() => {
  code = figuresCommand({ output: dir, width: 640, height: 360 }, io);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The renderer's options the command uses for a plan (at the size the test asked for). */
function renderOptionsFor(plan: Plan) {
  return {
    bodyMap: builtinBodyMap(),
    width: 640,
    height: 360,
    language: plan.language,
    theme: 'light',
    excluded: plan.excludedRegions,
  } as const;
}

describe('massage-coach figures', () => {
  it('writes a still (SVG and PNG) and an animated preview of every step, per side where it matters', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = new Set(readdirSync(dir));
    for (const name of [
      'spine-thumb-knead',
      'leg-glide-left',
      'leg-glide-right',
      'neck-traction',
      'sole-thumb-right',
    ]) {
      expect(files.has(`${name}.svg`)).toBe(true);
      expect(files.has(`${name}.png`)).toBe(true);
      expect(files.has(`${name}.anim.svg`)).toBe(true);
    }
    expect(files.has('leg-glide.svg')).toBe(false);
    expect(stdout).toMatch(/open index\.html/);
  });

  it('labels the stills that stand for the seed’s Figures 114–120 in the gallery', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const f of [114, 115, 116, 117, 118, 119, 120]) {
      expect(html).toContain(`Figure ${f}</a>`);
      expect(readdirSync(dir).some((n) => n.endsWith(`-figure-${f}.png`))).toBe(true);
    }
  });

  it('draws each seed figure from the view that shows it (the seed: 115, 116, 119, 120 from the side; 117, 118 from the head end)', () => {
    const planned = planForRendering({}, io);
    if (!planned.ok) throw new Error('no plan');
    const plan = planned.value;
    const views: Record<number, string> = {};
    const render = renderOptionsFor(plan);
    for (const step of plan.steps) {
      if (step.side === 'right') continue;
      for (const f of step.figures ?? []) {
        const moment = figureMoment(plan, step, f);
        const view = figureView(moment, f);
        views[f.figure] = view;
        const written = readFileSync(
          join(dir, `${step.side ? `${step.id}-${step.side}` : step.id}-figure-${f.figure}.svg`),
          'utf8',
        );
        expect(written, `figure ${f.figure}`).toBe(renderMoment(moment, { ...render, view }));
        if (view !== 'top') expect(written).not.toBe(renderMoment(moment, { ...render, view: 'top' }));
      }
    }
    expect(views).toEqual({
      114: 'top',
      115: 'side',
      116: 'side',
      117: 'head',
      118: 'head',
      119: 'side',
      120: 'side',
    });
  });

  it('draws every step’s still and loop from the step’s own view (the lift from the side, the scalp from the head end)', () => {
    const planned = planForRendering({}, io);
    if (!planned.ok) throw new Error('no plan');
    const plan = planned.value;
    const render = renderOptionsFor(plan);
    const views = new Set<string>();
    for (const step of plan.steps) {
      const name = step.side ? `${step.id}-${step.side}` : step.id;
      const still = stepMomentAt(plan, step, { phase: stepTellingPhase(step) });
      const view = momentView(still);
      views.add(view);
      expect(readFileSync(join(dir, `${name}.svg`), 'utf8'), name).toBe(
        renderMoment(still, { ...render, view }),
      );
    }
    // The routine's steps span the views, so a still drawn from above for every step fails here.
    expect(views.has('side') && views.has('head')).toBe(true);
    // A loop from the side: the leg drawn anew in each frame, the captions once, no frame group left empty.
    const lift = readFileSync(join(dir, 'leg-passive-lift-left.anim.svg'), 'utf8');
    expect(lift).toContain('From the side');
    expect(lift.match(/<animate attributeName="visibility"/g)?.length ?? 0).toBeGreaterThanOrEqual(30);
    expect(lift.match(/aria-label="Straight-leg lift"/g)).toHaveLength(1);
    expect(lift).not.toMatch(/<g visibility="(visible|hidden)"><animate[^>]*\/><\/g>/);
    const scalp = readFileSync(join(dir, 'scalp-shampoo.anim.svg'), 'utf8');
    expect(scalp).toContain('From the head end');
  });

  it('animates with SMIL: one group per frame, the first visible without it', () => {
    const svg = readFileSync(join(dir, 'leg-glide-left.anim.svg'), 'utf8');
    const frames = svg.match(/<animate attributeName="visibility"/g) ?? [];
    expect(frames.length).toBe(30);
    expect(svg).toContain('<g visibility="visible"><animate');
    expect(svg).toContain('repeatCount="indefinite"');
  });
});

describe('figure stills', () => {
  const planned = planForRendering({}, io);
  if (!planned.ok) throw new Error('no plan');
  const plan = planned.value;
  const stepOf = (id: string) => {
    const s = plan.steps.find((x) => x.id === id);
    if (!s) throw new Error(`no ${id}`);
    return s;
  };
  /** The moment the routine names for a figure (its step, part, repetition and phase). */
  const figureShown = (figure: number) => {
    for (const step of plan.steps) {
      const f = step.figures?.find((x) => x.figure === figure);
      if (f) return figureMoment(plan, step, f);
    }
    throw new Error(`no step shows figure ${figure}`);
  };

  it('finds every seed figure 114–120 in the routine file, each on one step (or part) of the plan', () => {
    const shown = plan.steps.flatMap((s) =>
      s.side === 'right' ? [] : (s.figures ?? []).map((f) => [f.figure, s.id, f.part]),
    );
    expect(shown.map(([f]) => f).sort()).toEqual([114, 115, 116, 117, 118, 119, 120]);
    expect(shown.filter(([, , part]) => part !== null).map(([f, id, part]) => `${f} ${id}/${part}`)).toEqual([
      '114 back-forearm-spread/along-spine',
      '115 foot-flex-stretch/toward-shin',
      '116 foot-flex-stretch/away-from-shin',
      '120 spine-extension/slide-in',
    ]);
  });

  it('117: palms just under the collarbones, on the chest, fingers pointing at each other', () => {
    const m = figureShown(117);
    expect(m.hands).toHaveLength(2);
    for (const h of m.hands) {
      expect(h.surface).toBe('anterior');
      expect(h.y).toBeGreaterThan(0.18); // below the collarbones
      expect(h.y).toBeLessThan(0.24);
      // Fingers toward the midline: the left hand (on the client's left, x < 0) points to +x and vice versa.
      expect(Math.sign(Math.cos(h.angle))).toBe(-Math.sign(h.x));
    }
  });

  it('119: fingertips at the skull base, the head lifted', () => {
    const m = figureShown(119);
    expect(m.extent).toBeGreaterThan(0.9);
    for (const h of m.hands) {
      expect(h.tool).toBe('fingertips');
      expect(h.y).toBeGreaterThan(0.09);
      expect(h.y).toBeLessThan(0.125);
    }
  });

  it('115 and 116 bend the foot opposite ways: the working hand on the sole, then on top of the foot', () => {
    expect(stepOf('foot-flex-stretch').parts?.map((p) => p.id)).toEqual(['toward-shin', 'away-from-shin']);
    const f115 = figureShown(115);
    const f116 = figureShown(116);
    const working = (m: typeof f115) => m.hands.find((h) => !h.isHolding)!;
    const holding = (m: typeof f115) => m.hands.find((h) => h.isHolding)!;
    expect([f115.part?.id, f116.part?.id]).toEqual(['toward-shin', 'away-from-shin']);
    expect(working(f115).surface).toBe('posterior');
    expect(working(f116).surface).toBe('anterior');
    // The holding hand moves from the ankle (115) to the heel (116).
    expect(holding(f116).y).toBeGreaterThan(holding(f115).y);
  });

  it('takes a figure’s view from the routine, else from its part or step', () => {
    const step = stepOf('neck-traction');
    const f119 = step.figures!.find((f) => f.figure === 119)!;
    const m = figureMoment(plan, step, f119);
    expect(f119.view).toBe('side');
    expect(figureView(m, { ...f119, view: 'closeup' })).toBe('closeup');
    // 115 names no view: the part's (the step's `views: [side]`).
    const flex = stepOf('foot-flex-stretch');
    const f115 = flex.figures!.find((f) => f.figure === 115)!;
    expect(f115.view).toBeNull();
    expect(figureView(figureMoment(plan, flex, f115), f115)).toBe('side');
  });

  it('has a telling phase for every step the plan has', () => {
    for (const s of plan.steps) {
      const m = stepMomentAt(plan, s, { phase: stepTellingPhase(s) });
      expect(m.step.id).toBe(s.id);
      expect(m.side).toBe(s.side);
    }
  });
});
