import type { Moment } from '../core/moment.js';
import { frameParts, type RenderOptions, svgOpening } from './render-moment.js';
import { num, xmlEscaped } from './svg.js';

/**
 * A looping animated SVG (SMIL) of a run of moments, e.g. one repetition of a step: the table, the body and a
 * captions band (title, side and cue, no clock) drawn once, then one group per moment, each shown in turn for
 * an equal share of `seconds`. Viewers without SMIL show the first moment. Pure, like renderMoment.
 */
export function renderAnimatedPreview(
  moments: readonly Moment[],
  options: RenderOptions & { readonly seconds: number },
): string {
  const first = moments[0];
  if (!first) throw new Error('renderAnimatedPreview needs at least one moment');
  const n = moments.length;
  const base = frameParts(first, {
    ...options,
    layers: ['table', 'body', 'captions'],
    showsStatus: false,
  });
  const dur = `${num(options.seconds, 3)}s`;
  const frames: string[] = [];
  moments.forEach((moment, i) => {
    const parts = frameParts(moment, { ...options, layers: ['safety', 'path', 'hands', 'marks', 'place'] });
    // Discrete visibility: frame i is visible from i/n to (i+1)/n of the loop.
    const at = (k: number) => num(k / n, 4);
    let values: string;
    let keyTimes: string;
    if (n === 1) {
      values = 'visible';
      keyTimes = '0';
    } else if (i === 0) {
      values = 'visible;hidden';
      keyTimes = `0;${at(1)}`;
    } else if (i === n - 1) {
      values = 'hidden;visible';
      keyTimes = `0;${at(i)}`;
    } else {
      values = 'hidden;visible;hidden';
      keyTimes = `0;${at(i)};${at(i + 1)}`;
    }
    const animate = `<animate attributeName="visibility" calcMode="discrete" values="${values}" keyTimes="${keyTimes}" dur="${dur}" repeatCount="indefinite"/>`;
    frames.push(`<g visibility="${i === 0 ? 'visible' : 'hidden'}">${animate}${parts.moving}</g>`);
  });
  return `${svgOpening(base.width, base.height)}<title>${xmlEscaped(base.title)}</title>${base.defs}${base.still}${frames.join('')}${base.moving}</svg>`;
}
