import { describe, expect, it } from 'vitest';
import { FakeLayer } from './fake-layer.test-support.js';
import {
  type FigureOptions,
  figureBaseKey,
  figureBaseSvg,
  figureLayersSvgs,
  figureOverlaySvg,
  OVERLAY_LAYERS,
} from './figure.js';
import { type FigureElements, FigureLayers } from './figure-layers.js';
import { momentInto, plannedStep, samplePlan } from './sample-plan.test-support.js';

const plan = samplePlan();
const OPTIONS: FigureOptions = { width: 960, height: 540, theme: 'light', language: 'en', excluded: [] };

function layersMade() {
  const root = new FakeLayer();
  const base = new FakeLayer();
  const overlays = [new FakeLayer(), new FakeLayer()];
  const elements = { root, base, overlays } as unknown as FigureElements;
  return { root, base, overlays, layers: new FigureLayers(elements, OPTIONS) };
}

describe('FigureLayers', () => {
  it.each([
    ['spine-reinforced-palm', 'top'],
    ['leg-drainage', 'top'],
    ['leg-passive-lift', 'side'],
    ['foot-flex-stretch', 'side'],
    ['ankle-rotation', 'side'],
    ['neck-traction', 'side'],
    ['spine-extension', 'side'],
    ['chest-shoulder-neck-stroke', 'head'],
    ['scalp-shampoo', 'head'],
  ])("draws %s from its step's (part's) first view, %s, all through the step", (id, view) => {
    const { root, layers } = layersMade();
    const step = plannedStep(plan, id);
    for (const at of [0.5, step.duration / 2, step.duration - 0.5]) {
      layers.drawn(momentInto(plan, id, at), plan, at * 1000);
      expect(root.dataset.view).toBe(view);
    }
  });

  it('draws a top-view step in layers: the base once, the hands every changed frame', () => {
    const { root, base, overlays, layers } = layersMade();
    for (let i = 0; i < 10; i++)
      layers.drawn(momentInto(plan, 'spine-reinforced-palm', 2 + i / 24), plan, i * 42);
    expect(root.dataset.view).toBe('top');
    expect(base.writes).toBe(1);
    expect(overlays[0]!.html).toContain('<svg');
    expect(overlays[1]!.writes).toBeGreaterThan(5);
  });

  it('draws a side-view step from the side in layers, and redraws the base when the view changes', () => {
    const { root, base, overlays, layers } = layersMade();
    const glide = momentInto(plan, 'leg-glide', 2);
    layers.drawn(glide, plan, 0);
    expect(root.dataset.view).toBe('top');
    const lift = momentInto(plan, 'leg-passive-lift', 2);
    const options = { ...OPTIONS, excluded: plan.excludedRegions };
    layers.drawn(lift, plan, 42);
    expect(root.dataset.view).toBe('side');
    expect(base.html).toBe(figureBaseSvg(lift, options));
    expect(base.html).not.toBe(figureBaseSvg(glide, options));
    expect(overlays[1]!.html).toBe(figureOverlaySvg(lift, options, OVERLAY_LAYERS[1]!));
    // The lift moves: its frames change the hands' layer; the base waits for the next repetition.
    const baseWrites = base.writes;
    const handWrites = overlays[1]!.writes;
    for (let i = 1; i <= 5; i++)
      layers.drawn(momentInto(plan, 'leg-passive-lift', 2 + i / 4), plan, 42 + i * 42);
    expect(overlays[1]!.writes).toBeGreaterThan(handWrites);
    expect(base.writes).toBe(baseWrites);
    // Back to a step seen from above: the base is the static layers from above again.
    const drainage = momentInto(plan, 'leg-drainage', 2);
    layers.drawn(drainage, plan, 500);
    expect(root.dataset.view).toBe('top');
    expect(base.html).toBe(figureBaseSvg(drainage, options));
    expect(overlays[1]!.html).toBe(figureOverlaySvg(drainage, options, OVERLAY_LAYERS[1]!));
  });

  it.each(['leg-passive-lift', 'spine-extension', 'scalp-shampoo', 'spine-reinforced-palm'])(
    'draws %s in one pass exactly as layer by layer',
    (id) => {
      const options = { ...OPTIONS, excluded: plan.excludedRegions };
      const step = plannedStep(plan, id);
      for (const at of [0.3, step.duration / 3, step.duration * 0.7]) {
        const moment = momentInto(plan, id, at);
        expect(figureLayersSvgs(moment, options)).toEqual([
          figureBaseSvg(moment, options),
          ...OVERLAY_LAYERS.map((layers) => figureOverlaySvg(moment, options, layers)),
        ]);
      }
    },
  );

  it("keys the base by the view, the position, the theme and the size, not by the step's time", () => {
    const key = (id: string, at: number, options = OPTIONS) =>
      figureBaseKey(momentInto(plan, id, at), options);
    expect(key('leg-glide', 1)).toBe(key('leg-knead', 5));
    expect(key('leg-glide', 1)).not.toBe(key('leg-passive-lift', 1));
    expect(key('scalp-shampoo', 1)).not.toBe(key('neck-traction', 1));
    expect(key('leg-glide', 1)).not.toBe(key('leg-glide', 1, { ...OPTIONS, theme: 'dark' }));
    expect(key('leg-glide', 1)).not.toBe(key('leg-glide', 1, { ...OPTIONS, width: 640, height: 360 }));
    expect(key('leg-glide', 1)).not.toBe(key('chest-shoulder-neck-stroke', 1));
  });

  it("previews a step's still from its view (the get-ready countdown), then animates it", () => {
    const { root, base, overlays, layers } = layersMade();
    const index = plan.steps.indexOf(plannedStep(plan, 'chest-shoulder-neck-stroke'));
    layers.stillDrawn(plan, index);
    expect(root.dataset.view).toBe('head');
    // Hidden from assistive technology: the figure's container names the step.
    expect(base.html.includes('aria-hidden="true"')).toBe(true);
    expect(base.html).not.toBe(figureBaseSvg(momentInto(plan, 'chest-shoulder-neck-stroke', 0), OPTIONS));
    const writes = base.writes;
    layers.stillDrawn(plan, index);
    expect(base.writes).toBe(writes);
    layers.drawn(momentInto(plan, 'chest-shoulder-neck-stroke', 2), plan, 0);
    expect(
      base.html.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 426" preserveAspectRatio="xMidYMid meet" aria-hidden="true"',
      ),
    ).toBe(true);
    expect(overlays[1]!.html).toContain('<svg');
  });

  it('ignores a step index outside the plan', () => {
    const { base, layers } = layersMade();
    layers.stillDrawn(plan, plan.steps.length);
    expect(base.writes).toBe(0);
  });
});
