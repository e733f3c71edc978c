import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { TECHNIQUE_MARKS } from './marks.js';
import { renderMoment } from './render-moment.js';
import { textWidth } from './text-metrics.js';
import { themeColours } from './theme.js';

// Issue 10 part 3, measured on the SVG the top view draws at 1280×720: every circle mark (a curved arrow that says
// "in circles") at least 40 px across, and no two labels, badges or the legend's box on each other.

const bodyMap = builtinBodyMap();
const theme = themeColours('light');
const PHASES = [0.05, 0.3, 0.5, 0.7, 0.95];

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly what: string;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const numAttr = (tag: string, name: string) => Number(attr(tag, name) ?? Number.NaN);

/** The box of a `<text>` from the renderer's own metrics (Noto Sans: ascent about 0.76 em, descent 0.24 em). */
function textBox(tag: string, content: string): Box {
  const size = numAttr(tag, 'font-size');
  const weight = Number(attr(tag, 'font-weight') ?? 400) >= 600 ? 'semibold' : 'regular';
  const width = textWidth(content, size, weight);
  const x = numAttr(tag, 'x');
  const y = numAttr(tag, 'y');
  const anchor = attr(tag, 'text-anchor') ?? 'start';
  const x0 = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  return { x0, x1: x0 + width, y0: y - 0.76 * size, y1: y + 0.24 * size, what: `"${content}"` };
}

const inside = (p: { x: number; y: number }, b: Box) =>
  p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;
const union = (a: Box, b: Box): Box => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
  what: `${a.what}${b.what}`,
});

/**
 * The labels of a picture, each one box: the legend's box (its words inside it), a badge (a circle filled with the
 * halo or accent colour, with the text centred in it), and every other word.
 */
function labelBoxes(svg: string): Box[] {
  const boxes: Box[] = [];
  const legend = /<g data-legend="[^"]*">(.*?)<\/g>/s.exec(svg);
  let rest = svg;
  if (legend) {
    const rect = /<rect[^>]*>/.exec(legend[1]!)![0];
    const x = numAttr(rect, 'x');
    const y = numAttr(rect, 'y');
    boxes.push({
      x0: x,
      y0: y,
      x1: x + numAttr(rect, 'width'),
      y1: y + numAttr(rect, 'height'),
      what: 'legend',
    });
    rest = svg.replace(legend[0], '');
  }
  const badges: Box[] = [];
  for (const m of rest.matchAll(/<circle[^>]*>/g)) {
    const tag = m[0];
    const fill = attr(tag, 'fill');
    const r = numAttr(tag, 'r');
    if ((fill !== theme.labelHalo && fill !== theme.accent) || !(r >= 9)) continue;
    const cx = numAttr(tag, 'cx');
    const cy = numAttr(tag, 'cy');
    badges.push({ x0: cx - r, y0: cy - r, x1: cx + r, y1: cy + r, what: 'badge' });
  }
  const texts: Box[] = [];
  for (const m of rest.matchAll(/(<text[^>]*>)([^<]*)<\/text>/g)) {
    const box = textBox(m[1]!, m[2]!);
    const centre = { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 };
    const badge = badges.findIndex((b) => inside(centre, b));
    if (badge >= 0) badges[badge] = union(badges[badge]!, box);
    else texts.push(box);
  }
  return [...boxes, ...badges, ...texts];
}

const overlaps = (a: Box, b: Box, slack = 1) =>
  a.x0 < b.x1 - slack && b.x0 < a.x1 - slack && a.y0 < b.y1 - slack && b.y0 < a.y1 - slack;

/** The diameters of the circle marks (`data-mark="circle"`): twice the radius of their arc. */
function circleMarkDiameters(svg: string): number[] {
  const out: number[] = [];
  for (const m of svg.matchAll(/<g data-mark="circle"[^>]*>(.*?)<\/g>/gs)) {
    const arc = /A([\d.]+) ([\d.]+)/.exec(m[1]!);
    out.push(arc ? 2 * Math.min(Number(arc[1]), Number(arc[2])) : 0);
  }
  return out;
}

