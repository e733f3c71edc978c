// The export's two per-pixel loops, drawing a layer over a frame and RGBA → YUV 4:2:0: in C (native/pixels.c, built
// by `npm ci`, 4–8× faster) where the addon was built, else in JavaScript. Both give the same bytes (the tests
// compare them on random pixels); the JavaScript twins are the definition.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The loops, one implementation. */
export interface PixelLoops {
  /** Which implementation this is. */
  readonly name: 'c' | 'js';
  /**
   * Draws the layer `src` (RGBA premultiplied by alpha, `srcWidth` wide) over the opaque RGBA frame `out`
   * (`outWidth` wide): the layer's columns x0 … x1 − 1 of rows y0 … y1 − 1, landing at (atX + x, atY + y).
   * `isOpaque` says every pixel there is opaque (the rows are copied).
   */
  composite(
    out: Uint8Array,
    outWidth: number,
    src: Uint8Array,
    srcWidth: number,
    atX: number,
    atY: number,
    x0: number,
    x1: number,
    y0: number,
    y1: number,
    isOpaque: boolean,
  ): void;
  /**
   * Converts the box x0 … x1 − 1, y0 … y1 − 1 (even numbers, inside the frame) of the opaque RGBA frame `rgba`
   * (`width` × `height`, both even) into the YUV 4:2:0 frame `out`, with `coefficients` [YR, YG, YB, UR, UG, UB,
   * VR, VG, VB] in 16.16 fixed point (luma +16, chroma +128; each block's chroma from the sum of its four pixels).
   */
  yuv420(
    rgba: Uint8Array,
    width: number,
    height: number,
    out: Uint8Array,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    coefficients: Int32Array,
  ): void;
}

/** The loops in JavaScript: the definition of both, and the fallback. */
export const jsPixelLoops: PixelLoops = {
  name: 'js',
  composite(out, outWidth, src, srcWidth, atX, atY, x0, x1, y0, y1, isOpaque) {
    if (x1 <= x0 || y1 <= y0) return;
    if (isOpaque) {
      for (let y = y0; y < y1; y++) {
        const from = (y * srcWidth + x0) * 4;
        out.set(src.subarray(from, from + (x1 - x0) * 4), ((y + atY) * outWidth + atX + x0) * 4);
      }
      return;
    }
    const words = new Uint32Array(src.buffer, src.byteOffset, src.byteLength >>> 2);
    const outWords = new Uint32Array(out.buffer, out.byteOffset, out.byteLength >>> 2);
    for (let y = y0; y < y1; y++) {
      const srcRow = y * srcWidth;
      const outRow = (y + atY) * outWidth + atX;
      for (let x = x0; x < x1; x++) {
        const w = words[srcRow + x]!;
        const a = w >>> 24;
        if (a === 0) continue;
        if (a === 255) {
          outWords[outRow + x] = w;
          continue;
        }
        // resvg's pixels are premultiplied by alpha: out = src + out × (1 − α), rounded to the nearest (never a
        // half: 255 is odd), with x / 255 rounded as (x + 128 + ((x + 128) >> 8)) >> 8, exact for a byte × a byte.
        const inverse = 255 - a;
        const o = outWords[outRow + x]!;
        const r = (o & 255) * inverse + 128;
        const g = ((o >>> 8) & 255) * inverse + 128;
        const b = ((o >>> 16) & 255) * inverse + 128;
        outWords[outRow + x] =
          (((w & 255) + ((r + (r >>> 8)) >>> 8)) |
            ((((w >>> 8) & 255) + ((g + (g >>> 8)) >>> 8)) << 8) |
            ((((w >>> 16) & 255) + ((b + (b >>> 8)) >>> 8)) << 16) |
            (255 << 24)) >>>
          0;
      }
    }
  },
  yuv420(rgba, width, height, out, x0, y0, x1, y1, coefficients) {
    const k = coefficients;
    const [YR, YG, YB, UR, UG, UB, VR, VG, VB] = [
      k[0]!,
      k[1]!,
      k[2]!,
      k[3]!,
      k[4]!,
      k[5]!,
      k[6]!,
      k[7]!,
      k[8]!,
    ];
    const HALF = 1 << 15;
    // Rounding for a sum of four pixels, divided by 4 and by 2^16 at once.
    const QUARTER_HALF = 1 << 17;
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
    const chromaWidth = width / 2;
    const uPlane = width * height;
    const vPlane = uPlane + chromaWidth * (height / 2);
    for (let y = y0; y < y1; y += 2) {
      const row = y * width;
      const cRow = (y / 2) * chromaWidth;
      for (let x = x0; x < x1; x += 2) {
        const a = words[row + x]!;
        const b = words[row + x + 1]!;
        const c = words[row + width + x]!;
        const d = words[row + width + x + 1]!;
        // Little-endian RGBA words: red in the low byte.
        const ra = a & 255;
        const ga = (a >>> 8) & 255;
        const ba = (a >>> 16) & 255;
        const rb = b & 255;
        const gb = (b >>> 8) & 255;
        const bb = (b >>> 16) & 255;
        const rc = c & 255;
        const gc = (c >>> 8) & 255;
        const bc = (c >>> 16) & 255;
        const rd = d & 255;
        const gd = (d >>> 8) & 255;
        const bd = (d >>> 16) & 255;
        out[row + x] = 16 + ((YR * ra + YG * ga + YB * ba + HALF) >> 16);
        out[row + x + 1] = 16 + ((YR * rb + YG * gb + YB * bb + HALF) >> 16);
        out[row + width + x] = 16 + ((YR * rc + YG * gc + YB * bc + HALF) >> 16);
        out[row + width + x + 1] = 16 + ((YR * rd + YG * gd + YB * bd + HALF) >> 16);
        const r = ra + rb + rc + rd;
        const g = ga + gb + gc + gd;
        const bl = ba + bb + bc + bd;
        const c2 = cRow + x / 2;
        out[uPlane + c2] = 128 + ((UR * r + UG * g + UB * bl + QUARTER_HALF) >> 18);
        out[vPlane + c2] = 128 + ((VR * r + VG * g + VB * bl + QUARTER_HALF) >> 18);
      }
    }
  },
};

