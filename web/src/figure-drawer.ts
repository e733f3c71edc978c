// Draws the live figure through its worker (web/src/figure-worker.ts), so the page's main thread only writes the
// changed layers into the DOM, and on the page itself until the worker is ready, where there is none, or once it
// failed. At most one frame is asked of the worker at a time; a frame asked for meanwhile waits, and a newer one
// takes its place, so a slow frame delays the picture rather than piling up work.
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import type { FigureOptions } from './figure.js';
import { type FigureElements, FigureLayers, showFigureFrame } from './figure-layers.js';
import type { FigureAnswer, FigureRequest } from './figure-work.js';

/** What the drawer needs of a worker (a browser Worker, or a stand-in in tests). */
export interface FigureWorkerPort {
  postMessage(request: FigureRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FigureAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** How long a frame asked of the worker may go unanswered before the page draws on its own (real milliseconds). */
export const WORKER_TIMEOUT_MS = 3000;

/** A frame or a still to draw, and what to do once it is on screen. */
interface Wanted {
  readonly make: (id: number) => FigureRequest;
  readonly plan: Plan;
  readonly local: (layers: FigureLayers) => void;
  readonly shown: () => void;
}

/** Draws the figure's frames and stills, in the worker when it can. */
export class FigureDrawer {
  private local: FigureLayers | null = null;
  private isReady = false;
  private hasFailed: boolean;
  private lastPlan: Plan | null = null;
  private lastId = 0;
  private inFlight: (Wanted & { readonly id: number; readonly sentAt: number }) | null = null;
  private pending: Wanted | null = null;

  /** `worker` is null where there is none (the figure is then drawn on the page); `now` is the page's clock. */
  constructor(
    private readonly elements: FigureElements,
    private readonly options: FigureOptions,
    private readonly worker: FigureWorkerPort | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.hasFailed = worker === null;
    if (!worker) return;
    worker.onmessage = (event) => this.answered(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failed(`the figure worker failed: ${event.message}`);
    };
    worker.postMessage({ kind: 'options', options });
  }

  /** Whether frames are now drawn by the worker. */
  get isInWorker(): boolean {
    return this.isReady && !this.hasFailed;
  }

  /** Draws the frame at session time `t`, animated; `shown` runs once it is on screen. */
  frameDrawn(plan: Plan, t: number, frameNow: number, shown: () => void): void {
    this.wanted({
      make: (id) => ({ kind: 'frame', id, t, frameNow }),
      plan,
      local: (layers) => layers.drawn(momentAt(plan, t, bodyMap), plan, frameNow),
      shown,
    });
  }

  /** Draws a step's still (the get-ready preview, or every picture when motion is reduced); `shown` as above. */
  stillDrawn(plan: Plan, stepIndex: number, shown: () => void): void {
    this.wanted({
      make: (id) => ({ kind: 'still', id, stepIndex }),
      plan,
      local: (layers) => layers.stillDrawn(plan, stepIndex),
      shown,
    });
  }

  /** Fills the caches for step `index` before it begins, where the frames are drawn. */
  stepPrimed(plan: Plan, index: number): void {
    if (this.worker && !this.hasFailed) {
      this.planSent(plan);
      this.worker.postMessage({ kind: 'prime', index });
      // Until the worker is ready the page draws, and its own caches serve.
      if (this.isReady) return;
    }
    this.layers().stepPrimed(plan, index);
  }

  /** Stops the worker; the drawer draws nothing more. */
  close(): void {
    this.worker?.terminate();
    this.pending = null;
    this.inFlight = null;
  }

  private wanted(w: Wanted): void {
    if (!this.isInWorker) {
      w.local(this.layers());
      w.shown();
      return;
    }
    if (!this.inFlight) {
      this.sent(w);
      return;
    }
    this.pending = w;
    if (this.now() - this.inFlight.sentAt >= WORKER_TIMEOUT_MS)
      this.failed(`the figure worker did not answer in ${WORKER_TIMEOUT_MS} ms`);
  }

  private sent(w: Wanted): void {
    this.planSent(w.plan);
    const id = ++this.lastId;
    this.inFlight = { ...w, id, sentAt: this.now() };
    this.worker!.postMessage(w.make(id));
  }

  private planSent(plan: Plan): void {
    if (plan === this.lastPlan) return;
    this.lastPlan = plan;
    this.worker!.postMessage({ kind: 'plan', plan });
  }

  private answered(answer: FigureAnswer): void {
    if (this.hasFailed) return;
    if (answer.kind === 'ready') {
      this.isReady = true;
      // The worker draws from here on, from a fresh start: every layer is written again by its first frame.
      this.local = null;
      return;
    }
    const w = this.inFlight;
    if (!w || answer.id !== w.id) return;
    if (answer.kind === 'failed') {
      this.failed(answer.message);
      return;
    }
    this.inFlight = null;
    if (answer.frame) showFigureFrame(this.elements, answer.frame);
    w.shown();
    const next = this.pending;
    this.pending = null;
    if (next) this.sent(next);
  }

  /**
   * Draws on the page from now on, starting with the latest frame asked for: with a fresh FigureLayers, since the
   * worker wrote the layers since the last one.
   */
  private failed(message: string): void {
    if (this.hasFailed) return;
    console.error(message);
    this.hasFailed = true;
    this.local = null;
    this.worker?.terminate();
    const w = this.pending ?? this.inFlight;
    this.pending = null;
    this.inFlight = null;
    if (w) {
      w.local(this.layers());
      w.shown();
    }
  }

  private layers(): FigureLayers {
    this.local ??= new FigureLayers(this.elements, this.options);
    return this.local;
  }
}
