import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsPixelLoops,
  nativePixelLoops,
  nativePixelLoopsMissing,
  PIXELS_ENV,
  type PixelLoops,
  pixelLoops,
  pixelLoopsNotice,
} from './pixel-loops.js';
import { BT709_LIMITED } from './video/yuv.js';

/** Premultiplied RGBA pixels as resvg makes them: each channel at most the alpha; many blank and opaque. */
const premultipliedPixel = fc
  .tuple(
    fc.oneof(fc.constant(0), fc.constant(255), fc.integer({ min: 1, max: 254 })),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map(([a, r, g, b]) => [(r * a) / 255, (g * a) / 255, (b * a) / 255, a].map(Math.floor));

const opaquePixel = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => [r, g, b, 255]);

function pixels(width: number, height: number, pixel: fc.Arbitrary<number[]>) {
  return fc
    .array(pixel, { minLength: width * height, maxLength: width * height })
    .map((all) => Uint8Array.from(all.flat()));
}

/** A frame, a layer and where (part of) the layer lands in it. */
const compositeCase = fc
  .record({
    outWidth: fc.integer({ min: 1, max: 24 }),
    outHeight: fc.integer({ min: 1, max: 12 }),
    srcWidth: fc.integer({ min: 1, max: 16 }),
    srcHeight: fc.integer({ min: 1, max: 10 }),
  })
  .chain((size) =>
    fc.record({
      ...Object.fromEntries(Object.entries(size).map(([k, v]) => [k, fc.constant(v)])),
      out: pixels(size.outWidth, size.outHeight, opaquePixel),
      src: pixels(size.srcWidth, size.srcHeight, premultipliedPixel),
      atX: fc.integer({ min: -size.srcWidth, max: size.outWidth }),
      atY: fc.integer({ min: -size.srcHeight, max: size.outHeight }),
      isOpaque: fc.boolean(),
    }),
  )
  .map((c) => {
    const s = c as unknown as {
      outWidth: number;
      outHeight: number;
      srcWidth: number;
      srcHeight: number;
      out: Uint8Array;
      src: Uint8Array;
      atX: number;
      atY: number;
      isOpaque: boolean;
    };
    // The layer's part inside the frame, as png.ts clips it.
    const x0 = Math.max(0, -s.atX);
    const x1 = Math.min(s.srcWidth, s.outWidth - s.atX);
    const y0 = Math.max(0, -s.atY);
    const y1 = Math.min(s.srcHeight, s.outHeight - s.atY);
    return { ...s, x0, x1, y0, y1 };
  });

function composited(loops: PixelLoops, c: ReturnType<typeof compositeCase.generate>['value']) {
  const out = Uint8Array.from(c.out);
  loops.composite(out, c.outWidth, c.src, c.srcWidth, c.atX, c.atY, c.x0, c.x1, c.y0, c.y1, c.isOpaque);
  return out;
}

