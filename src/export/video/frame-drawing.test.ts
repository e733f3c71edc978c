import pixelmatch from 'pixelmatch';
import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../../content/body-map.js';
import { bodyMapFromData } from '../../core/body-map.js';
import type { Moment } from '../../core/moment.js';
import { momentAt } from '../../core/timeline.js';
import { LAYER_RUN_BREAK, type RenderLayer } from '../../render/layers.js';
import { momentView } from '../../render/moment-view.js';
import { renderMoment, renderMomentLayers } from '../../render/render-moment.js';
import { notoSansFontFiles } from '../fonts.js';
import { frameRasterizer, svgToRgba } from '../png.js';
import { planFor } from '../test-support/media.js';
import {
  FRAME_LAYER_GROUPS,
  type FrameSpec,
  frameCount,
  frameDrawer,
  frameSceneKeys,
  frameTime,
  layerRuns,
} from './frame-drawing.js';
import { framesPooled } from './frame-pool.js';
import { heapGrowthHolders } from './heap-growth.js';
import { yuv420Bytes, yuv420FromRgba } from './yuv.js';

const plan = planFor({ minutes: 45 });
const bodyMap = bodyMapFromData(bodyMapData);
const spec = (fps: number, from = 0, to = plan.totalSeconds, size = [320, 180]): FrameSpec => ({
  plan,
  from,
  to,
  fps,
  width: size[0]!,
  height: size[1]!,
  language: 'en',
  theme: 'light',
  excluded: plan.excludedRegions,
});
const stepOf = (id: string) => plan.steps.find((s) => s.id === id)!;

/** How the player and the video draw a moment: from its own view, framed round its repetition. */
function playerOptions(s: FrameSpec, moment: Moment) {
  return {
    bodyMap,
    width: s.width,
    height: s.height,
    language: s.language,
    theme: s.theme,
    excluded: s.excluded,
    view: momentView(moment),
    framing: 'step',
  } as const;
}

/** The frame as the player draws it: renderMoment's whole SVG (text as outlines) rasterised in one piece. */
function renderMomentPixels(s: FrameSpec, index: number): Buffer {
  const moment = momentAt(s.plan, frameTime(s, index), bodyMap);
  return svgToRgba(renderMoment(moment, playerOptions(s, moment)), { fontFiles: notoSansFontFiles() }).pixels;
}

/** Pixels that differ beyond pixelmatch's colour threshold. */
function differing(a: Uint8Array, b: Uint8Array, s: FrameSpec): number {
  return pixelmatch(a, b, undefined, s.width, s.height, { threshold: 0.1 });
}

describe('FrameSpec.view', () => {
  it('draws every frame from the view it names, else from each moment’s own', () => {
    const glide = stepOf('spine-reinforced-palm');
    const index = Math.round((glide.start + 5) * 30);
    const own = frameSceneKeys(spec(30), index).join('');
    const side = frameSceneKeys({ ...spec(30), view: 'side' }, index).join('');
    expect(own).not.toContain('From the side');
    expect(side).toContain('From the side');
    expect(frameSceneKeys({ ...spec(30), view: 'top' }, index).join('')).toBe(own);
  });
});

describe('frames of a video', () => {
  it('number the window’s length in whole frames and never go past its last instant', () => {
    expect(frameCount(plan.totalSeconds, 30)).toBe(plan.totalSeconds * 30);
    expect(frameCount(0.01, 30)).toBe(1);
    expect(frameTime(spec(30), 0)).toBe(0);
    expect(frameTime(spec(30), 30 * plan.totalSeconds)).toBeLessThan(plan.totalSeconds);
  });

  it('key a rest’s frames the same within a second (only its clock moves), and a stroke’s frames apart', () => {
    const rest = stepOf('turn-over');
    const restSpec = spec(10, rest.start, rest.start + 5);
    const keys = Array.from({ length: 50 }, (_, i) => frameSceneKeys(restSpec, i).join('\u0000'));
    const repeats = keys.filter((k, i) => i > 0 && k === keys[i - 1]).length;
    expect(repeats).toBeGreaterThanOrEqual(40);
    const stroke = stepOf('leg-glide');
    const strokeSpec = spec(10, stroke.start + 5, stroke.start + 10);
    const strokeKeys = Array.from({ length: 20 }, (_, i) => frameSceneKeys(strokeSpec, i).join('\u0000'));
    expect(new Set(strokeKeys).size).toBe(20);
  });
});

