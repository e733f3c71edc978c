// The step area's text, scaled down just enough to fit its box: a long title or cue on a small screen would
// otherwise run under the control bar, where a practitioner with oily hands cannot scroll to it. The scale changes
// only when the text or the box does, never per frame, and the bar never moves (the box is a fixed grid row).
import { type RefObject, useLayoutEffect, useRef } from 'react';

/** The smallest scale the text is given; below it the area scrolls rather than become unreadable from the table. */
export const FIT_MIN = 0.7;
/** The scales tried, apart: fine enough that the text is not made smaller than it must be. */
const FIT_STEP = 0.025;

/**
 * The largest scale in [min, max], to `step`, at which `fits` holds, when `fits` holds for every scale at or below
 * any scale that fits (smaller text never needs more room). `min` when none fits; `max` is tried first, so text
 * that fits already costs one measurement.
 */
export function largestFitting(
  min: number,
  max: number,
  step: number,
  fits: (scale: number) => boolean,
): number {
  if (!(max > min) || fits(max)) return max;
  // Binary search over the steps between min and max: lo fits (or is min), hi does not.
  let lo = 0;
  let hi = Math.ceil((max - min) / step - 1e-9);
  const scaleAt = (i: number) => Math.min(max, min + i * step);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(scaleAt(mid))) lo = mid;
    else hi = mid;
  }
  return scaleAt(lo);
}

/** Whether the box's content is within it (a pixel of rounding allowed). */
function isWithin(box: HTMLElement): boolean {
  return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
}

/** Sets `--fit` on the box to the largest scale (at most 1, at least FIT_MIN) at which its content fits. */
function fitted(box: HTMLElement): void {
  const fits = (scale: number) => {
    box.style.setProperty('--fit', String(scale));
    return isWithin(box);
  };
  const scale = largestFitting(FIT_MIN, 1, FIT_STEP, fits);
  box.style.setProperty('--fit', String(scale));
  box.dataset.fit = scale.toFixed(3);
}

/** Fits the box's text (see `fitted`) whenever `textKey` (what the box says) changes or the box is resized. */
export function useTextFitted(boxRef: RefObject<HTMLElement | null>, textKey: string): void {
  const lastKey = useRef<string | null>(null);
  // After every render, but measured only when the text changed: cheaper than a dependency list can say.
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || lastKey.current === textKey) return;
    lastKey.current = textKey;
    fitted(box);
  });
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    let width = box.clientWidth;
    let height = box.clientHeight;
    const observer = new ResizeObserver(() => {
      // Only the box's own size matters here: a change of its content comes with a new textKey.
      if (box.clientWidth === width && box.clientHeight === height) return;
      width = box.clientWidth;
      height = box.clientHeight;
      fitted(box);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [boxRef]);
}
