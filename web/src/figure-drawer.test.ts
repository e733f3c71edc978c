import { describe, expect, it, vi } from 'vitest';
import { FakeBitmap, FakeCanvas, FakeLayer } from './fake-layer.test-support.js';
import type { FigureOptions } from './figure.js';
import { FigureDrawer, type FigureWorkerPort, WARM_FRAME_MS, WORKER_TIMEOUT_MS } from './figure-drawer.js';
import { FigureFrames } from './figure-frames.js';
import type { FigureElements } from './figure-layers.js';
import {
  type FigureAnswer,
  type FigureRequest,
  figureWorkHandler,
  type LayerPainter,
  PRIME_AFTER_IDLE_MS,
  PRIME_WITHIN_MS,
} from './figure-work.js';
import { momentInto, plannedStep, samplePlan } from './sample-plan.test-support.js';

/**
 * A worker in the same thread, answering only when told to (`answerAll`), as a real one answers later; its
 * answers say they took `frameMs` of the worker's time.
 */
class FakeWorker implements FigureWorkerPort {
  onmessage: ((event: MessageEvent<FigureAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly requests: FigureRequest[] = [];
  frameMs = 5;
  private readonly answers: FigureAnswer[] = [];
  /** The worker's clock and timers (priming waits for them). */
  readonly time = fakeTime();
  private readonly handle: (request: FigureRequest) => void;
  constructor(painter: LayerPainter | null = null) {
    this.handle = figureWorkHandler((answer) => this.answers.push(answer), this.time, painter);
  }
  isTerminated = false;
  postMessage(request: FigureRequest): void {
    this.requests.push(request);
    this.handle(request);
  }
  terminate(): void {
    this.isTerminated = true;
  }
  /** Delivers the answers given so far (those to requests sent meanwhile wait for the next call). */
  answerAll(): void {
    for (const answer of this.answers.splice(0)) {
      const data = answer.kind === 'frame' ? { ...answer, ms: this.frameMs } : answer;
      this.onmessage?.({ data } as MessageEvent<FigureAnswer>);
    }
  }
  kinds(): string[] {
    return this.requests.map((r) => r.kind);
  }
}

const plan = samplePlan();
const OPTIONS: FigureOptions = { width: 960, height: 540, theme: 'light', language: 'en', excluded: [] };
const palm = plannedStep(plan, 'spine-reinforced-palm');

function made(worker: FakeWorker | null, handsCanvas: FakeCanvas | null = null) {
  const root = new FakeLayer();
  const base = new FakeLayer();
  const overlays = [new FakeLayer(), new FakeLayer()];
  const elements = { root, base, overlays, handsCanvas } as unknown as FigureElements;
  let clock = 0;
  const drawer = new FigureDrawer(elements, OPTIONS, worker, () => clock);
  return {
    root,
    base,
    overlays,
    handsCanvas,
    drawer,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

/** A painter of fake bitmaps, which keeps what it made. */
function fakePainter(): LayerPainter & { made: FakeBitmap[]; refuses: boolean } {
  const painter = Object.assign(
    (svg: string, width: number, height: number) => {
      if (painter.refuses) return null;
      const bitmap = new FakeBitmap(width, height, svg);
      painter.made.push(bitmap);
      return bitmap as unknown as ImageBitmap;
    },
    { made: [] as FakeBitmap[], refuses: false },
  );
  return painter;
}

/** A drawer whose worker has warmed up (one quick frame of the check-in), its requests then forgotten. */
function madeWarm(options: { painter?: LayerPainter; canvas?: FakeCanvas } = {}) {
  const worker = new FakeWorker(options.painter ?? null);
  const made_ = made(worker, options.canvas ?? null);
  if (options.canvas) made_.drawer.canvasSized(800, 355);
  made_.drawer.frameDrawn(plan, 1, 0, () => {});
  worker.answerAll();
  expect(made_.drawer.isInWorker).toBe(true);
  worker.requests.length = 0;
  return { worker, ...made_ };
}

describe('FigureDrawer', () => {
  it('draws on the page where there is no worker, at once', () => {
    const { root, base, overlays, drawer } = made(null);
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(root.dataset.view).toBe('top');
    expect(base.html).toContain('<svg');
    expect(overlays[1]!.html).toContain('data-hand');
    expect(drawer.isInWorker).toBe(false);
  });

  it('draws on the page while the worker warms up, and in the worker once it draws a frame quickly', () => {
    const worker = new FakeWorker();
    const { base, overlays, drawer } = made(worker);
    const shown = vi.fn();
    worker.frameMs = 800;
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    drawer.frameDrawn(plan, palm.start + 2.5, 42, shown);
    drawer.frameDrawn(plan, palm.start + 3, 84, shown);
    // Each drawn on the page at once; the worker is handed the first, then the latest once it has answered.
    expect(shown).toHaveBeenCalledTimes(3);
    expect(worker.kinds()).toEqual(['options', 'plan', 'frame']);
    const local = overlays[1]!.html;
    worker.answerAll();
    // A slow frame: still warming up, nothing of the worker's shown.
    expect(drawer.isInWorker).toBe(false);
    expect(overlays[1]!.html).toBe(local);
    expect(worker.requests.filter((r) => r.kind === 'frame').map((r) => r.t)).toEqual([
      palm.start + 2,
      palm.start + 3,
    ]);
    worker.frameMs = WARM_FRAME_MS - 1;
    worker.answerAll();
    expect(drawer.isInWorker).toBe(true);
    // The worker starts its layers afresh, then draws every frame; nothing is shown until it answers.
    expect(worker.kinds().slice(-1)).toEqual(['options']);
    drawer.frameDrawn(plan, palm.start + 4, 126, shown);
    expect(shown).toHaveBeenCalledTimes(3);
    worker.answerAll();
    expect(shown).toHaveBeenCalledTimes(4);
    const expected = new FigureFrames(OPTIONS).drawn(momentInto(plan, 'spine-reinforced-palm', 4), plan, 126);
    expect(base.html).toBe(expected.base);
    expect(overlays[1]!.html).toBe(expected.overlays[1]);
    // The plan is sent again only when it changes.
    expect(worker.kinds().filter((k) => k === 'plan')).toHaveLength(1);
  });

  it('waits, while warming up, for the urgent prime of the coming step before the worker draws', () => {
    const worker = new FakeWorker();
    const { drawer } = made(worker);
    const primed = vi.spyOn(FigureFrames.prototype, 'primed').mockImplementation(() => {});
    drawer.frameDrawn(plan, 1, 0, () => {});
    drawer.stepPrimed(plan, 1);
    expect(worker.requests.at(-1)).toEqual({ kind: 'prime', index: 1, isUrgent: true });
    worker.answerAll();
    // A quick frame, but the prime waits: still warming up.
    expect(drawer.isInWorker).toBe(false);
    // The worker primes (at once: urgent), then answers the next frame.
    worker.time.advance(0);
    expect(primed.mock.calls.map((c) => c[1])).toEqual([1]);
    drawer.frameDrawn(plan, 1.1, 42, () => {});
    worker.answerAll();
    expect(drawer.isInWorker).toBe(true);
    primed.mockRestore();
  });

  it('asks one frame at a time of the warm worker: a frame asked meanwhile waits, and a newer one takes its place', () => {
    const { worker, overlays, drawer } = madeWarm();
    const shown: number[] = [];
    drawer.frameDrawn(plan, palm.start + 2, 0, () => shown.push(2));
    drawer.frameDrawn(plan, palm.start + 2.5, 42, () => shown.push(2.5));
    drawer.frameDrawn(plan, palm.start + 3, 84, () => shown.push(3));
    expect(worker.requests.filter((r) => r.kind === 'frame')).toHaveLength(1);
    worker.answerAll();
    // The first frame is shown, and the newest waiting one asked for; the one it replaced never is.
    expect(shown).toEqual([2]);
    const frames = worker.requests.filter((r) => r.kind === 'frame');
    expect(frames.map((r) => r.t)).toEqual([palm.start + 2, palm.start + 3]);
    worker.answerAll();
    expect(shown).toEqual([2, 3]);
    const expected = new FigureFrames(OPTIONS);
    expected.drawn(momentInto(plan, 'spine-reinforced-palm', 2), plan, 0);
    expect(overlays[1]!.html).toBe(
      expected.drawn(momentInto(plan, 'spine-reinforced-palm', 3), plan, 84).overlays[1],
    );
  });

  it('shows stills through the warm worker, and primes the coming step there only', () => {
    const { worker, root, base, overlays, drawer } = madeWarm();
    const index = plan.steps.indexOf(plannedStep(plan, 'chest-shoulder-neck-stroke'));
    const shown = vi.fn();
    drawer.stillDrawn(plan, index, shown);
    drawer.stepPrimed(plan, index + 1);
    expect(shown).not.toHaveBeenCalled();
    worker.answerAll();
    expect(shown).toHaveBeenCalledTimes(1);
    expect(root.dataset.view).toBe('head');
    expect(base.html).toContain('aria-hidden="true"');
    expect(overlays.map((o) => o.html)).toEqual(['', '']);
    expect(worker.kinds()).toEqual(['still', 'prime']);
  });

  it('draws on the page from a fresh start when the warm worker fails, and stops the worker', () => {
    const { worker, base, overlays, drawer } = madeWarm();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    const id = worker.requests.at(-1)!.kind === 'frame' ? (worker.requests.at(-1) as { id: number }).id : -1;
    worker.onmessage?.({ data: { kind: 'failed', id, message: 'boom' } } as MessageEvent<FigureAnswer>);
    expect(error).toHaveBeenCalledWith('boom');
    expect(worker.isTerminated).toBe(true);
    expect(drawer.isInWorker).toBe(false);
    // The frame asked for is drawn on the page instead, every layer written.
    expect(shown).toHaveBeenCalledTimes(1);
    expect(base.html).toContain('<svg');
    expect(overlays[0]!.html).toContain('<svg');
    expect(overlays[1]!.html).toContain('data-hand');
    const asked = worker.requests.length;
    drawer.frameDrawn(plan, palm.start + 3, 42, shown);
    expect(shown).toHaveBeenCalledTimes(2);
    expect(worker.requests).toHaveLength(asked);
    error.mockRestore();
  });

  it('draws on the page when the warm worker leaves a frame unanswered too long', () => {
    const { worker, overlays, drawer, tick } = madeWarm();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const shown: number[] = [];
    drawer.frameDrawn(plan, palm.start + 2, 0, () => shown.push(2));
    tick(WORKER_TIMEOUT_MS - 1);
    drawer.frameDrawn(plan, palm.start + 3, 42, () => shown.push(3));
    expect(shown).toEqual([]);
    tick(1);
    drawer.frameDrawn(plan, palm.start + 4, 84, () => shown.push(4));
    expect(shown).toEqual([4]);
    expect(drawer.isInWorker).toBe(false);
    expect(worker.isTerminated).toBe(true);
    // A late answer changes nothing.
    const hands = overlays[1]!.html;
    worker.answerAll();
    expect(shown).toEqual([4]);
    expect(overlays[1]!.html).toBe(hands);
    error.mockRestore();
  });

  it('keeps drawing on the page when the worker cannot start (its error event), and asks it nothing more', () => {
    const worker = new FakeWorker();
    const { drawer } = made(worker);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    worker.onerror?.({ message: 'no such script', preventDefault: () => {} } as ErrorEvent);
    expect(error).toHaveBeenCalledWith('the figure worker failed: no such script');
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    drawer.stepPrimed(plan, 3);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(drawer.isInWorker).toBe(false);
    expect(worker.kinds()).toEqual(['options']);
    error.mockRestore();
  });
});

/** A clock and timers that move only when told to. */
function fakeTime() {
  let clock = 0;
  let timers: { at: number; f: () => void }[] = [];
  return {
    now: () => clock,
    later: (f: () => void, ms: number) => {
      timers.push({ at: clock + ms, f });
    },
    advance(ms: number) {
      const end = clock + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        clock = Math.max(clock, due.at);
        due.f();
      }
      clock = end;
    },
  };
}

describe('figureWorkHandler', () => {
  it('answers a frame with what FigureFrames draws and the time it took, and says why when it has no plan yet', () => {
    const answers: FigureAnswer[] = [];
    const handle = figureWorkHandler((a) => answers.push(a), fakeTime());
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'frame', id: 1, t: palm.start + 2, frameNow: 0 });
    expect(answers[0]).toEqual({
      kind: 'failed',
      id: 1,
      message: 'the figure worker has no options or plan yet',
    });
    handle({ kind: 'plan', plan });
    handle({ kind: 'frame', id: 2, t: palm.start + 2, frameNow: 0 });
    const expected = new FigureFrames(OPTIONS);
    expect(answers[1]).toEqual({
      kind: 'frame',
      id: 2,
      frame: expected.drawn(momentInto(plan, 'spine-reinforced-palm', 2), plan, 0),
      ms: 0,
      isPriming: false,
    });
    // A still outside the plan: nothing to draw.
    handle({ kind: 'still', id: 3, stepIndex: plan.steps.length });
    expect(answers[2]).toEqual({ kind: 'frame', id: 3, frame: null, ms: 0, isPriming: false });
    // Options sent again start the layers afresh: the same frame changes every layer again.
    handle({ kind: 'frame', id: 4, t: palm.start + 2, frameNow: 0 });
    expect(answers[3]).toMatchObject({ frame: { base: null, overlays: [null, null] } });
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'frame', id: 5, t: palm.start + 2, frameNow: 0 });
    expect(answers[4]).toEqual({ ...answers[1], id: 5 });
  });
});

