import { type BodyPoint, bodyPoint, type Polygon, polygonContains, polygonEdgeDistance } from './geometry.js';
import type { RegionId, Side, Surface } from './ids.js';

/** A named anatomical point; bilateral landmarks are stored for the client's left and mirrored. */
export interface Landmark {
  readonly id: string;
  /** Position for the midline, or for the client's left when `isBilateral`. */
  readonly at: BodyPoint;
  readonly isBilateral: boolean;
  readonly name: string;
}

/** A region of one body surface, with the most pressure it tolerates (0: never pressed or touched). */
export interface RegionShape {
  readonly id: RegionId;
  readonly surface: Surface;
  readonly isBilateral: boolean;
  /** The polygon on the client's left (bilateral) or across the midline. */
  readonly polygon: Polygon;
  readonly maxPressure: number;
  readonly name: string;
  /** The polygon's bounding box, a quick test before the exact one. */
  readonly box: {
    readonly minX: number;
    readonly maxX: number;
    readonly minY: number;
    readonly maxY: number;
  };
}

/** The body map: landmarks and regions in one normalised frame (DESIGN.md "The body map"). */
export interface BodyMap {
  readonly landmarks: ReadonlyMap<string, Landmark>;
  readonly regions: readonly RegionShape[];
}

/** Raw body-map data, as kept in src/content/body-map.ts. */
export interface BodyMapData {
  readonly landmarks: readonly {
    id: string;
    x: number;
    y: number;
    isBilateral?: boolean;
    name: string;
  }[];
  readonly regions: readonly {
    id: RegionId;
    surface: Surface;
    isBilateral: boolean;
    polygon: readonly (readonly [number, number])[];
    maxPressure: number;
    name: string;
  }[];
}

/** A region hit at a point: which region, on which side (null for a midline region). */
export interface RegionHit {
  readonly region: RegionId;
  readonly side: Side | null;
  readonly maxPressure: number;
}

/** Builds a BodyMap from its raw data. */
export function bodyMapFromData(data: BodyMapData): BodyMap {
  const landmarks = new Map<string, Landmark>();
  for (const l of data.landmarks) {
    landmarks.set(l.id, {
      id: l.id,
      at: bodyPoint(l.x, l.y),
      isBilateral: l.isBilateral ?? false,
      name: l.name,
    });
  }
  const regions = data.regions.map((r): RegionShape => {
    const xs = r.polygon.map(([x]) => x);
    const ys = r.polygon.map(([, y]) => y);
    return {
      id: r.id,
      surface: r.surface,
      isBilateral: r.isBilateral,
      polygon: r.polygon.map(([x, y]) => bodyPoint(x, y)),
      maxPressure: r.maxPressure,
      name: r.name,
      box: { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) },
    };
  });
  return { landmarks, regions };
}

/** Where a landmark is, on the given side for a bilateral one (left when no side is given). */
export function landmarkPoint(map: BodyMap, id: string, side: Side | null = null): BodyPoint | undefined {
  const l = map.landmarks.get(id);
  if (!l) return undefined;
  if (l.isBilateral && side === 'right') return bodyPoint(-l.at.x, l.at.y);
  return l.at;
}

function sideOfPoint(p: BodyPoint): Side | null {
  if (p.x < 0) return 'left';
  if (p.x > 0) return 'right';
  return null;
}

/** Every region (with side) that contains the point on the given surface. */
export function regionsAt(map: BodyMap, surface: Surface, p: BodyPoint): RegionHit[] {
  const hits: RegionHit[] = [];
  for (const r of map.regions) {
    if (r.surface !== surface) continue;
    const b = r.box;
    if (p.y < b.minY || p.y > b.maxY) continue;
    if (r.isBilateral) {
      const lx = p.x <= 0 ? p.x : -p.x;
      if (lx < b.minX || lx > b.maxX) continue;
      const local = p.x <= 0 ? p : bodyPoint(lx, p.y);
      if (polygonContains(r.polygon, local)) {
        hits.push({ region: r.id, side: p.x <= 0 ? 'left' : 'right', maxPressure: r.maxPressure });
      }
    } else if (p.x >= b.minX && p.x <= b.maxX && polygonContains(r.polygon, p)) {
      hits.push({ region: r.id, side: sideOfPoint(p), maxPressure: r.maxPressure });
    }
  }
  return hits;
}

