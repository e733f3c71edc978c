// The figure's drawing as messages: what the page asks of the figure's worker (web/src/figure-worker.ts) and what
// it answers. The worker works out each frame's layers (momentAt, the renderer's SVG strings, which layers changed)
// so the page's main thread only writes the changes into the DOM.
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import type { FigureOptions } from './figure.js';
import { type FigureFrame, FigureFrames } from './figure-frames.js';

/** A request of the page to the figure's worker. */
export type FigureRequest =
  /**
   * How the figure is drawn: sent first. Sent again, it starts the layers afresh (the next frame changes every
   * layer), keeping the renderer's caches.
   */
  | { readonly kind: 'options'; readonly options: FigureOptions }
  /** The plan the next requests draw from (sent again whenever it changes: a pain report softens a step). */
  | { readonly kind: 'plan'; readonly plan: Plan }
  /** The frame at session time `t`, animated; `frameNow` is the page's clock (the safety marks' pace). */
  | { readonly kind: 'frame'; readonly id: number; readonly t: number; readonly frameNow: number }
  /** A step's still (the get-ready preview, or every picture when motion is reduced). */
  | { readonly kind: 'still'; readonly id: number; readonly stepIndex: number }
  /**
   * Fill the renderer's caches for a step before it begins; answers nothing. Urgent while the page still draws the
   * frames itself (the worker's answers are not shown yet, so priming at once holds nothing up).
   */
  | { readonly kind: 'prime'; readonly index: number; readonly isUrgent: boolean };

/**
 * The worker's answer to a frame or a still: the layers' changes (null: nothing to change), the worker's
 * milliseconds spent on them and whether a step waits to be primed; or why it failed.
 */
export type FigureAnswer =
  | {
      readonly kind: 'frame';
      readonly id: number;
      readonly frame: FigureFrame | null;
      readonly ms: number;
      readonly isPriming: boolean;
    }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** How long the worker waits with no frame asked of it before it primes a step (milliseconds)... */
export const PRIME_AFTER_IDLE_MS = 150;
/** ...and how long at most, whether idle or not, after the step was asked for. */
export const PRIME_WITHIN_MS = 1000;

/** The clock and the timer the worker's side uses (a test passes its own). */
export interface FigureWorkTime {
  readonly now: () => number;
  readonly later: (f: () => void, ms: number) => void;
}

const REAL_TIME: FigureWorkTime = {
  now: () => performance.now(),
  later: (f, ms) => setTimeout(f, ms),
};

/**
 * The worker's side: a function that answers each request through `post`, holding the options, the plan and the
 * FigureFrames that remembers what each layer shows. A step is primed once no frame was asked for during
 * PRIME_AFTER_IDLE_MS (the get-ready countdown, a pause) or PRIME_WITHIN_MS after it was asked for (at once when
 * urgent), and only the latest step asked for: a cold step can take longer than many frames, and holds the picture
 * still meanwhile.
 */
export function figureWorkHandler(
  post: (answer: FigureAnswer) => void,
  time: FigureWorkTime = REAL_TIME,
): (request: FigureRequest) => void {
  let frames: FigureFrames | null = null;
  let plan: Plan | null = null;
  let primeWanted: { readonly plan: Plan; readonly index: number; readonly at: number } | null = null;
  let lastAnsweredAt = Number.NEGATIVE_INFINITY;
  const primeWhenIdle = () => {
    const wanted = primeWanted;
    if (!wanted) return;
    const now = time.now();
    const idle = now - lastAnsweredAt;
    const waited = now - wanted.at;
    if (idle < PRIME_AFTER_IDLE_MS && waited < PRIME_WITHIN_MS) {
      time.later(primeWhenIdle, Math.min(PRIME_AFTER_IDLE_MS - idle, PRIME_WITHIN_MS - waited));
      return;
    }
    primeWanted = null;
    frames?.primed(wanted.plan, wanted.index);
  };
  return (request) => {
    switch (request.kind) {
      case 'options':
        frames = new FigureFrames(request.options);
        return;
      case 'plan':
        plan = request.plan;
        return;
      case 'prime':
        if (!plan) return;
        if (request.isUrgent) time.later(primeWhenIdle, 0);
        else if (!primeWanted) time.later(primeWhenIdle, PRIME_AFTER_IDLE_MS);
        primeWanted = {
          plan,
          index: request.index,
          at: request.isUrgent ? Number.NEGATIVE_INFINITY : (primeWanted?.at ?? time.now()),
        };
        return;
      case 'frame':
      case 'still': {
        const f = frames;
        const p = plan;
        if (!f || !p) {
          post({ kind: 'failed', id: request.id, message: 'the figure worker has no options or plan yet' });
          return;
        }
        const start = time.now();
        try {
          const frame =
            request.kind === 'still'
              ? f.still(p, request.stepIndex)
              : f.drawn(momentAt(p, request.t, bodyMap), p, request.frameNow);
          lastAnsweredAt = time.now();
          const ms = lastAnsweredAt - start;
          post({ kind: 'frame', id: request.id, frame, ms, isPriming: primeWanted !== null });
        } catch (error) {
          lastAnsweredAt = time.now();
          post({ kind: 'failed', id: request.id, message: String(error) });
        }
      }
    }
  };
}