describe('layered frames', () => {
  it.each(['top', 'side', 'head', 'closeup'] as const)(
    'from the %s view equal the whole frame drawn at once, in steps of every kind',
    (view) => {
      const s = spec(30, 0, plan.totalSeconds, [1280, 720]);
      const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
      const ids = [
        'spine-thumb-knead',
        'leg-passive-lift',
        'ankle-circles',
        'foot-flex-stretch',
        'neck-traction',
      ];
      for (const id of ids) {
        const step = stepOf(id);
        for (const t of [step.start + 2.1, step.start + step.duration * 0.6]) {
          const moment = momentAt(plan, t, bodyMap);
          const options = { ...playerOptions(s, moment), view };
          const whole = raster.rgba(renderMoment(moment, options)).pixels;
          const layered = raster.rgbaLayered(renderMomentLayers(moment, options, FRAME_LAYER_GROUPS)).pixels;
          expect(differing(layered, whole, s), `${id} at ${t.toFixed(1)} s`).toBeLessThan(1280 * 720 * 0.002);
        }
      }
    },
    60_000,
  );
});

describe('layerRuns', () => {
  const opening =
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><title>t</title>';
  const a = '<path d="M0 0H10V10H0Z" fill="#f00"/>';
  const b = '<g mask="url(#m)"><path d="M5 5H15V15H5Z" fill="#0f0"/></g>';

  it('cuts a layer at its run breaks into documents of their own, each with the layer’s opening and title', () => {
    expect(layerRuns(`${opening}${a}${LAYER_RUN_BREAK}${b}</svg>`)).toEqual([
      `${opening}${a}</svg>`,
      `${opening}${b}</svg>`,
    ]);
    // Empty runs are left out.
    expect(layerRuns(`${opening}${LAYER_RUN_BREAK}${a}${LAYER_RUN_BREAK}</svg>`)).toEqual([
      `${opening}${a}</svg>`,
    ]);
  });

  it('leaves whole a layer with no break, or with definitions its runs could share', () => {
    const plain = `${opening}${a}${b}</svg>`;
    expect(layerRuns(plain)).toEqual([plain]);
    const shared = `${opening}<defs><mask id="m"/></defs>${a}${LAYER_RUN_BREAK}${b}</svg>`;
    expect(layerRuns(shared)).toEqual([shared]);
  });

  it.each(['top', 'side', 'head', 'closeup'] as const)(
    'cuts the moving layer from the %s view into runs whose pictures, composited, are the layer’s',
    (view) => {
      const s = spec(30, 0, plan.totalSeconds, [1280, 720]);
      const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
      let cut = 0;
      for (const id of ['spine-thumb-knead', 'foot-flex-stretch', 'leg-passive-lift', 'neck-traction']) {
        const moment = momentAt(plan, stepOf(id).start + 2.1, bodyMap);
        const layers = renderMomentLayers(moment, { ...playerOptions(s, moment), view }, FRAME_LAYER_GROUPS);
        const runs = layers.flatMap(layerRuns);
        if (runs.length > layers.length) cut++;
        const whole = raster.rgbaLayered(layers).pixels;
        const inRuns = raster.rgbaLayered(runs).pixels;
        expect(differing(inRuns, whole, s), `${id}`).toBeLessThan(1280 * 720 * 0.0005);
      }
      // The hands (from above), the practitioner's arms and the client's parts (the solid views) are runs.
      expect(cut).toBeGreaterThanOrEqual(3);
      // A picture drawn whole has no breaks.
      const moment = momentAt(plan, stepOf('foot-flex-stretch').start + 2.1, bodyMap);
      expect(renderMoment(moment, { ...playerOptions(s, moment), view })).not.toContain(LAYER_RUN_BREAK);
    },
    60_000,
  );
});

