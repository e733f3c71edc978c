import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { Intake } from '../core/intake.js';
import { isRefusal, type Plan } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { momentAt } from '../core/timeline.js';
import { renderMoment } from './render-moment.js';
import { type ThemeName, themeColours } from './theme.js';

/*
 * Part 3 of issue 10: readable printed in black and white (ILLUSTRATION.md "Safety on the picture"). The SVG's
 * colours are turned to grey (relative luminance, Rec. 709) and what the legend tells apart (working stroke,
 * lifted return, pressing return, holding hand, hand under the body, the start ghosted) must differ by shape,
 * dash, width or enough grey, never by hue alone; the never-press hatch and the excluded grey must show on the
 * skin in grey; the working stroke must widen with pressure.
 */

const bodyMap = builtinBodyMap();

/** The relative luminance (0 black … 1 white) of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** A colour laid at an opacity over another, as grey (luminance). */
function greyOver(hex: string, opacity: number, under: string): number {
  return opacity * luminance(hex) + (1 - opacity) * luminance(under);
}

/** The contrast ratio of two greys (1 the same … 21 black on white). */
function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

interface Sample {
  readonly row: string;
  /** The kinds of elements the sample is made of, e.g. "path path" (a line and its head). */
  readonly shape: string;
  /** The dash pattern as on/off ratio, or 0 for a solid line. */
  readonly dash: number;
  readonly width: number;
  /** The grey of the sample's main ink over the legend's background. */
  readonly grey: number;
}

function attr(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** The legend's samples of a rendered picture, one per row, in grey. */
function legendSamples(svg: string): Sample[] {
  const g = /<g data-legend="([^"]*)">(.*?)<\/g>/.exec(svg);
  if (!g) return [];
  const rows = g[1]!.split(' ');
  const elements = [...g[2]!.matchAll(/<(rect|path|text)\b[^>]*?(?:\/>|>[^<]*<\/text>)/g)].map((m) => m[0]);
  const background = elements.shift()!;
  const bg = attr(background, 'fill')!;
  const chunks: string[][] = [[]];
  for (const e of elements) {
    if (e.startsWith('<text')) chunks.push([]);
    else chunks[chunks.length - 1]!.push(e);
  }
  return rows.map((row, i) => {
    const parts = chunks[i]!;
    const dashes = parts.map((p) => attr(p, 'stroke-dasharray')).filter((d): d is string => d !== undefined);
    const [on, off] = (dashes[0] ?? '0 1').split(' ').map(Number);
    const widths = parts.map((p) => Number(attr(p, 'stroke-width') ?? 0));
    const main = parts[0]!;
    const fill = attr(main, 'fill');
    const ink =
      fill && fill !== 'none'
        ? greyOver(fill, Number(attr(main, 'fill-opacity') ?? 1), bg)
        : luminance(attr(main, 'stroke')!);
    return {
      row,
      shape: parts.map((p) => p.slice(1, p.indexOf(' '))).join(' '),
      dash: on! / (on! + off!),
      width: Math.max(...widths),
      grey: ink,
    };
  });
}

/** Why two samples can be told apart without colour, or null. */
function apartInGrey(a: Sample, b: Sample): string | null {
  if (a.shape !== b.shape) return 'shape';
  if ((a.dash === 0) !== (b.dash === 0)) return 'dash';
  if (a.dash > 0 && Math.max(a.dash, b.dash) / Math.min(a.dash, b.dash) >= 1.3) return 'dash pattern';
  if (Math.max(a.width, b.width) / Math.max(Math.min(a.width, b.width), 0.1) >= 1.3) return 'width';
  if (contrast(a.grey, b.grey) >= 1.5) return 'grey';
  return null;
}

function planOf(routine: string, intake: Intake): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), intake, { bodyMap });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

/** Every step of both routines at a few phases: the legends the top view draws. */
function legendsOf(theme: ThemeName): Sample[][] {
  const out: Sample[][] = [];
  for (const routine of ['spinal-column', 'neck-and-shoulders']) {
    const plan = planOf(routine, Intake.parse({ minutes: 60 }));
    for (const step of plan.steps) {
      for (const k of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const m = momentAt(plan, step.start + step.duration * k * 0.3, bodyMap);
        const svg = renderMoment(m, { bodyMap, theme, text: 'text', excluded: plan.excludedRegions });
        const samples = legendSamples(svg);
        if (samples.length > 0) out.push(samples);
      }
    }
  }
  return out;
}

