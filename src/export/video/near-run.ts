// Whether a run of a frame's layer moved by less than half a pixel since it was drawn: then the drawer keeps what it
// drew (nothing is rasterised again), and the picture is never more than half a pixel from where the moment puts it.

/** How far (pixels) a run's shapes may be from where the moment puts them before it is drawn again. */
export const RUN_STEP_PX = 0.5;

/** The attributes whose numbers are lengths or places in pixels: a difference under the step there is no change. */
const PLACES = new Set(['d', 'points', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the number that ends at or runs through `at` starts (a digit, a point or a minus sign before them). */
function numberStart(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (isDigit(c) || c === 46) i--;
    else break;
  }
  if (i > 0 && text.charCodeAt(i - 1) === 45) i--;
  return i;
}

/** Where the number starting at `from` ends. */
function numberEnd(text: string, from: number): number {
  let i = from;
  if (text.charCodeAt(i) === 45) i++;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === 46) i++;
    else break;
  }
  return i;
}

/**
 * Whether position `at` lies inside the value of an attribute that places things in pixels (`PLACES`, or a
 * `transform` that only moves: `translate(…)`).
 */
function isInPlace(text: string, at: number): boolean {
  const opened = text.lastIndexOf('="', at);
  if (opened < 0) return false;
  const closed = text.indexOf('"', opened + 2);
  if (closed < at) return false;
  let nameStart = opened;
  while (nameStart > 0 && text.charCodeAt(nameStart - 1) !== 32) nameStart--;
  const name = text.slice(nameStart, opened);
  if (PLACES.has(name)) return true;
  return name === 'transform' && /^translate\([^)]*\)$/.test(text.slice(opened + 2, closed));
}

/**
 * Whether `next` is `drawn` with every number that places something moved by less than `step` pixels, and nothing
 * else changed (the same elements, colours, widths, text). Written by the same renderer, the two share their
 * structure; a number written shorter or longer (9.9 and 10) is read whole.
 */
export function isMovedUnderStep(drawn: string, next: string, step = RUN_STEP_PX): boolean {
  if (drawn === next) return true;
  let i = 0;
  let j = 0;
  while (i < drawn.length || j < next.length) {
    // The equal stretch.
    while (i < drawn.length && j < next.length && drawn.charCodeAt(i) === next.charCodeAt(j)) {
      i++;
      j++;
    }
    if (i >= drawn.length && j >= next.length) return true;
    // They differ here: only inside a number, in both, where numbers place things.
    const a0 = numberStart(drawn, i);
    const b0 = numberStart(next, j);
    // The numbers began at the same place of the equal stretch.
    if (i - a0 !== j - b0) return false;
    const a1 = numberEnd(drawn, a0);
    const b1 = numberEnd(next, b0);
    // Not inside a number (in neither text does one run past the difference): a change of anything else.
    if (a1 === a0 || b1 === b0 || (a1 <= i && b1 <= j)) return false;
    const a = Number(drawn.slice(a0, a1));
    const b = Number(next.slice(b0, b1));
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) >= step) return false;
    if (!isInPlace(drawn, a0)) return false;
    i = a1;
    j = b1;
  }
  return true;
}

/**
 * Each layer's runs (`runs`, changed in place) with every run that moved under a step since it was drawn (`drawn`,
 * the same layers as last drawn) put back as drawn. Whether every run is then as drawn (nothing to draw again).
 */
export function runsKept(drawn: readonly (readonly string[])[], runs: string[][]): boolean {
  let isSame = true;
  runs.forEach((layer, g) => {
    const before = drawn[g]!;
    if (layer.length !== before.length) {
      isSame = false;
      return;
    }
    for (let k = 0; k < layer.length; k++) {
      if (layer[k] === before[k]) continue;
      if (isMovedUnderStep(before[k]!, layer[k]!)) layer[k] = before[k]!;
      else isSame = false;
    }
  });
  return isSame;
}
