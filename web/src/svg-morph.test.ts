import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributesOf, type SvgNode, svgMorphed, svgTreeParsed, xmlUnescaped } from './svg-morph.js';

// A small stand-in for the DOM (the web unit tests run in node): elements with attributes and children, text
// nodes, and an innerHTML setter that builds the tree as the browser's parser would; it counts every change.
interface Counts {
  created: number;
  attributesSet: number;
  attributesRemoved: number;
  texts: number;
  parsed: number;
}

class FakeText {
  constructor(
    public nodeValue: string,
    private readonly counts: Counts,
  ) {}
  set value(text: string) {
    this.counts.texts++;
    this.nodeValue = text;
  }
}

class FakeElement {
  readonly attributes = new Map<string, string>();
  childNodes: (FakeElement | FakeText)[] = [];
  nodeValue = null;
  constructor(
    readonly name: string,
    readonly ownerDocument: FakeDocument,
  ) {}
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

class FakeDocument {
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
function normalOf(node: FakeElement | FakeText | SvgNode | string): unknown {
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

function host(): FakeElement {
  return new FakeElement('div', new FakeDocument());
}

const morph = (h: FakeElement, svg: string) => svgMorphed(h as unknown as Element, svg);

const frame = (x: number, extra = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 426"><title>Palm &amp; thumb</title>` +
  `<g transform="translate(${x} 20)"><path d="M0 0L${x} 5" fill="#4d2c1a"/><path d="M1 1" fill="#cf9570"/></g>${extra}</svg>`;

describe('svgTreeParsed', () => {
  it('reads nested elements, self-closing ones, text and character references', () => {
    const tree = svgTreeParsed(frame(10));
    expect(tree?.name).toBe('svg');
    expect(tree?.children[0]).toMatchObject({ name: 'title', children: ['Palm & thumb'] });
    const g = tree?.children[1] as SvgNode;
    expect(g.name).toBe('g');
    expect(g.children.map((c) => (c as SvgNode).name)).toEqual(['path', 'path']);
    expect(attributesOf(g.attrText).get('transform')).toBe('translate(10 20)');
    expect(g.markup.startsWith('<g ')).toBe(true);
    expect(g.markup.endsWith('</g>')).toBe(true);
  });

  it('resolves named, decimal and hexadecimal references', () => {
    expect(xmlUnescaped('a &lt;b&gt; &quot;c&quot; &#39;d&#x27; &amp;amp;')).toBe('a <b> "c" \'d\' &amp;');
    expect(attributesOf('x="1" label="R &amp; L"')).toEqual(
      new Map([
        ['x', '1'],
        ['label', 'R & L'],
      ]),
    );
  });

  it('gives null for what it does not read, so the browser parses it', () => {
    expect(svgTreeParsed('<svg><!-- note --></svg>')).toBeNull();
    expect(svgTreeParsed('<svg><g></svg>')).toBeNull();
    expect(svgTreeParsed('<svg></svg><svg></svg>')).toBeNull();
    expect(svgTreeParsed("<svg><path d='M0 0'/></svg>")).toBeNull();
    expect(svgTreeParsed('<svg>a < b</svg>')).toBeNull();
    expect(svgTreeParsed('<svg/>')).toMatchObject({ name: 'svg', children: [] });
  });
});

describe('svgMorphed', () => {
  it('parses the first frame, then sets only the attributes that changed, creating no node', () => {
    const h = host();
    const counts = h.ownerDocument.counts;
    morph(h, frame(10));
    expect(counts.parsed).toBe(1);
    const root = h.firstElementChild;
    morph(h, frame(12));
    expect(counts.parsed).toBe(1);
    expect(counts.created).toBe(0);
    // The group's transform and the first path's d: two attributes, nothing else.
    expect(counts.attributesSet).toBe(2);
    expect(h.firstElementChild).toBe(root);
    expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(12))!));
  });

  it('touches nothing when the frame is the same', () => {
    const h = host();
    morph(h, frame(10));
    const before = { ...h.ownerDocument.counts };
    morph(h, frame(10));
    expect(h.ownerDocument.counts).toEqual(before);
  });

  it('rebuilds only the children whose shape changed, and removes attributes no longer there', () => {
    const h = host();
    const counts = h.ownerDocument.counts;
    morph(h, frame(10));
    morph(h, frame(10, '<circle cx="1" cy="2" r="3"/>'));
    expect(counts.parsed).toBe(1);
    expect(counts.created).toBe(1); // the new circle; the title and the group stay
    expect(normalOf(h.firstElementChild!)).toEqual(
      normalOf(svgTreeParsed(frame(10, '<circle cx="1" cy="2" r="3"/>'))!),
    );
    const withFill = '<svg viewBox="0 0 1 1"><rect x="0" fill="red"/></svg>';
    const h2 = host();
    morph(h2, withFill);
    morph(h2, '<svg viewBox="0 0 1 1"><rect x="1"/></svg>');
    expect(h2.ownerDocument.counts.attributesRemoved).toBe(1);
    // A child taken away at the end: the others stay.
    const h3 = host();
    morph(h3, frame(10, '<circle r="3"/>'));
    const title = h3.firstElementChild!.childNodes[0];
    morph(h3, frame(10));
    expect(h3.firstElementChild!.childNodes[0]).toBe(title);
    expect(h3.ownerDocument.counts.created).toBe(0);
    expect(normalOf(h3.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(10))!));
    expect(normalOf(h2.firstElementChild!)).toEqual(
      normalOf(svgTreeParsed('<svg viewBox="0 0 1 1"><rect x="1"/></svg>')!),
    );
  });

  it('starts again from the markup when the layer was emptied or replaced by other code', () => {
    const h = host();
    morph(h, frame(10));
    h.innerHTML = '';
    morph(h, frame(11));
    expect(h.ownerDocument.counts.parsed).toBe(3);
    expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frame(11))!));
    // Markup the tokenizer does not read still shows, through the browser's parser.
    morph(h, '<svg><!-- x --><g/></svg>');
    expect(h.ownerDocument.counts.parsed).toBe(4);
  });

  it('leaves the layer equal to the last frame whatever the frames before it were', () => {
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
    const svg = fc
      .array(element(3), { maxLength: 4 })
      .map((kids) => `<svg viewBox="0 0 9 9">${kids.join('')}</svg>`);
    fc.assert(
      fc.property(fc.array(svg, { minLength: 1, maxLength: 6 }), (frames) => {
        const h = host();
        for (const f of frames) morph(h, f);
        expect(normalOf(h.firstElementChild!)).toEqual(normalOf(svgTreeParsed(frames.at(-1)!)!));
      }),
    );
  });
});
