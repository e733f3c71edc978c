/// <reference lib="webworker" />
// The figure's worker: it draws the live figure's frames off the page's main thread (web/src/figure-work.ts), the
// moving hands as a bitmap (web/src/svg-canvas.ts) the page only has to show.
import {
  type FigureAnswer,
  type FigureRequest,
  figureWorkHandler,
  type LayerPainter,
} from './figure-work.js';
import { svgDrawn } from './svg-canvas.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let surface: OffscreenCanvas | null = null;
const painter: LayerPainter | null =
  typeof OffscreenCanvas === 'undefined'
    ? null
    : (svg, width, height) => {
        if (surface?.width !== width || surface.height !== height)
          surface = new OffscreenCanvas(width, height);
        const ctx = surface.getContext('2d');
        if (!ctx) return null;
        if (!svgDrawn(ctx, svg, width, height, (w, h) => new OffscreenCanvas(w, h))) return null;
        return surface.transferToImageBitmap();
      };

const handle = figureWorkHandler(
  (answer: FigureAnswer) =>
    scope.postMessage(answer, answer.kind === 'frame' && answer.hands ? [answer.hands] : []),
  undefined,
  painter,
);
scope.onmessage = (event: MessageEvent<FigureRequest>) => handle(event.data);
