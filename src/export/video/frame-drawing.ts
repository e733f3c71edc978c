// How one video frame is drawn, shared by the worker threads and the single-thread fallback.

import { bodyMapData } from '../../content/body-map.js';
import { bodyMapFromData } from '../../core/body-map.js';
import type { Language, View } from '../../core/ids.js';
import type { Moment } from '../../core/moment.js';
import type { Plan } from '../../core/plan-types.js';
import { momentAt } from '../../core/timeline.js';
import { LAYER_RUN_BREAK, MOVING_LAYERS, type RenderLayer, STATIC_LAYERS } from '../../render/layers.js';
import { momentView } from '../../render/moment-view.js';
import { renderMomentLayers } from '../../render/render-moment.js';
import type { ExcludedArea } from '../../render/safety.js';
import { type TextMode, textAsPaths } from '../../render/text-path.js';
import type { ThemeName } from '../../render/theme.js';
import { notoSansFontFiles } from '../fonts.js';
import { type FrameRasterizer, frameRasterizer } from '../png.js';
import { runsKept } from './near-run.js';
import { yuv420Bytes, yuv420Frames } from './yuv.js';

/** What every frame of a video shares: the plan, the window of it shown, the size, rate, language and theme. */
export interface FrameSpec {
  readonly plan: Plan;
  /** Session seconds of frame 0, and the last instant shown. */
  readonly from: number;
  readonly to: number;
  readonly fps: number;
  readonly width: number;
  readonly height: number;
  readonly language: Language;
  readonly theme: ThemeName;
  readonly excluded: readonly ExcludedArea[];
  /** The frames' pixels: raw RGBA (the default), or YUV 4:2:0 as the encoder takes them (see yuv.ts). */
  readonly pixelFormat?: FramePixelFormat;
  /** Every frame from this view (default: each moment from its own, `momentView`): the render bench's per-view rows. */
  readonly view?: View;
}

/** How a frame's pixels are laid out. */
export type FramePixelFormat = 'rgba' | 'yuv420p';

/** The bytes of one frame of a video. */
export function frameBytes(spec: Pick<FrameSpec, 'width' | 'height' | 'pixelFormat'>): number {
  return spec.pixelFormat === 'yuv420p' ? yuv420Bytes(spec.width, spec.height) : spec.width * spec.height * 4;
}

/**
 * A message to a frame worker: draw frames first … first + count − 1; or take back a frame's pixel buffer to draw
 * into again (once ffmpeg has been given it), so no frame needs fresh memory.
 */
export type FrameRequest =
  | { readonly first: number; readonly count: number }
  | { readonly recycled: ArrayBuffer };

/** A frame worker's answer: each frame's RGBA pixels, or null for a repeat of the frame before. */
export type FrameReply =
  | { readonly first: number; readonly frames: readonly (ArrayBuffer | null)[] }
  | { readonly first: number; readonly error: string };

/** The number of frames of a window at a rate: its length rounded to whole frames (at least one). */
export function frameCount(seconds: number, fps: number): number {
  return Math.max(1, Math.round(seconds * fps));
}

/** The session time of frame `index`: its own instant, never past the window's last one. */
export function frameTime(spec: FrameSpec, index: number): number {
  return Math.min(spec.from + index / spec.fps, spec.to - 1e-6);
}

/** The built-in body map, built once per worker: the map every exported plan is made on (the CLI's). */
const FRAME_BODY_MAP = bodyMapFromData(bodyMapData);

/**
 * The layers a frame is drawn in, bottom to top: the static ones together (rasterised once per step), then each
 * moving layer on its own, so one that does not change (the safety marks over a whole step, the captions within
 * a second) is not rasterised again and one that does (the hands) is rasterised alone, cropped to its box.
 */
export const FRAME_LAYER_GROUPS: readonly (readonly RenderLayer[])[] = [
  STATIC_LAYERS,
  ...MOVING_LAYERS.map((layer) => [layer]),
];

/** How every frame of a video is drawn: from its moment's own view, the camera held still through a repetition. */
function renderOptions(spec: FrameSpec, moment: Moment, text: TextMode) {
  return {
    bodyMap: FRAME_BODY_MAP,
    width: spec.width,
    height: spec.height,
    language: spec.language,
    theme: spec.theme,
    excluded: spec.excluded,
    view: spec.view ?? momentView(moment),
    framing: 'step',
    text,
    // Hands from above that only moved since the last frame are then found in the drawer's cache.
    wholePixelHands: true,
  } as const;
}

/**
 * A frame's layers written with `<text>` (cheap: the captions' glyph outlines are most of the cost of a frame's
 * SVG): equal for two frames exactly when their pictures are, since the outlines are made from this text.
 */
export function frameSceneKeys(spec: FrameSpec, index: number): string[] {
  const moment = momentAt(spec.plan, frameTime(spec, index), FRAME_BODY_MAP);
  return renderMomentLayers(moment, renderOptions(spec, moment, 'text'), FRAME_LAYER_GROUPS);
}

