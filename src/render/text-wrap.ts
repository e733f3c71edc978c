import { type TextWeight, textWidth } from './text-metrics.js';

/** Text broken into lines that fit a width, and whether some had to be cut. */
export interface WrappedText {
  readonly lines: readonly string[];
  readonly isTruncated: boolean;
}

function wordsHardBroken(word: string, maxWidth: number, fontSize: number, weight: TextWeight): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of word) {
    if (current && textWidth(current + ch, fontSize, weight) > maxWidth) {
      out.push(current);
      current = ch;
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Wraps text at spaces to lines no wider than `maxWidth` (Noto Sans metrics), at most `maxLines` of them;
 * a word longer than a line is broken, and text that does not fit ends with an ellipsis.
 */
export function textWrapped(
  text: string,
  options: { maxWidth: number; fontSize: number; weight?: TextWeight; maxLines: number },
): WrappedText {
  const { maxWidth, fontSize, maxLines } = options;
  const weight = options.weight ?? 'regular';
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, fontSize, weight) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    if (textWidth(word, fontSize, weight) <= maxWidth) current = word;
    else {
      const pieces = wordsHardBroken(word, maxWidth, fontSize, weight);
      lines.push(...pieces.slice(0, -1));
      current = pieces.at(-1) ?? '';
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return { lines, isTruncated: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last.length > 0 && textWidth(`${last}…`, fontSize, weight) > maxWidth) {
    last = last.slice(0, -1).trimEnd();
  }
  kept[maxLines - 1] = `${last}…`;
  return { lines: kept, isTruncated: true };
}
