/** A point in the normalised body frame: y from the crown (0) to the soles (1), x negative on the client's left. */
export type BodyPoint = { readonly x: number; readonly y: number } & { readonly __frame?: 'body' };
/** A point in screen pixels; never mixed with a BodyPoint without a transform. */
export type ScreenPoint = { readonly x: number; readonly y: number } & { readonly __frame?: 'screen' };
/** A closed polygon, vertices in order, in the body frame. */
export type Polygon = readonly BodyPoint[];

/** Makes a body-frame point. */
export function bodyPoint(x: number, y: number): BodyPoint {
  return { x, y } as BodyPoint;
}

/** Even-odd ray casting; points on an edge may fall either way, so callers keep margins. */
export function polygonContains(polygon: Polygon, p: BodyPoint): boolean {
  let inside = false;
  const n = polygon.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The distance from a point to a polygon's outline (0 inside it is not implied: test containment first). */
export function polygonEdgeDistance(polygon: Polygon, p: BodyPoint): number {
  let best = Number.POSITIVE_INFINITY;
  const n = polygon.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = polygon[j]!;
    const b = polygon[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
    const d = Math.hypot(p.x - (a.x + dx * t), p.y - (a.y + dy * t));
    if (d < best) best = d;
  }
  return best;
}

/**
 * The index of the last value at or below `x` in an ascending list (0 when there is none, or the list is empty).
 * Binary search: the step running at a time, the line holding a text offset.
 */
export function lastIndexAtMost(sorted: readonly number[] | Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The segment a distance along a polyline falls in: the index i (1 … n−1) of the first cumulative length at or
 * past `target`, so the point lies between vertices i−1 and i. Binary search; `cumulative` has n ≥ 2 entries.
 */
export function cumulativeSegment(cumulative: readonly number[] | Float64Array, target: number): number {
  let lo = 1;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
