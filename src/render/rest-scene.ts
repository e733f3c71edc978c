import type { MarkLayerOptions } from './layer-options.js';
import { personFromAboveSvg } from './place.js';
import { el, num, numberBadgeSvg, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import type { Theme } from './theme.js';
import { screenFromBody, type ViewLayout } from './view.js';

/*
 * Steps that are not strokes drawn as what they are: a talk (check-in, check-out) as two people seated side by
 * side at the table, seen from above; the turn-over as its numbered parts (rest, the turn under the drape, the
 * pillow, the oil). Each kind of rest step says which by its tags in the routine file (talk, transition).
 */

function label(
  view: ViewLayout,
  theme: Theme,
  at: { x: number; y: number },
  text: string,
  anchor = 'middle',
) {
  const u = view.unit;
  return el(
    'text',
    {
      x: num(at.x),
      y: num(at.y),
      'font-size': num(15 * u),
      'font-weight': '600',
      fill: theme.label,
      stroke: theme.labelHalo,
      'stroke-width': num(3.5 * u, 2),
      'paint-order': 'stroke',
      'text-anchor': anchor,
    },
    xmlEscaped(text),
  );
}

function numbered(view: ViewLayout, theme: Theme, at: { x: number; y: number }, n: number) {
  const u = view.unit;
  return numberBadgeSvg(at, n, {
    radius: 12 * u,
    fill: theme.labelHalo,
    stroke: { colour: theme.path, width: num(2 * u, 2) },
    digit: { size: 15 * u, colour: theme.path, drop: 5 * u },
  });
}

/** A seated person seen from above: a chair, shoulders and head, facing `facing` (radians, screen). */
function seated(
  view: ViewLayout,
  theme: Theme,
  at: { x: number; y: number },
  facing: number,
  isClient: boolean,
) {
  const u = view.unit;
  const deg = num((facing * 180) / Math.PI, 1);
  return el(
    'g',
    { transform: `translate(${num(at.x)} ${num(at.y)}) rotate(${deg})` },
    el('rect', {
      x: num(-34 * u),
      y: num(-30 * u),
      width: num(52 * u),
      height: num(60 * u),
      rx: num(8 * u),
      fill: theme.tableHeadRest,
      stroke: theme.tableEdge,
      'stroke-width': num(2 * u, 2),
    }) +
      personFromAboveSvg(theme, u, {
        shoulders: [14, 30],
        head: [6, 13],
        body: isClient ? theme.drape : theme.sleeve,
        bodyLine: theme.practitionerLine,
        bodyLineWidth: 1.5,
        skin: isClient ? theme.skin : theme.practitionerSkin,
      }),
  );
}

/** The scene of a rest step (empty for any other step): a seated talk, or the turn-over's parts in order. */
export function restSceneSvg(options: MarkLayerOptions): string {
  const { view, theme, labels, moment } = options;
  if (moment.technique !== 'rest') return '';
  const tags = moment.step.tags;
  const u = view.unit;
  const t = view.table;
  if (tags.includes('talk')) {
    // The table is empty for now: the client and the practitioner sit side by side, turned to each other.
    const cx = t.x + t.width * 0.5;
    const cy = t.y + t.height + 2 * u;
    const veil = el('rect', {
      x: num(t.x),
      y: num(t.y),
      width: num(t.width),
      height: num(t.height),
      fill: theme.background,
      'fill-opacity': '0.78',
    });
    const bubble = el('path', {
      d: `M${num(cx - 60 * u)} ${num(cy - 150 * u)}h${num(120 * u)}a${num(10 * u)} ${num(10 * u)} 0 0 1 ${num(10 * u)} ${num(10 * u)}v${num(40 * u)}a${num(10 * u)} ${num(10 * u)} 0 0 1 ${num(-10 * u)} ${num(10 * u)}h${num(-50 * u)}l${num(-14 * u)} ${num(18 * u)}l${num(2 * u)} ${num(-18 * u)}h${num(-58 * u)}a${num(10 * u)} ${num(10 * u)} 0 0 1 ${num(-10 * u)} ${num(-10 * u)}v${num(-40 * u)}a${num(10 * u)} ${num(10 * u)} 0 0 1 ${num(10 * u)} ${num(-10 * u)}z`,
      fill: theme.labelHalo,
      stroke: theme.accent,
      'stroke-width': num(2.5 * u, 2),
    });
    const dots = [-28, 0, 28]
      .map((dx) =>
        el('circle', { cx: num(cx + dx * u), cy: num(cy - 125 * u), r: num(6 * u), fill: theme.accent }),
      )
      .join('');
    // Drawn half as large again, about the pair's middle: people and chairs read at the player's size.
    const k = 1.5;
    const ox = cx * (1 - k);
    const oy = (cy - 60 * u) * (1 - k);
    const scene = el(
      'g',
      { transform: `translate(${num(ox)} ${num(oy)}) scale(${k})` },
      seated(view, theme, { x: cx - 70 * u, y: cy - 60 * u }, 0, true) +
        seated(view, theme, { x: cx + 70 * u, y: cy - 60 * u }, Math.PI, false) +
        bubble +
        dots,
    );
    const words = tags.includes('check-out') ? labels.talkAfter : labels.talkSeated;
    return veil + scene + label(view, theme, { x: cx, y: cy - 250 * u }, words);
  }
  if (tags.includes('transition')) {
    const out: string[] = [];
    // 1 rest: a clock beside the hips.
    const hip = screenFromBody(view, { x: 0, y: 0.62 });
    const clockAt = { x: hip.x, y: t.y + 40 * u };
    out.push(
      el('circle', {
        cx: num(clockAt.x),
        cy: num(clockAt.y + 30 * u),
        r: num(22 * u),
        fill: theme.labelHalo,
        stroke: theme.path,
        'stroke-width': num(3 * u, 2),
      }),
      el('path', {
        d: `M${num(clockAt.x)} ${num(clockAt.y + 16 * u)}V${num(clockAt.y + 30 * u)}H${num(clockAt.x + 11 * u)}`,
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(3 * u, 2),
        'stroke-linecap': 'round',
      }),
      numbered(view, theme, { x: clockAt.x - 40 * u, y: clockAt.y + 30 * u }, 1),
      label(view, theme, { x: clockAt.x + 30 * u, y: clockAt.y + 36 * u }, labels.restFirst, 'start'),
    );
    // 2 the turn under the drape: a curved arrow round the body's long axis, over the trunk.
    const a = screenFromBody(view, { x: -0.16, y: 0.33 });
    const b = screenFromBody(view, { x: 0.16, y: 0.33 });
    const bow = 70 * u;
    const d = `M${num(a.x)} ${num(a.y)}C${num(a.x + bow)} ${num(a.y)} ${num(b.x + bow)} ${num(b.y)} ${num(b.x)} ${num(b.y)}`;
    out.push(
      el('path', { d, fill: 'none', stroke: theme.labelHalo, 'stroke-width': num(10 * u, 2) }),
      el('path', {
        d,
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(5 * u, 2),
        'stroke-linecap': 'round',
      }),
    );
    const head = b.y < a.y ? -1 : 1;
    out.push(
      el('path', {
        d: `M${num(b.x - 18 * u)} ${num(b.y - head * 10 * u)}L${num(b.x)} ${num(b.y)}L${num(b.x - 4 * u)} ${num(b.y - head * 22 * u)}`,
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(5 * u, 2),
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      }),
      numbered(view, theme, { x: a.x - 22 * u, y: a.y }, 2),
      label(
        view,
        theme,
        { x: a.x + bow + 8 * u, y: (a.y + b.y) / 2 + 5 * u },
        labels.turnUnderDrape,
        'start',
      ),
    );
    // 3 a small flat pillow under the head.
    const p0 = screenFromBody(view, { x: -0.07, y: -0.005 });
    const p1 = screenFromBody(view, { x: 0.07, y: 0.1 });
    out.push(
      el('rect', {
        x: num(Math.min(p0.x, p1.x)),
        y: num(Math.min(p0.y, p1.y)),
        width: num(Math.abs(p1.x - p0.x)),
        height: num(Math.abs(p1.y - p0.y)),
        rx: num(14 * u),
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(2.5 * u, 2),
        'stroke-dasharray': `${num(8 * u)} ${num(5 * u)}`,
      }),
      numbered(view, theme, { x: (p0.x + p1.x) / 2, y: Math.min(p0.y, p1.y) - 16 * u }, 3),
      label(
        view,
        theme,
        { x: (p0.x + p1.x) / 2 + 18 * u, y: Math.min(p0.y, p1.y) - 10 * u },
        labels.pillow,
        'start',
      ),
    );
    // 4 oil on the upper chest, the shoulders and the neck: drops.
    for (const x of [-0.07, 0, 0.07]) {
      const c = screenFromBody(view, { x, y: 0.2 });
      out.push(
        el('path', {
          d: `M${num(c.x - 12 * u)} ${num(c.y)}Q${num(c.x + 4 * u)} ${num(c.y - 10 * u)} ${num(c.x + 12 * u)} ${num(c.y)}Q${num(c.x + 4 * u)} ${num(c.y + 10 * u)} ${num(c.x - 12 * u)} ${num(c.y)}z`,
          fill: theme.path,
          stroke: theme.labelHalo,
          'stroke-width': num(1.5 * u, 2),
        }),
      );
    }
    // Its words end before the turn's arrow and its head (at a and b), so the arrow never runs through them.
    const oil = screenFromBody(view, { x: 0.12, y: 0.2 });
    const oilEnd = Math.min(
      oil.x + 18 * u + textWidth(labels.oil, 15 * u, 'semibold'),
      Math.min(a.x, b.x) - 28 * u,
    );
    const oilStart = oilEnd - textWidth(labels.oil, 15 * u, 'semibold');
    out.push(
      numbered(view, theme, { x: oilStart - 18 * u, y: oil.y + 22 * u }, 4),
      label(view, theme, { x: oilStart, y: oil.y + 28 * u }, labels.oil, 'start'),
    );
    return out.join('');
  }
  return '';
}
