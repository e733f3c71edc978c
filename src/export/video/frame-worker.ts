// A worker thread that draws video frames: momentAt → renderMoment (layers) → resvg pixels, for ranges of frame
// indices it is sent. A frame whose layers are the same as the frame before's is reported as a repeat, not drawn.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type FrameReply,
  type FrameRequest,
  type FrameSpec,
  frameDrawn,
  frameKeyed,
} from './frame-drawing.js';

const spec = workerData as FrameSpec;
const draw = frameDrawn();
let lastIndex = -2;
let lastKey = '';

parentPort?.on('message', (request: FrameRequest) => {
  try {
    const frames: (ArrayBuffer | null)[] = [];
    const transfer: ArrayBuffer[] = [];
    if (request.first > 0 && lastIndex !== request.first - 1)
      lastKey = frameKeyed(spec, request.first - 1).key;
    for (let i = request.first; i < request.first + request.count; i++) {
      const keyed = frameKeyed(spec, i);
      if (keyed.key === lastKey && i > 0) {
        frames.push(null);
      } else {
        const pixels = draw(keyed.layers);
        const buffer =
          pixels.byteOffset === 0 && pixels.byteLength === pixels.buffer.byteLength
            ? (pixels.buffer as ArrayBuffer)
            : (pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength) as ArrayBuffer);
        frames.push(buffer);
        transfer.push(buffer);
      }
      lastKey = keyed.key;
      lastIndex = i;
    }
    parentPort?.postMessage({ first: request.first, frames } satisfies FrameReply, transfer);
  } catch (e) {
    parentPort?.postMessage({
      first: request.first,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies FrameReply);
  }
});
