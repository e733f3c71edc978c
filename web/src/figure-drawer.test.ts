import { describe, expect, it, vi } from 'vitest';
import type { FigureOptions } from './figure.js';
import { FigureDrawer, type FigureWorkerPort, WORKER_TIMEOUT_MS } from './figure-drawer.js';
import { FigureFrames } from './figure-frames.js';
import type { FigureElements } from './figure-layers.js';
import {
  type FigureAnswer,
  type FigureRequest,
  figureWorkHandler,
  PRIME_AFTER_IDLE_MS,
} from './figure-work.js';
import { momentInto, plannedStep, samplePlan } from './sample-plan.test-support.js';

// A stand-in for a layer's element (the web unit tests run in node): it keeps its markup and counts the writes.
class FakeLayer {
  writes = 0;
  html = '';
  readonly dataset: Record<string, string> = {};
  readonly childNodes: never[] = [];
  readonly firstElementChild = null;
  set innerHTML(svg: string) {
    this.writes++;
    this.html = svg;
  }
  get innerHTML(): string {
    return this.html;
  }
}

/** A worker in the same thread, answering only when told to (`answerAll`), as a real one answers later. */
class FakeWorker implements FigureWorkerPort {
  onmessage: ((event: MessageEvent<FigureAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly requests: FigureRequest[] = [];
  private readonly answers: FigureAnswer[] = [];
  private readonly handle = figureWorkHandler((answer) => this.answers.push(answer));
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
    for (const answer of this.answers.splice(0))
      this.onmessage?.({ data: answer } as MessageEvent<FigureAnswer>);
  }
  kinds(): string[] {
    return this.requests.map((r) => r.kind);
  }
}

const plan = samplePlan();
const OPTIONS: FigureOptions = { width: 960, height: 540, theme: 'light', language: 'en', excluded: [] };
const palm = plannedStep(plan, 'spine-reinforced-palm');

function made(worker: FakeWorker | null) {
  const root = new FakeLayer();
  const base = new FakeLayer();
  const overlays = [new FakeLayer(), new FakeLayer()];
  const elements = { root, base, overlays } as unknown as FigureElements;
  let clock = 0;
  const drawer = new FigureDrawer(elements, OPTIONS, worker, () => clock);
  return {
    root,
    base,
    overlays,
    drawer,
    tick: (ms: number) => {
      clock += ms;
    },
  };
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

  it('draws on the page until the worker is ready, then in the worker: the same layers as FigureFrames draws', () => {
    const worker = new FakeWorker();
    const { base, overlays, drawer } = made(worker);
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    // Not ready yet: drawn on the page, and the worker was only told the options.
    expect(shown).toHaveBeenCalledTimes(1);
    expect(worker.kinds()).toEqual(['options']);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
    expect(drawer.isInWorker).toBe(true);
    drawer.frameDrawn(plan, palm.start + 3, 42, shown);
    expect(worker.kinds()).toEqual(['options', 'plan', 'frame']);
    // Nothing shown until the worker answers.
    expect(shown).toHaveBeenCalledTimes(1);
    worker.answerAll();
    expect(shown).toHaveBeenCalledTimes(2);
    const expected = new FigureFrames(OPTIONS).drawn(momentInto(plan, 'spine-reinforced-palm', 3), plan, 42);
    expect(base.html).toBe(expected.base);
    expect(overlays[1]!.html).toBe(expected.overlays[1]);
    // The plan is sent again only when it changes.
    drawer.frameDrawn(plan, palm.start + 4, 84, shown);
    expect(worker.kinds().slice(3)).toEqual(['frame']);
  });

  it('asks one frame at a time: a frame asked meanwhile waits, and a newer one takes its place', () => {
    const worker = new FakeWorker();
    const { overlays, drawer } = made(worker);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
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

  it('shows stills through the worker, and primes the coming step there', () => {
    const worker = new FakeWorker();
    const { root, base, overlays, drawer } = made(worker);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
    const index = plan.steps.indexOf(plannedStep(plan, 'chest-shoulder-neck-stroke'));
    const shown = vi.fn();
    drawer.stillDrawn(plan, index, shown);
    drawer.stepPrimed(plan, index + 1);
    worker.answerAll();
    expect(shown).toHaveBeenCalledTimes(1);
    expect(root.dataset.view).toBe('head');
    expect(base.html).toContain('aria-hidden="true"');
    expect(overlays.map((o) => o.html)).toEqual(['', '']);
    expect(worker.kinds()).toEqual(['options', 'plan', 'still', 'prime']);
  });

  it('draws on the page from a fresh start when the worker fails, and stops the worker', () => {
    const worker = new FakeWorker();
    const { base, overlays, drawer } = made(worker);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    worker.onmessage?.({ data: { kind: 'failed', id: 1, message: 'boom' } } as MessageEvent<FigureAnswer>);
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

  it('draws on the page when the worker leaves a frame unanswered too long', () => {
    const worker = new FakeWorker();
    const { overlays, drawer, tick } = made(worker);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
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

  it('draws on the page when the worker cannot start (its error event)', () => {
    const worker = new FakeWorker();
    const { drawer } = made(worker);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    worker.onerror?.({ message: 'no such script', preventDefault: () => {} } as ErrorEvent);
    worker.onmessage?.({ data: { kind: 'ready' } } as MessageEvent<FigureAnswer>);
    const shown = vi.fn();
    drawer.frameDrawn(plan, palm.start + 2, 0, shown);
    expect(shown).toHaveBeenCalledTimes(1);
    expect(drawer.isInWorker).toBe(false);
    error.mockRestore();
  });
});

describe('figureWorkHandler', () => {
  it('answers a frame with what FigureFrames draws, and says why when it has no plan yet', () => {
    const answers: FigureAnswer[] = [];
    const handle = figureWorkHandler((a) => answers.push(a));
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'frame', id: 1, t: palm.start + 2, frameNow: 0 });
    expect(answers[0]).toEqual({
      kind: 'failed',
      id: 1,
      message: 'the figure worker has no options or plan yet',
    });
    handle({ kind: 'plan', plan });
    handle({ kind: 'frame', id: 2, t: palm.start + 2, frameNow: 0 });
    expect(answers[1]).toEqual({
      kind: 'frame',
      id: 2,
      frame: new FigureFrames(OPTIONS).drawn(momentInto(plan, 'spine-reinforced-palm', 2), plan, 0),
    });
    // A still outside the plan: nothing to draw.
    handle({ kind: 'still', id: 3, stepIndex: plan.steps.length });
    expect(answers[2]).toEqual({ kind: 'frame', id: 3, frame: null });
  });
});

describe("figureWorkHandler's priming", () => {
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

  it('primes only once no frame was asked for a while, and only the latest step asked for', () => {
    const primed = vi.spyOn(FigureFrames.prototype, 'primed').mockImplementation(() => {});
    const time = fakeTime();
    const handle = figureWorkHandler(() => {}, time);
    handle({ kind: 'options', options: OPTIONS });
    handle({ kind: 'plan', plan });
    handle({ kind: 'prime', index: 3 });
    handle({ kind: 'prime', index: 4 });
    // Frames every 42 ms for a second: no priming meanwhile.
    for (let i = 0; i < 24; i++) {
      handle({ kind: 'frame', id: i, t: palm.start + i / 24, frameNow: time.now() });
      time.advance(42);
    }
    expect(primed).not.toHaveBeenCalled();
    time.advance(PRIME_AFTER_IDLE_MS);
    expect(primed.mock.calls.map((c) => c[1])).toEqual([4]);
    time.advance(10 * PRIME_AFTER_IDLE_MS);
    expect(primed).toHaveBeenCalledTimes(1);
    primed.mockRestore();
  });
});
