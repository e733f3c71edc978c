import type { ScreenPoint } from '../core/geometry.js';
import type { Moment } from '../core/moment.js';
import type { DrawnArm } from './drawn-arms.js';
import { labelSize } from './labels.js';
import type { MarkLayerOptions } from './layer-options.js';
import { el, num, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import type { Theme } from './theme.js';
import { screenFromBody, TABLE_WIDTH, type ViewLayout } from './view.js';

/**
 * A person seen from above, facing +x (sizes in px at 1280×720): shoulders as an ellipse, the head a circle ahead of
 * them.
 */
export function personFromAboveSvg(
  theme: Theme,
  u: number,
  options: {
    shoulders: readonly [rx: number, ry: number];
    head: readonly [cx: number, r: number];
    body: string;
    bodyLine: string;
    bodyLineWidth: number;
    skin: string;
  },
): string {
  return (
    el('ellipse', {
      cx: '0',
      cy: '0',
      rx: num(options.shoulders[0] * u),
      ry: num(options.shoulders[1] * u),
      fill: options.body,
      stroke: options.bodyLine,
      'stroke-width': num(options.bodyLineWidth * u, 2),
    }) +
    el('circle', {
      cx: num(options.head[0] * u),
      cy: '0',
      r: num(options.head[1] * u),
      fill: options.skin,
      stroke: theme.practitionerLine,
      'stroke-width': num(1.5 * u, 2),
    })
  );
}

/** A screen rectangle (px). */
interface Box {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** How far (px at 1280×720) the marker's words keep off a drawn arm when they can. */
const LABEL_ARM_GAP = 3;

/** The distance from a screen point to a box (0 inside it). */
function boxDistance(b: Box, p: ScreenPoint): number {
  const dx = Math.max(b.x0 - p.x, 0, p.x - b.x1);
  const dy = Math.max(b.y0 - p.y, 0, p.y - b.y1);
  return Math.hypot(dx, dy);
}

/**
 * How far a box lies from the drawn arms (px; negative where an arm covers it): each upper arm and forearm as the
 * band hands.ts draws, sampled along its length.
 */
export function armsClearance(view: ViewLayout, arms: readonly DrawnArm[], b: Box): number {
  let least = Number.POSITIVE_INFINITY;
  for (const arm of arms)
    for (const piece of arm.pieces) {
      if (piece.isCut) continue;
      const p = screenFromBody(view, piece.from);
      const q = screenFromBody(view, piece.to);
      for (let k = 0; k <= 24; k++) {
        const t = k / 24;
        const at = { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t } as ScreenPoint;
        const half = (piece.w0 + (piece.w1 - piece.w0) * t) * view.scale;
        least = Math.min(least, boxDistance(b, at) - half);
      }
    }
  return least;
}

/** Where the practitioner stands for this moment: head, feet, or the client's left or right side (null: none). */
export function practitionerPlace(moment: Moment): 'head' | 'feet' | 'left' | 'right' | null {
  // A step in parts may move the practitioner (leg drainage: from the foot of the table to the side of the leg).
  const place = moment.part ? moment.part.place : moment.step.place;
  if (place === null) return null;
  if (place === 'side') return moment.side ?? moment.step.side ?? 'left';
  return place;
}

/**
 * A small marker at the table's edge where the practitioner is: a figure seen from above (head and shoulders),
 * facing the table, beside the hands' working area, with a short label.
 */
export function placeMarkerSvg(options: MarkLayerOptions & { readonly arms?: readonly DrawnArm[] }): string {
  const { view, theme, labels, moment } = options;
  const place = practitionerPlace(moment);
  if (!place) return '';
  const u = view.unit;
  const t = view.table;
  const gap = 22 * u;
  let x: number;
  let y: number;
  let facing: number;
  if (place === 'head' || place === 'feet') {
    x = place === 'head' ? t.x - gap : t.x + t.width + gap;
    y = view.axisY;
    facing = place === 'head' ? 0 : Math.PI;
  } else {
    const handYs = moment.hands.map((h) => h.y);
    const along = handYs.length > 0 ? handYs.reduce((a, b) => a + b, 0) / handYs.length : 0.5;
    const edge = screenFromBody(view, { x: (place === 'left' ? -1 : 1) * (TABLE_WIDTH / 2), y: along });
    // Clear of the L/R badge and its words at the same edge's head end (render-moment.ts sideMarksSvg).
    const side = place === 'left' ? labels.clientLeft : labels.clientRight;
    const badgeX = screenFromBody(view, { x: 0, y: 0.02 }).x + 8 * u;
    const badgeEnd = badgeX + Math.max(12 * u, 0.72 * labelSize(u, 15)) + 8 * u;
    const wordsEnd = badgeEnd + textWidth(side, labelSize(u, 14), 'regular');
    x = Math.min(Math.max(edge.x, t.x + 40 * u, wordsEnd + 24 * u), t.x + t.width - 40 * u);
    const outward = Math.sign(edge.y - view.axisY);
    y = edge.y + outward * gap;
    facing = outward > 0 ? -Math.PI / 2 : Math.PI / 2;
  }
  const deg = num((facing * 180) / Math.PI, 1);
  const figure = personFromAboveSvg(theme, u, {
    shoulders: [9, 21],
    head: [5, 8],
    body: theme.sleeve,
    bodyLine: theme.labelHalo,
    bodyLineWidth: 2,
    skin: theme.practitionerSkin,
  });
  // The words beside the marker, kept inside the canvas (at the feet end, "you" ended on the canvas's edge).
  const size = labelSize(u, 14);
  const words = labels.practitioner;
  const wordsWidth = textWidth(words, size, 'semibold');
  const isAtEnd = place === 'head' || place === 'feet';
  // At an end of the table the words go on the side of the marker away from the hands (at the feet, the hands
  // holding a foot reach past the table's end, below the marker for the left foot of a client face down).
  const handsY = moment.hands.map((h) => screenFromBody(view, h).y);
  const meanHandsY = handsY.length > 0 ? handsY.reduce((a, b) => a + b, 0) / handsY.length : view.axisY;
  const isLabelAbove = isAtEnd && meanHandsY > view.axisY + 4 * u;
  const inCanvas = (left: number) => Math.min(Math.max(left, 2 * u), view.width - 2 * u - wordsWidth);
  const endLeft = inCanvas(
    place === 'head' ? x - 14 * u : place === 'feet' ? x + 14 * u - wordsWidth : x + 30 * u,
  );
  const above = { left: endLeft, baseline: y - 26 * u };
  const below = { left: endLeft, baseline: y + 24 * u + size };
  const level = y + (5 * size) / 14;
  // Where the words may go, the first clear of the arms taken: at an end of the table above or below the marker, or
  // beside it toward the table; at a side, beside the marker, on either hand.
  const beside = inCanvas(place === 'head' ? x + 18 * u : x - 18 * u - wordsWidth);
  const near = isAtEnd
    ? [isLabelAbove ? above : below, isLabelAbove ? below : above, { left: beside, baseline: level }]
    : [
        { left: inCanvas(x + 30 * u), baseline: level },
        { left: inCanvas(x - 30 * u - wordsWidth), baseline: level },
      ];
  // Then farther along the table's end (or its side), a step at a time, nearest first, as long as none is clear.
  const farther = Array.from({ length: 10 }, (_, i) => (i + 1) * 8 * u).flatMap((d) =>
    isAtEnd
      ? [
          { left: endLeft, baseline: above.baseline - d },
          { left: endLeft, baseline: below.baseline + d },
          { left: beside, baseline: level - d },
          { left: beside, baseline: level + d },
        ]
      : [
          { left: inCanvas(x + 30 * u + d), baseline: level },
          { left: inCanvas(x - 30 * u - wordsWidth - d), baseline: level },
        ],
  );
  const candidates = [...near, ...farther];
  const inside = candidates.filter((q) => q.baseline > size && q.baseline < view.height - 2 * u);
  // On a canvas too small for any spot inside it (a thumbnail), the nearest spot all the same.
  const spots = inside.length > 0 ? inside : [candidates[0]!];
  const box = (spot: { left: number; baseline: number }): Box => ({
    x0: spot.left,
    x1: spot.left + wordsWidth,
    y0: spot.baseline - size * 0.8,
    y1: spot.baseline + size * 0.25,
  });
  const clearances = spots.map((spot) => armsClearance(view, options.arms ?? [], box(spot)));
  const clearAt = clearances.findIndex((c) => c >= LABEL_ARM_GAP * u);
  const spot = spots[clearAt >= 0 ? clearAt : clearances.indexOf(Math.max(...clearances))]!;
  const label = el(
    'text',
    {
      x: num(spot.left),
      y: num(spot.baseline),
      'font-size': num(size),
      'font-weight': '600',
      fill: theme.accent,
      // Cased in the halo colour: an upper arm reaching past the table's edge may pass under the words.
      stroke: theme.labelHalo,
      'stroke-width': num(4 * u),
      'paint-order': 'stroke',
    },
    xmlEscaped(words),
  );
  return el('g', { transform: `translate(${num(x)} ${num(y)}) rotate(${deg})` }, figure) + label;
}