describe('the pixel loops', () => {
  it('are the C ones where the addon was built (CI builds it)', () => {
    if (process.env.CI) expect(nativePixelLoops, nativePixelLoopsMissing).not.toBeNull();
    expect(pixelLoops.name).toBe(process.env[PIXELS_ENV] === 'js' || !nativePixelLoops ? 'js' : 'c');
  });

  it('tell the user when the export runs JavaScript it was not asked to, and how to mend it', () => {
    const asked = process.env[PIXELS_ENV];
    try {
      delete process.env[PIXELS_ENV];
      const notice = pixelLoopsNotice(jsPixelLoops, 'native/build/Release/pixels.node was not built');
      expect(notice).toMatch(/pixels\.node was not built.*JavaScript.*npm run build:native/);
      expect(pixelLoopsNotice(nativePixelLoops ?? { ...jsPixelLoops, name: 'c' }, '')).toBeNull();
      process.env[PIXELS_ENV] = 'js';
      expect(pixelLoopsNotice(jsPixelLoops, 'not built')).toBeNull();
    } finally {
      if (asked === undefined) delete process.env[PIXELS_ENV];
      else process.env[PIXELS_ENV] = asked;
    }
  });

  it('draw a premultiplied layer over a frame by the JavaScript definition (checked by hand)', () => {
    const out = Uint8Array.from([10, 20, 30, 255, 200, 100, 50, 255, 1, 2, 3, 255]);
    // Blank, half-covering, opaque.
    const src = Uint8Array.from([99, 99, 99, 0, 64, 0, 32, 128, 7, 8, 9, 255]);
    for (const loops of [jsPixelLoops, nativePixelLoops ?? jsPixelLoops]) {
      const frame = Uint8Array.from(out);
      loops.composite(frame, 3, src, 3, 0, 0, 0, 3, 0, 1, false);
      // 200 × (1 − 128/255) + 64 = 163.6…, + 0.5 → 164; 100 × 0.498… = 49.8… → 50; 50 × 0.498… + 32 → 57.
      expect([...frame], loops.name).toEqual([10, 20, 30, 255, 164, 50, 57, 255, 7, 8, 9, 255]);
    }
  });

  it('round exactly as the floating-point definition did (out = src + out × (1 − α / 255) + 0.5, truncated), every byte', () => {
    // Every alpha, three premultiplied sources under it, every frame byte: one pixel each.
    const cases: [number, number, number][] = [];
    for (let a = 0; a <= 255; a++)
      for (const s of new Set([0, a >> 1, a])) for (let o = 0; o <= 255; o++) cases.push([a, s, o]);
    const src = Uint8Array.from(cases.flatMap(([a, s]) => [s, s, s, a]));
    const frame = Uint8Array.from(cases.flatMap(([, , o]) => [o, o, o, 255]));
    const expected = Uint8Array.from(
      cases.flatMap(([a, s, o]) => {
        const c = a === 0 ? o : Math.trunc(s + o * (1 - a / 255) + 0.5);
        return [c, c, c, 255];
      }),
    );
    for (const loops of [jsPixelLoops, nativePixelLoops ?? jsPixelLoops]) {
      const out = Uint8Array.from(frame);
      loops.composite(out, cases.length, src, cases.length, 0, 0, 0, cases.length, 0, 1, false);
      expect(Buffer.from(out).equals(Buffer.from(expected)), loops.name).toBe(true);
    }
  });

  const native = nativePixelLoops;
  it.skipIf(!native)('composite: C gives the bytes of JavaScript, any layer anywhere on the frame', () => {
    fc.assert(
      fc.property(compositeCase, (c) => {
        expect(Buffer.from(composited(native!, c)).equals(Buffer.from(composited(jsPixelLoops, c)))).toBe(
          true,
        );
      }),
      { numRuns: 400 },
    );
  });

  it.skipIf(!native)('yuv420: C gives the bytes of JavaScript, any box of whole 2×2 blocks', () => {
    const frameCase = fc
      .record({ halfWidth: fc.integer({ min: 1, max: 12 }), halfHeight: fc.integer({ min: 1, max: 8 }) })
      .chain(({ halfWidth, halfHeight }) =>
        fc.record({
          width: fc.constant(halfWidth * 2),
          height: fc.constant(halfHeight * 2),
          rgba: pixels(halfWidth * 2, halfHeight * 2, opaquePixel),
          xs: fc.tuple(fc.integer({ min: 0, max: halfWidth }), fc.integer({ min: 0, max: halfWidth })),
          ys: fc.tuple(fc.integer({ min: 0, max: halfHeight }), fc.integer({ min: 0, max: halfHeight })),
          junk: fc.integer({ min: 0, max: 255 }),
        }),
      );
    fc.assert(
      fc.property(frameCase, ({ width, height, rgba, xs, ys, junk }) => {
        const [x0, x1] = [Math.min(...xs) * 2, Math.max(...xs) * 2];
        const [y0, y1] = [Math.min(...ys) * 2, Math.max(...ys) * 2];
        const outs = [native!, jsPixelLoops].map((loops) => {
          // What lies outside the box must be left as it was.
          const out = new Uint8Array((width * height * 3) / 2).fill(junk);
          loops.yuv420(rgba, width, height, out, x0, y0, x1, y1, BT709_LIMITED);
          return Buffer.from(out);
        });
        expect(outs[0]!.equals(outs[1]!)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it.skipIf(!native)('C refuses a rectangle outside its buffers rather than write past them', () => {
    const out = new Uint8Array(4 * 4 * 4);
    const src = new Uint8Array(2 * 2 * 4);
    expect(() => native!.composite(out, 4, src, 2, 3, 0, 0, 2, 0, 2, false)).toThrow(/outside a buffer/);
    expect(() => native!.composite(out, 4, src, 2, 0, 3, 0, 2, 0, 2, false)).toThrow(/outside a buffer/);
    expect(() => native!.composite(out, 4, src, 2, 0, 0, 0, 3, 0, 2, false)).toThrow(/outside a buffer/);
    const yuv = new Uint8Array((4 * 4 * 3) / 2);
    expect(() => native!.yuv420(out, 4, 4, yuv, 0, 0, 6, 4, BT709_LIMITED)).toThrow(/does not fit/);
    expect(() => native!.yuv420(out, 4, 4, yuv, 1, 0, 3, 4, BT709_LIMITED)).toThrow(/does not fit/);
    expect(() => native!.yuv420(out, 4, 4, yuv.subarray(1), 0, 0, 4, 4, BT709_LIMITED)).toThrow(
      /does not fit/,
    );
    expect(() => native!.yuv420(out, 4, 4, yuv, 0, 0, 4, 4, new Int32Array(3))).toThrow(/coefficients/);
  });
});
