// Frames drawn on worker threads (one per core by default), handed back in order with a bounded number in flight.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FrameReply, FrameRequest, FrameSpec } from './frame-drawing.js';

/** One frame in order: its RGBA pixels, and whether it repeats the frame before (then `pixels` is that frame's). */
export interface PooledFrame {
  readonly index: number;
  readonly pixels: Buffer;
  readonly isRepeat: boolean;
}

/** Options of the frame pool. */
export interface FramePoolOptions {
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Frames per request (default 6). */
  readonly chunk?: number;
}

/** A frame worker: the compiled `.js` beside this file, or (in a checkout run through tsx) the `.ts` source. */
function frameWorker(spec: FrameSpec): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./frame-worker.js', import.meta.url), { workerData: spec });
  // Node 20 does not carry tsx's loader into worker threads: the worker registers it before loading the source.
  const source = new URL('./frame-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: spec });
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
  const chunk = Math.max(1, options.chunk ?? 6);
  const workers = Array.from({ length: workerCount }, () => frameWorker(spec));
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
  const request = () => {
    if (nextRequest >= count) return;
    const first = nextRequest;
    const size = Math.min(chunk, count - first);
    nextRequest += size;
    const worker = workers[turn++ % workers.length]!;
    const reply = new Promise<FrameReply>((resolve, reject) => {
      if (failure) reject(failure);
      pending.set(first, { resolve, reject });
      worker.postMessage({ first, count: size } satisfies FrameRequest);
    });
    // Awaited in order below; a failure of one not yet awaited must not count as unhandled.
    reply.catch(() => undefined);
    replies.set(first, reply);
  };
  try {
    for (let i = 0; i < workerCount * 2; i++) request();
    let previous: Buffer | null = null;
    for (let first = 0; first < count; ) {
      const reply = await replies.get(first)!;
      replies.delete(first);
      if ('error' in reply) throw new Error(`drawing frame ${first} failed: ${reply.error}`);
      request();
      for (let k = 0; k < reply.frames.length; k++) {
        const buffer = reply.frames[k];
        const isRepeat = buffer === null || buffer === undefined;
        const pixels: Buffer | null = isRepeat ? previous : Buffer.from(buffer);
        if (!pixels) throw new Error(`frame ${first + k} repeats a frame that was never drawn`);
        previous = pixels;
        yield { index: first + k, pixels, isRepeat };
      }
      first += reply.frames.length;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
