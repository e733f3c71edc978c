/// <reference lib="webworker" />
// The figure's worker: it draws the live figure's frames off the page's main thread (web/src/figure-work.ts).
import { type FigureAnswer, type FigureRequest, figureWorkHandler } from './figure-work.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = figureWorkHandler((answer: FigureAnswer) => scope.postMessage(answer));
scope.onmessage = (event: MessageEvent<FigureRequest>) => handle(event.data);
