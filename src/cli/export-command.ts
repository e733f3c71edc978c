// `massage-coach export video` and `export handout`: a plan taken away as a narrated MP4 or an A4 PDF.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { builtinBodyMap } from '../content/load.js';
import type { Side } from '../core/ids.js';
import { exportHandout } from '../export/handout/handout-pdf.js';
import { pixelLoopsNotice } from '../export/pixel-loops.js';
import { FfmpegError } from '../export/video/mp4-exporter.js';
import { ExportAbortedError, exportVideo } from '../export/video/video-export.js';
import { stepWindow, type VideoWindow } from '../export/video/video-script.js';
import type { ThemeName } from '../render/theme.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';
import {
  type PlanInputOptions,
  planAccepted,
  planLoaded,
  planSourcesLoaded,
  withPlanInputOptions,
} from './plan-input.js';
import { durationText, progressBar } from './progress-bar.js';
import { numberParsed, type RenderCommandIo } from './render-command.js';

/** Options of `massage-coach export video`. */
export interface ExportVideoOptions extends PlanInputOptions {
  readonly output: string;
  readonly size?: { width: number; height: number } | undefined;
  readonly fps?: number | undefined;
  readonly step?: string | undefined;
  readonly side?: Side | undefined;
  readonly theme?: ThemeName | undefined;
  /** Worker threads (default: one per core). */
  readonly workers?: number | undefined;
  /** For tests: stop as if Ctrl-C were pressed. */
  readonly signal?: AbortSignal | undefined;
}

function evenSizeParsed(value: string): { width: number; height: number } {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected WIDTHxHEIGHT, e.g. 1280x720.');
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 160 || height < 90 || width > 3840 || height > 2160) {
    throw new InvalidArgumentError('expected a size from 160x90 to 3840x2160.');
  }
  // H.264 in the common 4:2:0 form needs even sides.
  if (width % 2 !== 0 || height % 2 !== 0)
    throw new InvalidArgumentError('expected an even width and height.');
  return { width, height };
}

/** Checks that an output file can be written where asked: its folder exists. */
export function outputChecked(output: string, extension: string, io: CliIo): number | null {
  if (!output.toLowerCase().endsWith(extension)) {
    io.stderr(`error: -o ${output}: the file name must end in ${extension}\n`);
    return EXIT.usage;
  }
  const folder = dirname(output);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.stderr(`${output}: cannot write: no such folder ${folder}\n`);
    return EXIT.invalidInput;
  }
  return null;
}

/** Runs `work` with Ctrl-C (SIGINT) and SIGTERM turned into an abort of its signal. */
async function withInterruptAbort<T>(
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort);
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
    signal?.removeEventListener('abort', abort);
  }
}

/** `massage-coach export video`: the plan (or a few repetitions of one step) as a narrated MP4 with subtitles. */
export async function exportVideoCommand(options: ExportVideoOptions, io: CliIo): Promise<number> {
  const bad = outputChecked(options.output, '.mp4', io);
  if (bad !== null) return bad;
  if (options.side && !options.step) {
    io.stderr('error: --side goes with --step\n');
    return EXIT.usage;
  }
  const planned = planLoaded(options, io);
  if (!planned.ok) return planned.code;
  const plan = planned.value;
  let window: VideoWindow | null = null;
  if (options.step) {
    window = stepWindow(plan, options.step, { side: options.side });
    if (!window) {
      const skipped = plan.skipped.find((s) => s.id === options.step);
      io.stderr(
        skipped
          ? `error: the plan skips ${options.step}: ${skipped.reason}\n`
          : `error: no step "${options.step}"${options.side ? ` on the ${options.side} side` : ''} in the plan (steps: ${[
              ...new Set(plan.steps.map((s) => s.id)),
            ].join(', ')})\n`,
      );
      return EXIT.invalidInput;
    }
  }
  const size = options.size ?? { width: 1280, height: 720 };
  const fps = options.fps ?? 30;
  const bar = progressBar({
    write: io.stderr,
    isTerminal: io === processIo && Boolean(process.stderr.isTTY),
  });
  const notice = pixelLoopsNotice();
  if (notice) io.stderr(`${notice}\n`);
  const startedAt = performance.now();
  try {
    const result = await withInterruptAbort(options.signal, (signal) =>
      exportVideo({
        plan,
        output: options.output,
        width: size.width,
        height: size.height,
        fps,
        ...(window ? { window } : {}),
        title: options.step ? `${plan.routineId}: ${options.step}` : plan.routineId,
        theme: options.theme ?? 'light',
        ...(options.workers ? { workers: options.workers } : {}),
        signal,
        onProgress: (p) =>
          bar.update(
            p.done,
            p.total,
            p.phase === 'frames' ? { label: 'video', unit: 'frames' } : { label: 'narration', unit: 'cues' },
          ),
      }),
    );
    bar.finish();
    const took = (performance.now() - startedAt) / 1000;
    const cut = result.cues.filter((c) => c.isCut).length;
    io.stdout(
      `wrote ${result.output} (${durationText(result.seconds)}, ${size.width}x${size.height} at ${fps} fps, ` +
        `${result.script.chapters.length} chapters, ${result.cues.length} cues${cut ? `, ${cut} cut short` : ''}) ` +
        `and ${result.subtitles} in ${durationText(took)} (${(result.seconds / took).toFixed(1)}x real time)\n`,
    );
    return EXIT.ok;
  } catch (e) {
    bar.finish();
    if (e instanceof ExportAbortedError) {
      io.stderr(`stopped: ${options.output} was not written (the partial file was removed)\n`);
      return EXIT.interrupted;
    }
    io.stderr(
      `${options.output}: ${e instanceof FfmpegError ? '' : 'export failed: '}${(e as Error).message}\n`,
    );
    return EXIT.invalidInput;
  }
}

