// Draws the live figure through its worker (web/src/figure-worker.ts), so the page's main thread only writes the
// changed layers into the DOM. Until the worker is warm (it has loaded, primed the coming step and drawn a frame in
// less than WARM_FRAME_MS: its first frames compile the renderer and fill its caches, which can take seconds on a
// busy machine), the page draws each frame itself as well as handing the latest one to the worker; it also draws on its
// own where there is no worker, and for good once the worker fails or leaves a frame unanswered WORKER_TIMEOUT_MS.
// At most one frame is asked of the worker at a time; a frame asked for meanwhile waits, and a newer one takes its
// place, so a slow frame delays the picture rather than piling up work.
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import type { FigureOptions } from './figure.js';
import { type FigureElements, FigureLayers, showFigureAnswer } from './figure-layers.js';
import type { FigureAnswer, FigureRequest } from './figure-work.js';

/** What the drawer needs of a worker (a browser Worker, or a stand-in in tests). */
export interface FigureWorkerPort {
  postMessage(request: FigureRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FigureAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A frame the worker draws in less than this (its own milliseconds) says it is warm: it then draws every frame. */
export const WARM_FRAME_MS = 60;
/** How long a frame asked of the warm worker may go unanswered before the page draws on its own (milliseconds). */
export const WORKER_TIMEOUT_MS = 5000;

/** A frame or a still to draw, and what to do once it is on screen. */
interface Wanted {
  readonly make: (id: number) => FigureRequest;
  readonly plan: Plan;
  readonly local: (layers: FigureLayers) => void;
  readonly shown: () => void;
}

/** Where the frames are drawn: on the page while the worker warms up, in the worker, or on the page for good. */
type Stage = 'warming' | 'worker' | 'page';

/** Draws the figure's frames and stills, in the worker when it can. */
export class FigureDrawer {
  private stage: Stage;
  private local: FigureLayers | null = null;
  private lastPlan: Plan | null = null;
  private lastId = 0;
  /** The last request's id when a prime was last sent: an answer to an older request cannot say it is done. */
  private primeSentAtId = 0;
  private inFlight: (Wanted & { readonly id: number; readonly sentAt: number }) | null = null;
  private pending: Wanted | null = null;

  /** `worker` is null where there is none (the figure is then drawn on the page); `now` is the page's clock. */
  constructor(
    private readonly elements: FigureElements,
    private readonly options: FigureOptions,
    private readonly worker: FigureWorkerPort | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.stage = worker ? 'warming' : 'page';
    if (!worker) return;
    worker.onmessage = (event) => this.answered(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failed(`the figure worker failed: ${event.message}`);
    };
    worker.postMessage({ kind: 'options', options });
  }

  /**
   * The hands canvas's size in device pixels: the worker then draws the moving hands as a bitmap for it (a worker
   * without OffscreenCanvas goes on answering SVG). Call again when the figure is resized.
   */
  canvasSized(width: number, height: number): void {
    if (this.stage !== 'page') this.worker!.postMessage({ kind: 'canvas', width, height });
  }

  /** Whether frames are now drawn by the worker. */
  get isInWorker(): boolean {
    return this.stage === 'worker';
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

  /** Fills the caches for step `index` before it begins, where the frames are drawn (both, while warming up). */
  stepPrimed(plan: Plan, index: number): void {
    if (this.stage !== 'page') {
      this.planSent(plan);
      this.worker!.postMessage({ kind: 'prime', index, isUrgent: this.stage === 'warming' });
      this.primeSentAtId = this.lastId;
    }
    if (this.stage !== 'worker') this.layers().stepPrimed(plan, index);
  }

  /** Stops the worker; the drawer draws nothing more. */
  close(): void {
    this.worker?.terminate();
    this.pending = null;
    this.inFlight = null;
  }

  private wanted(w: Wanted): void {
    if (this.stage !== 'worker') {
      this.drawnHere(w);
      // Warming up: the worker draws the latest frame too, to be timed (its answer is not shown).
      if (this.stage === 'warming') {
        if (this.inFlight) this.pending = w;
        else this.sent(w);
      }
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
    const w = this.inFlight;
    const isShown = this.stage === 'worker' && answer.kind === 'frame' && answer.frame !== null;
    // A bitmap not shown is let go at once (its memory is the GPU process's or the renderer's, not the heap's).
    if (answer.kind === 'frame' && answer.hands && (!isShown || !w || answer.id !== w.id))
      answer.hands.close();
    if (this.stage === 'page' || !w || answer.id !== w.id) return;
    if (answer.kind === 'failed') {
      this.failed(answer.message);
      return;
    }
    this.inFlight = null;
    const next = this.pending;
    this.pending = null;
    if (this.stage === 'warming') {
      const isPrimed = answer.id > this.primeSentAtId && !answer.isPriming;
      if (answer.ms < WARM_FRAME_MS && isPrimed) this.warmed();
      else if (next) this.sent(next);
      return;
    }
    if (answer.frame) showFigureAnswer(this.elements, answer.frame, answer.hands);
    w.shown();
    if (next) this.sent(next);
  }

  /**
   * The worker draws from here on, starting its layers afresh (the page drew them meanwhile): its first frame
   * changes every layer.
   */
  private warmed(): void {
    this.stage = 'worker';
    this.local = null;
    this.worker!.postMessage({ kind: 'options', options: this.options });
  }

  /**
   * Draws on the page from now on, starting with the latest frame asked of the worker: with a fresh FigureLayers,
   * since the worker wrote the layers since the last one.
   */
  private failed(message: string): void {
    if (this.stage === 'page') return;
    console.error(message);
    const wasInWorker = this.stage === 'worker';
    this.stage = 'page';
    this.worker?.terminate();
    const w = this.pending ?? this.inFlight;
    this.pending = null;
    this.inFlight = null;
    // While warming up, the page drew every frame already, and its layers are as it left them.
    if (!wasInWorker) return;
    this.local = null;
    if (w) this.drawnHere(w);
  }

  private drawnHere(w: Wanted): void {
    w.local(this.layers());
    w.shown();
  }

  private layers(): FigureLayers {
    this.local ??= new FigureLayers(this.elements, this.options);
    return this.local;
  }
}
