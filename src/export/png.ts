// SVG → pixels through resvg. No file I/O of its own: the caller says which font files (or buffers) resvg loads.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RenderedImage, Resvg as ResvgNative } from '@resvg/resvg-js/js-binding.js';
import { pixelLoops } from './pixel-loops.js';

const require = createRequire(import.meta.url);
/**
 * How long resvg-js's allocator (mimalloc, built into the binding) keeps freed memory before giving it back to the
 * system. Its default, 10 ms, is shorter than a video frame: every frame's trees and pixmaps then came in fresh
 * pages, each one faulted in and zeroed (a third of a frame's CPU time on these machines). Kept a second, the
 * memory is reused frame after frame and the resident size stays as flat as before. mimalloc reads it once, when
 * the binding is first loaded in the process (a worker thread's `process.env` is its own copy: load this module
 * on the main thread first, as `framesPooled` does); a value already set is left alone.
 */
export const RESVG_PURGE_DELAY_MS = 1000;
process.env.MIMALLOC_PURGE_DELAY ??= String(RESVG_PURGE_DELAY_MS);
/**
 * resvg's allocator asks the system for large (2 MiB, transparent huge) pages where the kernel allows them (Linux's
 * `transparent_hugepage` set to `madvise` or `always`; elsewhere nothing changes). With the purge delay above, a
 * frame drawn from above still took 100–135 page faults (its moving layers' pixmaps in fresh 4 KiB pages); in
 * 2 MiB pages 30–35, and resvg's rasterising 15 % less; from the side and the head end no change (20–45 faults
 * either way). About 1 % more resident memory (session 20, docs/export.md). Read when the binding is first loaded.
 */
export const RESVG_LARGE_OS_PAGES = '1';
process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES ??= RESVG_LARGE_OS_PAGES;
// The native binding takes its options as a JSON string; the package's wrapper class re-serialises the options
// (font buffers included) on every call, so the binding is called directly with a string made once.
const binding = require('@resvg/resvg-js/js-binding.js') as {
  Resvg: new (svg: string | Buffer, options?: string | null) => ResvgNative;
};

/** Which fonts resvg may use; system fonts are never loaded (the same pixels on every machine). */
export interface FontOptions {
  /** Font files resvg reads (fast: resvg reads them natively). */
  readonly fontFiles?: readonly string[];
  /** Font data (slower in resvg-js 2.6: the buffers go through JSON on every frame). */
  readonly fontBuffers?: readonly Uint8Array[];
  /** The family used when an element's is not found (default Noto Sans). */
  readonly defaultFontFamily?: string;
}

/** Raw pixels: 8-bit RGBA, rows top to bottom (premultiplied by alpha, as resvg gives them; opaque frames are plain). */
export interface RgbaFrame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
}

function optionsJson(fonts: FontOptions): string {
  return JSON.stringify({
    font: {
      loadSystemFonts: false,
      fontFiles: fonts.fontFiles ?? [],
      ...(fonts.fontBuffers ? { fontBuffers: fonts.fontBuffers.map((b) => Buffer.from(b)) } : {}),
      defaultFontFamily: fonts.defaultFontFamily ?? 'Noto Sans',
      sansSerifFamily: fonts.defaultFontFamily ?? 'Noto Sans',
    },
    logLevel: 'off',
  });
}

/** resvg's options without fonts: loading the font files costs about a millisecond a tree, wasted on text-free SVG. */
const NO_FONTS_JSON = optionsJson({ fontFiles: [] });

/** The options for one SVG: the fonts only when it has `<text>` (the renderer's default writes text as outlines). */
function jsonFor(svg: string, json: string): string {
  return svg.includes('<text') ? json : NO_FONTS_JSON;
}

function rendered(svg: string, json: string): RenderedImage {
  return new binding.Resvg(svg, jsonFor(svg, json)).render();
}

/**
 * resvg-js 2.6 keeps each tree's and each rendered image's memory (outside V8's heap, which it does not report)
 * until the garbage collector finalises the JS object; V8 sees only small objects, so without help it seldom
 * collects and a long run of frames grows by megabytes a frame (resvg-js issue #216). A rasteriser of many frames
 * therefore asks for a collection after every NATIVE_BYTES_PER_COLLECTION bytes of pixels it had resvg make; the
 * finalisers run on the event loop's next turn, so a caller drawing frames in a loop must yield now and then.
 */
