import { el, num, smoothPathData, type XY } from '../svg.js';
import { colourMixed, type Theme } from '../theme.js';
import type { Prim, SceneGroup, Tone } from './solid-scene.js';

/** Segments round a blob's ends: fewer for a small one (a finger) than for a large one (a thigh). */
function blobSteps(r: number): number {
  return r < 12 ? 5 : 8;
}

/** The corners of a tapered capsule's polygon (two circles joined by their outer tangents), or null for a circle. */
function blobCorners(a: XY, b: XY, ra: number, rb: number): XY[] | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy);
  if (d < Math.abs(ra - rb) + 0.01) return null;
  const axis = Math.atan2(dy, dx);
  // The outer tangents touch both circles at ±φ from the axis a → b.
  const phi = Math.acos(Math.max(-1, Math.min(1, (ra - rb) / d)));
  const steps = blobSteps(Math.max(ra, rb));
  const pts: XY[] = [];
  for (let i = 0; i <= steps; i++) {
    const ang = axis - phi + (i / steps) * 2 * phi;
    pts.push({ x: b.x + rb * Math.cos(ang), y: b.y + rb * Math.sin(ang) });
  }
  for (let i = 0; i <= steps; i++) {
    const ang = axis + phi + (i / steps) * (2 * Math.PI - 2 * phi);
    pts.push({ x: a.x + ra * Math.cos(ang), y: a.y + ra * Math.sin(ang) });
  }
  return pts;
}

/** Path data of a tapered capsule: two circles joined by their outer tangents (as a polygon: robust, exact enough). */
function blobPathData(a: XY, b: XY, ra: number, rb: number): string {
  const pts = blobCorners(a, b, ra, rb);
  if (!pts) {
    const c = ra >= rb ? a : b;
    const r = Math.max(ra, rb);
    return `M${num(c.x - r)} ${num(c.y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0Z`;
  }
  return `M${pts.map((q) => `${num(q.x)} ${num(q.y)}`).join('L')}Z`;
}

/** The largest turn of one straight piece of an outline's rounded corner (radians). */
const OUTLINE_JOIN_STEP = 0.45;

/**
 * The area within `w` of a capsule's shape (what a stroke `2w` wide with round joins, drawn over the filled shape,
 * covers), as path data wound the positive-angle way (the way every capsule's corners run), so the outlines of all
 * a group's capsules in one path fill their union. Filling this costs resvg far less than stroking the shape: a
 * stroke with round joins is turned into a fill of every segment's and every join's outline first.
 */
function blobOutlinePathData(a: XY, b: XY, ra: number, rb: number, w: number): string {
  const pts = blobCorners(a, b, ra, rb);
  // The corners as written (to 0.1 px, as the shape's own path), the ones that coincide dropped.
  const corners: XY[] = [];
  for (const q of pts ?? []) {
    const r = { x: Number(num(q.x)), y: Number(num(q.y)) };
    const last = corners[corners.length - 1];
    if (!last || last.x !== r.x || last.y !== r.y) corners.push(r);
  }
  const isClosing = () => {
    const [first, last] = [corners[0], corners[corners.length - 1]];
    return corners.length > 1 && first!.x === last!.x && first!.y === last!.y;
  };
  while (isClosing()) corners.pop();
  if (corners.length < 3) {
    const c = ra >= rb ? a : b;
    const r = Math.max(ra, rb) + w;
    return `M${num(c.x - r)} ${num(c.y)}a${num(r)} ${num(r)} 0 1 1 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 1 ${num(-2 * r)} 0Z`;
  }
  const n = corners.length;
  // Each edge's outward normal (the corners run the positive-angle way round a convex shape).
  const normals = corners.map((p, i) => {
    const q = corners[(i + 1) % n]!;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    return { x: (q.y - p.y) / len, y: -(q.x - p.x) / len };
  });
  const first = corners[0]!;
  const lastNormal = normals[n - 1]!;
  let d = `M${num(first.x + w * lastNormal.x)} ${num(first.y + w * lastNormal.y)}`;
  for (let i = 0; i < n; i++) {
    const p = corners[i]!;
    const q = corners[(i + 1) % n]!;
    const m = normals[i]!;
    // Round the corner (the join: straight pieces of at most OUTLINE_JOIN_STEP radians, within 0.08 px of the arc at
    // 3 px, and cheaper for resvg than an arc), then along the edge moved out by w.
    const from = normals[(i + n - 1) % n]!;
    const turn = Math.atan2(from.x * m.y - from.y * m.x, from.x * m.x + from.y * m.y);
    const pieces = Math.ceil(Math.abs(turn) / OUTLINE_JOIN_STEP);
    const start = Math.atan2(from.y, from.x);
    for (let k = 1; k < pieces; k++) {
      const ang = start + (turn * k) / pieces;
      d += `L${num(p.x + w * Math.cos(ang))} ${num(p.y + w * Math.sin(ang))}`;
    }
    d += `L${num(p.x + w * m.x)} ${num(p.y + w * m.y)}L${num(q.x + w * m.x)} ${num(q.y + w * m.y)}`;
  }
  return `${d}Z`;
}

