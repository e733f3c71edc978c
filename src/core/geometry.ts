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

/** Mirrors a point across the spine line (client's left ↔ right). */
export function pointMirrored(p: BodyPoint): BodyPoint {
  return bodyPoint(-p.x, p.y);
}

/** Linear interpolation between two points. */
export function pointLerp(a: BodyPoint, b: BodyPoint, t: number): BodyPoint {
  return bodyPoint(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

/** Euclidean distance between two points. */
export function pointDistance(a: BodyPoint, b: BodyPoint): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
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

/** A polygon approximating an ellipse, for round regions (joints, the head). */
export function polygonEllipse(cx: number, cy: number, rx: number, ry: number, segments = 24): Polygon {
  const out: BodyPoint[] = [];
  for (let i = 0; i < segments; i++) {
    const a = (i / segments) * Math.PI * 2;
    out.push(bodyPoint(cx + rx * Math.cos(a), cy + ry * Math.sin(a)));
  }
  return out;
}

/** The total length of a polyline. */
export function polylineLength(points: readonly BodyPoint[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += pointDistance(points[i - 1]!, points[i]!);
  return total;
}

/** The point at fraction `t` (0…1) of a polyline's length, and the heading there in radians. */
export function polylineAt(points: readonly BodyPoint[], t: number): { point: BodyPoint; angle: number } {
  const first = points[0];
  if (!first) return { point: bodyPoint(0, 0), angle: 0 };
  if (points.length === 1) return { point: first, angle: Math.PI / 2 };
  const total = polylineLength(points);
  let remaining = Math.min(Math.max(t, 0), 1) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = pointDistance(a, b);
    if (remaining <= len || i === points.length - 1) {
      const f = len === 0 ? 0 : Math.min(remaining / len, 1);
      return { point: pointLerp(a, b, f), angle: Math.atan2(b.y - a.y, b.x - a.x) };
    }
    remaining -= len;
  }
  return { point: first, angle: 0 };
}

/** A polyline with its cumulative lengths precomputed, for fast repeated sampling. */
export interface PreparedPolyline {
  readonly points: readonly BodyPoint[];
  readonly cumulative: readonly number[];
  readonly length: number;
}

/** Precomputes a polyline's cumulative lengths. */
export function polylinePrepared(points: readonly BodyPoint[]): PreparedPolyline {
  const cumulative: number[] = [0];
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1]! + pointDistance(points[i - 1]!, points[i]!));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1] ?? 0 };
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

/** Samples a prepared polyline at fraction `t` (0…1): the point and the heading (radians, body frame). */
export function preparedPolylineAt(
  line: PreparedPolyline,
  t: number,
): { x: number; y: number; angle: number } {
  const { points, cumulative, length } = line;
  const n = points.length;
  if (n === 0) return { x: 0, y: 0, angle: 0 };
  if (n === 1) return { x: points[0]!.x, y: points[0]!.y, angle: Math.PI / 2 };
  const target = Math.min(Math.max(t, 0), 1) * length;
  const lo = cumulativeSegment(cumulative, target);
  const a = points[lo - 1]!;
  const b = points[lo]!;
  const segment = cumulative[lo]! - cumulative[lo - 1]!;
  const f = segment === 0 ? 0 : (target - cumulative[lo - 1]!) / segment;
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, angle: Math.atan2(b.y - a.y, b.x - a.x) };
}
