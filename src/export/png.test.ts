import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fixtureBodyMap as bodyMap } from '../core/test-support/plan-fixture.js';
import { FIGURE_117, KIND_MOMENTS } from '../render/__fixtures__/moments.js';
import { MOVING_LAYERS, renderMoment, STATIC_LAYERS } from '../render/render-moment.js';
import { notoSansFontBuffers, notoSansFontFiles } from './fonts.js';
import {
  boxesDisjoint,
  type FontOptions,
  frameRasterizer,
  type PixelBox,
  svgToPng,
  svgToRgba,
  translatedLayer,
} from './png.js';

const fonts = { fontFiles: notoSansFontFiles() };
const referenceDir = new URL('../render/__fixtures__/', import.meta.url);

/** Pixels that differ beyond pixelmatch's colour threshold. */
function differing(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  return pixelmatch(a, b, undefined, width, height, { threshold: 0.1 });
}

describe('svgToPng and svgToRgba', () => {
  it('rasterise a frame at its size', () => {
    const svg = renderMoment(KIND_MOMENTS.knead, { bodyMap, width: 640, height: 360 });
    const png = svgToPng(svg, fonts);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([640, 360]);
    const rgba = svgToRgba(svg, fonts);
    expect(rgba.pixels.length).toBe(640 * 360 * 4);
    expect(differing(rgba.pixels, decoded.data, 640, 360)).toBe(0);
  });

  it('draw <text> with the shipped Noto Sans (Latin and Cyrillic) and no system fonts', () => {
    const svg = (content: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="30" font-family="Noto Sans" font-size="24">${content}</text></svg>`;
    const ink = (s: string, options: FontOptions = fonts) => {
      const { pixels } = svgToRgba(s, options);
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark++;
      return dark;
    };
    expect(ink(svg('Повтор 3 / 6'))).toBeGreaterThan(100);
    // The same fonts passed as bytes (slower per frame in resvg-js 2.6, but no file paths needed).
    expect(ink(svg('Повтор 3 / 6'), { fontBuffers: notoSansFontBuffers() })).toBeGreaterThan(100);
    // With no font given, <text> draws nothing: system fonts are never loaded.
    expect(ink(svg('Повтор 3 / 6'), {})).toBe(0);
    expect(ink(svg('Repetition'))).toBeGreaterThan(100);
    expect(ink(svg(''))).toBe(0);
  });
});

describe('frameRasterizer', () => {
  it('composites cached static layers and a cropped moving layer into the same picture as one full render', () => {
    const r = frameRasterizer(fonts);
    for (const moment of [KIND_MOMENTS.knead, KIND_MOMENTS.traction, KIND_MOMENTS.lift]) {
      const full = r.rgba(renderMoment(moment, { bodyMap }));
      const layers = [
        renderMoment(moment, { bodyMap, layers: STATIC_LAYERS }),
        renderMoment(moment, { bodyMap, layers: MOVING_LAYERS.filter((l) => l !== 'captions') }),
        renderMoment(moment, { bodyMap, layers: ['captions'] }),
      ];
      for (let pass = 0; pass < 2; pass++) {
        const layered = r.rgbaLayered(layers);
        expect([layered.width, layered.height]).toEqual([1280, 720]);
        // Antialiased edges blend in a different order; anything more would be a real difference.
        expect(differing(layered.pixels, full.pixels, 1280, 720)).toBeLessThan(1280 * 720 * 0.002);
      }
    }
  });

  it('draws into a buffer it is given and says where each layer over the base drew', () => {
    const r = frameRasterizer(fonts);
    const moment = KIND_MOMENTS.knead;
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"></svg>';
    const layers = [
      renderMoment(moment, { bodyMap, layers: STATIC_LAYERS }),
      renderMoment(moment, { bodyMap, layers: ['hands'] }),
      blank,
    ];
    const into = Buffer.alloc(1280 * 720 * 4);
    const frame = r.rgbaLayered(layers, into);
    expect(frame.pixels).toBe(into);
    expect(frame.drawn).toHaveLength(2);
    expect(frame.drawn[1]).toBeNull();
    const box = frame.drawn[0]!;
    expect(box.x1 - box.x0).toBeGreaterThan(20);
    expect(box.x1 - box.x0).toBeLessThan(600);
    // The frame differs from the base alone only inside the hands' box.
    const base = r.rgba(layers[0]!).pixels;
    let inside = 0;
    let outside = 0;
    for (let p = 0; p < 1280 * 720; p++) {
      if (base.readUInt32LE(p * 4) === into.readUInt32LE(p * 4)) continue;
      const x = p % 1280;
      const y = Math.floor(p / 1280);
      if (x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1) inside++;
      else outside++;
    }
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBe(0);
  });

  it('updates a kept frame only where layers changed, to the same bytes as compositing it whole', () => {
    const whole = frameRasterizer(fonts);
    const updating = frameRasterizer(fonts);
    const svg = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180">${body}</svg>`;
    const base = svg(
      '<rect width="320" height="180" fill="#f4f1ec"/><circle cx="160" cy="90" r="60" fill="#cf9570"/>',
    );
    const square = (x: number, fill = '#1565c0') =>
      svg(`<rect x="${x}" y="40" width="50" height="50" fill="${fill}" fill-opacity="0.6"/>`);
    const text = svg('<rect x="10" y="150" width="200" height="20" fill="#333"/>');
    const frame = Buffer.alloc(320 * 180 * 4);
    // Moving, still, appearing, vanishing, reordered layers, and a new base.
    const frames = [
      [base, square(20), text],
      [base, square(30), text],
      [base, square(30), text],
      [base, square(40), square(120, '#c62828'), text],
      [base, square(120, '#c62828'), square(40), text],
      [base, square(50)],
      [svg('<rect width="320" height="180" fill="#222"/>'), square(60), text],
    ];
    for (const [i, layers] of frames.entries()) {
      const boxes = updating.rgbaLayeredUpdate(layers, frame);
      expect(Buffer.compare(frame, whole.rgbaLayered(layers).pixels), `frame ${i}`).toBe(0);
      if (i === 2) expect(boxes).toEqual([]);
      if (i === 1) expect(boxes.length).toBe(1);
    }
  });

  it('keeps layers within its bytes, least recently used out first, and a layer found again draws the same bytes', () => {
    const svg = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180">${body}</svg>`;
    const base = svg('<rect width="320" height="180" fill="#f4f1ec"/>');
    // Each square's cropped raster: 58 × 58 pixels (its 50 px and 4 px of padding each side) = 13,456 bytes.
    const square = (x: number) =>
      svg(`<rect x="${x}" y="40" width="50" height="50" fill="#1565c0" fill-opacity="0.6"/>`);
    // Room for three squares: the base (230 kB, kept by the frame that uses it) goes when the second layer comes.
    const budget = 3 * 14_000;
    const cached = frameRasterizer(fonts, { cacheSize: 100, cacheBytes: budget });
    const fresh = frameRasterizer(fonts, { cacheSize: 1 });
    const frame = Buffer.alloc(320 * 180 * 4);
    // 60 comes back twice while it is among the last three used; 20 comes back after it was let go.
    const order = [20, 60, 100, 60, 140, 180, 60, 20];
    for (const [i, x] of order.entries()) {
      cached.rgbaLayeredUpdate([base, square(x)], frame);
      expect(Buffer.compare(frame, fresh.rgbaLayered([base, square(x)]).pixels), `frame ${i}`).toBe(0);
      if (i > 0) expect(cached.stats().cachedBytes).toBeLessThanOrEqual(budget);
    }
    expect(cached.stats()).toMatchObject({ rendered: 1 + 6, hits: 2 });
  });

  it('cuts overlapping boxes into boxes that share no pixel and cover exactly their pixels', () => {
    const box = fc
      .record({ x: fc.integer({ min: 0, max: 40 }), y: fc.integer({ min: 0, max: 40 }) })
      .chain(({ x, y }) =>
        fc.record({
          x0: fc.constant(x),
          y0: fc.constant(y),
          x1: fc.integer({ min: x, max: 50 }),
          y1: fc.integer({ min: y, max: 50 }),
        }),
      );
    fc.assert(
      fc.property(fc.array(box, { maxLength: 8 }), (boxes) => {
        const cover = (list: readonly PixelBox[]) => {
          const counts = new Uint8Array(50 * 50);
          for (const b of list)
            for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) counts[y * 50 + x]!++;
          return counts;
        };
        const want = cover(boxes).map((n) => Math.min(n, 1));
        const got = cover(boxesDisjoint(boxes));
        // Every pixel of the boxes once, and no other.
        expect([...got]).toEqual([...want]);
      }),
    );
    // Two boxes crossing like a plus sign: three boxes, not the 30 × 30 box round them.
    expect(
      boxesDisjoint([
        { x0: 10, y0: 0, x1: 20, y1: 30 },
        { x0: 0, y0: 10, x1: 30, y1: 20 },
      ]),
    ).toEqual([
      { x0: 10, y0: 0, x1: 20, y1: 10 },
      { x0: 0, y0: 10, x1: 30, y1: 20 },
      { x0: 10, y0: 20, x1: 20, y1: 30 },
    ]);
  });

  it('draws a group moved by whole pixels from the pixels of its first drawing, the same bytes as drawing it again', () => {
    const svg = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><title>t</title>${body}</svg>`;
    const base = svg('<rect width="320" height="180" fill="#f4f1ec"/>');
    // A label with a halo, as the close-up draws the name of the touching part.
    const label = (x: number, y: number) =>
      svg(
        `<g transform="translate(${x} ${y})"><circle cx="10.3" cy="7.7" r="9.5" fill="#1565c0"/>` +
          '<path d="M0 0L40.5 3.2L20 30Z" fill="#1b2430" stroke="#f4f1ec" stroke-width="5" paint-order="stroke"/></g>',
      );
    const moving = frameRasterizer(fonts, { cacheSize: 8 });
    const frame = Buffer.alloc(320 * 180 * 4);
    const positions = [
      [100, 50],
      [103, 52],
      [97, 61],
      [100, 50],
    ] as const;
    for (const [i, [x, y]] of positions.entries()) {
      moving.rgbaLayeredUpdate([base, label(x, y)], frame);
      const fresh = frameRasterizer(fonts, { cacheSize: 1 }).rgbaLayered([base, label(x, y)]).pixels;
      expect(Buffer.compare(frame, fresh), `position ${i}`).toBe(0);
    }
    // The base and the first label drawn; the other three found moved (the last, where it was first).
    expect(moving.stats()).toMatchObject({ rendered: 2, hits: 3 });
    // Near the edge (its first drawing would not fit there) it is drawn again.
    moving.rgbaLayeredUpdate([base, label(300, 50)], frame);
    expect(moving.stats().rendered).toBe(3);
    const fresh = frameRasterizer(fonts, { cacheSize: 1 }).rgbaLayered([base, label(300, 50)]).pixels;
    expect(Buffer.compare(frame, fresh)).toBe(0);
  });

  it('takes as moved only a document that is one group moved by whole pixels', () => {
    const doc = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">${body}</svg>`;
    expect(translatedLayer(doc('<g transform="translate(3 -4)"><g><path d="M0 0L1 1"/></g></g>'))).toEqual({
      key: doc('<g transform="translate(*)"><g><path d="M0 0L1 1"/></g></g>'),
      dx: 3,
      dy: -4,
    });
    // Not whole pixels; a second element beside the group; an element before it; no move at all.
    expect(translatedLayer(doc('<g transform="translate(3.5 4)"><path d="M0 0"/></g>'))).toBeNull();
    expect(
      translatedLayer(doc('<g transform="translate(3 4)"><path d="M0 0"/></g><g><path d="M1 1"/></g>')),
    ).toBeNull();
    expect(
      translatedLayer(doc('<path d="M1 1"/><g transform="translate(3 4)"><path d="M0 0"/></g>')),
    ).toBeNull();
    expect(translatedLayer(doc('<g><path d="M0 0"/></g>'))).toBeNull();
  });

  it('fails loudly with no layer', () => {
    expect(() => frameRasterizer(fonts).rgbaLayered([])).toThrow(/at least one layer/);
  });
});

