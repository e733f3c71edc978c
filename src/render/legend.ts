import { type BodyMap, landmarkPoint, regionsAt } from '../core/body-map.js';
import { type Moment, momentMotion } from '../core/moment.js';
import type { DrawnHand } from './drawn-hands.js';
import { ghostFill } from './hands.js';
import { type HiddenUnder, labelSize, type RenderLabels } from './labels.js';
import { boldArrowTrack, screenTracks, TECHNIQUE_MARKS } from './marks.js';
import { practitionerPlace } from './place.js';
import { el, num, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import type { Theme } from './theme.js';
import type { ViewLayout } from './view.js';

/** One row of the legend: a symbol and its words. */
type LegendRow = 'working' | 'return' | 'returnPressing' | 'holding' | 'under' | 'hidden' | 'start';

/**
 * Where the hands the view cuts away are: the body map's region at the contact of the hidden hand nearest the head
 * (head, neck, else the back); a hand off every region (drawing a strand of hair out) by its level against the base
 * of the skull and C7. Without a map, the head.
 */
export function hiddenHandsUnder(drawn: readonly DrawnHand[], map?: BodyMap): HiddenUnder {
  let first: DrawnHand | undefined;
  for (const d of drawn) if (!d.isShown && (!first || d.state.y < first.state.y)) first = d;
  if (!first || !map) return 'head';
  const { x, y } = first.state;
  const ids = regionsAt(map, first.state.surface, { x, y }).map((h) => h.region);
  if (ids.some((id) => id.startsWith('head.'))) return 'head';
  if (ids.some((id) => id.startsWith('neck.'))) return 'neck';
  if (ids.length > 0) return 'back';
  if (y <= (landmarkPoint(map, 'skull-base')?.y ?? 0)) return 'head';
  return y <= (landmarkPoint(map, 'c7')?.y ?? 0) ? 'neck' : 'back';
}

/** The symbols this moment's picture uses, and no others (ILLUSTRATION.md "Reading it"). */
export function legendRows(
  moment: Moment,
  drawn: readonly DrawnHand[],
  ghosts: readonly DrawnHand[] = [],
  view?: ViewLayout,
): LegendRow[] {
  const spec = TECHNIQUE_MARKS[moment.technique];
  const rows: LegendRow[] = [];
  // The lines as the view draws them: a stroke cut away with the hands under the head has no symbol to name.
  const minLength = 2 * (view?.unit ?? 0);
  const tracks = view
    ? screenTracks(view, moment)
        .filter((t) => !t.isHolding && t.working.points.length > 1)
        .map((t) => ({
          hasWorking: t.working.length >= minLength,
          hasReturn: (t.returning?.points.length ?? 0) > 1 && (t.returning?.length ?? 0) >= minLength,
          isReturnPressing: t.isReturnPressing,
        }))
    : momentMotion(moment)
        .hands.filter((t) => !t.isHolding && t.points.length > 1)
        .map((t) => ({
          hasWorking: true,
          hasReturn: (t.returnPoints?.length ?? 0) > 1,
          isReturnPressing: t.isReturnPressing ?? false,
        }));
  const isBoldArrow = view
    ? boldArrowTrack(view, moment) !== null
    : spec.emphasis === 'bold-arrow' && momentMotion(moment).hands.some((t) => !t.isHolding);
  if (spec.stroke !== 'none' && (tracks.some((t) => t.hasWorking) || isBoldArrow)) {
    rows.push('working');
    if (tracks.some((t) => t.hasReturn && !t.isReturnPressing)) rows.push('return');
    if (tracks.some((t) => t.hasReturn && t.isReturnPressing)) rows.push('returnPressing');
  }
  if (drawn.some((d) => d.isShown && d.state.isHolding && !d.isUnder)) rows.push('holding');
  // A hand on the side the view does not show (under the knee, under the neck) is drawn faded with a dashed rim.
  if (drawn.some((d) => d.isShown && d.isUnder)) rows.push('under');
  if (drawn.some((d) => !d.isShown)) rows.push('hidden');
  if (ghosts.length > 0) rows.push('start');
  return rows;
}

const ROW = 22;

/** The largest share of the table's height the legend may cover in its corner before it goes to one line. */
const LEGEND_MAX_SHARE = 0.3;

/** Where the legend lies on the canvas (its box), or null when the picture has none; what `legendSvg` draws in. */
export function legendBounds(
  options: LegendOptions,
): { x: number; y: number; width: number; height: number } | null {
  return legendLayout(options)?.box ?? null;
}

/** What the legend draws with. */
interface LegendOptions {
  view: ViewLayout;
  theme: Theme;
  labels: RenderLabels;
  moment: Moment;
  drawn: readonly DrawnHand[];
  /** The ghosted hands at the stroke's start (start-ghost.ts), if drawn. */
  ghosts?: readonly DrawnHand[];
  /** The body map, to name where hands cut away are (under the head, the neck or the back). */
  map?: BodyMap;
}

/** The legend's rows, words and box: a box in the table's corner, or one line beside the table (`isLine`). */
function legendLayout(options: LegendOptions) {
  const { view, labels, moment } = options;
  const rows = legendRows(moment, options.drawn, options.ghosts, view);
  if (rows.length === 0) return null;
  // Looked up on the body map only when some hands are cut away.
  const under = rows.includes('hidden') ? hiddenHandsUnder(options.drawn, options.map) : 'head';
  const size = labelSize(view.unit, 14);
  // The legend's own unit: the canvas's, grown with its words where they are held at the smallest size.
  const u = size / 14;
  const words: Record<LegendRow, string> = {
    working: labels.legendWorking,
    return: labels.legendReturn,
    returnPressing: labels.legendReturnPressing,
    holding: labels.legendHolding,
    under: labels.legendUnder,
    hidden: labels.legendHidden[under],
    start: labels.legendStart,
  };
  const height = rows.length * ROW * u + 8 * u;
  if (height > LEGEND_MAX_SHARE * view.table.height) {
    const line = legendLineLayout({ view, labels, moment, rows, size, under }).box;
    return { rows, size, under, u, words, isLine: true, box: line };
  }
  const sample = 40 * u;
  const width =
    8 * u + sample + 8 * u + Math.max(...rows.map((r) => textWidth(words[r], size, 'regular'))) + 10 * u;
  const x = view.table.x + view.table.width - width - 6 * view.unit;
  const y = view.table.y + 6 * view.unit;
  return { rows, size, under, u, words, isLine: false, box: { x, y, width, height } };
}

/**
 * A small legend naming the symbols the picture uses: a sample of each mark and its words, 14 px at 1280×720 and
 * never under 12 px (labelSize). In the table's top right corner (beside the feet, clear of the body); on a small
 * canvas, where that box would cover the feet, one line of a word or two per symbol in the margin beside the table
 * (the one without the practitioner's marker).
 */
export function legendSvg(options: LegendOptions): string {
  const layout = legendLayout(options);
  if (!layout) return '';
  const { theme, moment } = options;
  const { rows, size, under, u, words } = layout;
  if (layout.isLine) return legendLineSvg({ ...options, rows, size, under });
  const sample = 40 * u;
  const { x, y, width, height } = layout.box;
  const out: string[] = [legendBox(theme, { x, y, width, height }, u)];
  rows.forEach((row, i) => {
    const cy = y + 4 * u + (i + 0.5) * ROW * u;
    const x0 = x + 8 * u;
    out.push(legendSample(theme, row, { x0, x1: x0 + sample, cy, u, pressure: moment.step.pressure ?? 2 }));
    out.push(
      el(
        'text',
        { x: num(x0 + sample + 8 * u), y: num(cy + 5 * u), 'font-size': num(size), fill: theme.captionText },
        xmlEscaped(words[row]),
      ),
    );
  });
  return el('g', { 'data-legend': rows.join(' ') }, out.join(''));
}

/** The legend's box: the halo colour, nearly opaque, edged like the table. */
function legendBox(theme: Theme, box: { x: number; y: number; width: number; height: number }, u: number) {
  return el('rect', {
    x: num(box.x),
    y: num(box.y),
    width: num(box.width),
    height: num(box.height),
    rx: num(4 * u),
    fill: theme.labelHalo,
    'fill-opacity': '0.88',
    stroke: theme.tableEdge,
    'stroke-width': num(1 * u, 2),
  });
}

/** The words of the legend's one line, each row's short words. */
function lineItems(labels: RenderLabels, rows: readonly LegendRow[], under: HiddenUnder) {
  return rows.map((row) => ({
    row,
    words: row === 'hidden' ? labels.legendShort.hidden[under] : labels.legendShort[row],
  }));
}

/** The legend on one line beside the table (a small canvas): its items, their measures and its box. */
function legendLineLayout(options: {
  view: ViewLayout;
  labels: RenderLabels;
  moment: Moment;
  rows: readonly LegendRow[];
  size: number;
  under: HiddenUnder;
}) {
  const { view, moment, size } = options;
  const u = size / 14;
  const sample = 26 * u;
  const items = lineItems(options.labels, options.rows, options.under);
  const itemWidth = (w: string) => sample + 5 * u + textWidth(w, size, 'regular');
  const gap = 12 * u;
  const pad = 6 * u;
  const width = items.reduce((sum, it) => sum + itemWidth(it.words), 0) + gap * (items.length - 1) + 2 * pad;
  const height = 20 * u;
  // The margin without the practitioner's marker (it sits on the long edge of their side, or at an end).
  const place = practitionerPlace(moment);
  const topEdgeSide = view.lateralSign === 1 ? 'left' : 'right';
  const isBelow = place === topEdgeSide;
  const tableBottom = view.table.y + view.table.height;
  const cy = isBelow ? (tableBottom + view.captionTop) / 2 : view.table.y / 2;
  const x = Math.max(view.table.x + view.table.width - width, 2 * view.unit);
  return { u, sample, items, itemWidth, gap, pad, box: { x, y: cy - height / 2, width, height } };
}

/** The legend on one line beside the table (a small canvas): each symbol's sample and a word or two. */
function legendLineSvg(options: {
  view: ViewLayout;
  theme: Theme;
  labels: RenderLabels;
  moment: Moment;
  rows: readonly LegendRow[];
  size: number;
  under: HiddenUnder;
}): string {
  const { theme, moment, size } = options;
  const { u, sample, items, itemWidth, gap, pad, box } = legendLineLayout(options);
  const { x, y, width, height } = box;
  const cy = y + height / 2;
  const out: string[] = [legendBox(theme, { x, y: cy - height / 2, width, height }, u)];
  let at = x + pad;
  for (const it of items) {
    out.push(
      legendSample(theme, it.row, {
        x0: at,
        x1: at + sample,
        cy,
        u: u * 0.8,
        pressure: moment.step.pressure ?? 2,
      }),
    );
    out.push(
      el(
        'text',
        {
          x: num(at + sample + 5 * u),
          y: num(cy + 0.36 * size),
          'font-size': num(size),
          fill: theme.captionText,
        },
        xmlEscaped(it.words),
      ),
    );
    at += itemWidth(it.words) + gap;
  }
  return el('g', { 'data-legend': options.rows.join(' ') }, out.join(''));
}

/** One symbol's sample, drawn from x0 to x1 on the line cy, at the legend's unit. */
function legendSample(
  theme: Theme,
  row: LegendRow,
  at: { x0: number; x1: number; cy: number; u: number; pressure: number },
): string {
  const { x0, x1, cy, u, pressure } = at;
  const line = (to: number, stroke: string, width: number, dash?: string) =>
    el('path', {
      d: `M${num(x0)} ${num(cy)}L${num(to)} ${num(cy)}`,
      stroke,
      'stroke-width': num(width * u, 2),
      ...(dash ? { 'stroke-dasharray': dash } : {}),
      'stroke-linecap': 'round',
    });
  const hand = (fill: Record<string, string>, dash?: string) =>
    el('rect', {
      x: num(x0 + 6 * u),
      y: num(cy - 7 * u),
      width: num(Math.max(x1 - x0 - 12 * u, 8 * u)),
      height: num(14 * u),
      rx: num(6 * u),
      stroke: theme.practitionerLine,
      'stroke-width': num(1.5 * u, 2),
      ...fill,
      ...(dash ? { 'stroke-dasharray': dash } : {}),
    });
  switch (row) {
    case 'working':
      return (
        line(x1 - 10 * u, theme.path, 1.6 + 1.1 * pressure) +
        el('path', {
          d: `M${num(x1)} ${num(cy)}L${num(x1 - 12 * u)} ${num(cy - 7 * u)}L${num(x1 - 12 * u)} ${num(cy + 7 * u)}Z`,
          fill: theme.path,
        })
      );
    case 'return':
      return (
        line(x1, theme.pathReturn, 2, `${num(9 * u)} ${num(7 * u)}`) +
        el('path', {
          d: `M${num(x1 - 10 * u)} ${num(cy - 6 * u)}L${num(x1)} ${num(cy)}L${num(x1 - 10 * u)} ${num(cy + 6 * u)}`,
          fill: 'none',
          stroke: theme.pathReturn,
          'stroke-width': num(2.2 * u, 2),
          'stroke-linecap': 'round',
        })
      );
    case 'returnPressing':
      return line(x1, theme.pathReturn, 2.2);
    case 'holding':
      return hand({ fill: theme.practitionerSkin, 'fill-opacity': '0.5' });
    case 'under':
      // As the picture draws it: a faded hand, and over it a dashed rim (unlike the start's dotted one).
      return (
        hand({ fill: theme.practitionerSkin, 'fill-opacity': '0.45', stroke: 'none', 'stroke-width': '0' }) +
        hand({ fill: 'none' }, `${num(4 * u)} ${num(3 * u)}`)
      );
    case 'hidden':
      return hand({ fill: 'none' }, `${num(4 * u)} ${num(3 * u)}`);
    case 'start':
      return hand(ghostFill(theme), `${num(2 * u)} ${num(2.5 * u)}`);
  }
}
