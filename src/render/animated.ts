import type { View } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import { MOVING_LAYERS, STATIC_LAYERS } from './layers.js';
import { frameParts, type RenderOptions, renderMomentLayers, svgOpening } from './render-moment.js';
import { num, xmlEscaped } from './svg.js';

/**
 * The `<animate>` that shows a group from frame `from` to frame `to` (exclusive) of `n` frames in a loop of
 * `dur`, or '' when it shows throughout.
 */
function shownDuring(from: number, to: number, n: number, dur: string): string {
  if (from === 0 && to >= n) return '';
  const at = (k: number) => num(k / n, 4);
  let values: string;
  let keyTimes: string;
  if (from === 0) {
    values = 'visible;hidden';
    keyTimes = `0;${at(to)}`;
  } else if (to >= n) {
    values = 'hidden;visible';
    keyTimes = `0;${at(from)}`;
  } else {
    values = 'hidden;visible;hidden';
    keyTimes = `0;${at(from)};${at(to)}`;
  }
  return `<animate attributeName="visibility" calcMode="discrete" values="${values}" keyTimes="${keyTimes}" dur="${dur}" repeatCount="indefinite"/>`;
}

/** A group shown from frame `from` to `to` of the loop (discrete visibility; the first frame's without SMIL). */
function frameGroup(content: string, from: number, to: number, n: number, dur: string): string {
  const animate = shownDuring(from, to, n, dur);
  if (animate === '') return `<g>${content}</g>`;
  return `<g visibility="${from === 0 ? 'visible' : 'hidden'}">${animate}${content}</g>`;
}

/** What lies inside a standalone SVG document: its elements, without the `<svg>` element and its title. */
function svgContent(svg: string): string {
  const body = svg.slice(svg.indexOf('>') + 1, svg.lastIndexOf('</svg>'));
  return body.replace(/^<title>[^<]*<\/title>/, '');
}

/**
 * A looping animated SVG (SMIL) of a run of moments, e.g. one repetition of a step, from the view the options name
 * (from above by default): what keeps still (the table and the body; in a solid view, for as long as it does) and
 * a captions band (title, side and cue, no clock) drawn once, then one group per moment, each shown in turn for
 * an equal share of `seconds`. Viewers without SMIL show the first moment. Pure, like renderMoment.
 */
export function renderAnimatedPreview(
  moments: readonly Moment[],
  options: RenderOptions & { readonly seconds: number },
): string {
  const first = moments[0];
  if (!first) throw new Error('renderAnimatedPreview needs at least one moment');
  const n = moments.length;
  const dur = `${num(options.seconds, 3)}s`;
  if (options.view && options.view !== 'top')
    return solidPreview(moments, { ...options, view: options.view }, dur);
  const base = frameParts(first, {
    ...options,
    layers: ['table', 'body', 'captions'],
    showsStatus: false,
  });
  const frames = moments.map((moment, i) => {
    const parts = frameParts(moment, { ...options, layers: ['safety', 'path', 'hands', 'marks', 'place'] });
    return frameGroup(parts.moving, i, i + 1, n, dur);
  });
  return `${svgOpening(base.width, base.height)}<title>${xmlEscaped(base.title)}</title>${base.defs}${base.still}${frames.join('')}${base.moving}</svg>`;
}

/**
 * The preview from a side, the head end or close up: each moment drawn from that view, framed round the step so
 * the camera holds still; the still layers drawn once for each run of frames that shares them (a lifted leg is in
 * them only while it keeps still), the moving ones once a frame, the captions once.
 */
function solidPreview(
  moments: readonly Moment[],
  options: RenderOptions & { readonly view: Exclude<View, 'top'> },
  dur: string,
): string {
  const n = moments.length;
  const moving = MOVING_LAYERS.filter((l) => l !== 'captions');
  const drawn = moments.map((m) =>
    renderMomentLayers(m, { ...options, framing: 'step' }, [STATIC_LAYERS, moving]).map(svgContent),
  );
  const captions = frameParts(moments[0]!, {
    ...options,
    view: 'top',
    layers: ['captions'],
    showsStatus: false,
  });
  const groups: string[] = [];
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && drawn[to]![0] === drawn[from]![0]) to++;
    groups.push(frameGroup(drawn[from]![0]!, from, to, n, dur));
    from = to;
  }
  drawn.forEach(([, layer], i) => {
    groups.push(frameGroup(layer!, i, i + 1, n, dur));
  });
  return `${svgOpening(captions.width, captions.height)}<title>${xmlEscaped(captions.title)}</title>${captions.defs}${groups.join('')}${captions.still}${captions.moving}</svg>`;
}
