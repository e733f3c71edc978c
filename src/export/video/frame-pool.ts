// Frames drawn on worker threads (one per core by default), handed back in order with a bounded number in flight.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
// Loads resvg in this (main) thread first, with its allocator set up for many frames (see RESVG_PURGE_DELAY_MS and
// RESVG_LARGE_OS_PAGES).
import '../png.js';
import type { FrameReply, FrameRequest, FrameSpec } from './frame-drawing.js';
import { heapGrowthWidened } from './heap-growth.js';

/** One frame in order: its RGBA pixels, and whether it repeats the frame before (then `pixels` is that frame's). */
export interface PooledFrame {
  readonly index: number;
  readonly pixels: Buffer;
  readonly isRepeat: boolean;
  /**
   * Says the pixels are no longer needed (e.g. ffmpeg has been given them): the buffer goes back to its worker to
   * be drawn into again. Optional: a frame never released is left to the garbage collector.
   */
  release(): void;
}

/** Options of the frame pool. */
export interface FramePoolOptions {
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Frames per request (default 12: each request begins by working out its frame before, to spot a repeat). */
  readonly chunk?: number;
}

/** A frame worker: the compiled `.js` beside this file, or (in a checkout run through tsx) the `.ts` source. */
function frameWorker(spec: FrameSpec, chunk: number): Worker {
  // Each request's first frame is drawn exactly; the frames after it keep runs that moved under half a pixel.
  const workerData = { spec, exactEvery: chunk };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./frame-worker.js', import.meta.url), { workerData });
  // Node 20 does not carry tsx's loader into worker threads: the worker registers it before loading the source.
  const source = new URL('./frame-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Draws frames 0 … count − 1 of a video on worker threads and yields them in order; at most two requests per
 * worker are in flight, so memory does not grow with the video. `close()` (or leaving the loop) stops the workers.
 */
export async function* framesPooled(
  spec: FrameSpec,
  count: number,
  options: FramePoolOptions = {},
): AsyncGenerator<PooledFrame> {
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), 16));
  const chunk = Math.max(1, options.chunk ?? 12);
  const workers = Array.from({ length: workerCount }, () => frameWorker(spec, chunk));
  // Each drawn buffer: the worker that drew it, and how many yielded frames still use it (repeats share it).
  const owners = new WeakMap<ArrayBuffer, { worker: Worker; uses: number; isCurrent: boolean }>();
  let isClosed = false;
  const recycledIfUnused = (buffer: ArrayBuffer) => {
    const owner = owners.get(buffer);
    if (!owner || owner.uses > 0 || owner.isCurrent || isClosed) return;
    owners.delete(buffer);
    owner.worker.postMessage({ recycled: buffer } satisfies FrameRequest, [buffer]);
  };
  const pending = new Map<number, { resolve: (r: FrameReply) => void; reject: (e: Error) => void }>();
  const replies = new Map<number, Promise<FrameReply>>();
  let failure: Error | null = null;
  for (const worker of workers) {
    worker.on('message', (reply: FrameReply) => {
      pending.get(reply.first)?.resolve(reply);
      pending.delete(reply.first);
    });
    worker.on('error', (e) => {
      failure = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  let nextRequest = 0;
  let turn = 0;
  const sentTo = new Map<number, Worker>();
  const request = () => {
    if (nextRequest >= count) return;
    const first = nextRequest;
    const size = Math.min(chunk, count - first);
    nextRequest += size;
    const worker = workers[turn++ % workers.length]!;
    sentTo.set(first, worker);
    const reply = new Promise<FrameReply>((resolve, reject) => {
      if (failure) reject(failure);
      pending.set(first, { resolve, reject });
      worker.postMessage({ first, count: size } satisfies FrameRequest);
    });
    // Awaited in order below; a failure of one not yet awaited must not count as unhandled.
    reply.catch(() => undefined);
    replies.set(first, reply);
  };
  // Fewer full collections in the workers' small heaps (see heap-growth.ts), until the pool is closed.
  const heapGrowthRestored = heapGrowthWidened();
  try {
    for (let i = 0; i < workerCount * 2; i++) request();
    let previous: Buffer | null = null;
    for (let first = 0; first < count; ) {
      const reply = await replies.get(first)!;
      replies.delete(first);
      const worker = sentTo.get(first)!;
      sentTo.delete(first);
      if ('error' in reply) throw new Error(`drawing frame ${first} failed: ${reply.error}`);
      request();
      for (let k = 0; k < reply.frames.length; k++) {
        const buffer = reply.frames[k];
        const isRepeat = buffer === null || buffer === undefined;
        if (!isRepeat) {
          // The frame before is no longer the one a repeat would show.
          if (previous) {
            const before = owners.get(previous.buffer as ArrayBuffer);
            if (before) before.isCurrent = false;
            recycledIfUnused(previous.buffer as ArrayBuffer);
          }
          owners.set(buffer, { worker, uses: 0, isCurrent: true });
        }
        const pixels: Buffer | null = isRepeat ? previous : Buffer.from(buffer);
        if (!pixels) throw new Error(`frame ${first + k} repeats a frame that was never drawn`);
        previous = pixels;
        const backing = pixels.buffer as ArrayBuffer;
        const owner = owners.get(backing);
        if (owner) owner.uses++;
        let isReleased = false;
        const release = () => {
          if (isReleased || !owner) return;
          isReleased = true;
          owner.uses--;
          recycledIfUnused(backing);
        };
        yield { index: first + k, pixels, isRepeat, release };
      }
      first += reply.frames.length;
    }
  } finally {
    isClosed = true;
    await Promise.all(workers.map((w) => w.terminate()));
    heapGrowthRestored();
  }
}
