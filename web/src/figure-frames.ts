// What each of the live figure's three stacked layers must show next, worked out with no DOM, so that it can run in a
// worker as well as on the page: the base (the table and the client, and in a solid view whatever keeps still through
// the repetition; redrawn only when the renderer's static-layers key changes), the safety marks (looked at on a
// change of step or base and twice a second) and the moving hands. Keeping the last SVG of each layer here means a
// frame that changes nothing asks for no change of the DOM.
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

/** How often the safety marks are redrawn within a step (real milliseconds). */
const SAFETY_EVERY_MS = 500;

/** What changes in the figure's layers: the view, and each layer's new SVG where it changed. */
export interface FigureFrame {
  readonly view: View;
  /** The base's new SVG, or null when it keeps what it shows. */
  readonly base: string | null;
  /** Whether the base is a whole still (written as it is, the overlays emptied) rather than a running frame's base. */
  readonly isStill: boolean;
  /** Each overlay's new SVG (OVERLAY_LAYERS' order), or null when it keeps what it shows. */
  readonly overlays: readonly (string | null)[];
}

/** Works out, frame after frame, which of the figure's layers change and into what. */
export class FigureFrames {
  private lastBaseKey = '';
  private readonly lastSvgs: (string | undefined)[] = [];
  private lastSafetyStep = -1;
  private lastSafetyAt = Number.NEGATIVE_INFINITY;
  private lastStill = '';

  constructor(private readonly options: FigureOptions) {}

  /** The changes that draw this moment, animated, from its view: the base when its key changed, each overlay when its SVG did. */
  drawn(moment: Moment, plan: Plan, frameNow: number): FigureFrame {
    const options = { ...this.options, excluded: plan.excludedRegions };
    const view = momentView(moment);
    if (view === 'top') {
      // From above the base changes only with the position, theme, size and language: its key is cheap, and the
      // overlays are drawn on their own.
      const base = this.baseChanged(figureBaseKey(moment, options), () => figureBaseSvg(moment, options));
      const overlays = OVERLAY_LAYERS.map((layers, i) =>
        this.isSafetyDue(layers, moment, frameNow)
          ? this.overlayChanged(i, figureOverlaySvg(moment, options, layers))
          : null,
      );
      return { view, base, isStill: false, overlays };
    }
    // A solid view works out what keeps still together with what moves: every layer in one pass, and the base
    // replaced when its own text changes.
    const [baseSvg, ...svgs] = figureLayersSvgs(moment, options);
    const base = this.baseChanged(baseSvg!, () => baseSvg!);
    const overlays = OVERLAY_LAYERS.map((layers, i) =>
      this.isSafetyDue(layers, moment, frameNow) ? this.overlayChanged(i, svgs[i]!) : null,
    );
    return { view, base, isStill: false, overlays };
  }

  /**
   * The changes that show a step's still, from its view, as one whole frame in the base, the overlays emptied: the
   * picture when motion is reduced, and the preview of the coming step during the get-ready countdown. Null for a
   * step outside the plan.
   */
  still(plan: Plan, stepIndex: number): FigureFrame | null {
    const step = plan.steps[stepIndex];
    if (!step) return null;
    const moment = momentAt(plan, stillTimeFor(step), bodyMap);
    const view = momentView(moment);
    const key = `${stepIndex}|${step.title}|${plan.steps.length}|${step.pressure}`;
    if (key === this.lastStill) return { view, base: null, isStill: false, overlays: [] };
    this.lastStill = key;
    // Hidden from assistive technology: the figure's container names the step (the text drawn as paths
    // carries aria-labels that axe forbids on paths an image's role does not hide).
    const options = { ...this.options, excluded: plan.excludedRegions, label: null };
    this.lastSvgs.length = 0;
    this.lastSafetyStep = -1;
    this.lastBaseKey = '';
    return { view, base: figureSvg(moment, options), isStill: true, overlays: OVERLAY_LAYERS.map(() => '') };
  }

  /** Fills the renderer's caches for step `index` (as drawn() will draw it), so the frame where it begins stays light. */
  primed(plan: Plan, index: number): void {
    const step = plan.steps[index];
    if (!step) return;
    const options = { ...this.options, excluded: plan.excludedRegions };
    const moment = momentAt(plan, step.start + Math.min(0.5, step.duration / 2), bodyMap);
    if (momentView(moment) !== 'top') {
      figureLayersSvgs(moment, options);
      return;
    }
    figureBaseSvg(moment, options);
    for (const layers of OVERLAY_LAYERS) figureOverlaySvg(moment, options, layers);
  }

  /** The base's new SVG when its key changed (a new view, or a solid view's next repetition), else null. */
  private baseChanged(key: string, svg: () => string): string | null {
    if (key === this.lastBaseKey) return null;
    this.lastBaseKey = key;
    this.lastStill = '';
    // A new base: the safety marks are looked at again at once.
    this.lastSafetyStep = -1;
    return svg();
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

  /** The overlay's SVG unless it already shows it (then null). */
  private overlayChanged(i: number, svg: string): string | null {
    if (svg === this.lastSvgs[i]) return null;
    this.lastSvgs[i] = svg;
    return svg;
  }
}