/** The pixels a drawer rasterises a frame over frames 1…10 (frame 0, drawn whole, left out). */
function pixelsPerFrame(drawer: ReturnType<typeof frameDrawer>): number {
  drawer.frame(0);
  const first = drawer.stats().pixels;
  for (let i = 1; i <= 10; i++) drawer.frame(i);
  return (drawer.stats().pixels - first) / 10;
}

/** The pixels a frame over frames 1…10 when the layers `layersOf(i)` are rasterised each whole (cropped to their boxes). */
function wholeLayerPixels(layersOf: (index: number) => readonly string[]): number {
  const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
  const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"/>';
  // The blank base, rasterised once and then found in the cache, is not counted.
  raster.rgbaLayered([blank]);
  const base = raster.stats().pixels;
  for (let i = 1; i <= 10; i++) raster.rgbaLayered([blank, ...layersOf(i)]);
  return (raster.stats().pixels - base) / 10;
}

/**
 * A drawer of three seconds of a step at 1280×720 in YUV (from `offset` seconds in, default its middle), and the runs
 * of one of its layers frame by frame.
 */
function stepLayerRuns(id: string, name: RenderLayer, offset?: number) {
  const step = stepOf(id);
  const from = step.start + (offset ?? step.duration / 2);
  const drawer = frameDrawer({ ...spec(30, from, from + 3, [1280, 720]), pixelFormat: 'yuv420p' });
  const layer = FRAME_LAYER_GROUPS.findIndex((group) => group.includes(name));
  return { drawer, layer, runsOf: (index: number) => layerRuns(drawer.layers(index)[layer]!) };
}

