import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { polygonDistance } from './polyline.js';
import type { XY } from './svg.js';
import {
  firstZoneAt,
  HARD_ZONE,
  isWithinZone,
  type ListedZone,
  NO_ZONE,
  SOFT_ZONE,
  zoneGrid,
  zoneListGrid,
} from './zone-grid.js';

/** A star-shaped polygon round a centre: radii at even angles (concave where the radii differ). */
const polygonArb = fc
  .record({
    cx: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    cy: fc.double({ min: -0.1, max: 1.0, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.002, max: 0.2, noNaN: true }), { minLength: 3, maxLength: 12 }),
  })
  .map(({ cx, cy, radii }) =>
    radii.map((r, k) => {
      const a = (2 * Math.PI * k) / radii.length;
      return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
    }),
  );

const marginArb = fc.constantFrom(0, 0.002, 0.005, 0.012);

/** Points near the polygon: on its vertices and edges, just inside and outside them, and anywhere round it. */
function pointsNear(polygon: readonly XY[], margin: number, extra: readonly XY[]): XY[] {
  const out: XY[] = [...extra];
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const nx = (b.y - a.y) / len;
    const ny = -(b.x - a.x) / len;
    for (const t of [0, 0.25, 0.5, 0.9]) {
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      for (const d of [0, 1e-12, margin, margin - 1e-12, margin + 1e-12, 0.001, -0.001, 0.003, -0.003])
        out.push({ x: p.x + nx * d, y: p.y + ny * d }, { x: p.x - nx * d, y: p.y - ny * d });
    }
  }
  return out;
}

describe('zoneGrid', () => {
  it('answers exactly as the distance to the polygon, inside, outside and on every edge', () => {
    fc.assert(
      fc.property(
        polygonArb,
        marginArb,
        fc.array(
          fc.record({ x: fc.double({ min: -0.6, max: 0.6 }), y: fc.double({ min: -0.4, max: 1.3 }) }),
          {
            maxLength: 200,
          },
        ),
        (polygon, margin, extra) => {
          const grid = zoneGrid(polygon, margin);
          for (const p of pointsNear(polygon, margin, extra))
            expect(isWithinZone(grid, p.x, p.y), `${p.x}, ${p.y}`).toBe(
              polygonDistance(polygon, p) <= margin,
            );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shares one grid between equal polygons made afresh, and keeps margins apart', () => {
    const square = (): XY[] => [
      { x: 0, y: 0 },
      { x: 0.1, y: 0 },
      { x: 0.1, y: 0.1 },
      { x: 0, y: 0.1 },
    ];
    expect(zoneGrid(square(), 0.005)).toBe(zoneGrid(square(), 0.005));
    expect(zoneGrid(square(), 0.005)).not.toBe(zoneGrid(square(), 0));
    expect(isWithinZone(zoneGrid(square(), 0.005), 0.104, 0.05)).toBe(true);
    expect(isWithinZone(zoneGrid(square(), 0), 0.104, 0.05)).toBe(false);
  });
});

describe('zoneListGrid', () => {
  it('finds the first zone a point lies within, as asking each zone in turn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ polygon: polygonArb, margin: marginArb, isSoft: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(
          fc.record({ x: fc.double({ min: -0.6, max: 0.6 }), y: fc.double({ min: -0.4, max: 1.3 }) }),
          {
            maxLength: 200,
          },
        ),
        (zones, extra) => {
          const listed: ListedZone[] = zones.map((z) => ({
            grid: zoneGrid(z.polygon, z.margin),
            isSoft: z.isSoft,
          }));
          const list = zoneListGrid(listed);
          const points = zones.flatMap((z) => pointsNear(z.polygon, z.margin, [])).concat(extra);
          for (const p of points) {
            const first = zones.find((z) => polygonDistance(z.polygon, p) <= z.margin);
            const expected = first === undefined ? NO_ZONE : first.isSoft ? SOFT_ZONE : HARD_ZONE;
            expect(firstZoneAt(list, p.x, p.y), `${p.x}, ${p.y}`).toBe(expected);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('tells a hard zone from a soft one, and order decides where they overlap', () => {
    const box = (x0: number): XY[] => [
      { x: x0, y: 0.4 },
      { x: x0 + 0.1, y: 0.4 },
      { x: x0 + 0.1, y: 0.5 },
      { x: x0, y: 0.5 },
    ];
    const hard = { grid: zoneGrid(box(0), 0) };
    const soft = { grid: zoneGrid(box(0.05), 0), isSoft: true };
    expect(firstZoneAt(zoneListGrid([hard, soft]), 0.07, 0.45)).toBe(HARD_ZONE);
    expect(firstZoneAt(zoneListGrid([soft, hard]), 0.07, 0.45)).toBe(SOFT_ZONE);
    expect(firstZoneAt(zoneListGrid([hard, soft]), 0.12, 0.45)).toBe(SOFT_ZONE);
    expect(firstZoneAt(zoneListGrid([hard, soft]), 0.2, 0.45)).toBe(NO_ZONE);
    // Beyond the list grid's area the zones are asked one by one.
    const far = { grid: zoneGrid(box(2), 0) };
    expect(firstZoneAt(zoneListGrid([far]), 2.05, 0.45)).toBe(HARD_ZONE);
  });
});
