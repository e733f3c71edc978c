// A progress display for long work: a bar redrawn in place on a terminal, a plain line every few seconds otherwise.

/** What the progress display needs: where to write, whether that is a terminal, and a clock (ms). */
export interface ProgressBarOptions {
  readonly write: (text: string) => void;
  readonly isTerminal: boolean;
  readonly now?: () => number;
  /** Milliseconds between lines when not a terminal (default 5000). */
  readonly lineEveryMs?: number;
}

/** A progress display: `update` as work is done, `finish` (or `clear`) at the end. */
export interface ProgressBar {
  /** Work done of total; a new stage (label and what is counted, e.g. "frames") restarts the rate. */
  update(done: number, total: number, stage?: { readonly label: string; readonly unit: string }): void;
  /** Ends the display (a terminal's line is left showing the last state). */
  finish(): void;
}

/** A time left as m:ss or h:mm:ss. */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const BAR_WIDTH = 28;

/** Makes a progress display: rate (per second) and time left from the work done since the current label began. */
export function progressBar(options: ProgressBarOptions): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const every = options.isTerminal ? 200 : (options.lineEveryMs ?? 5000);
  let label = '';
  let unit = '';
  let startedAt = now();
  let startedDone = 0;
  let lastShown = Number.NEGATIVE_INFINITY;
  let last = '';
  const text = (done: number, total: number) => {
    const elapsed = (now() - startedAt) / 1000;
    const rate = elapsed > 0 ? (done - startedDone) / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Number.NaN;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    const counts = `${done}/${total} ${unit}`;
    const speed = `${rate.toFixed(rate < 10 ? 1 : 0)} ${unit}/s`;
    if (!options.isTerminal)
      return `${label}${label ? ': ' : ''}${counts} (${percent.trim()}), ${speed}, ${durationText(left)} left`;
    const filled = Math.round(fraction * BAR_WIDTH);
    return `${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent} ${counts}, ${speed}, ${durationText(left)} left`;
  };
  return {
    update(done, total, stage) {
      if (stage !== undefined && stage.label !== label) {
        if (options.isTerminal && last) options.write('\n');
        label = stage.label;
        unit = stage.unit;
        startedAt = now();
        startedDone = done;
        lastShown = Number.NEGATIVE_INFINITY;
        last = '';
      }
      const t = now();
      if (t - lastShown < every && done < total) return;
      lastShown = t;
      last = text(done, total);
      options.write(options.isTerminal ? `\r${last}\u001b[K` : `${last}\n`);
    },
    finish() {
      if (options.isTerminal && last) options.write('\n');
      last = '';
    },
  };
}
