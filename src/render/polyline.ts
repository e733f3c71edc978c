import type { XY } from './svg.js';

/** A polyline with its cumulative lengths, for sampling by distance. */
export interface MeasuredLine {
  readonly points: readonly XY[];
  readonly cumulative: readonly number[];
  readonly length: number;
}

/** Measures a polyline, dropping repeated points. */
export function lineMeasured(points: readonly XY[]): MeasuredLine {
  const kept: XY[] = [];
  for (const p of points) {
    const last = kept.at(-1);
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) > 1e-6) kept.push(p);
  }
  const cumulative = [0];
  for (let i = 1; i < kept.length; i++) {
    cumulative.push(
      cumulative[i - 1]! + Math.hypot(kept[i]!.x - kept[i - 1]!.x, kept[i]!.y - kept[i - 1]!.y),
    );
  }
  return { points: kept, cumulative, length: cumulative.at(-1) ?? 0 };
}

/** The point and heading (radians) at distance `s` along the line. */
export function lineAt(line: MeasuredLine, s: number): { x: number; y: number; angle: number } {
  const { points, cumulative } = line;
  if (points.length === 0) return { x: 0, y: 0, angle: 0 };
  if (points.length === 1) return { x: points[0]!.x, y: points[0]!.y, angle: 0 };
  const target = Math.min(Math.max(s, 0), line.length);
  let i = 1;
  while (i < points.length - 1 && cumulative[i]! < target) i++;
  const a = points[i - 1]!;
  const b = points[i]!;
  const seg = cumulative[i]! - cumulative[i - 1]!;
  const f = seg === 0 ? 0 : (target - cumulative[i - 1]!) / seg;
  return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, angle: Math.atan2(b.y - a.y, b.x - a.x) };
}

/** The part of the line between distances `from` and `to`. */
export function linePart(line: MeasuredLine, from: number, to: number): XY[] {
  const lo = Math.max(0, Math.min(from, to));
  const hi = Math.min(line.length, Math.max(from, to));
  const out: XY[] = [lineAt(line, lo)];
  for (let i = 0; i < line.points.length; i++) {
    const c = line.cumulative[i]!;
    if (c > lo && c < hi) out.push(line.points[i]!);
  }
  out.push(lineAt(line, hi));
  return out.map((p) => ({ x: p.x, y: p.y }));
}

/** The distance along the line of the point nearest to `p`, and how far `p` is from it. */
export function lineProjection(line: MeasuredLine, p: XY): { s: number; distance: number } {
  const { points, cumulative } = line;
  if (points.length === 0) return { s: 0, distance: Number.POSITIVE_INFINITY };
  if (points.length === 1) return { s: 0, distance: Math.hypot(p.x - points[0]!.x, p.y - points[0]!.y) };
  let best = { s: 0, distance: Number.POSITIVE_INFINITY };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.min(Math.max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1);
    const qx = a.x + dx * t;
    const qy = a.y + dy * t;
    const d = Math.hypot(p.x - qx, p.y - qy);
    if (d < best.distance) best = { s: cumulative[i - 1]! + t * Math.sqrt(len2), distance: d };
  }
  return best;
}

/** The shortest distance from a point to a closed polygon's edges, and whether the point lies inside. */
export function polygonEdgeDistance(polygon: readonly XY[], p: XY): { inside: boolean; distance: number } {
  let inside = false;
  let best = Number.POSITIVE_INFINITY;
  const n = polygon.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.min(Math.max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1);
    best = Math.min(best, Math.hypot(p.x - (a.x + dx * t), p.y - (a.y + dy * t)));
  }
  return { inside, distance: best };
}

/** The shortest distance from a point to a closed polygon's edges (0 when inside). */
export function polygonDistance(polygon: readonly XY[], p: XY): number {
  const { inside, distance } = polygonEdgeDistance(polygon, p);
  return inside ? 0 : distance;
}