export const NATIVE_BYTES_PER_COLLECTION = 48 * 2 ** 20;

/**
 * The pixels resvg makes between two minor collections of `FrameRasterizer.released()` (about four frames of the
 * export's: a collection costs about half a millisecond whatever it frees, and memory freed within a second is
 * reused, see RESVG_PURGE_DELAY_MS): a collection after every frame spent more than it saved.
 */
export const MINOR_COLLECTION_NATIVE_BYTES = 2 * 2 ** 20;

let collector: ((options?: { type: 'minor' | 'major' }) => void) | null | undefined;

/**
 * A garbage collection, if the runtime allows one (V8's `gc`, made available once for this purpose): a full one,
 * or a minor one (the young generation only: well under a millisecond, and enough to free what a frame made).
 */
export function garbageCollected(options: { isMinor?: boolean } = {}): boolean {
  if (collector === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collector = exposed;
    else {
      try {
        setFlagsFromString('--expose-gc');
        collector = runInNewContext('gc') as NonNullable<typeof collector>;
      } catch {
        collector = null;
      }
    }
  }
  if (!collector) return false;
  if (options.isMinor) collector({ type: 'minor' });
  else collector();
  return true;
}

/** Rasterises one SVG to a PNG file's bytes. */
export function svgToPng(svg: string, fonts: FontOptions = {}): Buffer {
  return rendered(svg, optionsJson(fonts)).asPng();
}

/** Rasterises one SVG to raw RGBA pixels. */
export function svgToRgba(svg: string, fonts: FontOptions = {}): RgbaFrame {
  const image = rendered(svg, optionsJson(fonts));
  return { width: image.width, height: image.height, pixels: image.pixels };
}

/** Rows y0…y1 of a layer: blank rows are left out, opaque ones are copied, the rest blended. */
interface RowSpan {
  readonly y0: number;
  readonly y1: number;
  readonly isOpaque: boolean;
}

/** A layer's pixels, where they go, and its row spans (one blended span until it is seen a second time). */
interface LayerPixels {
  readonly frame: RgbaFrame;
  readonly at: { readonly x: number; readonly y: number };
  spans: readonly RowSpan[];
  isScanned: boolean;
  /** The canvas it was drawn on, when none of it was cut by the canvas's edge: it may then be moved. */
  readonly canvas?: { readonly width: number; readonly height: number };
  /** Its SVG without the move, when it is one group moved by whole pixels and may be moved (`translatedLayer`). */
  readonly movedKey?: string;
}

/**
 * A layer that is one group moved by whole pixels (`<g transform="translate(X Y)">…</g>`, X and Y integers, and
 * nothing else in the document): its SVG with the move taken out, and the move. Two such layers with the same
 * SVG but for the move rasterise to the same pixels moved (a whole-pixel move leaves every edge's coverage as it
 * was), so the second is found in the cache under the first's key: the renderer draws a label that follows a hand
 * this way, and it is rasterised once, not every frame.
 */
export function translatedLayer(svg: string): { key: string; dx: number; dy: number } | null {
  const bodyAt = svg.indexOf('<g transform="translate(');
  if (bodyAt < 0 || !svg.endsWith('</g></svg>')) return null;
  const head = svg.slice(0, bodyAt);
  // The document's opening (and its title) only before the group: the group is its first element.
  const opened = head.indexOf('>', head.indexOf('<svg')) + 1;
  if (opened <= 0 || !/^(?:<title>[^<]*<\/title>)?$/.test(head.slice(opened))) return null;
  const move = /^<g transform="translate\((-?\d+) (-?\d+)\)">/.exec(svg.slice(bodyAt));
  if (!move) return null;
  const close = svg.length - '</svg>'.length;
  // The group is the only element at the top: its own </g> is the last one.
  const tags = /<(\/?)g[\s>]/g;
  tags.lastIndex = bodyAt;
  let depth = 0;
  for (let m = tags.exec(svg); m; m = tags.exec(svg)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0 && m.index !== close - '</g>'.length) return null;
  }
  return {
    key: `${head}<g transform="translate(*)">${svg.slice(bodyAt + move[0].length)}`,
    dx: Number(move[1]),
    dy: Number(move[2]),
  };
}

