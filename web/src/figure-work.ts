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
  /** How the figure is drawn: sent first, before any other request. */
  | { readonly kind: 'options'; readonly options: FigureOptions }
  /** The plan the next requests draw from (sent again whenever it changes: a pain report softens a step). */
  | { readonly kind: 'plan'; readonly plan: Plan }
  /** The frame at session time `t`, animated; `frameNow` is the page's clock (the safety marks' pace). */
  | { readonly kind: 'frame'; readonly id: number; readonly t: number; readonly frameNow: number }
  /** A step's still (the get-ready preview, or every picture when motion is reduced). */
  | { readonly kind: 'still'; readonly id: number; readonly stepIndex: number }
  /** Fill the renderer's caches for a step before it begins; answers nothing. */
  | { readonly kind: 'prime'; readonly index: number };

/** The worker's answer to a frame or a still: the layers' changes (null: nothing to change), or why it failed. */
export type FigureAnswer =
  | { readonly kind: 'ready' }
  | { readonly kind: 'frame'; readonly id: number; readonly frame: FigureFrame | null }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** How long the worker waits with no frame asked of it before it primes a step (milliseconds). */
export const PRIME_AFTER_IDLE_MS = 150;

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
 * FigureFrames that remembers what each layer shows. A step is primed only once no frame was asked for during
 * PRIME_AFTER_IDLE_MS (the get-ready countdown, a pause), and only the latest step asked for: a cold step takes
 * longer than many frames, and would hold the picture still while it plays.
 */
export function figureWorkHandler(
  post: (answer: FigureAnswer) => void,
  time: FigureWorkTime = REAL_TIME,
): (request: FigureRequest) => void {
  let frames: FigureFrames | null = null;
  let plan: Plan | null = null;
  let primeWanted: { readonly plan: Plan; readonly index: number } | null = null;
  let lastAskedAt = Number.NEGATIVE_INFINITY;
  const primeWhenIdle = () => {
    const idle = time.now() - lastAskedAt;
    if (idle < PRIME_AFTER_IDLE_MS) {
      time.later(primeWhenIdle, PRIME_AFTER_IDLE_MS - idle);
      return;
    }
    const wanted = primeWanted;
    primeWanted = null;
    if (wanted && frames) frames.primed(wanted.plan, wanted.index);
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
        if (!primeWanted) time.later(primeWhenIdle, PRIME_AFTER_IDLE_MS);
        primeWanted = { plan, index: request.index };
        return;
      case 'frame':
      case 'still': {
        const f = frames;
        const p = plan;
        if (!f || !p) {
          post({ kind: 'failed', id: request.id, message: 'the figure worker has no options or plan yet' });
          return;
        }
        try {
          const frame =
            request.kind === 'still'
              ? f.still(p, request.stepIndex)
              : f.drawn(momentAt(p, request.t, bodyMap), p, request.frameNow);
          post({ kind: 'frame', id: request.id, frame });
        } catch (error) {
          post({ kind: 'failed', id: request.id, message: String(error) });
        }
        // Idle is counted from the end of the last frame (a slow frame is not idle time).
        lastAskedAt = time.now();
      }
    }
  };
}
