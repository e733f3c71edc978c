import { type GlyphTable, NOTO_SANS_GLYPHS } from './glyphs-noto-sans.js';
import { num } from './svg.js';

/** How text is written into the SVG: as outlines (the same pixels everywhere, no font needed) or as `<text>`. */
export type TextMode = 'paths' | 'text';

type Command = readonly [op: 'M' | 'L' | 'Q' | 'Z', coords: readonly number[]];

const parsedGlyphs = new Map<string, readonly Command[]>();

function commandsOf(d: string): readonly Command[] {
  const hit = parsedGlyphs.get(d);
  if (hit) return hit;
  const out: Command[] = [];
  const re = /([MLQZ])([^MLQZ]*)/g;
  for (let m = re.exec(d); m !== null; m = re.exec(d)) {
    const coords = m[2]!.trim() === '' ? [] : m[2]!.trim().split(/\s+/).map(Number);
    out.push([m[1] as Command[0], coords]);
  }
  parsedGlyphs.set(d, out);
  return out;
}

function glyphFor(table: GlyphTable, ch: string): readonly [number, string] {
  return table.get(ch.codePointAt(0) ?? 0) ?? table.get(0x3f) ?? [600, ''];
}

/** The advance of a string in font units (1000 per em). */
function advanceOf(table: GlyphTable, text: string): number {
  let units = 0;
  for (const ch of text) units += glyphFor(table, ch)[0];
  return units;
}

/**
 * Path data for a line of text in Noto Sans: baseline at `y`, starting at (anchor start), centred on (middle)
 * or ending at (end) `x`.
 */
export function textPathData(
  text: string,
  options: {
    x: number;
    y: number;
    size: number;
    weight: 'regular' | 'semibold';
    anchor: 'start' | 'middle' | 'end';
  },
): string {
  const table = NOTO_SANS_GLYPHS[options.weight];
  const s = options.size / 1000;
  const width = advanceOf(table, text) * s;
  let pen = options.x - (options.anchor === 'middle' ? width / 2 : options.anchor === 'end' ? width : 0);
  // Joined from parts, not added to a string: one flat string, where `+=` leaves a chain of hundreds of pieces
  // that a cache of converted texts would keep alive.
  const d: string[] = [];
  for (const ch of text) {
    const [advance, outline] = glyphFor(table, ch);
    if (outline) {
      for (const [op, c] of commandsOf(outline)) {
        d.push(op);
        for (let i = 0; i < c.length; i += 2) {
          if (i > 0) d.push(' ');
          d.push(num(pen + c[i]! * s), ' ', num(options.y - c[i + 1]! * s));
        }
      }
    }
    pen += advance * s;
  }
  return d.join('');
}

function xmlUnescaped(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Replaces every `<text>` the renderer wrote (one line, plain content) by a `<path>` of the glyph outlines with the
 * same fill, stroke and halo, and the text kept as its `aria-label`.
 */
export function textAsPaths(svg: string): string {
  return svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (whole: string, attrText: string, content: string) => {
    const hit = convertedTexts.get(whole);
    if (hit !== undefined) {
      // Used now: to the back of the queue.
      convertedTexts.delete(whole);
      convertedTexts.set(whole, hit);
      return hit;
    }
    const converted = textElementAsPath(attrText, content);
    // A small memo (captions repeat from frame to frame); the least recently used text goes first.
    if (convertedTexts.size >= CONVERTED_TEXTS_MAX)
      convertedTexts.delete(convertedTexts.keys().next().value!);
    convertedTexts.set(whole, converted);
    return converted;
  });
}

// Small on purpose: a label that moves with the hands is a new entry every frame, and 2048 of them held some 30 MB
// in the live player (its heap climbed for minutes before each clear); the texts that repeat are far fewer.
const CONVERTED_TEXTS_MAX = 128;
const convertedTexts = new Map<string, string>();

function textElementAsPath(attrText: string, content: string): string {
  const attrs = new Map<string, string>();
  for (const m of attrText.matchAll(/([a-z-]+)="([^"]*)"/g)) attrs.set(m[1]!, m[2]!);
  const text = xmlUnescaped(content);
  const weight = Number(attrs.get('font-weight') ?? '400') >= 600 ? 'semibold' : 'regular';
  const anchorAttr = attrs.get('text-anchor');
  const anchor = anchorAttr === 'middle' || anchorAttr === 'end' ? anchorAttr : 'start';
  const d = textPathData(text, {
    x: Number(attrs.get('x') ?? '0'),
    y: Number(attrs.get('y') ?? '0'),
    size: Number(attrs.get('font-size') ?? '16'),
    weight,
    anchor,
  });
  let out = `<path d="${d}" aria-label="${content.replace(/"/g, '&quot;')}"`;
  for (const key of ['fill', 'stroke', 'stroke-width', 'paint-order', 'fill-opacity']) {
    const v = attrs.get(key);
    if (v !== undefined) out += ` ${key}="${v}"`;
  }
  if (attrs.has('stroke')) out += ' stroke-linejoin="round"';
  return `${out}/>`;
}
