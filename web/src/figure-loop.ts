// The player's frame loop: the session player advances (beeps, get-ready, auto-advance, end), the figure is drawn
// at most figureFps times a second and only when the time or the plan changed, the text about once a second. The
// loop asks for an animation frame only when the next figure is due (a timer waits out the frames in between), so
// the page is not woken for every display frame just to find nothing to draw. The figure's frames are worked out in
// its worker (FigureDrawer); the text and the voice follow the clock here, whatever the worker does.
import { type RefObject, useEffect } from 'react';
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt } from '../../src/core/timeline.js';
import { bodyMap } from './body-map.js';
import { FigureDrawer, type FigureWorkerPort } from './figure-drawer.js';
import type { UiLanguage } from './i18n.js';
import type { SessionPlayer } from './session-player.js';
import { positionSaved } from './session-store.js';

/** While playing, the position is saved this often (real milliseconds). */
const SAVE_EVERY_MS = 3000;
export const FIGURE_WIDTH = 960;
export const FIGURE_HEIGHT = 540;

/**
 * The figure's canvas: as wide as the figure is shown when that is narrower than 960 px (a phone), so the renderer's
 * labels, never under 12 px on the canvas, stay 12 px on the screen; 960×540 otherwise (and before layout).
 */
export function figureCanvasSize(shownWidth: number): { width: number; height: number } {
  if (!(shownWidth > 0) || shownWidth >= FIGURE_WIDTH) return { width: FIGURE_WIDTH, height: FIGURE_HEIGHT };
  const width = Math.max(320, Math.round(shownWidth));
  return { width, height: Math.round((width * FIGURE_HEIGHT) / FIGURE_WIDTH) };
}

function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

const now = () => performance.now();

/** The figure's worker, or null where the browser cannot start one (the page then draws the figure itself). */
function figureWorkerStarted(): FigureWorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./figure-worker.ts', import.meta.url), {
      type: 'module',
      name: 'figure',
    }) as unknown as FigureWorkerPort;
  } catch {
    return null;
  }
}

/** The figure's elements: its root (which names the view) and its three stacked layers. */
export interface FigureRefs {
  readonly root: RefObject<HTMLDivElement | null>;
  readonly base: RefObject<HTMLDivElement | null>;
  readonly safety: RefObject<HTMLDivElement | null>;
  readonly hands: RefObject<HTMLDivElement | null>;
  /** Where the worker's bitmap of the hands is shown (over the hands' SVG layer, which it then leaves empty). */
  readonly handsCanvas: RefObject<HTMLCanvasElement | null>;
}

/** The most device pixels per CSS pixel the hands are drawn at (a phone's 3 costs more than it shows). */
const MAX_PIXEL_RATIO = 2;

/** The hands canvas's bitmap size for the figure as shown now. */
function handsCanvasSize(root: HTMLElement): { width: number; height: number } {
  const ratio = Math.min(MAX_PIXEL_RATIO, Math.max(1, globalThis.devicePixelRatio || 1));
  return { width: Math.round(root.clientWidth * ratio), height: Math.round(root.clientHeight * ratio) };
}

export interface FigureLoopOptions {
  readonly figure: FigureRefs;
  readonly player: SessionPlayer;
  readonly sessionId: string;
  readonly language: UiLanguage;
  readonly figureFps: number;
  /** Draw each step's still instead of animating it. */
  readonly isReducedMotion: boolean;
  /** Whether the session has ended (the loop stops). */
  readonly isEnded: () => boolean;
  /** The session played to its end. */
  readonly onFinished: () => void;
  /** A moment was drawn (or the get-ready seconds changed): the text may follow. */
  readonly onMoment: (moment: Moment) => void;
  /** The running step's cue changed while playing (not during the get-ready countdown). */
  readonly onCue: (moment: Moment) => void;
}

