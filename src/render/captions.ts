import type { Moment } from '../core/moment.js';
import { clockText, type RenderLabels } from './labels.js';
import { el, num, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import { textWrapped } from './text-wrap.js';
import type { Theme } from './theme.js';
import type { ViewLayout } from './view.js';

/** The pressure shown for a moment: the most any working hand presses now (null: nothing presses). */
export function momentPressure(moment: Moment): number | null {
  let max: number | null = null;
  for (const h of moment.hands) {
    if (h.isLifted || h.pressure === null) continue;
    if (max === null || h.pressure > max) max = h.pressure;
  }
  return max;
}

function text(
  x: number,
  y: number,
  content: string,
  style: { size: number; fill: string; weight?: number; anchor?: 'start' | 'end' | 'middle' },
): string {
  return el(
    'text',
    {
      x: num(x),
      y: num(y),
      'font-size': num(style.size),
      'font-weight': style.weight === undefined ? undefined : String(style.weight),
      fill: style.fill,
      'text-anchor': style.anchor,
    },
    xmlEscaped(content),
  );
}

/**
 * The captions band under the figure: the step's title and side, the current cue wrapped to three lines,
 * the repetition `3 / 6`, time left in the step and the session (m:ss) and a 1–5 pressure gauge.
 */
export function captionsSvg(options: {
  view: ViewLayout;
  theme: Theme;
  labels: RenderLabels;
  moment: Moment;
  /** Shows the key to the hatched never-press band (the figure shows one). */
  hasNeverPressKey: boolean;
  hatchId: string;
  /** Shows repetition, time left and pressure (a looping preview leaves them out). */
  showsStatus?: boolean;
}): string {
  const { view, theme, labels, moment } = options;
  const u = view.unit;
  const top = view.captionTop;
  const left = 28 * u;
  const statusWidth = 318 * u;
  const statusX = view.width - statusWidth;
  const textRight = statusX - 24 * u;
  const out: string[] = [];
  out.push(
    el('rect', {
      x: '0',
      y: num(top),
      width: num(view.width),
      height: num(view.height - top),
      fill: theme.captionBand,
    }),
  );
  out.push(
    el('rect', { x: '0', y: num(top), width: num(view.width), height: num(3 * u), fill: theme.accent }),
  );

  // Title, then the side chip; the never-press key at the right end of the row when the figure shows one.
  const titleBaseline = top + 40 * u;
  const chipSize = 17 * u;
  const chip = moment.side ? labels.side[moment.side] : null;
  const chipWidth = chip ? textWidth(chip, chipSize, 'semibold') + 22 * u : 0;
  const keySize = 15 * u;
  const keyWidth = options.hasNeverPressKey ? 32 * u + textWidth(labels.neverPress, keySize, 'semibold') : 0;
  if (options.hasNeverPressKey) {
    const keyX = textRight - keyWidth;
    out.push(
      el('rect', {
        x: num(keyX),
        y: num(titleBaseline - 15 * u),
        width: num(24 * u),
        height: num(16 * u),
        fill: `url(#${options.hatchId})`,
        stroke: theme.danger,
        'stroke-width': num(1.2 * u, 2),
      }),
    );
    out.push(
      text(keyX + 32 * u, titleBaseline - 1 * u, labels.neverPress, {
        size: keySize,
        fill: theme.danger,
        weight: 600,
      }),
    );
  }
  const title = moment.isFinished ? labels.finished : moment.step.title;
  const titleRoom =
    textRight - left - (chip ? chipWidth + 16 * u : 0) - (keyWidth > 0 ? keyWidth + 20 * u : 0);
  // A long title first gets a smaller size, then an ellipsis.
  let titleSize = 27 * u;
  if (textWidth(title, titleSize, 'semibold') > titleRoom) titleSize = 23 * u;
  const titleLine =
    textWrapped(title, { maxWidth: titleRoom, fontSize: titleSize, weight: 'semibold', maxLines: 1 })
      .lines[0] ?? '';
  out.push(text(left, titleBaseline, titleLine, { size: titleSize, fill: theme.captionText, weight: 600 }));
  if (chip) {
    const chipX = left + textWidth(titleLine, titleSize, 'semibold') + 16 * u;
    out.push(
      el('rect', {
        x: num(chipX),
        y: num(titleBaseline - 23 * u),
        width: num(chipWidth),
        height: num(30 * u),
        rx: num(15 * u),
        fill: theme.chip,
      }),
    );
    out.push(
      text(chipX + 11 * u, titleBaseline - 2 * u, chip, {
        size: chipSize,
        fill: theme.chipText,
        weight: 600,
      }),
    );
  }

  // A step in parts: the running part's title under the step's, and the cue a line lower (two lines).
  const part = moment.isFinished ? null : moment.part;
  if (part) {
    const partSize = 19 * u;
    const partLine =
      textWrapped(`${moment.partIndex + 1}. ${part.title}`, {
        maxWidth: textRight - left,
        fontSize: partSize,
        weight: 'semibold',
        maxLines: 1,
      }).lines[0] ?? '';
    out.push(text(left, top + 68 * u, partLine, { size: partSize, fill: theme.accent, weight: 600 }));
  }
  // The cue, wrapped; a safety cue in the safety colour with its label.
  if (moment.cue && !moment.isFinished) {
    const isSafety = moment.cue.kind === 'safety';
    const cueSize = 21 * u;
    const prefix = isSafety ? `${labels.safety}: ` : '';
    const cueTop = part ? 100 : 76;
    const wrapped = textWrapped(prefix + moment.cue.text, {
      maxWidth: textRight - left,
      fontSize: cueSize,
      maxLines: part ? 2 : 3,
    });
    wrapped.lines.forEach((line, i) => {
      out.push(
        text(left, top + (cueTop + i * 28) * u, line, {
          size: cueSize,
          fill: isSafety ? theme.captionSafety : theme.captionText,
        }),
      );
    });
  }

  if (options.showsStatus === false) return out.join('');
  // Status: repetition, time left, pressure.
  const labelSize = 14 * u;
  const valueSize = 27 * u;
  out.push(
    el('rect', {
      x: num(statusX - 12 * u),
      y: num(top + 16 * u),
      width: num(1.5 * u),
      height: num(124 * u),
      fill: theme.captionMuted,
      'fill-opacity': '0.35',
    }),
  );
  out.push(
    text(statusX + 8 * u, top + 30 * u, labels.repetition, { size: labelSize, fill: theme.captionMuted }),
  );
  out.push(
    text(statusX + 8 * u, top + 62 * u, `${moment.repetition} / ${moment.repetitions}`, {
      size: valueSize,
      fill: theme.captionText,
      weight: 600,
    }),
  );
  const timeX = statusX + 160 * u;
  out.push(text(timeX, top + 30 * u, labels.stepLeft, { size: labelSize, fill: theme.captionMuted }));
  out.push(
    text(timeX, top + 62 * u, clockText(moment.stepTimeLeft), {
      size: valueSize,
      fill: theme.captionText,
      weight: 600,
    }),
  );

  const pressure = momentPressure(moment);
  out.push(
    text(statusX + 8 * u, top + 96 * u, labels.pressure, { size: labelSize, fill: theme.captionMuted }),
  );
  const pillY = top + 106 * u;
  for (let i = 1; i <= 5; i++) {
    const isOn = pressure !== null && i <= pressure;
    out.push(
      el('rect', {
        x: num(statusX + 8 * u + (i - 1) * 26 * u),
        y: num(pillY),
        width: num(21 * u),
        height: num(12 * u),
        rx: num(3 * u),
        fill: isOn ? theme.path : 'none',
        stroke: isOn ? theme.path : theme.captionMuted,
        'stroke-width': num(1.5 * u, 2),
      }),
    );
  }
  out.push(
    text(statusX + 146 * u, pillY + 11 * u, pressure === null ? labels.noPressure : `${pressure} / 5`, {
      size: 16 * u,
      fill: theme.captionText,
      weight: 600,
    }),
  );
  out.push(
    text(statusX + 8 * u, top + 141 * u, `${labels.sessionLeft} ${clockText(moment.sessionTimeLeft)}`, {
      size: labelSize,
      fill: theme.captionMuted,
    }),
  );
  return out.join('');
}
