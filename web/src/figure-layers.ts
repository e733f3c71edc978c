// The live figure's three stacked layers and their caches: the base (the table and the client, and in a solid view
// whatever keeps still through the repetition; redrawn only when the renderer's static-layers key changes), the
// safety marks (looked at on a change of step or base and twice a second) and the moving hands (morphed in place
// every frame). Keeping the last SVG of each layer here means a frame that changes nothing touches no DOM.
import type { View } from '../../src/core/ids.js';
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { momentView } from '../../src/render/index.js';
import { bodyMap } from './body-map.js';
import {
  type FigureOptions,
  figureBaseKey,
  figureBaseSvg,
  figureLayersSvgs,
  figureOverlaySvg,
  figureSvg,
  OVERLAY_LAYERS,
  stillTimeFor,
} from './figure.js';
import { svgMorphed } from './svg-morph.js';

/** How often the safety marks are redrawn within a step (real milliseconds). */
const SAFETY_EVERY_MS = 500;

/** The figure's DOM: the base layer and one element per overlay (OVERLAY_LAYERS' order). */
export interface FigureElements {
  /** The element that says which view is shown (`data-view`). */
  readonly root: HTMLElement;
  readonly base: HTMLElement;
  readonly overlays: readonly HTMLElement[];
}

/** Draws moments into the figure's layers, replacing or morphing only what changed. */
export class FigureLayers {
  private lastBaseKey = '';
  private readonly lastSvgs: string[] = [];
  private lastSafetyStep = -1;
  private lastSafetyAt = Number.NEGATIVE_INFINITY;
  private lastStill = '';

  constructor(
    private readonly elements: FigureElements,
    private readonly options: FigureOptions,
  ) {}

  /** Draws the moment, animated, from its view: the base when its key changes, each overlay when its SVG does. */
  drawn(moment: Moment, plan: Plan, frameNow: number): void {
    const options = { ...this.options, excluded: plan.excludedRegions };
    const view = momentView(moment);
    this.viewShown(view);
    if (view === 'top') {
      // From above the base changes only with the position, theme, size and language: its key is cheap, and the
      // overlays are drawn on their own.
      this.baseShown(figureBaseKey(moment, options), () => figureBaseSvg(moment, options));
      OVERLAY_LAYERS.forEach((layers, i) => {
        if (this.isSafetyDue(layers, moment, frameNow))
          this.overlayShown(i, figureOverlaySvg(moment, options, layers));
      });
      return;
    }
    // A solid view works out what keeps still together with what moves: every layer in one pass, and the base
    // replaced when its own text changes.
    const [base, ...overlays] = figureLayersSvgs(moment, options);
    this.baseShown(base!, () => base!);
    OVERLAY_LAYERS.forEach((layers, i) => {
      if (this.isSafetyDue(layers, moment, frameNow)) this.overlayShown(i, overlays[i]!);
    });
  }

  /** Replaces the base when its key changed (a new view, or a solid view's next repetition). */
  private baseShown(key: string, svg: () => string): void {
    if (key === this.lastBaseKey) return;
    this.lastBaseKey = key;
    this.lastStill = '';
    // A new base: the safety marks are looked at again at once.
    this.lastSafetyStep = -1;
    svgMorphed(this.elements.base, svg());
  }

  /** Whether this overlay is drawn now: the safety marks on a change of step or base and twice a second. */
  private isSafetyDue(layers: readonly string[], moment: Moment, frameNow: number): boolean {
    if (!layers.includes('safety')) return true;
    if (moment.stepIndex === this.lastSafetyStep && frameNow - this.lastSafetyAt < SAFETY_EVERY_MS)
      return false;
    this.lastSafetyStep = moment.stepIndex;
    this.lastSafetyAt = frameNow;
    return true;
  }

  /** Morphs an overlay into this SVG unless it already shows it. */
  private overlayShown(i: number, svg: string): void {
    const layer = this.elements.overlays[i];
    if (layer && svg !== this.lastSvgs[i]) {
      this.lastSvgs[i] = svg;
      svgMorphed(layer, svg);
    }
  }

  /**
   * Draws a step's still, from its view, as one whole frame in the base, the overlays emptied: the picture when
   * motion is reduced, and the preview of the coming step during the get-ready countdown.
   */
  stillDrawn(plan: Plan, stepIndex: number): void {
    const step = plan.steps[stepIndex];
    if (!step) return;
    const moment = momentAt(plan, stillTimeFor(step), bodyMap);
    const key = `${stepIndex}|${step.title}|${plan.steps.length}|${step.pressure}`;
    this.viewShown(momentView(moment));
    if (key === this.lastStill) return;
    this.lastStill = key;
    // Hidden from assistive technology: the figure's container names the step (the text drawn as paths
    // carries aria-labels that axe forbids on paths an image's role does not hide).
    const options = { ...this.options, excluded: plan.excludedRegions, label: null };
    this.elements.base.innerHTML = figureSvg(moment, options);
    this.overlaysEmptied();
    this.lastBaseKey = '';
  }

  private overlaysEmptied(): void {
    for (const layer of this.elements.overlays) layer.innerHTML = '';
    this.lastSvgs.length = 0;
    this.lastSafetyStep = -1;
  }

  private viewShown(view: View): void {
    if (this.elements.root.dataset.view !== view) this.elements.root.dataset.view = view;
  }

  /** Fills the caches for step `index` while the browser is idle, so the frame where it begins stays light. */
  stepPrimed(plan: Plan, index: number): void {
    whenIdle(() => this.primed(plan, index));
  }

  private primed(plan: Plan, index: number): void {
    const step = plan.steps[index];
    if (!step) return;
    const options = { ...this.options, excluded: plan.excludedRegions };
    const moment = momentAt(plan, step.start + Math.min(0.5, step.duration / 2), bodyMap);
    // As drawn() will draw it: from above layer by layer, a solid view in one pass.
    if (momentView(moment) !== 'top') {
      figureLayersSvgs(moment, options);
      return;
    }
    figureBaseSvg(moment, options);
    for (const layers of OVERLAY_LAYERS) figureOverlaySvg(moment, options, layers);
  }
}

/** Runs `f` when the browser is idle (after 200 ms where it cannot say). */
function whenIdle(f: () => void): void {
  if (globalThis.requestIdleCallback) globalThis.requestIdleCallback(f, { timeout: 2000 });
  else setTimeout(f, 200);
}
