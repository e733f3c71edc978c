// The figure of a moment, drawn by src/render's renderMoment from the moment's own view (`momentView`: from above,
// the side, the head end or close up). The player draws it as stacked SVGs: the static base (redrawn only when the
// renderer's static-layers key changes: the view, the position, the theme, the size and, in a solid view, what
// keeps still through the repetition) and the moving layers on top, which the renderer draws on a transparent canvas.

import type { Language } from '../../src/core/ids.js';
import type { Moment } from '../../src/core/moment.js';
import type { ExcludedRegion, PlannedStep } from '../../src/core/plan-types.js';
import {
  type Framing,
  MOVING_LAYERS,
  momentView,
  type RenderLayer,
  type RenderOptions,
  renderMoment,
  renderMomentLayers,
  STATIC_LAYERS,
  staticLayersKey,
  viewLayout,
} from '../../src/render/index.js';
import { LAYER_RUN_BREAK } from '../../src/render/layers.js';
import { bodyMap } from './body-map.js';

/** How a figure is drawn. */
export interface FigureOptions {
  readonly width: number;
  readonly height: number;
  readonly theme: 'light' | 'dark';
  readonly language: Language;
  /** Regions the plan leaves out, greyed in the picture. */
  readonly excluded: readonly ExcludedRegion[];
}

/** The layers the web app draws: everything but the captions band (the page shows that text, larger). */
const FIGURE_LAYERS: readonly RenderLayer[] = [...STATIC_LAYERS, ...MOVING_LAYERS].filter(
  (l) => l !== 'captions',
);

/** The height the picture keeps once the captions band below the table is cut off. */
export function figureCropHeight(width: number, height: number): number {
  return viewLayout({ width, height, position: 'prone' }).captionTop;
}

/** Cuts the captions band off a rendered frame and lets the SVG scale to its box. */
function svgCropped(svg: string, width: number, height: number, label: string | null): string {
  const crop = figureCropHeight(width, height);
  const head = `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`;
  const aria = label === null ? 'aria-hidden="true"' : `aria-label="${label.replace(/[<>&"]/g, '')}"`;
  // The run breaks are for a drawer of video frames; in the page they would only stop svgMorphed's fast path.
  return svg
    .replace(head, `viewBox="0 0 ${width} ${crop}" preserveAspectRatio="xMidYMid meet" ${aria}`)
    .replaceAll(LAYER_RUN_BREAK, '');
}

/**
 * The renderer's options for a moment of the figure: from the moment's view; a running session's frames framed
 * round the step (the camera holds still through a repetition), a still round its own moment.
 */
function renderOptionsOf(moment: Moment, options: FigureOptions, framing: Framing): RenderOptions {
  const { width, height, theme, language, excluded } = options;
  return { bodyMap, width, height, theme, language, excluded, view: momentView(moment), framing };
}

/** Some layers of a moment from its view, rendered and cropped to the picture (the captions band cut off). */
function layersSvg(
  moment: Moment,
  options: FigureOptions,
  layers: readonly RenderLayer[],
  label: string | null,
  framing: Framing,
): string {
  const svg = renderMoment(moment, { ...renderOptionsOf(moment, options, framing), layers });
  return svgCropped(svg, options.width, options.height, label);
}

/**
 * One whole frame (table, body, safety, path, hands, marks) from the moment's view, cropped to the picture: stills.
 * A null label hides the SVG from assistive technology (its container then carries the label).
 */
export function figureSvg(
  moment: Moment,
  options: FigureOptions & { readonly label: string | null },
): string {
  return layersSvg(moment, options, FIGURE_LAYERS, options.label, 'moment');
}

/** A key that changes exactly when the static layers of a running session's frame do (the renderer's own key). */
export function figureBaseKey(moment: Moment, options: FigureOptions): string {
  return staticLayersKey(moment, { ...renderOptionsOf(moment, options, 'step'), layers: STATIC_LAYERS });
}

/** The static layers of a running session's frame: the table and the client (and, in a solid view, what keeps still). */
export function figureBaseSvg(moment: Moment, options: FigureOptions): string {
  return layersSvg(moment, options, STATIC_LAYERS, null, 'step');
}

/** The overlays the player stacks on the base: the safety marks (they change with the step) and the moving hands. */
export const OVERLAY_LAYERS: readonly (readonly RenderLayer[])[] = [
  MOVING_LAYERS.filter((l) => l === 'safety'),
  MOVING_LAYERS.filter((l) => l !== 'safety' && l !== 'captions'),
];

/**
 * A running session's frame in one pass, as the base (STATIC_LAYERS) and then each overlay (OVERLAY_LAYERS), each
 * cropped as figureBaseSvg and figureOverlaySvg draw them: for a solid view, where what keeps still is worked out
 * with the moving parts, so drawing the layers apart would do that work twice.
 */
export function figureLayersSvgs(moment: Moment, options: FigureOptions): string[] {
  const svgs = renderMomentLayers(moment, renderOptionsOf(moment, options, 'step'), [
    STATIC_LAYERS,
    ...OVERLAY_LAYERS,
  ]);
  return svgs.map((svg) => svgCropped(svg, options.width, options.height, null));
}

/** Some of the moving layers of a running session's frame on a transparent canvas, to lie over the base. */
export function figureOverlaySvg(
  moment: Moment,
  options: FigureOptions,
  layers: readonly RenderLayer[],
): string {
  return layersSvg(moment, options, layers, null, 'step');
}

/** The session time at which a step's still is drawn: the middle of its first repetition's stroke. */
export function stillTimeFor(step: Pick<PlannedStep, 'start' | 'duration' | 'reps'>): number {
  const rep = step.duration / Math.max(1, step.reps);
  return step.start + Math.min(step.duration, rep * 0.45);
}
