/** A point in any frame, for path building. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/** The fractions written for 1 and 2 decimals: "" for none, else the digits without trailing zeros. */
const FRACTIONS = [1, 2].map((digits) =>
  Array.from({ length: 10 ** digits }, (_, k) =>
    k === 0 ? '' : `.${String(k).padStart(digits, '0').replace(/0+$/, '')}`,
  ),
);

/**
 * Formats a number with fixed precision (default one decimal) so the same input gives the same bytes: the shortest
 * decimal of the value rounded to `digits` decimals, `0` for zero. Called for every coordinate of every frame, so
 * with 1 or 2 decimals it is written from whole numbers (the same text as `String` of the rounded value, without
 * formatting a float).
 */
export function num(value: number, digits = 1): string {
  const f = digits === 1 ? 10 : 10 ** digits;
  const scaled = Math.round(value * f);
  if ((digits === 1 || digits === 2) && Math.abs(scaled) < 1e15) {
    if (scaled === 0) return '0';
    const whole = Math.abs(scaled);
    const int = Math.floor(whole / f);
    const text = `${int}${FRACTIONS[digits - 1]![whole - int * f]}`;
    return scaled < 0 ? `-${text}` : text;
  }
  const r = scaled / f;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** Escapes text for an SVG text node or attribute value. */
export function xmlEscaped(text: string): string {
  // Most values (path data, numbers, colours) have nothing to escape: one scan, and the text itself back.
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (c) => XML_ESCAPES[c]!) : text;
}

const XML_SPECIAL = /[&<>"']/;
const XML_SPECIALS = /[&<>"']/g;
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A polyline as path data: `M x y L x y …`, closed when asked. */
export function polylinePathData(points: readonly XY[], options: { isClosed?: boolean } = {}): string {
  if (points.length === 0) return '';
  const parts = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`);
  return parts.join('') + (options.isClosed ? 'Z' : '');
}

/**
 * A smooth curve through the points (Catmull-Rom turned into cubic Béziers), closed or open.
 * `tension` 1 is the classic curve; lower values hug the polygon more.
 */
export function smoothPathData(
  points: readonly XY[],
  options: { isClosed?: boolean; tension?: number } = {},
): string {
  const n = points.length;
  if (n < 3) return polylinePathData(points, options);
  const isClosed = options.isClosed ?? false;
  const k = (options.tension ?? 1) / 6;
  const at = (i: number): XY => {
    if (isClosed) return points[((i % n) + n) % n]!;
    return points[Math.min(Math.max(i, 0), n - 1)]!;
  };
  const first = points[0]!;
  let d = `M${num(first.x)} ${num(first.y)}`;
  const segments = isClosed ? n : n - 1;
  for (let i = 0; i < segments; i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1x = p1.x + (p2.x - p0.x) * k;
    const c1y = p1.y + (p2.y - p0.y) * k;
    const c2x = p2.x - (p3.x - p1.x) * k;
    const c2y = p2.y - (p3.y - p1.y) * k;
    d += `C${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(p2.x)} ${num(p2.y)}`;
  }
  return isClosed ? `${d}Z` : d;
}

/** Attributes from a record, in insertion order, skipping undefined values. */
export function attrs(values: Readonly<Record<string, string | number | undefined>>): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === 'number' ? num(value, 2) : xmlEscaped(value)}"`;
  }
  return out;
}

/** One SVG element; self-closing when it has no content. */
export function el(
  name: string,
  values: Readonly<Record<string, string | number | undefined>>,
  content?: string,
): string {
  return content === undefined || content === ''
    ? `<${name}${attrs(values)}/>`
    : `<${name}${attrs(values)}>${content}</${name}>`;
}

/** How a number badge looks: its circle's radius and colours, its digit's size, colour and drop below the centre. */
export interface NumberBadgeStyle {
  readonly radius: number;
  readonly fill: string;
  /** The ring round the circle, its width already written (each caller keeps its own precision). */
  readonly stroke?: { readonly colour: string; readonly width: string };
  readonly digit: { readonly size: number; readonly colour: string; readonly drop: number };
}

/** A number in a circle (the order of phases, a panel's number): the circle, then its digit centred in bold. */
export function numberBadgeSvg(at: XY, n: number, style: NumberBadgeStyle): string {
  return (
    el('circle', {
      cx: num(at.x),
      cy: num(at.y),
      r: num(style.radius),
      fill: style.fill,
      stroke: style.stroke?.colour,
      'stroke-width': style.stroke?.width,
    }) +
    el(
      'text',
      {
        x: num(at.x),
        y: num(at.y + style.digit.drop),
        'font-size': num(style.digit.size),
        'font-weight': '700',
        fill: style.digit.colour,
        'text-anchor': 'middle',
      },
      String(n),
    )
  );
}
