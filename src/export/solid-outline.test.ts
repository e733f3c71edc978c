// The solid views' outlines are drawn as grown shapes filled, not as strokes with round joins (far cheaper for
// resvg): they must draw the same pixels as the strokes did, to within a few antialiased ones.
import { describe, expect, it } from 'vitest';
import { el, num } from '../render/svg.js';
import { themeColours } from '../render/theme.js';
import type { Prim, SceneGroup } from '../render/views/solid-scene.js';
import { groupSvg, primPathData } from '../render/views/solid-svg.js';
import { svgToRgba } from './png.js';

const theme = themeColours('light');
const W = 480;
const H = 320;

/**
 * What groupSvg drew before, from what it draws now: the union of the shapes filled and stroked `2 × width` wide
 * with round joins, in place of the outline elements (the grown capsules, the other shapes stroked); the shapes'
 * own elements after them are the same.
 */
function strokedOutlineSvg(group: SceneGroup, svg: string, width: number, line: string): string {
  const all = group.prims
    .filter((p) => p.kind !== 'line')
    .map(primPathData)
    .join('');
  const outline = el('path', {
    d: all,
    fill: line,
    stroke: line,
    'stroke-width': num(width * 2),
    'stroke-linejoin': 'round',
  });
  const grown = `<path d="[^"]*" fill="${line}"/>`;
  const stroked = `<path d="[^"]*" fill="${line}" stroke="${line}" stroke-width="[^"]*" stroke-linejoin="round"/>`;
  const shapes = svg.replace(new RegExp(`^(${grown})?(${stroked})?`), '');
  expect(shapes.length).toBeLessThan(svg.length);
  return outline + shapes;
}

const page = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#f4f1ec"/>${body}</svg>`;

/** Pixels whose largest channel differs by more than `by`. */
function differing(a: Uint8Array, b: Uint8Array, by: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4)
    if (
      Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) > by
    )
      n++;
  return n;
}

/** An arm as the scene builds one: tapered capsules (upper arm, forearm, fingers), a circle, a quad and an ellipse. */
function armGroup(angle: number): SceneGroup {
  const at = (x: number, y: number) => ({
    x: 240 + x * Math.cos(angle) - y * Math.sin(angle),
    y: 160 + x * Math.sin(angle) + y * Math.cos(angle),
  });
  const prims: Prim[] = [
    { kind: 'blob', a: at(-180, -20), b: at(-60, 0), ra: 26, rb: 19, tone: 'sleeve' },
    { kind: 'blob', a: at(-60, 0), b: at(40, 10), ra: 17, rb: 12 },
    ...[0, 1, 2, 3].map(
      (k): Prim => ({ kind: 'blob', a: at(50, -12 + 8 * k), b: at(95, -16 + 9 * k), ra: 5, rb: 4 }),
    ),
    { kind: 'blob', a: at(30, 30), b: at(31, 30), ra: 9, rb: 3 }, // one circle inside the other: drawn as a circle
    { kind: 'poly', points: [at(30, -10), at(60, -14), at(62, 16), at(32, 20)] },
    { kind: 'ellipse', c: at(-100, 60), rx: 22, ry: 14 },
    { kind: 'line', points: [at(-90, -10), at(-70, -4)] },
  ];
  return { id: 'arm', role: 'practitioner', depth: 0, prims } as unknown as SceneGroup;
}

describe('the solid views’ outlines', () => {
  it.each([0, 0.4, 1.3, 2.2, 3.6, 5.1])(
    'draw what a stroke with round joins drew (arm at %f rad)',
    (angle) => {
      const group = armGroup(angle);
      const svg = groupSvg(group, theme, { unit: 1 });
      const grown = svgToRgba(page(svg)).pixels;
      const stroked = svgToRgba(page(strokedOutlineSvg(group, svg, 3, theme.practitionerLine))).pixels;
      // Antialiased edges may differ a little (the grown outline is written to 0.1 px); nothing else.
      expect(differing(grown, stroked, 48)).toBeLessThan(12);
      expect(differing(grown, stroked, 8)).toBeLessThan(400);
    },
  );

  it('would see an outline left out', () => {
    const group = armGroup(0.4);
    const grown = svgToRgba(page(groupSvg(group, theme, { unit: 1 }))).pixels;
    const noOutline = svgToRgba(
      page(groupSvg(group, theme, { unit: 1 }).replace(/<path d="[^"]*" fill="#[0-9a-f]{6}"\/>/, '')),
    ).pixels;
    expect(differing(grown, noOutline, 48)).toBeGreaterThan(1000);
  });

  it('strokes none of the capsules', () => {
    const svg = groupSvg(armGroup(0), theme, { unit: 1 });
    // One filled path of grown capsules, one stroked path for the quad and the ellipse, and the line.
    expect(svg.match(/stroke-linejoin="round"/g)).toHaveLength(1);
  });
});
