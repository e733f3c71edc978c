// The live figure's three stacked layers in the DOM: the base, the safety marks and the moving hands. What each
// shows next is worked out by FigureFrames (web/src/figure-frames.ts), here on the page or in the figure's worker;
// this file writes those changes, morphing a running frame's layers in place and writing a still whole.
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import type { FigureOptions } from './figure.js';
import { type FigureFrame, FigureFrames } from './figure-frames.js';
import { svgMorphed } from './svg-morph.js';

/** The figure's DOM: the base layer and one element per overlay (OVERLAY_LAYERS' order). */
export interface FigureElements {
  /** The element that says which view is shown (`data-view`). */
  readonly root: HTMLElement;
  readonly base: HTMLElement;
  readonly overlays: readonly HTMLElement[];
  /**
   * Where the worker's bitmap of the last overlay (the moving hands) is shown, over the layers: a canvas of its own
   * (`bitmaprenderer`), emptied whenever that overlay is drawn as SVG instead.
   */
  readonly handsCanvas?: HTMLCanvasElement | null;
}

/**
 * Writes a frame's changes into the figure's layers, as `showFigureFrame`, with the hands as the worker drew them:
 * a bitmap shown on the hands canvas (the hands' SVG layer emptied), null to empty that canvas, undefined to leave it.
 */
export function showFigureAnswer(
  elements: FigureElements,
  frame: FigureFrame,
  hands: ImageBitmap | null | undefined,
): void {
  showFigureFrame(elements, frame);
  const canvas = elements.handsCanvas;
  if (hands === undefined || !canvas) return;
  if (hands === null) {
    handsCanvasEmptied(elements);
    return;
  }
  canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(hands);
  canvas.dataset.drawn = 'true';
  elements.root.dataset.hands = 'canvas';
  const svgLayer = elements.overlays.at(-1);
  if (svgLayer?.firstChild) svgLayer.replaceChildren();
}

/** Empties the hands canvas, if it shows anything. */
function handsCanvasEmptied(elements: FigureElements): void {
  const canvas = elements.handsCanvas;
  if (canvas?.dataset.drawn !== 'true') return;
  canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(null);
  delete canvas.dataset.drawn;
}

/** Writes a frame's changes into the figure's layers: the view, a still whole, a running frame's layers morphed. */
export function showFigureFrame(elements: FigureElements, frame: FigureFrame): void {
  if (elements.root.dataset.view !== frame.view) elements.root.dataset.view = frame.view;
  if (frame.isStill && frame.base !== null) {
    elements.base.innerHTML = frame.base;
    for (const layer of elements.overlays) layer.innerHTML = '';
    handsCanvasEmptied(elements);
    return;
  }
  if (frame.base !== null) svgMorphed(elements.base, frame.base);
  frame.overlays.forEach((svg, i) => {
    const layer = elements.overlays[i];
    if (layer && svg !== null) svgMorphed(layer, svg);
  });
  // The hands drawn as SVG: the canvas must not show older hands over them.
  if (frame.overlays.at(-1) != null) {
    handsCanvasEmptied(elements);
    if (elements.handsCanvas) elements.root.dataset.hands = 'svg';
  }
}

/** Draws moments into the figure's layers on the page itself, replacing or morphing only what changed. */
export class FigureLayers {
  private readonly frames: FigureFrames;

  constructor(
    private readonly elements: FigureElements,
    options: FigureOptions,
  ) {
    this.frames = new FigureFrames(options);
  }

  /** Draws the moment, animated, from its view: the base when its key changes, each overlay when its SVG does. */
  drawn(moment: Moment, plan: Plan, frameNow: number): void {
    showFigureFrame(this.elements, this.frames.drawn(moment, plan, frameNow));
  }

  /**
   * Draws a step's still, from its view, as one whole frame in the base, the overlays emptied: the picture when
   * motion is reduced, and the preview of the coming step during the get-ready countdown.
   */
  stillDrawn(plan: Plan, stepIndex: number): void {
    const frame = this.frames.still(plan, stepIndex);
    if (frame) showFigureFrame(this.elements, frame);
  }

  /** Fills the caches for step `index` while the browser is idle, so the frame where it begins stays light. */
  stepPrimed(plan: Plan, index: number): void {
    whenIdle(() => this.frames.primed(plan, index));
  }
}

/** Runs `f` when the browser is idle (after 200 ms where it cannot say). */
function whenIdle(f: () => void): void {
  if (globalThis.requestIdleCallback) globalThis.requestIdleCallback(f, { timeout: 2000 });
  else setTimeout(f, 200);
}