/** The addon's file, relative to the project's root (native/binding.gyp builds it). */
export const NATIVE_PIXELS_FILE = join('native', 'build', 'Release', 'pixels.node');

/**
 * The environment variable that makes the export use the JavaScript loops even where the addon was built
 * (`MASSAGE_COACH_PIXELS=js`): for comparing the two, and a way round a broken build.
 */
export const PIXELS_ENV = 'MASSAGE_COACH_PIXELS';

/** Where the addon is: the project root is found above this file (src/export, or dist/src/export once built). */
function nativeFile(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const file = join(dir, NATIVE_PIXELS_FILE);
    if (existsSync(file)) return file;
    dir = dirname(dir);
  }
  return null;
}

/** The loops in C, or null (and why) where the addon was not built or does not load. */
function nativeLoaded(): { loops: PixelLoops | null; reason: string } {
  const file = nativeFile();
  if (!file) return { loops: null, reason: `${NATIVE_PIXELS_FILE} was not built (npm ci builds it)` };
  try {
    const addon = createRequire(import.meta.url)(file) as Omit<PixelLoops, 'name'>;
    return { loops: { name: 'c', composite: addon.composite, yuv420: addon.yuv420 }, reason: '' };
  } catch (error) {
    return {
      loops: null,
      reason: `${file} does not load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const native = nativeLoaded();

/** The loops in C where the addon loads, or null; `nativePixelLoopsMissing` says why not. */
export const nativePixelLoops: PixelLoops | null = native.loops;
export const nativePixelLoopsMissing: string = native.reason;

/** The loops the export uses: C where the addon loads (unless MASSAGE_COACH_PIXELS=js), else JavaScript. */
export const pixelLoops: PixelLoops =
  process.env[PIXELS_ENV] === 'js' ? jsPixelLoops : (nativePixelLoops ?? jsPixelLoops);

/**
 * What to tell a user whose export runs the JavaScript loops without having asked for them (the addon missing or
 * broken), or null: the export works, only slower, and `npm run build:native` mends it.
 */
export function pixelLoopsNotice(
  chosen: PixelLoops = pixelLoops,
  missing: string = nativePixelLoopsMissing,
): string | null {
  if (chosen.name === 'c' || process.env[PIXELS_ENV] === 'js') return null;
  return `note: ${missing}; the frames' pixel loops run in JavaScript, about 1.25× slower in all (npm run build:native builds them)`;
}