describe('the top view marks read at a glance (issue 10 part 3), both routines at 1280×720', () => {
  for (const routine of ['spinal-column', 'neck-and-shoulders']) {
    const plan = builtinPlan(routine);
    const moments = plan.steps.flatMap((step) =>
      (step.parts ?? [step]).flatMap((running) =>
        PHASES.map((phase) => ({
          name: `${step.id}${step.side ? `/${step.side}` : ''}${step.parts ? `/${running.id}` : ''} at ${phase}`,
          moment: momentAt(plan, running.start + (running.duration / running.reps) * phase, bodyMap),
        })),
      ),
    );
    const svgOf = (m: (typeof moments)[number]['moment']) =>
      renderMoment(m, {
        bodyMap,
        text: 'text',
        excluded: plan.excludedRegions,
        layers: ['table', 'safety', 'path', 'hands', 'marks', 'place'],
      });

    it(`${routine}: a step that works in circles draws its circles at least 40 px across`, () => {
      const problems: string[] = [];
      for (const { name, moment } of moments) {
        const spec = TECHNIQUE_MARKS[moment.technique];
        const circles = spec.stroke === 'loops' || spec.emphasis === 'circle-arrow';
        // Hands on the surface the view does not see are cut away (drawn in the head-end or side view).
        const hidden = moment.step.position === 'supine' ? 'posterior' : 'anterior';
        const working = moment.hands.some((h) => !h.isHolding && h.surface !== hidden);
        const diameters = circleMarkDiameters(svgOf(moment));
        if (circles && working && diameters.length === 0) problems.push(`${name}: no circle mark`);
        for (const d of diameters) if (d < 40) problems.push(`${name}: ${d.toFixed(0)} px`);
      }
      expect(problems).toEqual([]);
    });

    it(`${routine}: no two labels, badges or the legend lie on each other`, () => {
      const problems: string[] = [];
      for (const { name, moment } of moments) {
        const boxes = labelBoxes(svgOf(moment));
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            if (overlaps(boxes[i]!, boxes[j]!))
              problems.push(`${name}: ${boxes[i]!.what} on ${boxes[j]!.what}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('leg-drainage: the stroke ahead of the hand, arrowhead and all, is drawn over the hands that cover it', () => {
    const plan = builtinPlan();
    const step = plan.steps.find((s) => s.id === 'leg-drainage')!;
    const missing: string[] = [];
    for (const part of step.parts ?? [step])
      for (const phase of [0.1, 0.3, 0.5]) {
        const m = momentAt(plan, part.start + (part.duration / part.reps) * phase, bodyMap);
        const marks = renderMoment(m, { bodyMap, text: 'text', layers: ['marks'] }).replace(
          /<g data-legend="[^"]*">.*?<\/g>/s,
          '',
        );
        // The working stroke's filled arrowhead, in the layer drawn after the hands.
        if (!new RegExp(`<path d="[^"]*Z" fill="${theme.path}"`).test(marks))
          missing.push(`${part.id} at ${phase}`);
      }
    expect(missing).toEqual([]);
  });

  it("turn-over: the turn's arrow runs through no word", () => {
    const plan = builtinPlan();
    const step = plan.steps.find((s) => s.id === 'turn-over')!;
    const svg = renderMoment(momentAt(plan, step.start + step.duration / 2, bodyMap), {
      bodyMap,
      text: 'text',
      layers: ['marks'],
    });
    const curve = /d="M([\d.]+) ([\d.]+)C([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
    expect(curve).not.toBeNull();
    const [x0, y0, x1, y1, x2, y2, x3, y3] = curve!.slice(1).map(Number) as [number, ...number[]];
    const words = [...svg.matchAll(/(<text[^>]*>)([^<]*)<\/text>/g)].map((m) => textBox(m[1]!, m[2]!));
    expect(words.length).toBeGreaterThan(3);
    const crossed: string[] = [];
    for (let k = 0; k <= 100; k++) {
      const t = k / 100;
      const w = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t ** 2 * (1 - t), t ** 3];
      const p = {
        x: w[0]! * x0 + w[1]! * x1! + w[2]! * x2! + w[3]! * x3!,
        y: w[0]! * y0! + w[1]! * y1! + w[2]! * y2! + w[3]! * y3!,
      };
      for (const b of words) if (inside(p, { ...b, x0: b.x0 - 3, x1: b.x1 + 3 })) crossed.push(b.what);
    }
    expect([...new Set(crossed)]).toEqual([]);
  });

  it('measures: a badge on another badge, a word on the legend, count as overlaps', () => {
    const badge = (cx: number, n: number) =>
      `<circle cx="${cx}" cy="100" r="11" fill="${theme.labelHalo}" stroke="#000"/><text x="${cx}" y="105" font-size="14" text-anchor="middle">${n}</text>`;
    const legend = `<g data-legend="working"><rect x="0" y="0" width="200" height="40"/><text x="10" y="20" font-size="14">w</text></g>`;
    const apart = labelBoxes(`${legend}${badge(300, 1)}${badge(340, 2)}`);
    expect(apart).toHaveLength(3);
    const on = labelBoxes(
      `${legend}${badge(300, 1)}${badge(310, 2)}<text x="150" y="30" font-size="14">lift</text>`,
    );
    const pairs = on.flatMap((a, i) => on.slice(i + 1).filter((b) => overlaps(a, b)));
    expect(pairs).toHaveLength(2);
  });
});