/**
 * A layer's SVG cut at its run breaks (`LAYER_RUN_BREAK`) into documents of their own, bottom to top, each with the
 * layer's opening: rasterised one by one and composited in order, a run of groups that keep still is found unchanged
 * frame after frame and not drawn again. Where the cut is made depends on the SVG alone, so the frame's pixels do too.
 * A layer with shared definitions (`<defs>`, e.g. the panels' clips of a two-panel picture) is left whole.
 */
export function layerRuns(svg: string): string[] {
  if (!svg.includes(LAYER_RUN_BREAK) || svg.includes('<defs')) return [svg];
  const opened = svg.indexOf('>', svg.indexOf('<svg')) + 1;
  const head = svg.startsWith('<title>', opened)
    ? svg.slice(0, svg.indexOf('</title>', opened) + '</title>'.length)
    : svg.slice(0, opened);
  const close = svg.lastIndexOf('</svg>');
  return svg
    .slice(head.length, close)
    .split(LAYER_RUN_BREAK)
    .filter((run) => run !== '')
    .map((run) => `${head}${run}</svg>`);
}

/**
 * The layers a frame drawer keeps rasterised, and the bytes they may take (per drawer, i.e. per worker thread): a
 * moving layer often comes back exactly (the hands of a lift on the way down as on the way up, a repetition whose
 * length is a whole number of frames), and a layer found here is not rasterised again.
 */
export const FRAME_LAYERS_CACHED = 1024;
export const FRAME_LAYER_CACHE_BYTES = 32 * 2 ** 20;

/** Draws the frames of one video in order (or any order); a frame that looks like the one before is not drawn. */
export interface FrameDrawer {
  /**
   * Frame `index`'s pixels in the spec's format (drawn into `into` when it is given and of the frame's size), or
   * null when it looks the same as frame `index − 1`.
   */
  frame(index: number, into?: Buffer): Buffer | null;
  /** Frame `index`'s layers as the renderer writes them by default (text as outlines), bottom to top. */
  layers(index: number): readonly string[];
  /** Lets the native memory of the frames drawn so far go (see `FrameRasterizer.released`): await between frames. */
  released(): Promise<void>;
  /** The layer cache's figures (see `FrameRasterizer.stats`). */
  stats(): ReturnType<FrameRasterizer['stats']>;
}

/**
 * A drawer of a video's frames: each layer's SVG is written as outlines only when its text version changed, then
 * the layers are rasterised by resvg (each cropped to its box; ones seen recently from a cache of
 * `cacheBytes`, default FRAME_LAYER_CACHE_BYTES) and composited.
 */
export function frameDrawer(
  spec: FrameSpec,
  options: {
    cacheBytes?: number;
    /**
     * Keeps what it drew of a run that moved by less than half a pixel since (`isMovedUnderStep`), except at every
     * frame whose index is a multiple of this, drawn exactly: a frame is then never more than half a pixel from its
     * moment, and the same whoever draws the frames in between (the pool's chunk; default: every frame exact).
     */
    exactEvery?: number;
  } = {},
): FrameDrawer {
  const raster = frameRasterizer(
    { fontFiles: notoSansFontFiles() },
    { cacheSize: FRAME_LAYERS_CACHED, cacheBytes: options.cacheBytes ?? FRAME_LAYER_CACHE_BYTES },
  );
  let last: { index: number; keys: readonly string[] } | null = null;
  const yuv = spec.pixelFormat === 'yuv420p' ? yuv420Frames(spec.width, spec.height) : null;
  // With YUV out, the RGBA frame is composited into one buffer kept here.
  const rgba = yuv ? Buffer.alloc(spec.width * spec.height * 4) : null;
  // Per layer group: the last text version seen and its outlines (the same as the renderer's, made from it).
  const written: { key: string; svg: string }[] = FRAME_LAYER_GROUPS.map(() => ({ key: '', svg: '' }));
  const layersFor = (keys: readonly string[]): string[] =>
    keys.map((key, g) => {
      const slot = written[g]!;
      if (slot.key !== key) {
        slot.svg = textAsPaths(key);
        slot.key = key;
      }
      return slot.svg;
    });
  // Each layer's runs as last drawn, while the frames come one after the other from an exact one.
  let drawnRuns: string[][] | null = null;
  const exactEvery = options.exactEvery ?? 1;
  return {
    frame(index, into) {
      const isNext = last?.index === index - 1;
      const previous = isNext ? last!.keys : index > 0 ? frameSceneKeys(spec, index - 1) : null;
      const keys = frameSceneKeys(spec, index);
      last = { index, keys };
      if (previous && keys.every((k, g) => k === previous[g])) return null;
      const runs = layersFor(keys).map(layerRuns);
      // A run that moved by less than half a pixel since it was drawn is kept as drawn; when every run is, the
      // frame is the one before (which is what was drawn last).
      if (isNext && drawnRuns && index % exactEvery !== 0 && runsKept(drawnRuns, runs)) return null;
      drawnRuns = runs;
      const layers = runs.flat();
      if (!yuv) return raster.rgbaLayered(layers, into).pixels;
      // Only where a layer changed is composited and converted again.
      return yuv.updated(rgba!, raster.rgbaLayeredUpdate(layers, rgba!), into);
    },
    layers(index) {
      return layersFor(frameSceneKeys(spec, index));
    },
    released: () => raster.released(),
    stats: () => raster.stats(),
  };
}
