import { polygonDistance, polygonEdgeDistance } from './polyline.js';
import type { XY } from './svg.js';

/*
 * "Is this point within `margin` of the polygon?", asked hundreds of thousands of times a second by the fitting of
 * the drawn hands, made fast without changing a single answer: the box round the polygon (grown by the margin) is
 * cut into square cells, and each cell is marked once as wholly clear (every point in it is farther than the
 * margin), wholly within (every point is within the margin, or inside the polygon), or on the edge. Only a point
 * in an edge cell computes its distance. The marks follow from the distance being 1-Lipschitz: no point of a cell
 * is farther from its centre than half the cell's diagonal.
 */

const CLEAR = 0;
const WITHIN = 1;
const EDGE = 2;
/** The finest cell (body heights) and the most cells a grid may have (a large polygon gets larger cells). */
const FINEST_CELL = 0.002;
const MOST_CELLS = 40_000;
/** Slack for rounding in the cell arithmetic: a cell is marked clear or within only with this much to spare. */
const SLACK = 1e-9;

/** A polygon and margin, with the cells that answer the distance test. */
export interface ZoneGrid {
  /** A number of its own, for keys of the zone lists it is in. */
  readonly id: number;
  readonly polygon: readonly XY[];
  readonly margin: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  readonly cell: number;
  readonly nx: number;
  readonly marks: Uint8Array;
}

let gridsBuilt = 0;

/** Marks a cell of a polygon's grid (centre cx, cy; half its diagonal h): clear, within or edge. */
function cellMark(polygon: readonly XY[], margin: number, cx: number, cy: number, h: number): number {
  const { inside, distance } = polygonEdgeDistance(polygon, { x: cx, y: cy });
  if (inside && distance > h + SLACK) return WITHIN;
  if ((inside ? 0 : distance) + h + SLACK < margin) return WITHIN;
  if (!inside && distance - h - SLACK > margin) return CLEAR;
  return EDGE;
}

function gridBuilt(polygon: readonly XY[], margin: number): ZoneGrid {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of polygon) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  minX -= margin;
  maxX += margin;
  minY -= margin;
  maxY += margin;
  const cell = Math.max(FINEST_CELL, Math.sqrt(((maxX - minX) * (maxY - minY)) / MOST_CELLS));
  const nx = Math.floor((maxX - minX) / cell) + 1;
  const ny = Math.floor((maxY - minY) / cell) + 1;
  const marks = new Uint8Array(nx * ny);
  const halfDiagonal = cell * Math.SQRT1_2;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      marks[j * nx + i] = cellMark(
        polygon,
        margin,
        minX + (i + 0.5) * cell,
        minY + (j + 0.5) * cell,
        halfDiagonal,
      );
  return { id: gridsBuilt++, polygon, margin, minX, maxX, minY, maxY, cell, nx, marks };
}

const byPolygon = new WeakMap<readonly XY[], Map<number, ZoneGrid>>();
const byContent = new Map<string, ZoneGrid>();
/** Polygons made afresh for every frame (a plan's excluded areas) find their grid by content; this many are kept. */
const MOST_BY_CONTENT = 256;

/**
 * The grid of a polygon and margin, built once: found by the polygon's identity, else by its content (callers
 * that rebuild the same polygons for every frame share one grid).
 */
export function zoneGrid(polygon: readonly XY[], margin: number): ZoneGrid {
  let grids = byPolygon.get(polygon);
  if (!grids) {
    grids = new Map();
    byPolygon.set(polygon, grids);
  }
  let grid = grids.get(margin);
  if (grid) return grid;
  const key = `${margin}|${polygon.map((p) => `${p.x},${p.y}`).join(';')}`;
  grid = byContent.get(key);
  if (!grid) {
    grid = gridBuilt(polygon, margin);
    if (byContent.size >= MOST_BY_CONTENT) byContent.delete(byContent.keys().next().value!);
    byContent.set(key, grid);
  }
  grids.set(margin, grid);
  return grid;
}

