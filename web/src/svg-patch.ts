/// <reference lib="dom" />
// A layer's change as a patch worked out off the page: the figure's worker reads each new SVG string into a tree
// (svgTreeParsed) and compares it with the one it sent before, so the page's main thread only sets the attributes
// and texts that changed, with no tokenizing and no comparing of its own. A patch says which write of the layer
// it follows; the page applies it only when that write is what the layer shows, and otherwise writes the SVG
// itself (svgMorphed), so a patch can never be applied to the wrong tree.
import { attributesOf, type SvgNode, svgMorphed, svgMorphForgotten, svgTreeParsed } from './svg-morph.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Node.ELEMENT_NODE and Node.TEXT_NODE (no DOM global in the worker and the tests). */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** An element to build, without its markup (a patch crosses to the page by structured clone). */
export interface SvgShape {
  readonly name: string;
  readonly attrText: string;
  readonly children: readonly (SvgShape | string)[];
}

/**
 * One change of a layer's tree, at a node found by child indices from the layer's root `<svg>`: attributes set
 * and removed, a text node's new value, or the children from index `from` on built anew.
 */
export type SvgOp =
  | {
      readonly at: readonly number[];
      readonly set: readonly (readonly [string, string])[];
      readonly unset: readonly string[];
    }
  | { readonly at: readonly number[]; readonly text: string }
  | { readonly at: readonly number[]; readonly from: number; readonly built: readonly (SvgShape | string)[] };

/** A layer's new SVG, numbered, with the patch from the write numbered `from` when one was worked out. */
export interface LayerWrite {
  readonly svg: string;
  readonly id: number;
  readonly from: number;
  readonly ops: readonly SvgOp[] | null;
}

function shapeOf(node: SvgNode | string): SvgShape | string {
  if (typeof node === 'string') return node;
  return { name: node.name, attrText: node.attrText, children: node.children.map(shapeOf) };
}

function isSameKind(p: SvgNode | string, n: SvgNode | string): boolean {
  return typeof p === 'string' ? typeof n === 'string' : typeof n !== 'string' && n.name === p.name;
}

function attributeOps(prev: SvgNode, next: SvgNode, at: readonly number[], ops: SvgOp[]): void {
  if (prev.attrText === next.attrText) return;
  const before = attributesOf(prev.attrText);
  const set: [string, string][] = [];
  for (const [name, value] of attributesOf(next.attrText)) {
    if (before.get(name) !== value) set.push([name, value]);
    before.delete(name);
  }
  const unset = [...before.keys()];
  if (set.length > 0 || unset.length > 0) ops.push({ at, set, unset });
}

function elementOps(prev: SvgNode, next: SvgNode, at: readonly number[], ops: SvgOp[]): void {
  if (prev.markup === next.markup) return;
  attributeOps(prev, next, at, ops);
  // The children alike in kind and place are compared; from the first that differs on, they are built anew.
  const common = Math.min(prev.children.length, next.children.length);
  let same = 0;
  while (same < common && isSameKind(prev.children[same]!, next.children[same]!)) same++;
  for (let i = 0; i < same; i++) {
    const p = prev.children[i]!;
    const n = next.children[i]!;
    if (typeof p === 'string' || typeof n === 'string') {
      if (p !== n) ops.push({ at: [...at, i], text: n as string });
    } else elementOps(p, n, [...at, i], ops);
  }
  if (same < prev.children.length || same < next.children.length)
    ops.push({ at, from: same, built: next.children.slice(same).map(shapeOf) });
}

/** The changes that turn the tree `prev` into `next` (none when they are equal); null when their roots differ. */
export function svgOpsOf(prev: SvgNode, next: SvgNode): SvgOp[] | null {
  if (prev.name !== next.name) return null;
  const ops: SvgOp[] = [];
  elementOps(prev, next, [], ops);
  return ops;
}

