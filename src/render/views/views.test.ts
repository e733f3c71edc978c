import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { stepTellingPhase } from '../../core/techniques/index.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import { renderMoment } from '../render-moment.js';
import { colourMixed, themeColours } from '../theme.js';
import { renderSolidView, type SolidView } from './view-frame.js';

const map = builtinBodyMap();

function planOf(routine: string): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), Intake.parse({ minutes: 60 }), {
    bodyMap: map,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

const plans = {
  'spinal-column': planOf('spinal-column'),
  'neck-and-shoulders': planOf('neck-and-shoulders'),
};
const spinal = plans['spinal-column'];

function stepOf(plan: Plan, id: string, side: 'left' | 'right' | null = null): PlannedStep {
  const step = plan.steps.find((s) => s.id === id && (side === null || s.side === side));
  if (!step) throw new Error(`no ${id}`);
  return step;
}

function momentOf(plan: Plan, step: PlannedStep, phase: number): Moment {
  return momentAt(plan, step.start + (phase * step.duration) / step.reps, map);
}

describe('the side, head-end and close-up views', () => {
  it.each([
    ['leg-passive-lift', 'left', 'side'],
    ['foot-flex-stretch', 'left', 'side'],
    ['neck-traction', null, 'side'],
    ['chest-shoulder-neck-stroke', null, 'head'],
    ['spine-thumb-knead', null, 'closeup'],
  ] as const)('%s (%s) from the %s matches its golden SVG', async (id, side, view) => {
    const step = stepOf(spinal, id, side);
    const moments =
      step.panels && view === 'side'
        ? step.panels.map((p) => momentOf(spinal, step, p))
        : [momentOf(spinal, step, stepTellingPhase(step))];
    const svg = renderSolidView(moments, { view, text: 'text' });
    await expect(svg).toMatchFileSnapshot(`__golden__/${id}-${view}.svg`);
  });

  it('draws every step of both routines in every view without a broken number, the same bytes twice', () => {
    for (const plan of Object.values(plans)) {
      for (const step of plan.steps) {
        const m = momentOf(plan, step, stepTellingPhase(step));
        for (const view of ['side', 'head', 'closeup'] as SolidView[]) {
          const svg = renderSolidView([m], { view, text: 'text' });
          expect(svg, `${step.id} ${view}`).not.toMatch(/NaN|Infinity|undefined/);
          expect(renderSolidView([m], { view, text: 'text' })).toBe(svg);
        }
      }
    }
  });

  it('renderMoment draws the view it is asked for, and the top view by default', () => {
    const step = stepOf(spinal, 'neck-traction');
    const m = momentOf(spinal, step, 0.5);
    const top = renderMoment(m, { bodyMap: map, text: 'text' });
    const side = renderMoment(m, { bodyMap: map, text: 'text', view: 'side' });
    expect(side).not.toBe(top);
    expect(side).toContain('From the side');
    expect(top).not.toContain('From the side');
    expect(renderMoment(m, { bodyMap: map, text: 'text', view: 'top' })).toBe(top);
  });

  it('shows hands under the body cut away (dashed) from the side, and names that in the legend', () => {
    const step = stepOf(spinal, 'neck-traction');
    const svg = renderSolidView([momentOf(spinal, step, 0.5)], { view: 'side', text: 'text' });
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('cut away');
    // A stroke on the back has no hand under the body: no such key.
    const back = stepOf(spinal, 'spine-reinforced-palm');
    const top = renderSolidView([momentOf(spinal, back, 0.3)], { view: 'side', text: 'text' });
    expect(top).not.toContain('cut away');
  });

  it('ghosts the start and draws the movement only where the body moves', () => {
    const lift = stepOf(spinal, 'leg-passive-lift', 'left');
    const up = renderSolidView([momentOf(spinal, lift, 0.45)], { view: 'side', text: 'text' });
    expect(up).toContain('start (ghosted)');
    expect(up).toContain('the movement');
    const rest = renderSolidView([momentOf(spinal, lift, 0)], { view: 'side', text: 'text' });
    expect(rest).not.toContain('start (ghosted)');
  });

  it('from the head end draws the seated practitioner’s trunk, still, behind the client (never over the face)', () => {
    const theme = themeColours('light');
    const trunkFill = colourMixed(theme.sleeve, theme.background, 0.7);
    for (const id of ['chest-shoulder-neck-stroke', 'neck-traction', 'scalp-shampoo']) {
      const step = stepOf(spinal, id);
      const trunks = [0.05, 0.5, 0.9].map((phase) => {
        const svg = renderSolidView([momentOf(spinal, step, phase)], { view: 'head', text: 'text' });
        const trunk = svg.match(new RegExp(`<path d="[^"]*" fill="${trunkFill}"/>`))?.[0];
        expect(trunk, `${id} ${phase}: a trunk`).toBeDefined();
        // Drawn before the client's skin: the head and the face lie over it.
        expect(svg.indexOf(trunk!), `${id} ${phase}`).toBeLessThan(svg.indexOf(`fill="${theme.skin}"`));
        return trunk;
      });
      // Where the practitioner sits keeps still through a repetition (the static layer).
      expect(new Set(trunks).size, id).toBe(1);
    }
  });

  it('numbers two panels 1 and 2', () => {
    const step = stepOf(spinal, 'foot-flex-stretch', 'left');
    const svg = renderSolidView([momentOf(spinal, step, 0.25), momentOf(spinal, step, 0.75)], {
      view: 'side',
      text: 'text',
    });
    expect(svg.match(/clipPath id=/g)).toHaveLength(2);
    expect(svg).toMatch(/>1<\/text>/);
    expect(svg).toMatch(/>2<\/text>/);
  });

  it('every step names views a learner can use: movers from the side, head work from the head end', () => {
    const views = Object.fromEntries(spinal.steps.map((s) => [s.id, stepViews(s)[0]]));
    for (const id of [
      'leg-passive-lift',
      'foot-flex-stretch',
      'ankle-rotation',
      'neck-traction',
      'spine-extension',
    ])
      expect(views[id], id).toBe('side');
    for (const id of ['chest-shoulder-neck-stroke', 'scalp-shampoo', 'hair-tug', 'closing-stroke'])
      expect(views[id], id).toBe('head');
    for (const id of ['spine-reinforced-palm', 'back-forearm-spread', 'leg-glide'])
      expect(views[id], id).toBe('top');
  });
});