describe('the hands as a bitmap', () => {
  it('are drawn by the worker once the page gave a canvas size: the bitmap answered, the SVG left out', () => {
    const answers: FigureAnswer[] = [];
    const painter = fakePainter();
    const handle = figureWorkHandler((a) => answers.push(a), fakeTime(), painter);
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'plan', plan });
    // No canvas yet: SVG, as without a painter.
    handle({ kind: 'frame', id: 1, t: palm.start + 2, frameNow: 0 });
    expect(answers[0]).not.toHaveProperty('hands');
    expect((answers[0] as FigureAnswer & { kind: 'frame' }).frame?.overlays[1]).toContain('data-hand');
    handle({ kind: 'canvas', width: 800, height: 355 });
    handle({ kind: 'frame', id: 2, t: palm.start + 2.5, frameNow: 40 });
    const a = answers[1] as FigureAnswer & { kind: 'frame' };
    expect(a.frame?.overlays[1]).toBeNull();
    expect(a.hands).toBe(painter.made[0]);
    expect(painter.made[0]).toMatchObject({ width: 800, height: 355 });
    expect(painter.made[0]!.svg).toContain('data-hand');
    // The same hands: nothing drawn, the canvas keeps them.
    handle({ kind: 'frame', id: 3, t: palm.start + 2.5, frameNow: 80 });
    expect(answers[2]).not.toHaveProperty('hands');
    expect(painter.made).toHaveLength(1);
    // Resized: the same hands drawn again at the new size.
    handle({ kind: 'canvas', width: 400, height: 178 });
    handle({ kind: 'frame', id: 4, t: palm.start + 2.5, frameNow: 120 });
    expect((answers[3] as { hands?: unknown }).hands).toBe(painter.made[1]);
    expect(painter.made[1]).toMatchObject({ width: 400, height: 178, svg: painter.made[0]!.svg });
    // A still: the canvas emptied.
    handle({ kind: 'still', id: 5, stepIndex: 2 });
    expect(answers[4]).toMatchObject({ hands: null, frame: { isStill: true } });
  });

  it('are answered as SVG, the canvas emptied, when the painter cannot draw them', () => {
    const answers: FigureAnswer[] = [];
    const painter = fakePainter();
    painter.refuses = true;
    const handle = figureWorkHandler((a) => answers.push(a), fakeTime(), painter);
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'plan', plan });
    handle({ kind: 'canvas', width: 800, height: 355 });
    handle({ kind: 'frame', id: 1, t: palm.start + 2, frameNow: 0 });
    const a = answers[0] as FigureAnswer & { kind: 'frame' };
    expect(a.hands).toBeNull();
    expect(a.frame?.overlays[1]).toContain('data-hand');
  });

  it('are shown on the canvas by the page, the SVG hands emptied; a bitmap not shown is let go', () => {
    const painter = fakePainter();
    const canvas = new FakeCanvas();
    const worker = new FakeWorker(painter);
    const { drawer, overlays, root } = made(worker, canvas);
    drawer.canvasSized(800, 355);
    // Warming up: the page draws the SVG; the worker's bitmap is only timed, and let go.
    drawer.frameDrawn(plan, palm.start + 2, 0, () => {});
    expect(overlays[1]!.html).toContain('data-hand');
    worker.answerAll();
    expect(drawer.isInWorker).toBe(true);
    expect(painter.made[0]!.isClosed).toBe(true);
    expect(canvas.transfers).toBe(0);
    // Warm: the worker's bitmap on the canvas, the SVG layer emptied.
    drawer.frameDrawn(plan, palm.start + 3, 40, () => {});
    worker.answerAll();
    const shown = painter.made.at(-1)!;
    expect(canvas.shown).toBe(shown);
    expect(shown.isClosed).toBe(false);
    expect(overlays[1]!.html).toBe('');
    expect(root.dataset.hands).toBe('canvas');
    // A still empties the canvas.
    drawer.stillDrawn(plan, 2, () => {});
    worker.answerAll();
    expect(canvas.shown).toBeNull();
  });

  it('leave the canvas when the page draws on its own again (the worker failed)', () => {
    const painter = fakePainter();
    const canvas = new FakeCanvas();
    const { worker, drawer, overlays, root } = madeWarm({ painter, canvas });
    drawer.frameDrawn(plan, palm.start + 3, 40, () => {});
    worker.answerAll();
    expect(canvas.shown).toBeInstanceOf(FakeBitmap);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    drawer.frameDrawn(plan, palm.start + 4, 80, () => {});
    const id = (worker.requests.at(-1) as { id: number }).id;
    worker.onmessage?.({ data: { kind: 'failed', id, message: 'boom' } } as MessageEvent<FigureAnswer>);
    expect(canvas.shown).toBeNull();
    expect(overlays[1]!.html).toContain('data-hand');
    expect(root.dataset.hands).toBe('svg');
    error.mockRestore();
  });
});

