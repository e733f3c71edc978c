import { type Moment, momentMotion } from '../core/moment.js';
import type { DrawnHand } from './drawn-hands.js';
import { ghostFill } from './hands.js';
import type { RenderLabels } from './labels.js';
import { TECHNIQUE_MARKS } from './marks.js';
import { el, num, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import type { Theme } from './theme.js';
import type { ViewLayout } from './view.js';

/** One row of the legend: a symbol and its words. */
type LegendRow = 'working' | 'return' | 'returnPressing' | 'holding' | 'hidden' | 'start';

/** The symbols this moment's picture uses, and no others (ILLUSTRATION.md "Reading it"). */
export function legendRows(
  moment: Moment,
  drawn: readonly DrawnHand[],
  ghosts: readonly DrawnHand[] = [],
): LegendRow[] {
  const spec = TECHNIQUE_MARKS[moment.technique];
  const rows: LegendRow[] = [];
  const tracks = momentMotion(moment).hands.filter((t) => !t.isHolding && t.points.length > 1);
  if (spec.stroke !== 'none' && tracks.length > 0) {
    rows.push('working');
    if (tracks.some((t) => (t.returnPoints?.length ?? 0) > 1 && !t.isReturnPressing)) rows.push('return');
    if (tracks.some((t) => (t.returnPoints?.length ?? 0) > 1 && t.isReturnPressing))
      rows.push('returnPressing');
  }
  if (drawn.some((d) => d.isShown && d.state.isHolding)) rows.push('holding');
  if (drawn.some((d) => !d.isShown)) rows.push('hidden');
  if (ghosts.length > 0) rows.push('start');
  return rows;
}

const ROW = 22;

/**
 * A small legend in the table's top right corner (beside the feet, clear of the body), naming the symbols the
 * picture uses: a sample of each mark at the size it is drawn, with 14 px words at 1280×720.
 */
export function legendSvg(options: {
  view: ViewLayout;
  theme: Theme;
  labels: RenderLabels;
  moment: Moment;
  drawn: readonly DrawnHand[];
  /** The ghosted hands at the stroke's start (start-ghost.ts), if drawn. */
  ghosts?: readonly DrawnHand[];
}): string {
  const { view, theme, labels, moment } = options;
  const rows = legendRows(moment, options.drawn, options.ghosts);
  if (rows.length === 0) return '';
  const u = view.unit;
  const size = 14 * u;
  const words: Record<LegendRow, string> = {
    working: labels.legendWorking,
    return: labels.legendReturn,
    returnPressing: labels.legendReturnPressing,
    holding: labels.legendHolding,
    hidden: labels.legendHidden,
    start: labels.legendStart,
  };
  const sample = 40 * u;
  const width =
    8 * u + sample + 8 * u + Math.max(...rows.map((r) => textWidth(words[r], size, 'regular'))) + 10 * u;
  const height = rows.length * ROW * u + 8 * u;
  const x = view.table.x + view.table.width - width - 6 * u;
  const y = view.table.y + 6 * u;
  const out: string[] = [
    el('rect', {
      x: num(x),
      y: num(y),
      width: num(width),
      height: num(height),
      rx: num(4 * u),
      fill: theme.labelHalo,
      'fill-opacity': '0.88',
      stroke: theme.tableEdge,
      'stroke-width': num(1 * u, 2),
    }),
  ];
  rows.forEach((row, i) => {
    const cy = y + 4 * u + (i + 0.5) * ROW * u;
    const x0 = x + 8 * u;
    const x1 = x0 + sample;
    const pressure = moment.step.pressure ?? 2;
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
        width: num(sample - 12 * u),
        height: num(14 * u),
        rx: num(6 * u),
        ...fill,
        stroke: theme.practitionerLine,
        'stroke-width': num(1.5 * u, 2),
        ...(dash ? { 'stroke-dasharray': dash } : {}),
      });
    switch (row) {
      case 'working':
        out.push(
          line(x1 - 10 * u, theme.path, 1.6 + 1.1 * pressure),
          el('path', {
            d: `M${num(x1)} ${num(cy)}L${num(x1 - 12 * u)} ${num(cy - 7 * u)}L${num(x1 - 12 * u)} ${num(cy + 7 * u)}Z`,
            fill: theme.path,
          }),
        );
        break;
      case 'return':
        out.push(
          line(x1, theme.pathReturn, 2, `${num(9 * u)} ${num(7 * u)}`),
          el('path', {
            d: `M${num(x1 - 10 * u)} ${num(cy - 6 * u)}L${num(x1)} ${num(cy)}L${num(x1 - 10 * u)} ${num(cy + 6 * u)}`,
            fill: 'none',
            stroke: theme.pathReturn,
            'stroke-width': num(2.2 * u, 2),
            'stroke-linecap': 'round',
          }),
        );
        break;
      case 'returnPressing':
        out.push(line(x1, theme.pathReturn, 2.2));
        break;
      case 'holding':
        out.push(hand({ fill: theme.practitionerSkin, 'fill-opacity': '0.5' }));
        break;
      case 'hidden':
        out.push(hand({ fill: 'none' }, `${num(4 * u)} ${num(3 * u)}`));
        break;
      case 'start':
        out.push(hand(ghostFill(theme), `${num(2 * u)} ${num(2.5 * u)}`));
        break;
    }
    out.push(
      el(
        'text',
        { x: num(x1 + 8 * u), y: num(cy + 5 * u), 'font-size': num(size), fill: theme.captionText },
        xmlEscaped(words[row]),
      ),
    );
  });
  return el('g', { 'data-legend': rows.join(' ') }, out.join(''));
}
