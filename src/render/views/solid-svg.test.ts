import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { themeColours } from '../theme.js';
import type { SceneGroup } from './solid-scene.js';
import { cutAwayFill, groupSvg } from './solid-svg.js';

const theme = themeColours('light');

/** The RGB of a pixel of an SVG rasterised on the theme's background. */
function pixelsOf(
  svg: string,
  width: number,
  height: number,
): (x: number, y: number) => [number, number, number] {
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svg}</svg>`;
  const { pixels } = new Resvg(doc, { background: theme.background }).render();
  return (x, y) => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
  };
}

function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i]!));

describe('a hand cut away (under the body, seen from the side)', () => {
  // Two overlapping shapes, as a palm and a finger crossing it.
  const group: SceneGroup = {
    id: 'hand',
    role: 'practitioner',
    depth: 0,
    isUnder: true,
    prims: [
      { kind: 'ellipse', c: { x: 100, y: 100 }, rx: 60, ry: 30 },
      { kind: 'ellipse', c: { x: 150, y: 100 }, rx: 60, ry: 30 },
    ],
  };
  const svg = groupSvg(group, theme, { unit: 1, isDashed: true });
  const pixel = pixelsOf(svg, 260, 200);
  const faint = rgbOf(cutAwayFill(theme));

  it('is one dashed outline round the whole hand: no outline where one shape crosses another', () => {
    // Points of the second shape's outline that lie well inside the first: the faint fill, never the line.
    let inside = 0;
    for (let deg = 140; deg <= 220; deg += 2) {
      const t = (deg * Math.PI) / 180;
      const at = { x: 150 + 60 * Math.cos(t), y: 100 + 30 * Math.sin(t) };
      if (((at.x - 100) / 60) ** 2 + ((at.y - 100) / 30) ** 2 > 0.7) continue;
      inside++;
      expect(distance(pixel(at.x, at.y), faint), `at ${deg}°`).toBeLessThan(12);
    }
    expect(inside).toBeGreaterThan(10);
  });

  it('is dashed on its outer edge, with the faint fill inside', () => {
    // Along the top of the union, just outside the shapes' edge (the half of the outline that shows): dashes and gaps.
    const line = rgbOf(theme.practitionerLine);
    const background = rgbOf(theme.background);
    const along = Array.from({ length: 120 }, (_, k) =>
      pixel(60 + k, 100 - Math.sqrt(Math.max(0, 1 - ((60 + k - (k < 65 ? 100 : 150)) / 60) ** 2)) * 30 - 1),
    );
    const dark = along.filter((p) => distance(p, line) < distance(p, background)).length;
    expect(dark).toBeGreaterThan(20);
    expect(dark).toBeLessThan(100);
    expect(distance(pixel(125, 100), faint)).toBeLessThan(12);
  });
});