describe('pictures read in black and white', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every two symbols of a legend differ by shape, dash, width or grey, not hue alone`, () => {
      const legends = legendsOf(theme);
      const seen = new Set(legends.flat().map((s) => s.row));
      // The test sees the symbols it is about.
      for (const row of ['working', 'return', 'returnPressing', 'holding', 'start'])
        expect(seen).toContain(row);
      const problems = new Set<string>();
      for (const samples of legends)
        for (let i = 0; i < samples.length; i++)
          for (let j = i + 1; j < samples.length; j++)
            if (!apartInGrey(samples[i]!, samples[j]!))
              problems.add(`${samples[i]!.row} ~ ${samples[j]!.row}`);
      expect([...problems]).toEqual([]);
    });

    it(`${theme}: the working stroke, the hatch and the excluded grey show on the skin and the table in grey`, () => {
      const t = themeColours(theme);
      // A stroke shows on a ground in grey by its own contrast or by the casing drawn under it.
      const shows = (line: string, ground: string) =>
        Math.max(
          contrast(luminance(line), luminance(ground)),
          contrast(luminance(line), luminance(t.labelHalo)),
        );
      for (const ground of [t.skin, t.skinShade, t.tableTop]) {
        expect(shows(t.path, ground)).toBeGreaterThanOrEqual(3);
        expect(shows(t.pathReturn, ground)).toBeGreaterThanOrEqual(1.8);
      }
      // The hatch's stripes (danger at the band's opacity) against the skin they lie on.
      expect(contrast(greyOver(t.hatch, 0.55, t.skin), luminance(t.skin))).toBeGreaterThanOrEqual(1.5);
      // The excluded grey against the skin, and against the hatch (a flat grey vs stripes: told apart by shape too).
      expect(contrast(greyOver(t.excluded, 0.55, t.skin), luminance(t.skin))).toBeGreaterThanOrEqual(1.5);
    });
  }

  it('the never-press zone is a pattern and an excluded region a flat grey with its word: different shapes', () => {
    const plan = planOf(
      'spinal-column',
      Intake.parse({
        minutes: 45,
        conditions: [{ id: 'local-lesion', region: 'back.scapula', side: 'right', kind: 'bruise' }],
      }),
    );
    const step = plan.steps.find((s) => s.technique === 'glide' && s.position === 'prone')!;
    const svg = renderMoment(momentAt(plan, step.start + step.duration * 0.1, bodyMap), {
      bodyMap,
      text: 'text',
      excluded: plan.excludedRegions,
    });
    expect(svg).toMatch(/<pattern id="mc-hatch"[^>]*><rect /);
    expect(svg).toMatch(/fill="url\(#mc-hatch\)"/);
    const t = themeColours('light');
    expect(svg).toContain(`fill="${t.excluded}"`);
    expect(svg).toContain('not today');
  });

  it('every working stroke and return is drawn over a casing of the halo colour (it shows on any ground)', () => {
    const plan = planOf('spinal-column', Intake.parse({ minutes: 45 }));
    const step = plan.steps.find((s) => s.technique === 'glide' && s.pressure !== null)!;
    const t = themeColours('dark');
    const svg = renderMoment(momentAt(plan, step.start + step.duration * 0.05, bodyMap), {
      bodyMap,
      theme: 'dark',
      text: 'text',
      layers: ['path'],
    });
    const strokes = [...svg.matchAll(/<path d="([^"]*)" fill="none" stroke="([^"]*)"/g)];
    const lines = strokes.filter((m) => m[2] === t.path || m[2] === t.pathReturn);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(strokes.some((m) => m[1] === line[1] && m[2] === t.labelHalo)).toBe(true);
  });

  it('the working stroke widens with the planned pressure, at least 1 px a level at 1280×720', () => {
    const plan = planOf('spinal-column', Intake.parse({ minutes: 45 }));
    const step = plan.steps.find((s) => s.technique === 'glide' && s.pressure !== null)!;
    const m = momentAt(plan, step.start + step.duration * 0.05, bodyMap);
    const widths = [1, 2, 3, 4, 5].map((pressure) => {
      const svg = renderMoment({ ...m, step: { ...step, pressure } }, { bodyMap, text: 'text' });
      return legendSamples(svg).find((s) => s.row === 'working')!.width;
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]! - widths[i - 1]!).toBeGreaterThanOrEqual(1);
  });

  it('the check itself tells a hue-only difference from a real one', () => {
    const a: Sample = { row: 'a', shape: 'path', dash: 0, width: 3, grey: luminance('#1565c0') };
    expect(apartInGrey(a, { ...a, row: 'b', grey: luminance('#c0392b') })).toBeNull();
    expect(apartInGrey(a, { ...a, row: 'b', dash: 0.5 })).toBe('dash');
    expect(apartInGrey(a, { ...a, row: 'b', width: 6 })).toBe('width');
    expect(apartInGrey(a, { ...a, row: 'b', shape: 'rect' })).toBe('shape');
  });
});
