import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OVERLAY_LAYERS } from './figure.js';
import { FigureFrames } from './figure-frames.js';
import { FigureFramePatcher, showFigureFrame, showFigureWrites } from './figure-layers.js';
import { momentInto, samplePlan } from './sample-plan.test-support.js';
import { type FakeElement, host, normalOf, svgArbitrary } from './svg-dom.test-support.js';
import { svgTreeParsed } from './svg-morph.js';
import { LayerPatcher, layerWritten, svgOpsApplied, svgOpsOf, writeCounter } from './svg-patch.js';

const asElement = (h: FakeElement) => h as unknown as Element;
const frame = (x: number, extra = '') =>
  `<svg viewBox="0 0 960 426"><title>Palm &amp; thumb</title>` +
  `<g transform="translate(${x} 20)"><path d="M0 0L${x} 5" fill="#4d2c1a"/><path d="M1 1"/></g>${extra}</svg>`;

describe('svgOpsOf', () => {
  it('finds nothing to change between equal trees, and no patch between different roots', () => {
    expect(svgOpsOf(svgTreeParsed(frame(1))!, svgTreeParsed(frame(1))!)).toEqual([]);
    expect(svgOpsOf(svgTreeParsed('<svg/>')!, svgTreeParsed('<g/>')!)).toBeNull();
  });

  it('sets only the attributes that changed, by child index, and builds only what is new', () => {
    const ops = svgOpsOf(svgTreeParsed(frame(1))!, svgTreeParsed(frame(2, '<circle r="3"/>'))!);
    expect(ops).toEqual([
      { at: [1], set: [['transform', 'translate(2 20)']], unset: [] },
      { at: [1, 0], set: [['d', 'M0 0L2 5']], unset: [] },
      { at: [], from: 2, built: [{ name: 'circle', attrText: ' r="3"', children: [] }] },
    ]);
    expect(
      svgOpsOf(
        svgTreeParsed('<svg><rect x="0" fill="red"/></svg>')!,
        svgTreeParsed('<svg><rect x="0"/></svg>')!,
      ),
    ).toEqual([{ at: [0], set: [], unset: ['fill'] }]);
  });
});

describe('layerWritten', () => {
  it('turns any layer into any next frame through the patch, parsing only the first frame', () => {
    fc.assert(
      fc.property(fc.array(svgArbitrary(), { minLength: 1, maxLength: 6 }), (frames) => {
        const h = host();
        const patcher = new LayerPatcher(writeCounter());
        for (const f of frames) layerWritten(asElement(h), patcher.written(f));
        expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frames.at(-1)!)!));
        expect(h.ownerDocument.counts.parsed).toBe(1);
      }),
    );
  });

  it('writes the SVG itself when the layer does not show the write the patch follows', () => {
    const h = host();
    const patcher = new LayerPatcher(writeCounter());
    layerWritten(asElement(h), patcher.written(frame(1)));
    patcher.written(frame(2)); // worked out, never shown
    layerWritten(asElement(h), patcher.written(frame(3)));
    expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(3))!));
    // After a reset the next write carries no patch.
    patcher.reset();
    const write = patcher.written(frame(4));
    expect(write.ops).toBeNull();
    layerWritten(asElement(h), write);
    expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(4))!));
  });

  it('writes the layer whole when the live tree is not the one the patch was worked out from', () => {
    const h = host();
    const patcher = new LayerPatcher(writeCounter());
    layerWritten(asElement(h), patcher.written(frame(1)));
    // Other code took the group away behind the patcher's back.
    const root = h.firstElementChild!;
    root.childNodes.splice(1, 1);
    const parsedBefore = h.ownerDocument.counts.parsed;
    layerWritten(asElement(h), patcher.written(frame(2)));
    expect(h.ownerDocument.counts.parsed).toBe(parsedBefore + 1);
    expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(2))!));
    expect(() => svgOpsApplied(asElement(host()), [{ at: [0], text: 'x' }])).toThrow(/no child 0/);
  });
});

describe('the figure through its worker', () => {
  it('shows the same layers whether the page reads the SVG or applies the worker’s patches', () => {
    const plan = samplePlan();
    const options = {
      width: 960,
      height: 540,
      theme: 'light' as const,
      language: 'en' as const,
      excluded: [],
    };
    const onPage = new FigureFrames(options);
    const inWorker = new FigureFrames(options);
    const patcher = new FigureFramePatcher();
    const layers = () => ({
      root: { dataset: {} as Record<string, string> },
      base: host(),
      overlays: OVERLAY_LAYERS.map(() => host()),
    });
    const page = layers();
    const patched = layers();
    const elements = (l: ReturnType<typeof layers>) => l as never;
    const moments = [
      ...[0, 0.04, 0.08, 0.5, 3].map((t) => momentInto(plan, 'spine-reinforced-palm', 2 + t)),
      ...[0.5, 0.54, 5].map((t) => momentInto(plan, 'leg-passive-lift', t)),
      ...[0.5, 0.54].map((t) => momentInto(plan, 'scalp-shampoo', t)),
    ];
    moments.forEach((moment, i) => {
      showFigureFrame(elements(page), onPage.drawn(moment, plan, i * 42));
      showFigureWrites(elements(patched), patcher.written(inWorker.drawn(moment, plan, i * 42)));
      expect(patched.root.dataset.view).toBe(page.root.dataset.view);
      for (const [a, b] of [
        [patched.base, page.base],
        ...patched.overlays.map((o, k) => [o, page.overlays[k]!]),
      ] as const)
        expect(normalOf(a.firstElementChild ?? a)).toEqual(normalOf(b.firstElementChild ?? b));
    });
    // A still in between, then frames again.
    const still = inWorker.still(plan, 3);
    showFigureFrame(elements(page), onPage.still(plan, 3)!);
    showFigureWrites(elements(patched), patcher.written(still!));
    expect(normalOf(patched.base.firstElementChild!)).toEqual(normalOf(page.base.firstElementChild!));
    const after = momentInto(plan, 'spine-reinforced-palm', 4);
    showFigureFrame(elements(page), onPage.drawn(after, plan, 9999));
    showFigureWrites(elements(patched), patcher.written(inWorker.drawn(after, plan, 9999)));
    expect(normalOf(patched.base.firstElementChild!)).toEqual(normalOf(page.base.firstElementChild!));
    for (const [k, o] of patched.overlays.entries())
      expect(normalOf(o.firstElementChild!)).toEqual(normalOf(page.overlays[k]!.firstElementChild!));
  });
});
