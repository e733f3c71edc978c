// A worker thread that draws video frames: momentAt → renderMoment (layers) → resvg pixels, for ranges of frame
// indices it is sent. A frame that looks the same as the frame before is reported as a repeat (null), not drawn.
// Pixel buffers come back once ffmpeg has them and are drawn into again.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type FrameReply,
  type FrameRequest,
  type FrameSpec,
  frameBytes,
  frameDrawer,
} from './frame-drawing.js';

// The spec, and the frames drawn exactly (the first of every request: see `frameDrawer`'s `exactEvery`).
const { spec, exactEvery } = workerData as { spec: FrameSpec; exactEvery: number };
const drawer = frameDrawer(spec, { exactEvery });
const bytes = frameBytes(spec);
/** Buffers handed back by the main thread, ready to draw into. */
const free: ArrayBuffer[] = [];

/** Draws one request's frames, letting resvg's memory go after each (see `FrameDrawer.released`). */
async function framesDrawn(request: { first: number; count: number }): Promise<void> {
  try {
    const frames: (ArrayBuffer | null)[] = [];
    const transfer: ArrayBuffer[] = [];
    for (let i = request.first; i < request.first + request.count; i++) {
      const spare = free.pop();
      const pixels = drawer.frame(i, spare ? Buffer.from(spare) : undefined);
      await drawer.released();
      if (pixels === null) {
        if (spare) free.push(spare);
        frames.push(null);
        continue;
      }
      const buffer =
        pixels.byteOffset === 0 && pixels.byteLength === pixels.buffer.byteLength
          ? (pixels.buffer as ArrayBuffer)
          : (pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength) as ArrayBuffer);
      frames.push(buffer);
      transfer.push(buffer);
    }
    parentPort?.postMessage({ first: request.first, frames } satisfies FrameReply, transfer);
  } catch (e) {
    parentPort?.postMessage({
      first: request.first,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies FrameReply);
  }
}

// Requests are drawn one after the other (the drawer remembers the frame before); recycled buffers come back at once.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: FrameRequest) => {
  if ('recycled' in request) {
    if (request.recycled.byteLength === bytes) free.push(request.recycled);
    return;
  }
  queue = queue.then(() => framesDrawn(request));
});