/** Splits a layer into spans of blank, opaque and mixed rows. */
function rowSpans(frame: RgbaFrame): RowSpan[] {
  const words = new Uint32Array(frame.pixels.buffer, frame.pixels.byteOffset, frame.width * frame.height);
  const spans: RowSpan[] = [];
  let current: { y0: number; kind: 'blank' | 'opaque' | 'mixed' } | null = null;
  const close = (y: number) => {
    if (current && current.kind !== 'blank')
      spans.push({ y0: current.y0, y1: y, isOpaque: current.kind === 'opaque' });
  };
  for (let y = 0; y < frame.height; y++) {
    const base = y * frame.width;
    let isBlank = true;
    let isOpaque = true;
    for (let x = 0; x < frame.width; x++) {
      const a = words[base + x]! >>> 24;
      if (a !== 0) isBlank = false;
      if (a !== 255) isOpaque = false;
      if (!isBlank && !isOpaque) break;
    }
    const kind = isBlank ? 'blank' : isOpaque ? 'opaque' : 'mixed';
    if (!current || current.kind !== kind) {
      close(y);
      current = { y0: y, kind };
    }
  }
  close(frame.height);
  return spans;
}

/**
 * Draws `top` (premultiplied alpha, as resvg gives it) over `out` (opaque, `outWidth` wide) at an offset; only
 * inside `clip` (frame pixels) when it is given.
 */
function composited(
  out: Buffer,
  outWidth: number,
  top: RgbaFrame,
  at: { x: number; y: number },
  spans: readonly RowSpan[],
  clip?: PixelBox,
): void {
  // The layer's own columns and rows inside the clip.
  const cx0 = clip ? Math.max(0, clip.x0 - at.x) : 0;
  const cx1 = clip ? Math.min(top.width, clip.x1 - at.x) : top.width;
  const cy0 = clip ? Math.max(0, clip.y0 - at.y) : 0;
  const cy1 = clip ? Math.min(top.height, clip.y1 - at.y) : top.height;
  if (cx1 <= cx0 || cy1 <= cy0) return;
  for (const span of spans) {
    const y0 = Math.max(span.y0, cy0);
    const y1 = Math.min(span.y1, cy1);
    if (y1 > y0)
      pixelLoops.composite(out, outWidth, top.pixels, top.width, at.x, at.y, cx0, cx1, y0, y1, span.isOpaque);
  }
}

/** Where a layer's pixels go in the frame. */
function boxOf(layer: LayerPixels | null | undefined): PixelBox | null {
  return layer
    ? {
        x0: layer.at.x,
        y0: layer.at.y,
        x1: layer.at.x + layer.frame.width,
        y1: layer.at.y + layer.frame.height,
      }
    : null;
}

/** Whether two boxes share a pixel. */
function isOverlapping(a: PixelBox, b: PixelBox): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * The pixels of `boxes`, exactly, as boxes that share no pixel: the rows are cut into bands at the boxes' top and
 * bottom edges, each band's columns are the union of the boxes crossing it, and a column run the band above had
 * too is extended down rather than started again. Unlike the box round two overlapping boxes, nothing outside the
 * boxes is covered: two hands' boxes crossing diagonally cover a third less.
 */
export function boxesDisjoint(boxes: readonly PixelBox[]): PixelBox[] {
  const real = boxes.filter((b) => b.x1 > b.x0 && b.y1 > b.y0);
  const edges = [...new Set(real.flatMap((b) => [b.y0, b.y1]))].sort((a, b) => a - b);
  const done: PixelBox[] = [];
  // The column runs of the band above, by "x0 x1", with the row they began on.
  let open = new Map<string, { x0: number; x1: number; y0: number }>();
  let bandEnd = edges[0] ?? 0;
  for (let k = 0; k + 1 < edges.length; k++) {
    const y0 = edges[k]!;
    const y1 = edges[k + 1]!;
    const spans = real
      .filter((b) => b.y0 <= y0 && b.y1 >= y1)
      .map((b) => [b.x0, b.x1] as const)
      .sort((a, b) => a[0] - b[0]);
    const runs: { x0: number; x1: number }[] = [];
    for (const [x0, x1] of spans) {
      const last = runs.at(-1);
      if (last && x0 <= last.x1) last.x1 = Math.max(last.x1, x1);
      else runs.push({ x0, x1 });
    }
    const next = new Map<string, { x0: number; x1: number; y0: number }>();
    for (const run of runs) {
      const key = `${run.x0} ${run.x1}`;
      const above = open.get(key);
      next.set(key, above ?? { ...run, y0 });
      open.delete(key);
    }
    for (const run of open.values()) done.push({ x0: run.x0, y0: run.y0, x1: run.x1, y1: y0 });
    open = next;
    bandEnd = y1;
  }
  for (const run of open.values()) done.push({ x0: run.x0, y0: run.y0, x1: run.x1, y1: bandEnd });
  return done;
}

