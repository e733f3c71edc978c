// Updates a live SVG to match a new SVG string by changing only what differs, instead of replacing it:
// from one frame to the next the hands' SVG keeps its shape and only coordinates change, so the browser
// restyles and repaints a few elements rather than building and styling a whole new tree.

const template = typeof document === 'undefined' ? null : document.createElement('template');

function attributesMorphed(live: Element, next: Element): void {
  const nextAttributes = next.attributes;
  for (let i = 0; i < nextAttributes.length; i++) {
    const a = nextAttributes[i]!;
    if (live.getAttributeNS(a.namespaceURI, a.localName) !== a.value) {
      live.setAttributeNS(a.namespaceURI, a.name, a.value);
    }
  }
  const liveAttributes = live.attributes;
  for (let i = liveAttributes.length - 1; i >= 0; i--) {
    const a = liveAttributes[i]!;
    if (!next.hasAttributeNS(a.namespaceURI, a.localName))
      live.removeAttributeNS(a.namespaceURI, a.localName);
  }
}

function childrenMorphed(live: Node, next: Node): void {
  const liveChildren = live.childNodes;
  const nextChildren = next.childNodes;
  if (liveChildren.length !== nextChildren.length) {
    (live as Element).replaceChildren(
      ...Array.from(nextChildren, (n) => live.ownerDocument!.importNode(n, true)),
    );
    return;
  }
  for (let i = 0; i < nextChildren.length; i++) {
    const l = liveChildren[i]!;
    const n = nextChildren[i]!;
    if (l.nodeType !== n.nodeType || l.nodeName !== n.nodeName) {
      live.replaceChild(live.ownerDocument!.importNode(n, true), l);
    } else if (n.nodeType === Node.ELEMENT_NODE) {
      attributesMorphed(l as Element, n as Element);
      childrenMorphed(l, n);
    } else if (l.nodeValue !== n.nodeValue) {
      l.nodeValue = n.nodeValue;
    }
  }
}

/** Makes the content of `host` match the markup `svg`, touching only the nodes and attributes that differ. */
export function svgMorphed(host: Element, svg: string): void {
  const live = host.firstElementChild;
  if (!template || !live || live.nodeName.toLowerCase() !== 'svg') {
    host.innerHTML = svg;
    return;
  }
  template.innerHTML = svg;
  const next = template.content.firstElementChild;
  if (next?.nodeName.toLowerCase() !== 'svg' || template.content.childNodes.length !== 1) {
    host.innerHTML = svg;
    return;
  }
  attributesMorphed(live, next);
  childrenMorphed(live, next);
}
