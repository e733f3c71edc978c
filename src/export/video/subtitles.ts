// Text files that go with the video: WebVTT subtitles of the heard cues, and the chapters as ffmpeg metadata.
import type { CueHeard } from './narration.js';
import type { Chapter } from './video-script.js';

/** How long a subtitle stays up at least, and after its cue is heard, when the next cue leaves room. */
const SUBTITLE_MIN_SECONDS = 2;
const SUBTITLE_LINGER_SECONDS = 1.5;

/** A time as WebVTT writes it: hh:mm:ss.mmm. */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

function vttEscaped(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

/** The subtitle of each heard cue: shown while it is said, and a little longer when the next cue is not yet due. */
export function subtitleSpans(
  heard: readonly CueHeard[],
  seconds: number,
): { from: number; to: number; text: string }[] {
  return heard.map((c, i) => {
    const next = heard[i + 1]?.from ?? seconds;
    const to = Math.min(
      next,
      seconds,
      Math.max(c.to + SUBTITLE_LINGER_SECONDS, c.from + SUBTITLE_MIN_SECONDS),
    );
    return { from: c.from, to: Math.max(to, c.from + 0.001), text: c.text };
  });
}

/** A WebVTT file of the heard cues (the subtitles beside the video, and the source of its mov_text track). */
export function subtitlesVtt(heard: readonly CueHeard[], seconds: number): string {
  const blocks = subtitleSpans(heard, seconds).map(
    (s, i) => `${i + 1}\n${vttTime(s.from)} --> ${vttTime(s.to)}\n${vttEscaped(s.text)}\n`,
  );
  return `WEBVTT\n\n${blocks.join('\n')}`;
}

function metadataEscaped(text: string): string {
  return text.replace(/[\\=;#\n]/g, (c) => `\\${c}`);
}

/** The title and a chapter per step, as an ffmpeg metadata file (`-f ffmetadata`). */
export function chaptersMetadata(chapters: readonly Chapter[], options: { title: string }): string {
  const lines = [';FFMETADATA1', `title=${metadataEscaped(options.title)}`];
  for (const c of chapters) {
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(c.start * 1000)}`,
      `END=${Math.round(c.end * 1000)}`,
      `title=${metadataEscaped(c.title)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
