import type { BodyMap, RegionShape } from '../core/body-map.js';
import type { Side, Surface } from '../core/ids.js';
import { type Moment, momentMotion } from '../core/moment.js';
import type { RenderLabels } from './labels.js';
import { isRepetitionMirrored } from './marks.js';
import { polygonDistance } from './polyline.js';
import { el, num, polylinePathData, type XY, xmlEscaped } from './svg.js';
import type { Theme } from './theme.js';
import { screenFromBody, type ViewLayout } from './view.js';

/** A region to grey out: an id or a dotted prefix (`leg`), on one side or (null) both. */
export interface ExcludedArea {
  readonly region: string;
  readonly side: Side | null;
}

/** How near (body heights) a step must work to a never-press region for the region to be shown. */
export const NEVER_PRESS_NEARNESS = 0.05;

/** A region's polygon(s) in the body frame: bilateral regions on the asked side, or on both. */
function regionPolygons(r: RegionShape, side: Side | null): XY[][] {
  if (!r.isBilateral) return [r.polygon.map((p) => ({ x: p.x, y: p.y }))];
  const left = r.polygon.map((p) => ({ x: p.x, y: p.y }));
  const right = r.polygon.map((p) => ({ x: -p.x, y: p.y }));
  if (side === 'left') return [left];
  if (side === 'right') return [right];
  return [left, right];
}

/** Every body-frame point the step works at in this moment: its tracks and the hands now. */
function workedPoints(moment: Moment): XY[] {
  const sign = isRepetitionMirrored(moment) ? -1 : 1;
  const out: XY[] = [];
  for (const t of momentMotion(moment).hands) {
    const pts = [...t.points, ...(t.returnPoints ?? [])];
    // Sample between the points too, so a long stroke passing a region counts.
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      out.push({ x: sign * a.x, y: a.y });
      const b = pts[i + 1];
      if (b)
        for (let k = 1; k < 6; k++)
          out.push({ x: sign * (a.x + ((b.x - a.x) * k) / 6), y: a.y + ((b.y - a.y) * k) / 6 });
    }
  }
  for (const h of moment.hands) out.push({ x: h.x, y: h.y });
  return out;
}

/** The never-press regions (maxPressure 0) of a surface that the moment's step works near. */
export function neverPressRegionsNear(
  map: BodyMap,
  surface: Surface,
  moment: Moment,
): { region: RegionShape; polygon: XY[] }[] {
  const points = workedPoints(moment);
  const out: { region: RegionShape; polygon: XY[] }[] = [];
  for (const r of map.regions) {
    if (r.surface !== surface || r.maxPressure > 0) continue;
    for (const polygon of regionPolygons(r, null)) {
      if (points.some((p) => polygonDistance(polygon, p) < NEVER_PRESS_NEARNESS))
        out.push({ region: r, polygon });
    }
  }
  return out;
}

function screenPolygon(view: ViewLayout, polygon: readonly XY[]): XY[] {
  return polygon.map((p) => screenFromBody(view, p));
}

function labelAt(
  view: ViewLayout,
  theme: Theme,
  at: XY,
  text: string,
  style: { fill: string; anchor: 'middle' | 'end' },
): string {
  const u = view.unit;
  return el(
    'text',
    {
      x: num(at.x),
      y: num(at.y),
      'font-size': num(14 * u),
      'font-weight': '600',
      fill: style.fill,
      stroke: theme.labelHalo,
      'stroke-width': num(3 * u, 2),
      'paint-order': 'stroke',
      'text-anchor': style.anchor,
    },
    xmlEscaped(text),
  );
}

/** The hatch pattern the never-press bands are filled with. */
export function hatchPatternSvg(options: { id: string; theme: Theme; unit: number }): string {
  const s = 7 * options.unit;
  return el(
    'pattern',
    {
      id: options.id,
      patternUnits: 'userSpaceOnUse',
      width: num(s),
      height: num(s),
      patternTransform: 'rotate(45)',
    },
    el('rect', { x: '0', y: '0', width: num(s * 0.42), height: num(s), fill: options.theme.hatch }),
  );
}

/**
 * The safety overlay: never-press regions the step works near as a subtle hatched band with a label
 * (rule spine-no-direct-pressure and the body map's maxPressure 0), and excluded regions greyed out.
 */
export function safetySvg(options: {
  view: ViewLayout;
  theme: Theme;
  labels: RenderLabels;
  map: BodyMap;
  surface: Surface;
  moment: Moment;
  excluded: readonly ExcludedArea[];
  hatchId: string;
}): string {
  const { view, theme, labels, map, surface, moment } = options;
  const u = view.unit;
  const out: string[] = [];
  for (const area of options.excluded) {
    for (const r of map.regions) {
      // Never-press regions are a rule for everyone, shown by the hatch near the work, not as "excluded today".
      if (r.surface !== surface || r.maxPressure === 0) continue;
      if (r.id !== area.region && !r.id.startsWith(`${area.region}.`)) continue;
      if (!r.isBilateral && area.side !== null) {
        // A midline region excluded on one side: grey the half on that side only.
        const half = r.polygon.map((p) => ({
          x: area.side === 'left' ? Math.min(p.x, 0) : Math.max(p.x, 0),
          y: p.y,
        }));
        out.push(greyed(view, theme, labels, screenPolygon(view, half)));
        continue;
      }
      for (const polygon of regionPolygons(r, area.side))
        out.push(greyed(view, theme, labels, screenPolygon(view, polygon)));
    }
  }
  const near = neverPressRegionsNear(map, surface, moment);
  for (const { polygon } of near) {
    const pts = screenPolygon(view, polygon);
    out.push(
      el('path', {
        d: polylinePathData(pts, { isClosed: true }),
        fill: `url(#${options.hatchId})`,
        'fill-opacity': '0.55',
        'stroke-opacity': '0.55',
        stroke: theme.danger,
        'stroke-width': num(1.2 * u, 2),
        'stroke-dasharray': `${num(4 * u)} ${num(3 * u)}`,
      }),
    );
  }
  return out.join('');
}

function greyed(view: ViewLayout, theme: Theme, labels: RenderLabels, pts: XY[]): string {
  const u = view.unit;
  let cx = 0;
  let cy = 0;
  for (const p of pts) {
    cx += p.x;
    cy += p.y;
  }
  cx /= pts.length;
  cy /= pts.length;
  return (
    el('path', {
      d: polylinePathData(pts, { isClosed: true }),
      fill: theme.excluded,
      'fill-opacity': '0.55',
      stroke: theme.excluded,
      'stroke-width': num(1.5 * u, 2),
    }) +
    labelAt(view, theme, { x: cx, y: cy + 4 * u }, labels.excluded, {
      fill: theme.excludedText,
      anchor: 'middle',
    })
  );
}
