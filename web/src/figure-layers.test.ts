import { describe, expect, it } from 'vitest';
import { type FigureOptions, figureBaseKey, figureBaseSvg, figureSvg } from './figure.js';
import { type FigureElements, FigureLayers } from './figure-layers.js';
import { momentInto, plannedStep, samplePlan } from './sample-plan.test-support.js';

// A stand-in for a layer's element (the web unit tests run in node): it keeps its markup and counts the writes.
// With no child elements, svgMorphed always writes the markup whole, so each write is one change of the layer.
class FakeLayer {
  writes = 0;
  html = '';
  readonly dataset: Record<string, string> = {};
  readonly childNodes: never[] = [];
  readonly firstElementChild = null;
  set innerHTML(svg: string) {
    this.writes++;
    this.html = svg;
  }
  get innerHTML(): string {
    return this.html;
  }
}

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
  it('draws a top-view step in layers: the base once, the hands every changed frame', () => {
    const { root, base, overlays, layers } = layersMade();
    for (let i = 0; i < 10; i++)
      layers.drawn(momentInto(plan, 'spine-reinforced-palm', 2 + i / 24), plan, i * 42);
    expect(root.dataset.view).toBe('top');
    expect(base.writes).toBe(1);
    expect(overlays[0]!.html).toContain('<svg');
    expect(overlays[1]!.writes).toBeGreaterThan(5);
  });

  it('draws a side-view step from the side, whole, and redraws the base when the view changes', () => {
    const { root, base, overlays, layers } = layersMade();
    layers.drawn(momentInto(plan, 'leg-glide', 2), plan, 0);
    expect(root.dataset.view).toBe('top');
    const topBase = base.html;
    const lift = momentInto(plan, 'leg-passive-lift', 2);
    layers.drawn(lift, plan, 42);
    expect(root.dataset.view).toBe('side');
    expect(base.html).toBe(figureSvg(lift, { ...OPTIONS, excluded: plan.excludedRegions, label: null }));
    expect(base.html).not.toBe(topBase);
    expect(overlays.map((o) => o.html)).toEqual(['', '']);
    // The lift moves: its frames change the picture, the overlays stay empty.
    const writes = base.writes;
    for (let i = 1; i <= 5; i++)
      layers.drawn(momentInto(plan, 'leg-passive-lift', 2 + i / 4), plan, 42 + i * 42);
    expect(base.writes).toBeGreaterThan(writes);
    expect(overlays.map((o) => o.html)).toEqual(['', '']);
    // Back to a step seen from above: the base is the static layers again, under the overlays.
    const drainage = momentInto(plan, 'leg-drainage', 2);
    layers.drawn(drainage, plan, 500);
    expect(root.dataset.view).toBe('top');
    expect(base.html).toBe(figureBaseSvg(drainage, { ...OPTIONS, excluded: plan.excludedRegions }));
    expect(overlays[1]!.html).toContain('<svg');
  });

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
    layers.stillDrawn(plan, index, 'Chest, shoulders and neck');
    expect(root.dataset.view).toBe('head');
    expect(base.html.includes('aria-label="Chest, shoulders and neck"')).toBe(true);
    const writes = base.writes;
    layers.stillDrawn(plan, index, 'Chest, shoulders and neck');
    expect(base.writes).toBe(writes);
    layers.drawn(momentInto(plan, 'chest-shoulder-neck-stroke', 2), plan, 0);
    expect(
      base.html.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 426" preserveAspectRatio="xMidYMid meet" aria-hidden="true"',
      ),
    ).toBe(true);
    expect(overlays.map((o) => o.html)).toEqual(['', '']);
  });

  it('ignores a step index outside the plan', () => {
    const { base, layers } = layersMade();
    layers.stillDrawn(plan, plan.steps.length, 'none');
    expect(base.writes).toBe(0);
  });
});
