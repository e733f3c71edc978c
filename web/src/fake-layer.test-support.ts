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
  get firstChild(): object | null {
    return this.html === '' ? null : {};
  }
  replaceChildren(): void {
    this.innerHTML = '';
  }
}

/** A stand-in for the hands canvas: what its `bitmaprenderer` context was last given (null: emptied). */
export class FakeCanvas {
  readonly dataset: Record<string, string | undefined> = {};
  shown: unknown = undefined;
  transfers = 0;
  getContext(kind: string) {
    if (kind !== 'bitmaprenderer') return null;
    return {
      transferFromImageBitmap: (bitmap: unknown) => {
        this.transfers++;
        this.shown = bitmap;
      },
    };
  }
}

/** A stand-in for an ImageBitmap that says whether it was let go. */
export class FakeBitmap {
  isClosed = false;
  constructor(
    readonly width: number,
    readonly height: number,
    readonly svg: string,
  ) {}
  close(): void {
    this.isClosed = true;
  }
}