describe('frameDrawer', () => {
  it('rasterises again only the runs of a frame that changed (a foot stretched, seen from the side: the leg holds still)', () => {
    const step = stepOf('foot-flex-stretch');
    const s: FrameSpec = {
      ...spec(30, step.start + 3, step.start + 6, [1280, 720]),
      pixelFormat: 'yuv420p',
      view: 'side',
    };
    const drawer = frameDrawer(s);
    const perFrame = pixelsPerFrame(drawer);
    // Each frame's layers that changed, rasterised whole (cropped to their boxes): what a frame cost before its
    // layers were drawn in runs.
    const whole = wholeLayerPixels((i) => {
      const before = drawer.layers(i - 1);
      return drawer.layers(i).filter((layer, g) => g > 0 && layer !== before[g]);
    });
    expect(perFrame).toBeGreaterThan(0);
    expect(perFrame).toBeLessThan(whole * 0.75);
  }, 60_000);

  it('from above, keeps the legend and phase numbers while the emphasis follows the thumbs (the marks in runs)', () => {
    const { drawer, layer: marks, runsOf } = stepLayerRuns('spine-thumb-knead', 'marks', 20);
    // The legend, the emphasis and the phase numbers: three runs; only the emphasis moves with the hands.
    expect(runsOf(0).length).toBeGreaterThanOrEqual(3);
    const changed = (i: number) => runsOf(i).filter((run, k) => run !== runsOf(i - 1)[k]).length;
    for (let i = 1; i <= 5; i++) expect(changed(i)).toBe(1);
    const perFrame = pixelsPerFrame(drawer);
    // The marks layer rasterised whole each frame (its box spans the emphasis by the spine and the legend in the
    // corner) costs more than everything the drawer rasterises a frame.
    const whole = wholeLayerPixels((i) => [drawer.layers(i)[marks]!]);
    expect(perFrame).toBeGreaterThan(0);
    expect(perFrame).toBeLessThan(whole);
  }, 60_000);

  it('from above, draws the kneading loops in pieces: only the piece under the thumbs is rasterised again', () => {
    const { drawer, layer: path, runsOf } = stepLayerRuns('spine-thumb-knead', 'path', 20);
    // The ways back, then each working stroke in pieces.
    expect(runsOf(0).length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i <= 10; i++) {
      const changed = runsOf(i).filter((run, k) => run !== runsOf(i - 1)[k]).length;
      // The piece under each thumb (two where a thumb crosses from one piece to the next).
      expect(changed, `frame ${i}`).toBeLessThanOrEqual(4);
    }
    const inPieces = wholeLayerPixels((i) => runsOf(i).filter((run, k) => run !== runsOf(i - 1)[k]));
    const whole = wholeLayerPixels((i) => [drawer.layers(i)[path]!]);
    expect(inPieces).toBeGreaterThan(0);
    expect(inPieces).toBeLessThan(whole / 3);
  }, 60_000);

  it('from the head end, keeps the stroke’s arrows while the hands drawn over them move (marks and hands in runs)', () => {
    const { drawer, layer: hands, runsOf } = stepLayerRuns('chest-shoulder-neck-stroke', 'hands');
    // The arrows of the way back are dashed: their run keeps still, the hands' run after it changes.
    const arrows = runsOf(0).findIndex((run) => run.includes('stroke-dasharray'));
    expect(arrows).toBeGreaterThanOrEqual(0);
    expect(arrows).toBeLessThan(runsOf(0).length - 1);
    let handsMoved = 0;
    for (let i = 1; i <= 10; i++) {
      expect(runsOf(i)[arrows], `frame ${i}`).toBe(runsOf(i - 1)[arrows]);
      if (runsOf(i).at(-1) !== runsOf(i - 1).at(-1)) handsMoved++;
    }
    expect(handsMoved).toBeGreaterThanOrEqual(8);
    const perFrame = pixelsPerFrame(drawer);
    // With the arrows and the hands as one run (the break between them taken out), the runs that change a frame
    // cost far more: that run is rasterised, box round both, whenever the hands move.
    const joined = (i: number) => {
      const layer = drawer.layers(i)[hands]!;
      const cut = layer.lastIndexOf(LAYER_RUN_BREAK);
      return layerRuns(layer.slice(0, cut) + layer.slice(cut + LAYER_RUN_BREAK.length));
    };
    const together = wholeLayerPixels((i) => joined(i).filter((run, k) => run !== joined(i - 1)[k]));
    expect(perFrame).toBeGreaterThan(0);
    expect(perFrame).toBeLessThan(together * 0.8);
  }, 60_000);

  it('keeps runs that moved under half a pixel (a foot flexed slowly): fewer pixels, every frame near its moment', () => {
    const step = stepOf('foot-flex-stretch');
    const middle = step.start + step.duration / 2;
    const s: FrameSpec = { ...spec(30, middle, middle + 2, [1280, 720]), view: 'side' };
    const exact = frameDrawer(s);
    const kept = frameDrawer(s, { exactEvery: 12 });
    let keptFrame: Buffer | null = null;
    let repeats = 0;
    for (let i = 0; i < 36; i++) {
      const exactFrame = exact.frame(i);
      const drawn = kept.frame(i);
      if (drawn === null) repeats++;
      else keptFrame = Buffer.from(drawn);
      // Frames 0, 12 and 24 are drawn exactly.
      if (i % 12 === 0) expect(drawn).not.toBeNull();
      if (exactFrame === null) continue;
      // Half a pixel from its moment at most: only edges differ.
      expect(differing(keptFrame!, exactFrame, s), `frame ${i}`).toBeLessThan(1280 * 720 * 0.002);
      if (i % 12 === 0) expect(Buffer.compare(keptFrame!, exactFrame), `frame ${i}`).toBe(0);
    }
    expect(repeats).toBeGreaterThan(0);
    expect(kept.stats().pixels).toBeLessThan(exact.stats().pixels * 0.8);
  }, 60_000);

  it('writes every layer as renderMoment does (hands on whole pixels), reusing the outlines only of layers whose text did not change', () => {
    // Consecutive frames of a stroke across a second's turn (the captions' clock) and a step's end.
    const next = stepOf('leg-drainage');
    const s = spec(30, next.start - 1.2, next.start + 1.2);
    const drawer = frameDrawer(s);
    for (let i = 0; i < frameCount(2.4, 30); i += 1) {
      const moment = momentAt(plan, frameTime(s, i), bodyMap);
      const expected = FRAME_LAYER_GROUPS.map((layers) =>
        renderMoment(moment, { ...playerOptions(s, moment), layers, wholePixelHands: true }),
      );
      expect(drawer.layers(i), `frame ${i}`).toEqual(expected);
    }
  });

  it('draws the same pictures as renderMoment, at full size, in order and after a jump', () => {
    const s = spec(30, 0, plan.totalSeconds, [1280, 720]);
    const drawer = frameDrawer(s);
    const indices = [
      Math.round((stepOf('spine-fingertip-press').start + 20) * 30),
      Math.round((stepOf('spine-fingertip-press').start + 20) * 30) + 1,
      Math.round((stepOf('scalp-shampoo').start + 40) * 30),
      // Seen from the side (a lift, and a foot stretch in parts) and from the head end.
      Math.round((stepOf('leg-passive-lift').start + 3) * 30),
      Math.round((stepOf('foot-flex-stretch').start + 30) * 30),
      Math.round((stepOf('neck-traction').start + 12) * 30),
      Math.round((stepOf('turn-over').start + 60) * 30),
    ];
    for (const index of indices) {
      // A jump: the frame before was not drawn here. A repeat looks like an earlier frame, which is drawn then.
      let drawn = drawer.frame(index);
      for (let back = index - 1; drawn === null && back >= 0; back--) drawn = drawer.frame(back);
      expect(differing(drawn!, renderMomentPixels(s, index), s), `frame ${index}`).toBeLessThan(
        1280 * 720 * 0.002,
      );
    }
    // The comparison notices a wrong frame: half a second later in a stroke.
    const late = drawer.frame(indices[0]! + 15);
    expect(differing(late!, renderMomentPixels(s, indices[0]!), s)).toBeGreaterThan(1280 * 720 * 0.002);
  });

  it('draws the same bytes with layers found in its cache as when it rasterises every one (a lift, seen from the side)', () => {
    const lift = stepOf('leg-passive-lift');
    const s = { ...spec(10, lift.start, lift.start + 12), pixelFormat: 'yuv420p' as const };
    const cached = frameDrawer(s);
    const uncached = frameDrawer(s, { cacheBytes: 0 });
    for (let i = 0; i < frameCount(12, 10); i++) {
      const a = cached.frame(i);
      const b = uncached.frame(i);
      expect(a === null, `frame ${i}`).toBe(b === null);
      if (a && b) expect(Buffer.compare(a, b), `frame ${i}`).toBe(0);
    }
    // The hands come back exactly (down as they went up): found, not rasterised again.
    expect(cached.stats().hits).toBeGreaterThan(10);
    expect(cached.stats().rendered).toBeLessThan(uncached.stats().rendered - 10);
  });

  it('converts to YUV only where the frame changed, to the same bytes as converting every frame whole (close-ups)', () => {
    // Close-ups: two hands whose boxes cross, so the parts converted again are not one box.
    const s = { ...spec(30, 0, plan.totalSeconds, [1280, 720]), view: 'closeup' } as const;
    const updating = frameDrawer({ ...s, pixelFormat: 'yuv420p' });
    const whole = frameDrawer(s);
    const first = Math.round((stepOf('spine-thumb-knead').start + 5) * 30);
    const yuv = new Uint8Array(yuv420Bytes(1280, 720));
    for (let index = first; index < first + 8; index++) {
      const drawn = updating.frame(index);
      const rgba = whole.frame(index);
      expect(drawn === null, `frame ${index} a repeat in one drawer only`).toBe(rgba === null);
      if (!drawn || !rgba) continue;
      yuv420FromRgba(rgba, 1280, 720, yuv);
      expect(Buffer.compare(drawn, yuv), `frame ${index}`).toBe(0);
    }
  });

  it('finds from above a hand that only moved since the frame before in its cache, not rasterising it again', () => {
    const s = spec(30, 0, plan.totalSeconds, [1280, 720]);
    const drawer = frameDrawer(s);
    const first = Math.round((stepOf('spine-reinforced-palm').start + 5) * 30);
    drawer.frame(first);
    const before = drawer.stats();
    for (let index = first + 1; index <= first + 30; index++) drawer.frame(index);
    const after = drawer.stats();
    // The palms glide straight: from one frame to the next each of the two hands only moves, and is found moved.
    // What is rasterised a frame is the two arms, the marks and the path ahead: 4 (6 with the hands drawn again).
    expect((after.rendered - before.rendered) / 30).toBeLessThan(5);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(2 * 25);
  });

  it('reports a frame that looks like the one before as a repeat and draws into the buffer it is given', () => {
    const rest = stepOf('turn-over');
    const s = spec(10, rest.start + 10.05, rest.start + 13);
    const drawer = frameDrawer(s);
    const into = Buffer.alloc(s.width * s.height * 4);
    const first = drawer.frame(0, into);
    expect(first).toBe(into);
    expect(into.some((b) => b !== 0)).toBe(true);
    // Within the same second of a rest nothing moves; the next second's clock does.
    expect(drawer.frame(1)).toBeNull();
    const drawnAt = Array.from({ length: 25 }, (_, i) => drawer.frame(i + 2) !== null);
    expect(drawnAt.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(drawnAt.filter(Boolean).length).toBeLessThanOrEqual(4);
    // A buffer of another size is not drawn into.
    const stroke = frameDrawer(spec(10, stepOf('leg-glide').start + 5, stepOf('leg-glide').start + 8));
    const wrong = Buffer.alloc(16);
    expect(stroke.frame(0, wrong)).not.toBe(wrong);
  });
});

describe('framesPooled', () => {
  it('hands frames back in order on two workers, the same pixels as one drawer, with buffers recycled', {
    timeout: 120_000,
  }, async () => {
    // A rest's end and a stroke's start: repeats across the workers' chunks, then a frame each time.
    const next = stepOf('chest-shoulder-neck-stroke');
    // In YUV, as the export sends them.
    const s: FrameSpec = { ...spec(10, next.start - 3, next.start + 3, [160, 90]), pixelFormat: 'yuv420p' };
    const count = frameCount(6, 10);
    // As the pool draws: each chunk's first frame exactly, the rest keeping runs moved under half a pixel.
    const single = frameDrawer(s, { exactEvery: 4 });
    const expected: Buffer[] = [];
    let previous: Buffer | null = null;
    for (let i = 0; i < count; i++) {
      const drawn = single.frame(i);
      previous = drawn ? Buffer.from(drawn) : previous;
      expected.push(previous!);
    }
    let index = 0;
    let repeats = 0;
    const held: { release: () => void }[] = [];
    expect(heapGrowthHolders()).toBe(0);
    for await (const frame of framesPooled(s, count, { workers: 2, chunk: 4 })) {
      // V8's heaps may grow further while the pool draws (heap-growth.ts).
      expect(heapGrowthHolders()).toBe(1);
      expect(frame.index).toBe(index);
      expect(Buffer.compare(frame.pixels, expected[index]!), `frame ${index}`).toBe(0);
      if (frame.isRepeat) repeats++;
      // Released a couple of frames late, as ffmpeg's pipe would.
      held.push(frame);
      if (held.length > 2) held.shift()!.release();
      index++;
    }
    expect(index).toBe(count);
    expect(repeats).toBeGreaterThan(10);
    // And V8's own growth is back once the pool is done.
    expect(heapGrowthHolders()).toBe(0);
  });

  it("puts V8's own heap growth back when a loop leaves the pool early", { timeout: 60_000 }, async () => {
    const s = spec(10, 0, 2, [160, 90]);
    for await (const frame of framesPooled(s, frameCount(2, 10), { workers: 1 })) {
      expect(heapGrowthHolders()).toBe(1);
      if (frame.index === 3) break;
    }
    expect(heapGrowthHolders()).toBe(0);
  });
});