/** A rasteriser for many frames of one size: the options are serialised once, unchanged layers are cached. */
export interface FrameRasterizer {
  /** One SVG to raw pixels. */
  rgba(svg: string): RgbaFrame;
  /** One SVG to PNG bytes. */
  png(svg: string): Buffer;
  /**
   * Layers bottom to top (the first opaque, e.g. the static table and body; the rest transparent) composited
   * into one frame. Layers seen recently (by their SVG text) are not rendered again; the others are rendered
   * cropped to their bounding box. The frame is drawn into `into` when it is given and has the frame's size (a
   * fresh 1280×720 buffer a frame costs more than drawing it: the memory is mapped and zeroed each time).
   */
  rgbaLayered(layers: readonly string[], into?: Buffer): LayeredFrame;
  /**
   * Like `rgbaLayered`, but `frame` holds what the previous call drew into it (any contents on the first call, or
   * after a call with another buffer): only the boxes where a layer changed (its old and its new box; the whole
   * frame when the base changed) are drawn again. Returns those boxes, which do not overlap.
   */
  rgbaLayeredUpdate(layers: readonly string[], frame: Buffer): readonly PixelBox[];
  /**
   * Lets resvg free the native memory of what was drawn (a minor collection once MINOR_COLLECTION_NATIVE_BYTES of
   * pixels were made since the last, then a turn of the event loop for the finalisers); await it between frames.
   * Fresh memory is what a frame costs most on these machines (a 1280×720 resvg image in newly mapped pages: ~30 ms;
   * in pages freed by the frame before: ~1 ms), and memory freed soon stays flat however long the video.
   */
  released(): Promise<void>;
  /**
   * What the layer cache did so far: layers rasterised, layers found in it, the bytes it holds now, and the pixels
   * resvg rasterised (the layers' boxes).
   */
  stats(): {
    readonly rendered: number;
    readonly hits: number;
    readonly cachedBytes: number;
    readonly pixels: number;
  };
}

/** A rectangle of pixels: columns x0 … x1 − 1, rows y0 … y1 − 1. */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * A layered frame: its pixels, and where each layer over the base drew (`drawn[i]` for `layers[i + 1]`, null when
 * it drew nothing); outside these boxes the frame is the base's pixels alone.
 */
export interface LayeredFrame extends RgbaFrame {
  readonly drawn: readonly (PixelBox | null)[];
}

/** The bytes a cached layer holds: its pixels and its SVG (the cache's key). */
function entryBytes(svg: string, entry: LayerPixels): number {
  return entry.frame.pixels.byteLength + svg.length;
}

/**
 * Makes a frame rasteriser with the given fonts; the layers last used are kept, at most `cacheSize` of them
 * (default 8) and at most `cacheBytes` bytes of pixels and SVG (default: no limit but the count), the least
 * recently used going first. A layer found in the cache is not rasterised again (the same SVG, the same pixels).
 */
