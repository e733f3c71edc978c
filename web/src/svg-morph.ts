/// <reference lib="dom" />
// Updates a live SVG to match a new SVG string by changing only what differs, instead of replacing it. From one
// frame to the next the hands' SVG keeps its shape and only coordinates change, so the browser restyles and
// repaints a few elements rather than building and styling a whole new tree.
//
// The new string is read by a small tokenizer into plain objects (never into DOM nodes: parsing every frame into
// a template made some 60 nodes of garbage a frame, and the page's node count swung by tens of thousands between
// collections), and compared with the previous frame's objects, not with the live DOM: an element whose markup is
// unchanged is skipped whole, and only the attributes whose text changed are set.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One element of an SVG string, as the renderer writes it. */
export interface SvgNode {
  readonly name: string;
  /** The attributes' markup as written (compared before any attribute is read). */
  readonly attrText: string;
  readonly children: readonly (SvgNode | string)[];
  /** The element's whole markup, from `<` to its closing `>`. */
  readonly markup: string;
}

const TOKEN = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+="[^"<>]*")*)\s*(\/?)>|([^<]+)/y;
const ATTRIBUTE = /([^\s=]+)="([^"]*)"/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text or an attribute value with its character references resolved. */
export function xmlUnescaped(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_all, dec?: string, hex?: string, name?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return NAMED[name ?? ''] ?? '';
  });
}

/**
 * Reads an SVG string of elements, double-quoted attributes and text (what src/render writes) into a tree; null
 * for anything else (a comment, a stray `<`, unbalanced tags, more than one root), which the caller then hands to
 * the browser's own parser.
 */
export function svgTreeParsed(markup: string): SvgNode | null {
  interface Open {
    name: string;
    attrText: string;
    start: number;
    children: (SvgNode | string)[];
  }
  const stack: Open[] = [];
  let root: SvgNode | null = null;
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < markup.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(markup);
    if (!m) return null;
    const end = TOKEN.lastIndex;
    const [, closing, name, attrText, selfClosing, text] = m;
    const parent = stack.at(-1);
    if (text !== undefined) {
      if (!parent) {
        if (text.trim() !== '') return null;
      } else parent.children.push(xmlUnescaped(text));
    } else if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name || selfClosing) return null;
      const node: SvgNode = {
        name: open.name,
        attrText: open.attrText,
        children: open.children,
        markup: markup.slice(open.start, end),
      };
      const outer = stack.at(-1);
      if (outer) outer.children.push(node);
      else if (root) return null;
      else root = node;
    } else if (selfClosing) {
      const node: SvgNode = { name: name!, attrText: attrText!, children: [], markup: markup.slice(at, end) };
      if (parent) parent.children.push(node);
      else if (root) return null;
      else root = node;
    } else {
      if (!parent && root) return null;
      stack.push({ name: name!, attrText: attrText!, start: at, children: [] });
    }
    at = end;
  }
  return stack.length === 0 ? root : null;
}

/** The attributes of an element's markup, by name, their values unescaped. */
export function attributesOf(attrText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of attrText.matchAll(ATTRIBUTE)) out.set(m[1]!, xmlUnescaped(m[2]!));
  return out;
}

function attributesMorphed(live: Element, prev: SvgNode, next: SvgNode): void {
  if (prev.attrText === next.attrText) return;
  const before = attributesOf(prev.attrText);
  for (const [name, value] of attributesOf(next.attrText)) {
    if (before.get(name) !== value) live.setAttribute(name, value);
    before.delete(name);
  }
  for (const name of before.keys()) live.removeAttribute(name);
}

function built(doc: Document, node: SvgNode | string): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const element = doc.createElementNS(SVG_NS, node.name);
  for (const [name, value] of attributesOf(node.attrText)) element.setAttribute(name, value);
  for (const child of node.children) element.appendChild(built(doc, child));
  return element;
}

function isSameKind(p: SvgNode | string, n: SvgNode | string): boolean {
  return typeof p === 'string' ? typeof n === 'string' : typeof n !== 'string' && n.name === p.name;
}

function elementMorphed(live: Element, prev: SvgNode, next: SvgNode): void {
  if (prev.markup === next.markup) return;
  attributesMorphed(live, prev, next);
  const liveChildren = live.childNodes;
  const doc = live.ownerDocument;
  if (liveChildren.length !== prev.children.length) {
    live.replaceChildren(...next.children.map((child) => built(doc, child)));
    return;
  }
  // The children alike in kind and place are morphed; from the first that differs on, they are built anew.
  const common = Math.min(prev.children.length, next.children.length);
  let same = 0;
  while (same < common && isSameKind(prev.children[same]!, next.children[same]!)) same++;
  for (let i = 0; i < same; i++) {
    const p = prev.children[i]!;
    const n = next.children[i]!;
    const l = liveChildren[i]!;
    if (typeof p === 'string' || typeof n === 'string') {
      if (p !== n) l.nodeValue = n as string;
    } else elementMorphed(l as Element, p, n);
  }
  for (let k = liveChildren.length - 1; k >= same; k--) live.removeChild(liveChildren[k]!);
  for (let i = same; i < next.children.length; i++) live.appendChild(built(doc, next.children[i]!));
}

/** What each host last showed: its SVG element and the tree it was drawn from. */
const shown = new WeakMap<object, { root: Element; tree: SvgNode }>();

/**
 * Makes the content of `host` match the markup `svg`, touching only the nodes and attributes that differ from
 * what this function last drew there. Anything else in the host (first use, a layer emptied or replaced by other
 * code, markup the tokenizer does not read) is simply replaced.
 */
export function svgMorphed(host: Element, svg: string): void {
  const next = svgTreeParsed(svg);
  const last = shown.get(host);
  if (
    !next ||
    !last ||
    host.firstElementChild !== last.root ||
    host.childNodes.length !== 1 ||
    last.tree.name !== next.name
  ) {
    host.innerHTML = svg;
    const root = host.firstElementChild;
    if (next && root && host.childNodes.length === 1) shown.set(host, { root, tree: next });
    else shown.delete(host);
    return;
  }
  elementMorphed(last.root, last.tree, next);
  last.tree = next;
}
