import { el, num, smoothPathData, type XY } from '../svg.js';
import { colourMixed, type Theme } from '../theme.js';
import type { Prim, SceneGroup, Tone } from './solid-scene.js';

/** Segments round a blob's ends: fewer for a small one (a finger) than for a large one (a thigh). */
function blobSteps(r: number): number {
  return r < 12 ? 5 : 8;
}

/** Path data of a tapered capsule: two circles joined by their outer tangents (as a polygon: robust, exact enough). */
function blobPathData(a: XY, b: XY, ra: number, rb: number): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy);
  if (d < Math.abs(ra - rb) + 0.01) {
    const c = ra >= rb ? a : b;
    const r = Math.max(ra, rb);
    return `M${num(c.x - r)} ${num(c.y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0Z`;
  }
  const axis = Math.atan2(dy, dx);
  // The outer tangents touch both circles at ±φ from the axis a → b.
  const phi = Math.acos(Math.max(-1, Math.min(1, (ra - rb) / d)));
  const steps = blobSteps(Math.max(ra, rb));
  const pts: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const ang = axis - phi + (i / steps) * 2 * phi;
    pts.push(`${num(b.x + rb * Math.cos(ang))} ${num(b.y + rb * Math.sin(ang))}`);
  }
  for (let i = 0; i <= steps; i++) {
    const ang = axis + phi + (i / steps) * (2 * Math.PI - 2 * phi);
    pts.push(`${num(a.x + ra * Math.cos(ang))} ${num(a.y + ra * Math.sin(ang))}`);
  }
  return `M${pts.join('L')}Z`;
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
    // Cut away: an outline only, dashed, with a faint fill (the hand under the body, seen through it).
    const d = group.prims
      .filter((p) => p.kind !== 'line')
      .map(primPathData)
      .join('');
    return el('path', {
      d,
      fill: colourMixed(theme.practitionerSkin, theme.background, 0.7),
      stroke: line,
      'stroke-width': num(2 * options.unit),
      'stroke-dasharray': `${num(7 * options.unit)} ${num(5 * options.unit)}`,
      'fill-rule': 'nonzero',
    });
  }
  const all = group.prims
    .filter((p) => p.kind !== 'line')
    .map(primPathData)
    .join('');
  let out = el('path', {
    d: all,
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