export function frameRasterizer(
  fonts: FontOptions = {},
  options: { cacheSize?: number; cacheBytes?: number } = {},
): FrameRasterizer {
  const json = optionsJson(fonts);
  const cacheSize = options.cacheSize ?? 8;
  const cacheBytes = options.cacheBytes ?? Number.POSITIVE_INFINITY;
  const cache = new Map<string, LayerPixels>();
  let cachedBytes = 0;
  let rasterised = 0;
  let pixelsRasterised = 0;
  let hits = 0;
  let nativeBytes = 0;
  // What `rgbaLayeredUpdate` last drew: into which buffer, from which layers.
  let updated: {
    frame: Buffer | null;
    svgs: readonly string[];
    entries: readonly (LayerPixels | null)[];
  } = { frame: null, svgs: [], entries: [] };
  const counted = (image: RenderedImage): RenderedImage => {
    nativeBytes += image.width * image.height * 4;
    // A caller that never awaits `released()` still gets a full collection now and then.
    if (nativeBytes >= NATIVE_BYTES_PER_COLLECTION) {
      nativeBytes = 0;
      garbageCollected();
    }
    return image;
  };

  // Layers that are one group moved by whole pixels, by their SVG without the move: the cached layer drawn with it
  // (its SVG, the cache's key) and its move. Dropped with that layer.
  const moved = new Map<string, { svg: string; dx: number; dy: number }>();
  const movedPixels = (layer: ReturnType<typeof translatedLayer>): LayerPixels | null => {
    const found = layer ? moved.get(layer.key) : undefined;
    const entry = found ? cache.get(found.svg) : undefined;
    if (!layer || !found || !entry?.canvas) return null;
    const at = { x: entry.at.x + layer.dx - found.dx, y: entry.at.y + layer.dy - found.dy };
    // Reused only where the whole of it stays on the canvas (it was not cut by the canvas's edge when drawn).
    const { width, height } = entry.canvas;
    if (at.x < 0 || at.y < 0 || at.x + entry.frame.width > width || at.y + entry.frame.height > height)
      return null;
    hits++;
    cache.delete(found.svg);
    cache.set(found.svg, entry); // most recently used last
    if (!entry.isScanned) {
      entry.spans = rowSpans(entry.frame);
      entry.isScanned = true;
    }
    return { frame: entry.frame, at, spans: entry.spans, isScanned: true, canvas: entry.canvas };
  };

  const layerPixels = (svg: string, isCropped: boolean): LayerPixels | null => {
    const hit = cache.get(svg);
    // Read once on a miss: the key a moved copy would be found under, and registered under once drawn.
    const layer = !hit && isCropped ? translatedLayer(svg) : null;
    const found = movedPixels(layer);
    if (found) return found;
    if (hit) {
      hits++;
      cache.delete(svg);
      cache.set(svg, hit); // most recently used last
      // A layer used again (the captions within one second, the static body) is worth scanning once.
      if (!hit.isScanned) {
        hit.spans = rowSpans(hit.frame);
        hit.isScanned = true;
      }
      return hit;
    }
    const tree = new binding.Resvg(svg, jsonFor(svg, json));
    let at = { x: 0, y: 0 };
    let isWhole = false;
    // The canvas's size (cropping makes the tree's own the crop's).
    const canvas = { width: tree.width, height: tree.height };
    if (isCropped) {
      const box = tree.getBBox();
      if (!box) return null;
      // Pad the (approximate) box so antialiased edges and strokes are not cut, and snap it to whole pixels.
      const padded = {
        x0: Math.floor(box.x) - 4,
        y0: Math.floor(box.y) - 4,
        x1: Math.ceil(box.x + box.width) + 4,
        y1: Math.ceil(box.y + box.height) + 4,
      };
      const x0 = Math.max(0, padded.x0);
      const y0 = Math.max(0, padded.y0);
      const x1 = Math.min(canvas.width, padded.x1);
      const y1 = Math.min(canvas.height, padded.y1);
      if (x1 <= x0 || y1 <= y0) return null;
      isWhole = x0 === padded.x0 && y0 === padded.y0 && x1 === padded.x1 && y1 === padded.y1;
      // The binding wants its own BBox object back.
      box.x = x0;
      box.y = y0;
      box.width = x1 - x0;
      box.height = y1 - y0;
      tree.cropByBBox(box);
      at = { x: x0, y: y0 };
    }
    const image = counted(tree.render());
    rasterised++;
    pixelsRasterised += image.width * image.height;
    const frame: RgbaFrame = { width: image.width, height: image.height, pixels: image.pixels };
    const entry: LayerPixels = {
      frame,
      at,
      spans: [{ y0: 0, y1: frame.height, isOpaque: false }],
      isScanned: false,
      ...(isWhole ? { canvas } : {}),
      ...(isWhole && layer ? { movedKey: layer.key } : {}),
    };
    cache.set(svg, entry);
    cachedBytes += entryBytes(svg, entry);
    if (isWhole && layer) moved.set(layer.key, { svg, dx: layer.dx, dy: layer.dy });
    // The least recently used first; the entry just made stays even when it alone is over the bytes.
    while (cache.size > cacheSize || (cachedBytes > cacheBytes && cache.size > 1)) {
      const [oldSvg, old] = cache.entries().next().value as [string, LayerPixels];
      cache.delete(oldSvg);
      cachedBytes -= entryBytes(oldSvg, old);
      if (old.movedKey !== undefined && moved.get(old.movedKey)?.svg === oldSvg) moved.delete(old.movedKey);
    }
    return entry;
  };

  return {
    rgba(svg) {
      const image = counted(rendered(svg, json));
      return { width: image.width, height: image.height, pixels: image.pixels };
    },
    png(svg) {
      return counted(rendered(svg, json)).asPng();
    },
    rgbaLayered(layers, into) {
      const [baseSvg, ...rest] = layers;
      if (baseSvg === undefined) throw new Error('rgbaLayered needs at least one layer');
      const base = layerPixels(baseSvg, false);
      if (!base) throw new Error('the base layer drew nothing');
      const basePixels = base.frame.pixels;
      let pixels: Buffer;
      if (into && into.byteLength === basePixels.byteLength) {
        basePixels.copy(into);
        pixels = into;
      } else pixels = Buffer.from(basePixels);
      const drawn: (PixelBox | null)[] = [];
      for (const svg of rest) {
        const layer = layerPixels(svg, true);
        if (!layer) {
          drawn.push(null);
          continue;
        }
        composited(pixels, base.frame.width, layer.frame, layer.at, layer.spans);
        const { x, y } = layer.at;
        drawn.push({ x0: x, y0: y, x1: x + layer.frame.width, y1: y + layer.frame.height });
      }
      return { width: base.frame.width, height: base.frame.height, pixels, drawn };
    },
    rgbaLayeredUpdate(layers, frame) {
      const [baseSvg, ...rest] = layers;
      if (baseSvg === undefined) throw new Error('rgbaLayered needs at least one layer');
      let isWhole = frame !== updated.frame || baseSvg !== updated.svgs[0];
      const base = isWhole ? layerPixels(baseSvg, false) : updated.entries[0];
      if (!base) throw new Error('the base layer drew nothing');
      if (frame.byteLength !== base.frame.pixels.byteLength)
        throw new Error("rgbaLayeredUpdate needs a buffer of the frame's size");
      const width = base.frame.width;
      // The layers drawn last time, by their SVG (in order, for the same SVG twice).
      const before = new Map<string, number[]>();
      for (let i = 1; i < updated.svgs.length; i++) {
        const svg = updated.svgs[i]!;
        const at = before.get(svg);
        if (at) at.push(i);
        else before.set(svg, [i]);
      }
      const entries: (LayerPixels | null)[] = [base];
      const isKept = new Array<boolean>(updated.svgs.length).fill(false);
      const dirty: PixelBox[] = [];
      let lastKept = 0;
      for (const svg of rest) {
        const old = isWhole ? undefined : before.get(svg)?.shift();
        if (old !== undefined) {
          // A layer kept from last time must keep its place among the others kept, or the order of drawing changed.
          if (old < lastKept) isWhole = true;
          lastKept = old;
          isKept[old] = true;
          entries.push(updated.entries[old] ?? null);
          continue;
        }
        const entry = layerPixels(svg, true);
        entries.push(entry);
        const box = boxOf(entry);
        if (box) dirty.push(box);
      }
      for (let i = 1; i < updated.svgs.length; i++) {
        const box = isKept[i] ? null : boxOf(updated.entries[i]);
        if (box) dirty.push(box);
      }
      const boxes = isWhole ? [{ x0: 0, y0: 0, x1: width, y1: base.frame.height }] : boxesDisjoint(dirty);
      const basePixels = base.frame.pixels;
      for (const box of boxes) {
        // The base (opaque) under the box, then every layer over it.
        pixelLoops.composite(frame, width, basePixels, width, 0, 0, box.x0, box.x1, box.y0, box.y1, true);
        for (let i = 1; i < entries.length; i++) {
          const e = entries[i];
          if (e && isOverlapping(boxOf(e)!, box)) composited(frame, width, e.frame, e.at, e.spans, box);
        }
      }
      // A layer drawn a second time is worth scanning for its blank and opaque rows (as on a cache hit).
      for (let i = 1; i < entries.length; i++) {
        const e = entries[i];
        if (e && !e.isScanned && updated.entries.includes(e)) {
          e.spans = rowSpans(e.frame);
          e.isScanned = true;
        }
      }
      updated = { frame, svgs: layers, entries };
      return boxes;
    },
    stats: () => ({ rendered: rasterised, hits, cachedBytes, pixels: pixelsRasterised }),
    async released() {
      if (nativeBytes >= MINOR_COLLECTION_NATIVE_BYTES && garbageCollected({ isMinor: true }))
        nativeBytes = 0;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
