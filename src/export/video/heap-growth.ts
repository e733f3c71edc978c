// How far V8 lets a heap grow between full collections while a video's frames are drawn.
//
// A frame worker's heap is small (about 18 MB live) and most of its garbage is old: the layer cache's SVG keys and the
// renderer's memo entries outlive a frame's minor collection, then are dropped for newer ones. On so small a heap V8
// picks a growth of a few per cent, so each worker ran a full collection (its marking on V8's helper threads) every
// dozen frames or so: 32–43 in a 40-second window of the export, with V8's helper threads taking about a third of
// the process's CPU. Allowed to grow to four times what survived, each worker collects 11 times in that window.
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow by this many per cent of what survived the last full collection (V8's own: 0). */
export const FRAME_HEAP_GROWING_PERCENT = 300;

/** How many holders want the wider growth now: the setting is the process's (every thread's heap), not one's. */
let holders = 0;

/**
 * Widens V8's heap growth (FRAME_HEAP_GROWING_PERCENT) for every heap of the process until the returned function is
 * called; holders count, so two exports at once keep it until both end, and then V8's own heuristics are back.
 * Heaps made while it holds (the frame workers) and heaps already made alike read it at their next collection.
 */
export function heapGrowthWidened(setFlags: (flags: string) => void = setFlagsFromString): () => void {
  if (holders === 0) setFlags(`--heap-growing-percent=${FRAME_HEAP_GROWING_PERCENT}`);
  holders++;
  let isRestored = false;
  return () => {
    if (isRestored) return;
    isRestored = true;
    holders--;
    if (holders === 0) setFlags('--heap-growing-percent=0');
  };
}

/** How many holders keep the wider growth now (0: V8's own heuristics). */
export function heapGrowthHolders(): number {
  return holders;
}