/** A DOM node built from its shape. */
function built(doc: Document, node: SvgShape | string): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const element = doc.createElementNS(SVG_NS, node.name);
  for (const [name, value] of attributesOf(node.attrText)) element.setAttribute(name, value);
  for (const child of node.children) element.appendChild(built(doc, child));
  return element;
}

/**
 * Applies `ops` to the live tree under `root`, which must show the tree they were worked out from; throws (having
 * applied some) where it finds a node missing or of another kind, i.e. the tree was not that one.
 */
export function svgOpsApplied(root: Element, ops: readonly SvgOp[]): void {
  for (const op of ops) {
    let node: Node = root;
    for (const i of op.at) {
      const child = node.childNodes[i];
      if (!child) throw new Error(`svg patch: no child ${i} under <${node.nodeName}>`);
      node = child;
    }
    const kind = 'text' in op ? TEXT_NODE : ELEMENT_NODE;
    if (node.nodeType !== kind) throw new Error(`svg patch: <${node.nodeName}> is not the node patched`);
    if ('text' in op) node.nodeValue = op.text;
    else if ('set' in op) {
      const element = node as Element;
      for (const [name, value] of op.set) element.setAttribute(name, value);
      for (const name of op.unset) element.removeAttribute(name);
    } else {
      const children = node.childNodes;
      for (let k = children.length - 1; k >= op.from; k--) node.removeChild(children[k]!);
      const doc = node.ownerDocument!;
      for (const child of op.built) node.appendChild(built(doc, child));
    }
  }
}

/**
 * The worker's side of one layer: numbers each new SVG and works out its patch from the one before. `reset()`
 * forgets the tree (the page's layer may show something else now), so the next write carries no patch.
 */
export class LayerPatcher {
  private lastId = 0;
  private tree: SvgNode | null = null;

  constructor(private readonly ids: { next: () => number }) {}

  /** The write that shows `svg`: with its patch when the tree before is known and both are read. */
  written(svg: string): LayerWrite {
    const next = svg === '' ? null : svgTreeParsed(svg);
    const ops = this.tree && next ? svgOpsOf(this.tree, next) : null;
    const write = { svg, id: this.ids.next(), from: this.lastId, ops };
    this.tree = next;
    this.lastId = write.id;
    return write;
  }

  reset(): void {
    this.tree = null;
    this.lastId = 0;
  }
}

/** Numbers writes across the layers of one worker: a number is never given twice. */
export function writeCounter(): { next: () => number } {
  let n = 0;
  return { next: () => ++n };
}

/** What each host last showed from a write: its number and its root element. */
const shownWrites = new WeakMap<object, { id: number; root: Element }>();

/**
 * Makes `host` show the write: its patch when the host shows the write the patch follows (and nothing else since),
 * else the SVG through svgMorphed (or written whole, `isWhole`: a still, an emptied layer).
 */
export function layerWritten(host: Element, write: LayerWrite, isWhole = false): void {
  const shown = shownWrites.get(host);
  if (
    write.ops &&
    shown &&
    shown.id === write.from &&
    host.firstElementChild === shown.root &&
    host.childNodes.length === 1
  ) {
    // svgMorphed's own record of the layer is out of date now.
    svgMorphForgotten(host);
    try {
      svgOpsApplied(shown.root, write.ops);
      shown.id = write.id;
      return;
    } catch {
      // The layer was not the tree the patch follows (the browser read its markup otherwise): written whole.
      isWhole = true;
    }
  }
  if (isWhole) host.innerHTML = write.svg;
  else svgMorphed(host, write.svg);
  const root = host.firstElementChild;
  if (root && host.childNodes.length === 1) shownWrites.set(host, { id: write.id, root });
  else shownWrites.delete(host);
}

/** Forgets what a host showed from writes (other code wrote it): its next write is written whole. */
export function layerWritesForgotten(host: Element): void {
  shownWrites.delete(host);
}