/** Options of `massage-coach export handout`. */
export interface ExportHandoutOptions extends PlanInputOptions {
  readonly output: string;
}

/** `massage-coach export handout`: the plan as an A4 PDF (safety first, the timetable, every step with its picture). */
export async function exportHandoutCommand(options: ExportHandoutOptions, io: CliIo): Promise<number> {
  const bad = outputChecked(options.output, '.pdf', io);
  if (bad !== null) return bad;
  const loaded = planSourcesLoaded(options, io);
  if (!loaded.ok) return loaded.code;
  const plan = planAccepted(loaded.value.result, io);
  if (!plan.ok) return plan.code;
  const startedAt = performance.now();
  try {
    const result = await exportHandout({
      plan: plan.value,
      bodyMap: builtinBodyMap(),
      routine: loaded.value.routine,
      rules: loaded.value.rules,
      output: options.output,
    });
    const took = (performance.now() - startedAt) / 1000;
    io.stdout(
      `wrote ${result.output} (${plan.value.steps.length} steps, ${plan.value.skipped.length} left out, ` +
        `${Math.round(result.bytes / 1024)} KiB) in ${took.toFixed(1)} s\n`,
    );
    return EXIT.ok;
  } catch (e) {
    io.stderr(`${options.output}: export failed: ${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
}

/** Adds `export video` and `export handout` to the program. */
export function registerExportCommands(program: Command, io: RenderCommandIo): void {
  const exportCommand = program
    .command('export')
    .description('Take a plan away: a narrated video (MP4) or a printed handout (PDF).');
  withPlanInputOptions(
    exportCommand
      .command('video')
      .description(
        'The plan as an MP4: narrated cues, tones, subtitles (also as FILE.vtt), a chapter per step.',
      ),
  )
    .option('--size <WxH>', 'frame size in pixels, even numbers (default 1280x720)', evenSizeParsed)
    .option('--fps <n>', 'frames per second (default 30)', numberParsed('frames per second', 1, 60))
    .option('--step <id>', 'only a few repetitions of this step, for teaching')
    .addOption(new Option('--side <side>', 'with --step: which side').choices(['left', 'right']))
    .addOption(new Option('--theme <theme>', 'colours').choices(['light', 'dark']).default('light'))
    .requiredOption('-o, --output <file>', 'the video to write: FILE.mp4 (and FILE.vtt beside it)')
    .action(async (options: ExportVideoOptions) => {
      io.setExitCode(await exportVideoCommand(options, io));
    });
  withPlanInputOptions(
    exportCommand
      .command('handout')
      .description(
        'The plan as an A4 PDF: safety rules, what was left out and why, the timetable, every step.',
      ),
  )
    .requiredOption('-o, --output <file>', 'the handout to write: FILE.pdf')
    .action(async (options: ExportHandoutOptions) => {
      io.setExitCode(await exportHandoutCommand(options, io));
    });
}