/** Whether the point (x, y) lies within the grid's margin of its polygon: polygonDistance(…) <= margin, exactly. */
export function isWithinZone(grid: ZoneGrid, x: number, y: number): boolean {
  if (x < grid.minX || x > grid.maxX || y < grid.minY || y > grid.maxY) return false;
  const mark =
    grid.marks[Math.floor((y - grid.minY) / grid.cell) * grid.nx + Math.floor((x - grid.minX) / grid.cell)];
  if (mark === CLEAR) return false;
  if (mark === WITHIN) return true;
  return polygonDistance(grid.polygon, { x, y }) <= grid.margin;
}

/** A zone of a list: its grid, and whether it only weighs against a placement (soft) or forbids it (hard). */
export interface ListedZone {
  readonly grid: ZoneGrid;
  readonly isSoft?: boolean;
}

/** What a list's cell says of every point in it: no zone, the first zone is hard, soft, or ask each zone. */
export const NO_ZONE = 0;
export const HARD_ZONE = 1;
export const SOFT_ZONE = 2;
export const ASK_EACH = 3;

/**
 * Several zones in order, over the area where hands are drawn (body frame), in one grid: for a point, the first
 * zone of the list it lies within, in one look-up for all but the cells an edge runs through.
 */
export interface ZoneListGrid {
  readonly zones: readonly ListedZone[];
  readonly marks: Uint8Array;
}

/** The area a zone list's grid covers (body heights; the body with its arms, the table and beyond the head). */
const LIST_AREA = { x0: -0.45, y0: -0.15, cell: 0.003, nx: 300, ny: 420 };
const listGrids = new Map<string, ZoneListGrid>();
const MOST_LISTS = 64;

function listGridBuilt(zones: readonly ListedZone[]): ZoneListGrid {
  const { x0, y0, cell, nx, ny } = LIST_AREA;
  const marks = new Uint8Array(nx * ny);
  const h = cell * Math.SQRT1_2;
  for (const zone of zones) {
    const g = zone.grid;
    const i0 = Math.max(0, Math.floor((g.minX - x0) / cell));
    const i1 = Math.min(nx - 1, Math.floor((g.maxX - x0) / cell));
    const j0 = Math.max(0, Math.floor((g.minY - y0) / cell));
    const j1 = Math.min(ny - 1, Math.floor((g.maxY - y0) / cell));
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const at = j * nx + i;
        if (marks[at] !== NO_ZONE) continue;
        const mark = cellMark(g.polygon, g.margin, x0 + (i + 0.5) * cell, y0 + (j + 0.5) * cell, h);
        if (mark === WITHIN) marks[at] = zone.isSoft ? SOFT_ZONE : HARD_ZONE;
        else if (mark === EDGE) marks[at] = ASK_EACH;
      }
    }
  }
  return { zones, marks };
}

/** The grid of a list of zones, built once per list (kept for the most recent lists). */
export function zoneListGrid(zones: readonly ListedZone[]): ZoneListGrid {
  const key = zones.map((z) => `${z.grid.id}${z.isSoft ? 's' : ''}`).join(',');
  let grid = listGrids.get(key);
  if (!grid) {
    grid = listGridBuilt(zones);
    if (listGrids.size >= MOST_LISTS) listGrids.delete(listGrids.keys().next().value!);
    listGrids.set(key, grid);
  }
  return grid;
}

/**
 * Which zone of the list the point (x, y) lies within first: NO_ZONE, HARD_ZONE or SOFT_ZONE, exactly as asking
 * each zone in turn with isWithinZone.
 */
export function firstZoneAt(list: ZoneListGrid, x: number, y: number): number {
  const { x0, y0, cell, nx, ny } = LIST_AREA;
  const i = Math.floor((x - x0) / cell);
  const j = Math.floor((y - y0) / cell);
  if (i >= 0 && j >= 0 && i < nx && j < ny) {
    const mark = list.marks[j * nx + i]!;
    if (mark !== ASK_EACH) return mark;
  }
  for (const z of list.zones) if (isWithinZone(z.grid, x, y)) return z.isSoft ? SOFT_ZONE : HARD_ZONE;
  return NO_ZONE;
}
