// The figure of a moment as an SVG string. Until src/render's renderMoment lands this draws a plain
// placeholder: the table, a body outline from the body map's proportions and each hand as a disc.
import type { Moment } from '../../src/core/moment.js';

/** How a figure is drawn. */
export interface FigureOptions {
  readonly width: number;
  readonly height: number;
  readonly theme: 'light' | 'dark';
  /** Short text for screen readers (the SVG is an image). */
  readonly label: string;
}

const n = (v: number) => (Math.round(v * 10) / 10).toString();

/** The SVG of a moment (placeholder renderer). */
export function figureSvg(moment: Moment, options: FigureOptions): string {
  const { width, height } = options;
  const dark = options.theme === 'dark';
  // Body frame: the body lies across the picture, head on the left (x_screen from y_body).
  const scale = Math.min(width / 1.12, height / 0.46);
  const ox = (width - 1.07 * scale) / 2 + 0.035 * scale;
  const oy = height / 2;
  const sx = (y: number) => ox + y * scale;
  const sy = (x: number) => oy + x * scale;
  const skin = dark ? '#c9a88c' : '#e4c3a5';
  const line = dark ? '#f2e6da' : '#6b4f3a';
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="${dark ? '#0d1520' : '#f4f1ec'}"/>`);
  parts.push(
    `<rect x="${n(sx(-0.035))}" y="${n(sy(-0.2))}" width="${n(1.07 * scale)}" height="${n(0.4 * scale)}" rx="${n(0.02 * scale)}" fill="${dark ? '#1f2b3a' : '#dfe4ea'}" stroke="${dark ? '#44556b' : '#9aa7b5'}"/>`,
  );
  const style = `fill="${skin}" stroke="${line}" stroke-width="${n(Math.max(1, scale * 0.003))}"`;
  parts.push(
    `<ellipse cx="${n(sx(0.06))}" cy="${n(sy(0))}" rx="${n(0.06 * scale)}" ry="${n(0.045 * scale)}" ${style}/>`,
  );
  parts.push(
    `<path d="M${n(sx(0.15))},${n(sy(-0.13))} L${n(sx(0.48))},${n(sy(-0.105))} L${n(sx(0.48))},${n(sy(0.105))} L${n(sx(0.15))},${n(sy(0.13))} Z" ${style}/>`,
  );
  for (const side of [-1, 1]) {
    parts.push(
      `<path d="M${n(sx(0.48))},${n(sy(side * 0.005))} L${n(sx(0.48))},${n(sy(side * 0.105))} L${n(sx(0.95))},${n(sy(side * 0.075))} L${n(sx(1))},${n(sy(side * 0.055))} L${n(sx(0.95))},${n(sy(side * 0.035))} Z" ${style}/>`,
    );
  }
  for (const hand of moment.hands) {
    const isPressing = hand.pressure !== null && !hand.isLifted;
    const r = 0.022 * scale;
    const fill = isPressing ? (dark ? '#6cb6ff' : '#0b5cad') : 'none';
    parts.push(
      `<circle cx="${n(sx(hand.y))}" cy="${n(sy(hand.x))}" r="${n(r)}" fill="${fill}" fill-opacity="0.85" stroke="${dark ? '#6cb6ff' : '#0b5cad'}" stroke-width="${n(Math.max(2, scale * 0.004))}"/>`,
    );
  }
  const label = options.label.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">${parts.join('')}</svg>`;
}