describe("figureWorkHandler's priming", () => {
  /** The steps primed while `run` asks the worker's side (and when): `calls` fills as they are primed. */
  function primedIn(
    run: (
      handle: (r: FigureRequest) => void,
      time: ReturnType<typeof fakeTime>,
      calls: readonly { index: number; at: number }[],
    ) => void,
  ) {
    const primed = vi.spyOn(FigureFrames.prototype, 'primed').mockImplementation(() => {});
    const time = fakeTime();
    const handle = figureWorkHandler(() => {}, time);
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'plan', plan });
    const calls: { index: number; at: number }[] = [];
    primed.mockImplementation((_plan, index) => {
      calls.push({ index, at: time.now() });
    });
    run(handle, time, calls);
    primed.mockRestore();
    return calls;
  }
  const framesFor = (handle: (r: FigureRequest) => void, time: ReturnType<typeof fakeTime>, ms: number) => {
    for (let i = 0; i * 42 < ms; i++) {
      handle({ kind: 'frame', id: i, t: palm.start + i / 24, frameNow: time.now() });
      time.advance(42);
    }
  };

  it('primes only the latest step asked for, once no frame was asked for a while', () => {
    let lastFrameAt = 0;
    const primed = primedIn((handle, time, calls) => {
      handle({ kind: 'prime', index: 3, isUrgent: false });
      handle({ kind: 'prime', index: 4, isUrgent: false });
      framesFor(handle, time, PRIME_WITHIN_MS - 200);
      // The last frame was answered one frame ago: idle from there.
      lastFrameAt = time.now() - 42;
      time.advance(PRIME_AFTER_IDLE_MS - 43);
      expect(calls).toEqual([]);
      time.advance(10 * PRIME_AFTER_IDLE_MS);
    });
    expect(primed).toEqual([{ index: 4, at: lastFrameAt + PRIME_AFTER_IDLE_MS }]);
  });

  it('primes at once when urgent (the page still draws the frames), and says a prime is waiting until then', () => {
    const answers: FigureAnswer[] = [];
    const primed = vi.spyOn(FigureFrames.prototype, 'primed').mockImplementation(() => {});
    const time = fakeTime();
    const handle = figureWorkHandler((a) => answers.push(a), time);
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'plan', plan });
    handle({ kind: 'prime', index: 6, isUrgent: true });
    handle({ kind: 'frame', id: 1, t: 1, frameNow: 0 });
    expect(answers[0]).toMatchObject({ kind: 'frame', isPriming: true });
    time.advance(0);
    expect(primed.mock.calls.map((c) => c[1])).toEqual([6]);
    handle({ kind: 'frame', id: 2, t: 1.1, frameNow: 0 });
    expect(answers[1]).toMatchObject({ kind: 'frame', isPriming: false });
    primed.mockRestore();
  });

  it('primes at the latest PRIME_WITHIN_MS after the step was asked for, frames or not', () => {
    const calls = primedIn((handle, time) => {
      handle({ kind: 'prime', index: 5, isUrgent: false });
      framesFor(handle, time, 3 * PRIME_WITHIN_MS);
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.index).toBe(5);
    expect(calls[0]!.at).toBeGreaterThanOrEqual(PRIME_WITHIN_MS);
    expect(calls[0]!.at).toBeLessThan(PRIME_WITHIN_MS + 42);
  });
});