/** Runs the frame loop while mounted; see the file's header. */
export function useFigureLoop(options: FigureLoopOptions): void {
  const { figure, player: sp, sessionId, language, figureFps, isReducedMotion } = options;
  const { isEnded, onFinished, onMoment, onCue } = options;
  useEffect(() => {
    const root = figure.root.current;
    const base = figure.base.current;
    const safety = figure.safety.current;
    const hands = figure.hands.current;
    if (!root || !base || !safety || !hands) return;
    const handsCanvas = figure.handsCanvas.current;
    const drawer = new FigureDrawer(
      { root, base, overlays: [safety, hands], handsCanvas },
      {
        ...figureCanvasSize(root.clientWidth),
        theme: prefersDark() ? 'dark' : 'light',
        language,
        excluded: [],
      },
      // Reduced motion draws one still a step: too little work to hand to a worker.
      isReducedMotion ? null : figureWorkerStarted(),
    );
    // The hands as the worker's bitmaps, the size of the figure on screen (kept so when the figure is resized).
    let resized: ResizeObserver | null = null;
    if (handsCanvas) {
      let last = { width: 0, height: 0 };
      const sized = () => {
        const size = handsCanvasSize(root);
        if (size.width === last.width && size.height === last.height) return;
        last = size;
        handsCanvas.width = size.width;
        handsCanvas.height = size.height;
        drawer.canvasSized(size.width, size.height);
      };
      sized();
      if (typeof ResizeObserver !== 'undefined') {
        resized = new ResizeObserver(sized);
        resized.observe(root);
      }
    }
    let raf = 0;
    let timer = 0;
    const period = 1000 / figureFps;
    let lastSaveAt = now();
    let lastWorkT = Number.NaN;
    let lastWorkPlan: Plan | null = null;
    let lastWorkPlaying: boolean | null = null;
    let lastMoment: Moment | null = null;
    let lastPrimedStep = -1;
    let lastCueKey = '';
    let lastCueT = Number.NaN;
    const figureDrawn = () => {
      if (root.dataset.drawn === 'true') return;
      root.dataset.drawn = 'true';
      // The benchmark reads when the first figure appeared.
      performance.mark('figure-drawn');
    };
    let lastCheckAt = Number.NEGATIVE_INFINITY;
    const frame = (frameNow: number) => {
      raf = 0;
      if (isEnded()) return;
      // Not yet due (an early frame): wait for the next one.
      if (frameNow - lastCheckAt < period - 2) {
        raf = requestAnimationFrame(frame);
        return;
      }
      lastCheckAt = frameNow;
      // The next check: a timer sleeps through the display frames between, then one animation frame draws.
      timer = window.setTimeout(
        () => {
          timer = 0;
          raf = requestAnimationFrame(frame);
        },
        Math.max(0, period - 6),
      );
      const t = sp.tick();
      if (sp.isFinished) {
        onFinished();
        return;
      }
      if (sp.isPlaying && frameNow - lastSaveAt >= SAVE_EVERY_MS) {
        lastSaveAt = frameNow;
        positionSaved(sessionId, t);
      }
      // Nothing below runs while nothing changes (the get-ready countdown changes only the text).
      const p = sp.plan;
      const ready = sp.getReady;
      const isSame = t === lastWorkT && p === lastWorkPlan && sp.isPlaying === lastWorkPlaying;
      if (isSame && !ready) return;
      if (isSame && lastMoment) {
        // The get-ready countdown: the picture stands still, only its seconds change.
        onMoment(lastMoment);
        return;
      }
      // A jump back in time (Previous, a retry) says the step's cue again.
      if (t < lastCueT) lastCueKey = '';
      lastCueT = t;
      lastWorkT = t;
      lastWorkPlan = p;
      lastWorkPlaying = sp.isPlaying;
      const m = momentAt(p, t, bodyMap);
      lastMoment = m;
      if (m.stepIndex !== lastPrimedStep) {
        // The next step's caches, for the plan as it is now (a pain report may have softened it).
        lastPrimedStep = m.stepIndex;
        drawer.stepPrimed(p, m.stepIndex + 1);
      }
      // The get-ready countdown previews the coming step: its still, from its view.
      if (isReducedMotion || ready) drawer.stillDrawn(p, ready?.stepIndex ?? m.stepIndex, figureDrawn);
      else drawer.frameDrawn(p, t, frameNow, figureDrawn);
      onMoment(m);
      // The cue is spoken once the step runs (the get-ready countdown speaks its own words).
      if (ready) return;
      const cueKey = m.cue ? `${m.stepIndex}|${m.cue.kind}|${m.cue.text}` : '';
      if (cueKey !== lastCueKey) {
        lastCueKey = cueKey;
        if (sp.isPlaying && m.cue) onCue(m);
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      resized?.disconnect();
      drawer.close();
    };
  }, [figure, sp, sessionId, language, figureFps, isReducedMotion, isEnded, onFinished, onMoment, onCue]);
}
