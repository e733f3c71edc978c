// A small stand-in for the DOM (the web unit tests run in node): elements with attributes and children, text
// nodes, and an innerHTML setter that builds the tree as the browser's parser would; it counts every change.
import fc from 'fast-check';
import { attributesOf, type SvgNode, svgTreeParsed } from './svg-morph.js';
// nodes, and an innerHTML setter that builds the tree as the browser's parser would; it counts every change.
export interface Counts {
  created: number;
  attributesSet: number;
  attributesRemoved: number;
  texts: number;
  parsed: number;
}

export class FakeText {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  constructor(
    public nodeValue: string,
    private readonly counts: Counts,
  ) {}
  set value(text: string) {
    this.counts.texts++;
    this.nodeValue = text;
  }
}

export class FakeElement {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  childNodes: (FakeElement | FakeText)[] = [];
  nodeValue = null;
  constructor(
    readonly name: string,
    readonly ownerDocument: FakeDocument,
  ) {}
  get nodeName(): string {
    return this.name;
  }
  get firstElementChild(): FakeElement | null {
    return (this.childNodes.find((n) => n instanceof FakeElement) as FakeElement | undefined) ?? null;
  }
  set innerHTML(markup: string) {
    this.ownerDocument.counts.parsed++;
    const tree = svgTreeParsed(markup);
    this.childNodes = tree ? [this.ownerDocument.fromTree(tree)] : [];
  }
  setAttribute(name: string, value: string) {
    this.ownerDocument.counts.attributesSet++;
    this.attributes.set(name, value);
  }
  removeAttribute(name: string) {
    this.ownerDocument.counts.attributesRemoved++;
    this.attributes.delete(name);
  }
  replaceChildren(...nodes: (FakeElement | FakeText)[]) {
    this.childNodes = nodes;
  }
  appendChild(node: FakeElement | FakeText) {
    this.childNodes.push(node);
  }
  removeChild(node: FakeElement | FakeText) {
    this.childNodes.splice(this.childNodes.indexOf(node), 1);
  }
}

export class FakeDocument {
  readonly counts: Counts = { created: 0, attributesSet: 0, attributesRemoved: 0, texts: 0, parsed: 0 };
  createElementNS(_ns: string, name: string) {
    this.counts.created++;
    return new FakeElement(name, this);
  }
  createTextNode(text: string) {
    this.counts.created++;
    return new FakeText(text, this.counts);
  }
  fromTree(node: SvgNode | string): FakeElement | FakeText {
    if (typeof node === 'string') return new FakeText(node, this.counts);
    const element = new FakeElement(node.name, this);
    for (const [k, v] of attributesOf(node.attrText)) element.attributes.set(k, v);
    element.childNodes = node.children.map((c) => this.fromTree(c));
    return element;
  }
}

/** A tree in a form that ignores attribute order. */
export function normalOf(node: FakeElement | FakeText | SvgNode | string): unknown {
  if (typeof node === 'string') return node;
  if (node instanceof FakeText) return node.nodeValue;
  if (node instanceof FakeElement) {
    return {
      name: node.name,
      attrs: [...node.attributes.entries()].sort(),
      children: node.childNodes.map(normalOf),
    };
  }
  return {
    name: node.name,
    attrs: [...attributesOf(node.attrText).entries()].sort(),
    children: node.children.map(normalOf),
  };
}

export function host(): FakeElement {
  return new FakeElement('div', new FakeDocument());
}

/** Random SVG documents of the shapes the renderer writes: nested elements, attributes that come and go, text. */
export function svgArbitrary(): fc.Arbitrary<string> {
  const attr = fc.constantFrom('1', '2', 'a &amp; b', 'M0 0L1 1');
  const element: fc.Memo<string> = fc.memo((depth) =>
    fc
      .tuple(
        fc.constantFrom('g', 'path', 'circle', 'text'),
        fc.option(attr, { nil: undefined }),
        fc.option(attr, { nil: undefined }),
        depth > 1
          ? fc.array(fc.oneof(element(depth - 1), fc.constantFrom('hi', 'R &lt; L')), { maxLength: 3 })
          : fc.constant([]),
      )
      .map(([name, a, b, children]) => {
        const attrs = `${a === undefined ? '' : ` x="${a}"`}${b === undefined ? '' : ` d="${b}"`}`;
        return children.length === 0
          ? `<${name}${attrs}/>`
          : `<${name}${attrs}>${children.join('')}</${name}>`;
      }),
  );
  return fc
    .array(element(3), { maxLength: 4 })
    .map((kids) => `<svg viewBox="0 0 9 9">${kids.join('')}</svg>`);
}