/** A shape's path data. */
export function primPathData(p: Prim): string {
  switch (p.kind) {
    case 'blob':
      return blobPathData(p.a, p.b, p.ra, p.rb);
    case 'poly':
      if (p.isSmooth) return smoothPathData(p.points, { isClosed: true, tension: 0.8 });
      return `${p.points.map((q, i) => `${i === 0 ? 'M' : 'L'}${num(q.x)} ${num(q.y)}`).join('')}Z`;
    case 'line':
      if (p.isSmooth) return smoothPathData(p.points, { isClosed: false, tension: 0.8 });
      return p.points.map((q, i) => `${i === 0 ? 'M' : 'L'}${num(q.x)} ${num(q.y)}`).join('');
    case 'ellipse':
      return `M${num(p.c.x - p.rx)} ${num(p.c.y)}a${num(p.rx)} ${num(p.ry)} 0 1 0 ${num(2 * p.rx)} 0a${num(p.rx)} ${num(p.ry)} 0 1 0 ${num(-2 * p.rx)} 0Z`;
  }
}

/** The fill and line of a group's role, and of each tone inside it. */
function groupColours(
  group: SceneGroup,
  theme: Theme,
): { line: string; fill: (tone: Tone | undefined) => string } {
  switch (group.role) {
    case 'ghost':
      return {
        line: colourMixed(theme.skinLine, theme.background, 0.45),
        // Light and thin, its inside the background: the gap under an arched back stays empty.
        fill: () => colourMixed(theme.skin, theme.background, 0.94),
      };
    case 'client-far':
      return { line: theme.skinLine, fill: () => theme.skinShade };
    case 'client':
      return {
        line: theme.skinLine,
        fill: (tone) =>
          tone === 'hair'
            ? theme.hair
            : tone === 'drape'
              ? theme.drape
              : tone === 'shade'
                ? theme.skinShade
                : theme.skin,
      };
    case 'practitioner-body':
      return {
        line: colourMixed(theme.practitionerLine, theme.background, 0.5),
        fill: (tone) =>
          tone === 'skin'
            ? colourMixed(theme.practitionerSkin, theme.background, 0.55)
            : colourMixed(theme.sleeve, theme.background, 0.7),
      };
    default:
      return {
        line: theme.practitionerLine,
        fill: (tone) =>
          tone === 'sleeve'
            ? theme.sleeve
            : tone === 'holding'
              ? colourMixed(theme.practitionerSkin, theme.background, 0.45)
              : theme.practitionerSkin,
      };
  }
}

/** The faint fill of a hand cut away under the body (the picture's and its legend's key). */
export function cutAwayFill(theme: Theme): string {
  return colourMixed(theme.practitionerSkin, theme.background, 0.7);
}

/**
 * One group as clean shapes: the union's outline first (every shape stroked wide), then every shape filled on
 * top, so only the outer outline shows (one outline round an arm and its hand, not one per finger).
 */
export function groupSvg(
  group: SceneGroup,
  theme: Theme,
  options: { unit: number; isDashed?: boolean },
): string {
  const { line, fill } = groupColours(group, theme);
  const width = (group.role === 'ghost' ? 1.5 : 3) * options.unit;
  if (options.isDashed) {
    // Cut away: the hand under the body seen through it, a faint fill inside one dashed outline. Every shape is
    // stroked dashed at twice the outline's width first, then every shape filled on top, so only the outer half of
    // the union's outline shows: one dashed line round the hand, not one per finger crossing the others.
    const shapes = group.prims.filter((p) => p.kind !== 'line').map(primPathData);
    const faint = cutAwayFill(theme);
    return (
      el('path', {
        d: shapes.join(''),
        fill: 'none',
        stroke: line,
        'stroke-width': num(4 * options.unit),
        'stroke-dasharray': `${num(7 * options.unit)} ${num(5 * options.unit)}`,
        'stroke-linejoin': 'round',
      }) +
      // One element per shape: shapes joined in one path could cancel where they overlap with opposite windings.
      shapes.map((d) => el('path', { d, fill: faint })).join('')
    );
  }
  // The outline: each capsule's shape grown by the line's half-width, filled (one path: they all wind the same way);
  // the other shapes stroked, as a line `width * 2` wide with round joins over their fill, draws the same.
  const half = width;
  const grown = group.prims
    .map((p) => (p.kind === 'blob' ? blobOutlinePathData(p.a, p.b, p.ra, p.rb, half) : ''))
    .join('');
  const stroked = group.prims
    .filter((p) => p.kind !== 'line' && p.kind !== 'blob')
    .map(primPathData)
    .join('');
  let out = grown === '' ? '' : el('path', { d: grown, fill: line });
  if (stroked !== '')
    out += el('path', {
      d: stroked,
      fill: line,
      stroke: line,
      'stroke-width': num(width * 2),
      'stroke-linejoin': 'round',
    });
  // One element per shape: shapes joined in one path could cancel where they overlap with opposite windings.
  for (const p of group.prims)
    out +=
      p.kind === 'line'
        ? el('path', {
            d: primPathData(p),
            fill: 'none',
            stroke: line,
            'stroke-width': num((group.role === 'ghost' ? 1 : 1.6) * options.unit),
            'stroke-linecap': 'round',
          })
        : el('path', { d: primPathData(p), fill: fill(p.tone) });
  return out;
}
