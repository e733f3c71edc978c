// Draws an SVG string, of the kind the renderer writes for the figure's moving layer, onto a 2D canvas, so the
// figure's worker can hand the page a finished bitmap instead of SVG for the browser to style, lay out and paint
// on the main thread every frame (that was about half the player's main-thread time).
//
// Only the subset the renderer writes is drawn: `svg` (viewBox, preserveAspectRatio), `g`, `path`, `circle`,
// `ellipse`, `rect` (rounded too), `line`, `polyline`, `polygon` and `mask` (a luminance mask of white and black
// shapes, maskUnits="userSpaceOnUse", as the solid views cut the practitioner's arms away under the body); fill,
// stroke and their opacities, `opacity`, `fill-rule`, line caps, joins, dashes, `paint-order` and `transform`.
// Anything else (text, gradients, patterns, clip paths, filters, CSS) makes `svgDrawn` answer false having drawn
// nothing, and the caller shows the SVG itself: the picture is never drawn short of what it says.
import { attributesOf, type SvgNode, svgTreeParsed } from './svg-morph.js';

/** What the drawing needs of a 2D context: the page's canvas and a worker's OffscreenCanvas both have it. */
export type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A blank canvas of a size for a mask's layers (OffscreenCanvas where there is one). */
export type CanvasMade = (width: number, height: number) => { getContext(kind: '2d'): Canvas2D | null };

/** Elements drawn as shapes. */
const SHAPES = new Set(['path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon']);
/** Elements that draw nothing and are skipped with what they hold. */
const SILENT = new Set(['title', 'desc', 'metadata']);
/** Attributes that do not change the pixels. */
const IGNORED = new Set([
  'xmlns',
  'role',
  'aria-hidden',
  'aria-label',
  'font-family',
  'id',
  'width',
  'height',
  'x',
  'y',
  'viewBox',
  'preserveAspectRatio',
  'maskUnits',
]);
/** Presentation attributes, inherited from a group by what it holds. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-miterlimit',
  'paint-order',
] as const;
/** Attributes read by the drawing itself (geometry, and what is not inherited). */
const GEOMETRY: Readonly<Record<string, ReadonlySet<string>>> = {
  path: new Set(['d']),
  circle: new Set(['cx', 'cy', 'r']),
  ellipse: new Set(['cx', 'cy', 'rx', 'ry']),
  rect: new Set(['x', 'y', 'width', 'height', 'rx', 'ry']),
  line: new Set(['x1', 'y1', 'x2', 'y2']),
  polyline: new Set(['points']),
  polygon: new Set(['points']),
};
const OWN = new Set(['transform', 'opacity', 'mask']);

type Style = Readonly<Partial<Record<(typeof INHERITED)[number], string>>>;

/** Each element's attributes, read once (the check and the drawing both ask). */
const attributesRead = new WeakMap<SvgNode, ReadonlyMap<string, string>>();

function attrs(node: SvgNode): ReadonlyMap<string, string> {
  let a = attributesRead.get(node);
  if (!a) {
    a = attributesOf(node.attrText);
    attributesRead.set(node, a);
  }
  return a;
}

/** Why a drawing cannot be made: the caller shows the SVG instead. */
class Unsupported extends Error {}

/**
 * Draws `svg` over the whole of `ctx`'s canvas (`width` × `height` pixels), fitted as the browser fits an inline
 * SVG of that size (its viewBox and preserveAspectRatio: meet or none). The canvas is cleared first. Answers false,
 * having drawn nothing, for markup it cannot read or elements and attributes outside the subset above.
 */
export function svgDrawn(
  ctx: Canvas2D,
  svg: string,
  width: number,
  height: number,
  made: CanvasMade,
): boolean {
  const root = svgTreeParsed(svg);
  if (root?.name !== 'svg') return false;
  try {
    // Read through first, so an unsupported picture leaves the canvas as it was.
    checked(root, true);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const a = attrs(root);
    ctx.setTransform(viewBoxTransform(a, width, height));
    const masks = new Map<string, SvgNode>();
    drawnChildren(ctx, root, styleOf(a, {}), masks, { width, height, made });
    ctx.restore();
    return true;
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
}

/**
 * Throws Unsupported for any element, attribute or value the drawing does not know, before anything is drawn (so a
 * refused picture leaves the canvas as it was).
 */
function checked(node: SvgNode, isRoot = false, isInMask = false): void {
  const name = node.name;
  if (SILENT.has(name)) return;
  if (!isRoot && name !== 'g' && name !== 'mask' && !SHAPES.has(name)) throw new Unsupported(name);
  const a = attrs(node);
  if (name === 'mask') {
    if (
      isInMask ||
      a.get('maskUnits') !== 'userSpaceOnUse' ||
      (a.get('mask-type') ?? 'luminance') !== 'luminance'
    )
      throw new Unsupported('mask');
  }
  for (const [key, value] of a) {
    if (key.startsWith('data-') || IGNORED.has(key)) continue;
    if (key === 'transform') transformOf(value);
    else if (key === 'mask' && isInMask) throw new Unsupported('a mask in a mask');
    else if (key === 'fill' || key === 'stroke') {
      paint(value);
      if (isInMask && key === 'fill' && value !== 'none') luminance(value);
    } else if (!OWN.has(key) && !(INHERITED as readonly string[]).includes(key) && !GEOMETRY[name]?.has(key))
      throw new Unsupported(`${name} ${key}`);
  }
  if (isRoot) {
    const fit = a.get('preserveAspectRatio') ?? 'xMidYMid meet';
    if (!/^(none|xMidYMid( meet)?)$/.test(fit.trim())) throw new Unsupported(fit);
  }
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') throw new Unsupported('text');
    } else checked(child, false, isInMask || name === 'mask');
  }
}

