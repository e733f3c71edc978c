// How one video frame is drawn, shared by the worker threads and the single-thread fallback.

import { bodyMapData } from '../../content/body-map.js';
import { bodyMapFromData } from '../../core/body-map.js';
import type { Language } from '../../core/ids.js';
import type { Plan } from '../../core/plan-types.js';
import { momentAt } from '../../core/timeline.js';
import { MOVING_LAYERS, renderMoment, STATIC_LAYERS } from '../../render/render-moment.js';
import type { ExcludedArea } from '../../render/safety.js';
import type { ThemeName } from '../../render/theme.js';
import { notoSansFontFiles } from '../fonts.js';
import { frameRasterizer } from '../png.js';

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
}

/** A request to a frame worker: draw frames first … first + count − 1. */
export interface FrameRequest {
  readonly first: number;
  readonly count: number;
}

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

const FIGURE_LAYERS = MOVING_LAYERS.filter((l) => l !== 'captions');

/** A frame's three layers (static, figure, captions) as SVG, and a key equal for frames that look the same. */
export function frameKeyed(spec: FrameSpec, index: number): { layers: readonly string[]; key: string } {
  const moment = momentAt(spec.plan, frameTime(spec, index), FRAME_BODY_MAP);
  const options = {
    bodyMap: FRAME_BODY_MAP,
    width: spec.width,
    height: spec.height,
    language: spec.language,
    theme: spec.theme,
    excluded: spec.excluded,
  } as const;
  const layers = [
    renderMoment(moment, { ...options, layers: STATIC_LAYERS }),
    renderMoment(moment, { ...options, layers: FIGURE_LAYERS }),
    renderMoment(moment, { ...options, layers: ['captions'] }),
  ];
  return { layers, key: layers.join('\u0000') };
}

/** A drawer of frames: layers in, opaque RGBA pixels out (the static layer rasterised once). */
export function frameDrawn(): (layers: readonly string[]) => Buffer {
  const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
  return (layers) => raster.rgbaLayered(layers).pixels;
}