describe('reference PNGs', () => {
  const cases = [
    { name: 'knead-prone-light', svg: () => renderMoment(KIND_MOMENTS.knead, { bodyMap }) },
    {
      name: 'figure-117-supine-ru-dark',
      svg: () => renderMoment(FIGURE_117, { bodyMap, language: 'ru', theme: 'dark' }),
    },
    { name: 'traction-supine', svg: () => renderMoment(KIND_MOMENTS.traction, { bodyMap }) },
    {
      name: 'lift-prone-640',
      svg: () => renderMoment(KIND_MOMENTS.lift, { bodyMap, width: 640, height: 360 }),
    },
  ];
  it.each(cases)('$name matches its reference within a small tolerance', ({ name, svg }) => {
    const file = new URL(`${name}.png`, referenceDir);
    const png = svgToPng(svg(), fonts);
    if (!existsSync(file)) {
      // Write a missing reference only when asked; otherwise a missing file fails the test.
      if (process.env.UPDATE_REFERENCE_PNGS === '1') writeFileSync(file, png);
      else throw new Error(`no reference ${file.pathname}; run with UPDATE_REFERENCE_PNGS=1 and look at it`);
    }
    const expected = PNG.sync.read(readFileSync(file));
    const actual = PNG.sync.read(png);
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    const diff = differing(actual.data, expected.data, actual.width, actual.height);
    expect(diff).toBeLessThan(actual.width * actual.height * 0.002);
  });

  it('notices a changed picture', () => {
    const expected = PNG.sync.read(readFileSync(new URL('knead-prone-light.png', referenceDir)));
    const moved = renderMoment(
      {
        ...KIND_MOMENTS.knead,
        hands: KIND_MOMENTS.knead.hands.map((h) => ({ ...h, y: h.y - 0.06 })),
      },
      { bodyMap },
    );
    const actual = PNG.sync.read(svgToPng(moved, fonts));
    expect(differing(actual.data, expected.data, 1280, 720)).toBeGreaterThan(1280 * 720 * 0.002);
  });
});