/** The canvas transform that fits the root's viewBox into the pixels, as preserveAspectRatio says. */
function viewBoxTransform(a: ReadonlyMap<string, string>, width: number, height: number): DOMMatrix {
  const box = a
    .get('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length !== 4 || box.some((n) => !Number.isFinite(n)) || box[2]! <= 0 || box[3]! <= 0)
    return new DOMMatrix();
  const [x, y, w, h] = box as [number, number, number, number];
  if (a.get('preserveAspectRatio')?.trim() === 'none')
    return new DOMMatrix([width / w, 0, 0, height / h, -x, -y]);
  const scale = Math.min(width / w, height / h);
  return new DOMMatrix()
    .translate((width - w * scale) / 2, (height - h * scale) / 2)
    .scale(scale)
    .translate(-x, -y);
}

function styleOf(a: ReadonlyMap<string, string>, inherited: Style): Style {
  let style: Record<string, string> | null = null;
  for (const key of INHERITED) {
    const value = a.get(key);
    if (value === undefined) continue;
    style ??= { ...inherited };
    style[key] = value;
  }
  return style ?? inherited;
}

interface Surface {
  readonly width: number;
  readonly height: number;
  readonly made: CanvasMade;
}

function drawnChildren(
  ctx: Canvas2D,
  node: SvgNode,
  style: Style,
  masks: Map<string, SvgNode>,
  surface: Surface,
): void {
  for (const child of node.children) {
    if (typeof child === 'string' || SILENT.has(child.name)) continue;
    if (child.name === 'mask') {
      const id = attrs(child).get('id');
      if (id) masks.set(id, child);
      continue;
    }
    drawnElement(ctx, child, style, masks, surface);
  }
}

function drawnElement(
  ctx: Canvas2D,
  node: SvgNode,
  inherited: Style,
  masks: Map<string, SvgNode>,
  surface: Surface,
): void {
  const a = attrs(node);
  const style = styleOf(a, inherited);
  const maskRef = a.get('mask');
  const mask = maskRef ? masks.get(/^url\(#(.+)\)$/.exec(maskRef.trim())?.[1] ?? '') : undefined;
  if (maskRef && !mask) return; // A mask that is not there hides the element, as in a browser.
  const opacity = number(a.get('opacity'), 1);
  if (opacity <= 0) return;
  ctx.save();
  const transform = a.get('transform');
  if (transform) ctx.transform(...transformOf(transform));
  if (mask || opacity < 1) {
    // Drawn on a layer of its own, then masked and laid over what is below at its opacity.
    const layer = borrowed(surface);
    layer.setTransform(ctx.getTransform());
    elementBody(layer, node, a, style, masks, surface);
    if (mask) masked(layer, mask, ctx.getTransform(), surface);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = opacity;
    ctx.drawImage(layer.canvas as CanvasImageSource, 0, 0);
    returned(layer);
  } else elementBody(ctx, node, a, style, masks, surface);
  ctx.restore();
}

/**
 * Blank canvases of the drawing's size, kept from one drawing to the next: a masked group needs two a frame (its
 * layer and its mask), made once rather than every frame.
 */
const spares: Canvas2D[] = [];

/** A blank canvas of the surface's size, its state saved (`returned` restores and clears it). */
function borrowed(surface: Surface): Canvas2D {
  for (let c = spares.pop(); c; c = spares.pop()) {
    if (c.canvas.width === surface.width && c.canvas.height === surface.height) {
      c.save();
      return c;
    }
  }
  const c = surface.made(surface.width, surface.height).getContext('2d');
  if (!c) throw new Unsupported('no canvas for a mask or a group');
  c.save();
  return c;
}

/** A borrowed canvas back, as it was lent: its state restored and its pixels cleared. */
function returned(c: Canvas2D): void {
  c.restore();
  c.clearRect(0, 0, c.canvas.width, c.canvas.height);
  spares.push(c);
}

function elementBody(
  ctx: Canvas2D,
  node: SvgNode,
  a: ReadonlyMap<string, string>,
  style: Style,
  masks: Map<string, SvgNode>,
  surface: Surface,
): void {
  if (node.name === 'g') drawnChildren(ctx, node, style, masks, surface);
  else shapeDrawn(ctx, shapePath(node.name, a), style);
}

/**
 * Keeps `layer`'s pixels where the mask is white and clears them where it is black (and outside its box): the
 * mask's shapes drawn white over, or cut out of, a blank canvas at their luminance.
 */
function masked(layer: Canvas2D, mask: SvgNode, transform: DOMMatrix, surface: Surface): void {
  const m = borrowed(surface);
  const a = attrs(mask);
  m.setTransform(transform);
  const box = ['x', 'y', 'width', 'height'].map((k) => a.get(k));
  if (box.every((v) => v !== undefined)) {
    const [x, y, w, h] = box.map(Number) as [number, number, number, number];
    m.beginPath();
    m.rect(x, y, w, h);
    m.clip();
  }
  lumaDrawn(m, mask, styleOf(a, {}));
  layer.save();
  layer.setTransform(1, 0, 0, 1, 0, 0);
  layer.globalCompositeOperation = 'destination-in';
  layer.drawImage(m.canvas as CanvasImageSource, 0, 0);
  layer.restore();
  returned(m);
}

/** A mask's content as coverage: light shapes add to it, dark ones take from it. */
function lumaDrawn(m: Canvas2D, node: SvgNode, inherited: Style): void {
  for (const child of node.children) {
    if (typeof child === 'string' || SILENT.has(child.name)) continue;
    const a = attrs(child);
    const style = styleOf(a, inherited);
    m.save();
    const transform = a.get('transform');
    if (transform) m.transform(...transformOf(transform));
    if (child.name === 'g') lumaDrawn(m, child, style);
    else if (SHAPES.has(child.name)) {
      const path = shapePath(child.name, a);
      const fill = style.fill === undefined ? '#000' : style.fill;
      if (fill !== 'none') {
        const luma = luminance(fill) * number(style['fill-opacity'], 1) * number(a.get('opacity'), 1);
        m.globalCompositeOperation = luma >= 0.5 ? 'source-over' : 'destination-out';
        m.globalAlpha = luma >= 0.5 ? luma : 1 - luma;
        m.fillStyle = '#fff';
        m.fill(path, style['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero');
      }
    } else throw new Unsupported(`${child.name} in a mask`);
    m.restore();
  }
}

/** A colour's luminance, 0 (black) to 1 (white): #rgb, #rrggbb, white and black. */
function luminance(colour: string): number {
  const c = colour.trim().toLowerCase();
  if (c === 'white') return 1;
  if (c === 'black') return 0;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c)?.[1];
  if (!hex) throw new Unsupported(`mask colour ${colour}`);
  const full = hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.2125 * r + 0.7154 * g + 0.0721 * b;
}

function number(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number.parseFloat(text);
  return Number.isFinite(n) ? n : fallback;
}

/** A shape's outline as a Path2D, in its own user units. */
function shapePath(name: string, a: ReadonlyMap<string, string>): Path2D {
  const n = (key: string) => number(a.get(key), 0);
  switch (name) {
    case 'path':
      return new Path2D(a.get('d') ?? '');
    case 'circle': {
      const p = new Path2D();
      if (n('r') > 0) p.arc(n('cx'), n('cy'), n('r'), 0, 2 * Math.PI);
      return p;
    }
    case 'ellipse': {
      const p = new Path2D();
      if (n('rx') > 0 && n('ry') > 0) p.ellipse(n('cx'), n('cy'), n('rx'), n('ry'), 0, 0, 2 * Math.PI);
      return p;
    }
    case 'rect': {
      const p = new Path2D();
      const [w, h] = [n('width'), n('height')];
      if (w <= 0 || h <= 0) return p;
      // SVG: a missing rx or ry takes the other's value; each at most half the side.
      const rx0 = a.has('rx') ? n('rx') : a.has('ry') ? n('ry') : 0;
      const ry0 = a.has('ry') ? n('ry') : rx0;
      const rx = Math.min(Math.max(0, rx0), w / 2);
      const ry = Math.min(Math.max(0, ry0), h / 2);
      const [x, y] = [n('x'), n('y')];
      if (rx === 0 || ry === 0) p.rect(x, y, w, h);
      else {
        p.moveTo(x + rx, y);
        p.lineTo(x + w - rx, y);
        p.ellipse(x + w - rx, y + ry, rx, ry, 0, -Math.PI / 2, 0);
        p.lineTo(x + w, y + h - ry);
        p.ellipse(x + w - rx, y + h - ry, rx, ry, 0, 0, Math.PI / 2);
        p.lineTo(x + rx, y + h);
        p.ellipse(x + rx, y + h - ry, rx, ry, 0, Math.PI / 2, Math.PI);
        p.lineTo(x, y + ry);
        p.ellipse(x + rx, y + ry, rx, ry, 0, Math.PI, (3 * Math.PI) / 2);
        p.closePath();
      }
      return p;
    }
    case 'line': {
      const p = new Path2D();
      p.moveTo(n('x1'), n('y1'));
      p.lineTo(n('x2'), n('y2'));
      return p;
    }
    default: {
      const p = new Path2D();
      const xy = (a.get('points') ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      for (let i = 0; i + 1 < xy.length; i += 2) {
        if (i === 0) p.moveTo(xy[i]!, xy[i + 1]!);
        else p.lineTo(xy[i]!, xy[i + 1]!);
      }
      if (name === 'polygon') p.closePath();
      return p;
    }
  }
}

/** Fills, then strokes (or the other way round with paint-order="stroke"), as the style says. */
function shapeDrawn(ctx: Canvas2D, path: Path2D, style: Style): void {
  const fill = style.fill ?? '#000';
  const stroke = style.stroke ?? 'none';
  const width = number(style['stroke-width'], 1);
  const isStroked = stroke !== 'none' && width > 0;
  const filled = () => {
    if (fill === 'none') return;
    ctx.globalAlpha = number(style['fill-opacity'], 1);
    ctx.fillStyle = paint(fill);
    ctx.fill(path, style['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero');
  };
  const stroked = () => {
    if (!isStroked) return;
    ctx.globalAlpha = number(style['stroke-opacity'], 1);
    ctx.strokeStyle = paint(stroke);
    ctx.lineWidth = width;
    ctx.lineCap = (style['stroke-linecap'] as CanvasLineCap | undefined) ?? 'butt';
    ctx.lineJoin = joinOf(style['stroke-linejoin']);
    ctx.miterLimit = number(style['stroke-miterlimit'], 4);
    const dashes = style['stroke-dasharray'];
    ctx.setLineDash(
      dashes && dashes !== 'none'
        ? dashes
            .trim()
            .split(/[\s,]+/)
            .map(Number)
            .filter((d) => Number.isFinite(d) && d >= 0)
        : [],
    );
    ctx.stroke(path);
  };
  if (style['paint-order']?.trim().startsWith('stroke')) {
    stroked();
    filled();
  } else {
    filled();
    stroked();
  }
  ctx.globalAlpha = 1;
}

function joinOf(join: string | undefined): CanvasLineJoin {
  return join === 'round' || join === 'bevel' ? join : 'miter';
}

/** A paint the canvas takes: a colour (a url() paint, a gradient or a pattern, is not drawn here). */
function paint(value: string): string {
  if (value.startsWith('url(')) throw new Unsupported(value);
  return value === 'currentColor' ? '#000' : value;
}

/** An SVG transform list as the six numbers of a canvas transform. */
export function transformOf(text: string): [number, number, number, number, number, number] {
  let m = new DOMMatrix();
  const item = /(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)/g;
  let rest = text;
  for (const [whole, kind, args] of text.matchAll(item)) {
    rest = rest.replace(whole, '');
    const v = args!
      .trim()
      .split(/[\s,]+/)
      .filter((s) => s !== '')
      .map(Number);
    if (v.some((x) => !Number.isFinite(x))) throw new Unsupported(`transform ${text}`);
    switch (kind) {
      case 'matrix':
        if (v.length !== 6) throw new Unsupported(`transform ${text}`);
        m = m.multiply(new DOMMatrix(v));
        break;
      case 'translate':
        m = m.translate(v[0] ?? 0, v[1] ?? 0);
        break;
      case 'scale':
        m = m.scale(v[0] ?? 1, v[1] ?? v[0] ?? 1);
        break;
      case 'rotate':
        if (v.length >= 3) m = m.translate(v[1]!, v[2]!).rotate(v[0]!).translate(-v[1]!, -v[2]!);
        else m = m.rotate(v[0] ?? 0);
        break;
      case 'skewX':
        m = m.skewX(v[0] ?? 0);
        break;
      case 'skewY':
        m = m.skewY(v[0] ?? 0);
        break;
    }
  }
  if (rest.replace(/[\s,]/g, '') !== '') throw new Unsupported(`transform ${text}`);
  return [m.a, m.b, m.c, m.d, m.e, m.f];
}
