/**
 * A stand-in for a figure layer's element (the web unit tests run in node): it keeps its markup and counts the
 * writes. With no child elements, svgMorphed always writes the markup whole, so each write is one change of the layer.
 */
export class FakeLayer {
  writes = 0;
  html = '';
  readonly dataset: Record<string, string> = {};
  readonly childNodes: never[] = [];
  readonly firstElementChild = null;
  set innerHTML(svg: string) {
    this.writes++;
    this.html = svg;
  }
  get innerHTML(): string {
    return this.html;
  }
}