function polygonReached(r: RegionShape, p: BodyPoint, radius: number): boolean {
  const b = r.box;
  if (p.x < b.minX - radius || p.x > b.maxX + radius || p.y < b.minY - radius || p.y > b.maxY + radius)
    return false;
  return polygonContains(r.polygon, p) || polygonEdgeDistance(r.polygon, p) <= radius;
}

/**
 * Every region (with side) that a disc of `radius` around the point reaches on the given surface: the regions a
 * contact of that half-width touches, not only those under its centre. A bilateral region is tested on each side;
 * a midline region is reached on each side of the midline the disc reaches.
 */
export function regionsWithin(map: BodyMap, surface: Surface, p: BodyPoint, radius: number): RegionHit[] {
  if (radius <= 0) return regionsAt(map, surface, p);
  const hits: RegionHit[] = [];
  const mirrored = bodyPoint(-p.x, p.y);
  for (const r of map.regions) {
    if (r.surface !== surface) continue;
    if (r.isBilateral) {
      // The polygon is the left one: the point as it is reaches the left, the point mirrored the right.
      if (polygonReached(r, p, radius)) hits.push({ region: r.id, side: 'left', maxPressure: r.maxPressure });
      if (polygonReached(r, mirrored, radius))
        hits.push({ region: r.id, side: 'right', maxPressure: r.maxPressure });
    } else if (polygonReached(r, p, radius)) {
      const sides: (Side | null)[] =
        Math.abs(p.x) < radius ? (p.x === 0 ? [null, 'left', 'right'] : ['left', 'right']) : [sideOfPoint(p)];
      for (const side of sides) hits.push({ region: r.id, side, maxPressure: r.maxPressure });
    }
  }
  return hits;
}

/** True when the region (optionally on one side; a midline region split at x = 0) contains the point. */
export function regionContains(
  map: BodyMap,
  ref: { region: string; side?: Side | null | undefined },
  surface: Surface,
  p: BodyPoint,
): boolean {
  return regionsAt(map, surface, p).some(
    (h) =>
      (h.region === ref.region || h.region.startsWith(`${ref.region}.`)) &&
      (ref.side == null || h.side === ref.side),
  );
}

/** The most pressure tolerated at a point: the lowest cap of all regions containing it (5 where none). */
export function pressureToleranceAt(map: BodyMap, surface: Surface, p: BodyPoint): number {
  let max = 5;
  for (const h of regionsAt(map, surface, p)) if (h.maxPressure < max) max = h.maxPressure;
  return max;
}

/** A region a path crosses that forbids the pressure used on it. */
export interface PathViolation {
  readonly region: RegionId;
  readonly side: Side | null;
  readonly maxPressure: number;
  readonly pressure: number;
  readonly at: BodyPoint;
}

/** Tests the sampled points of a path against the regions' tolerance; returns the first violation per region. */
export function pathViolations(
  map: BodyMap,
  surface: Surface,
  points: readonly BodyPoint[],
  pressure: number,
): PathViolation[] {
  const seen = new Set<string>();
  const out: PathViolation[] = [];
  for (const p of points) {
    for (const h of regionsAt(map, surface, p)) {
      if (pressure <= h.maxPressure) continue;
      const key = `${h.region}/${h.side}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ region: h.region, side: h.side, maxPressure: h.maxPressure, pressure, at: p });
    }
  }
  return out;
}

/** The regions (with sides) a set of points touches, in first-touched order. */
export function pathRegions(map: BodyMap, surface: Surface, points: readonly BodyPoint[]): RegionHit[] {
  const seen = new Set<string>();
  const out: RegionHit[] = [];
  for (const p of points) {
    for (const h of regionsAt(map, surface, p)) {
      const key = `${h.region}/${h.side}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(h);
    }
  }
  return out;
}
