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
  /**
   * The size in device pixels of the canvas the moving hands are shown on: from then on the worker draws that layer
   * itself and answers with a bitmap (`FigureAnswer.hands`), not its SVG. Sent again when the figure is resized.
   */
  | { readonly kind: 'canvas'; readonly width: number; readonly height: number }
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
      /**
       * The hands layer drawn (its SVG then left out of `frame`); null: the hands canvas is to be cleared (a still,
       * or hands the worker could not draw, sent as SVG instead); absent: the canvas keeps what it shows.
       */
      readonly hands?: ImageBitmap | null;
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

/** A copy of `items` with item `i` replaced. */
function replaced<T>(items: readonly T[], i: number, item: T): T[] {
  return items.map((x, k) => (k === i ? item : x));
}

/** Draws a layer's SVG as a bitmap of a size (device pixels), or null when it cannot (the SVG is shown instead). */
export type LayerPainter = (svg: string, width: number, height: number) => ImageBitmap | null;

/**
 * The worker's side: a function that answers each request through `post`, holding the options, the plan and the
 * FigureFrames that remembers what each layer shows. A step is primed once no frame was asked for during
 * PRIME_AFTER_IDLE_MS (the get-ready countdown, a pause) or PRIME_WITHIN_MS after it was asked for (at once when
 * urgent), and only the latest step asked for: a cold step can take longer than many frames, and holds the picture
 * still meanwhile. Given a `painter` and once the page sent a canvas size, the hands layer is answered as a bitmap.
 */
export function figureWorkHandler(
  post: (answer: FigureAnswer) => void,
  time: FigureWorkTime = REAL_TIME,
  painter: LayerPainter | null = null,
): (request: FigureRequest) => void {
  let frames: FigureFrames | null = null;
  let canvas: { readonly width: number; readonly height: number } | null = null;
  // The hands' last SVG, drawn again at the next frame once the canvas has changed size (isRepaintDue).
  let handsSvg: string | null = null;
  let isRepaintDue = false;
  const handsPainted = (
    frame: FigureFrame | null,
  ): Pick<FigureAnswer & { kind: 'frame' }, 'frame' | 'hands'> => {
    if (!painter || !canvas || !frame) return { frame };
    if (frame.isStill) {
      handsSvg = null;
      return { frame, hands: null };
    }
    const last = frame.overlays.length - 1;
    const svg = frame.overlays[last] ?? (isRepaintDue ? handsSvg : null);
    if (svg === null || svg === undefined) return { frame };
    isRepaintDue = false;
    handsSvg = svg;
    const bitmap = painter(svg, canvas.width, canvas.height);
    if (!bitmap) return { frame: { ...frame, overlays: replaced(frame.overlays, last, svg) }, hands: null };
    return { frame: { ...frame, overlays: replaced(frame.overlays, last, null) }, hands: bitmap };
  };
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
        handsSvg = null;
        return;
      case 'canvas':
        canvas =
          request.width > 0 && request.height > 0 ? { width: request.width, height: request.height } : null;
        isRepaintDue = true;
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
          const drawn = handsPainted(
            request.kind === 'still'
              ? f.still(p, request.stepIndex)
              : f.drawn(momentAt(p, request.t, bodyMap), p, request.frameNow),
          );
          lastAnsweredAt = time.now();
          const ms = lastAnsweredAt - start;
          post({ kind: 'frame', id: request.id, ...drawn, ms, isPriming: primeWanted !== null });
        } catch (error) {
          lastAnsweredAt = time.now();
          post({ kind: 'failed', id: request.id, message: String(error) });
        }
      }
    }
  };
}
