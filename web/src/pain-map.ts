// A session's pain reports drawn on the body: the renderer's body outline (the app's one body map), each reported
// region filled in red (darker for more pain) with its level in a badge, one picture per side of the body.
import type { SessionEvent } from '../../src/core/records/session-event.js';
import { screenFromBody, staticLayersSvg, viewLayout } from '../../src/render/index.js';
import { bodyMap } from './body-map.js';
import type { UiLanguage } from './i18n.js';

/** One pain report placed on the map. */
export interface PainMark {
  readonly eventId: string;
  readonly region: string;
  readonly side: 'left' | 'right' | null;
  readonly level: number;
  readonly t: number;
}

/** The pain reports of a session that name a region (the others are listed, not drawn). */
export function painMarks(events: readonly SessionEvent[]): PainMark[] {
  return events
    .filter((e) => e.kind === 'pain' && typeof e.region === 'string' && e.region !== '')
    .map((e) => ({
      eventId: e.id,
      region: e.region as string,
      side: e.side === 'left' || e.side === 'right' ? e.side : null,
      level: e.level ?? 0,
      t: e.t,
    }));
}

const WIDTH = 640;
const HEIGHT = 360;

/** The red of a pain level: light for a little, deep for a lot. */
export function painColour(level: number): string {
  const k = Math.max(0, Math.min(10, level)) / 10;
  const lightness = Math.round(78 - 40 * k);
  return `hsl(0 80% ${lightness}%)`;
}

/** A picture of one side of the body with the marks on it; null when none of the marks lies on that side. */
export function painMapSvg(
  marks: readonly PainMark[],
  options: {
    surface: 'posterior' | 'anterior';
    language: UiLanguage;
    label: string;
    /** The words for the client's left and right, written beside the body. */
    sides: { left: string; right: string };
  },
): string | null {
  const position = options.surface === 'posterior' ? 'prone' : 'supine';
  const view = viewLayout({ width: WIDTH, height: HEIGHT, position });
  const shapes: string[] = [];
  const badges: string[] = [];
  for (const mark of marks) {
    const regions = bodyMap.regions.filter((r) => r.id === mark.region && r.surface === options.surface);
    for (const region of regions) {
      // A bilateral region's polygon is on the client's left: mirror it for the right; no side: both.
      const signs = region.isBilateral
        ? mark.side === 'right'
          ? [1]
          : mark.side === 'left'
            ? [-1]
            : [-1, 1]
        : [1];
      for (const sign of signs) {
        const points = region.polygon.map((p) =>
          screenFromBody(view, { x: region.isBilateral ? sign * Math.abs(p.x) : p.x, y: p.y }),
        );
        const d = `M${points.map((p) => `${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('L')}Z`;
        shapes.push(
          `<path class="pain-region" data-region="${mark.region}" data-level="${mark.level}" d="${d}" fill="${painColour(mark.level)}" fill-opacity="0.75" stroke="#7a0000" stroke-width="1.5"/>`,
        );
        const cx = points.reduce((s, p) => s + p.x, 0) / points.length;
        const cy = points.reduce((s, p) => s + p.y, 0) / points.length;
        badges.push(
          `<g class="pain-badge"><circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="11" fill="#7a0000"/><text x="${cx.toFixed(1)}" y="${(cy + 4.5).toFixed(1)}" font-size="13" font-weight="600" text-anchor="middle" fill="#fff">${mark.level}</text></g>`,
        );
      }
    }
  }
  if (shapes.length === 0) return null;
  const body = staticLayersSvg({
    map: bodyMap,
    position,
    theme: 'light',
    width: WIDTH,
    height: HEIGHT,
    language: options.language,
    hasTable: false,
    hasBody: true,
  });
  const crop = view.captionTop;
  const escaped = (text: string) => text.replace(/[<>&"]/g, '');
  // Which side of the picture each of the client's sides is on (the front view is seen from above the face).
  const sideText = (['left', 'right'] as const).map((side) => {
    const p = screenFromBody(view, { x: (side === 'left' ? -1 : 1) * 0.2, y: 0.05 });
    const y = p.y < view.axisY ? 16 : crop - 8;
    return `<text x="12" y="${y}" font-size="14" fill="#5a4a40">${escaped(options.sides[side])}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${crop}" role="img" aria-label="${escaped(options.label)}">${body}${shapes.join('')}${badges.join('')}${sideText.join('')}</svg>`;
}
