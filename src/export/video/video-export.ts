// `export video` as a function: the plan's frames (worker threads) and narration (espeak-ng) streamed into ffmpeg,
// the WebVTT beside the MP4. Progress is reported through a callback; an AbortSignal stops it and removes the file.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Plan } from '../../core/plan-types.js';
import type { ThemeName } from '../../render/theme.js';
import { type FrameSpec, frameCount } from './frame-drawing.js';
import { framesPooled } from './frame-pool.js';
import { mp4Exporter } from './mp4-exporter.js';
import { type CueHeard, cuesPlaced, narrationTrack } from './narration.js';
import { SPEECH_SAMPLE_RATE, SPEECH_WORDS_PER_MINUTE, speechSamples } from './speech.js';
import { chaptersMetadata, subtitlesVtt } from './subtitles.js';
import { sessionWindow, type VideoScript, type VideoWindow, videoScriptFor } from './video-script.js';

/** What to export and how. */
export interface VideoExportOptions {
  readonly plan: Plan;
  /** The MP4 file; the subtitles go beside it with `.vtt` in place of `.mp4`. */
  readonly output: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** The part of the session to show (default: all of it; `stepWindow` for one technique). */
  readonly window?: VideoWindow;
  /** The video's title (metadata). */
  readonly title?: string;
  readonly theme?: ThemeName;
  /** Worker threads drawing frames (default: one per core). */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VideoProgress) => void;
  /** The ffmpeg and espeak-ng binaries (default: on the PATH). */
  readonly ffmpeg?: string;
  readonly espeak?: string;
  /** x264 preset (default veryfast). */
  readonly preset?: string;
}

/** How far an export is. */
export interface VideoProgress {
  readonly phase: 'narration' | 'frames';
  readonly done: number;
  readonly total: number;
}

/** What an export wrote and what it took. */
export interface VideoExportResult {
  readonly output: string;
  readonly subtitles: string;
  readonly frames: number;
  /** Frames that repeated the one before and were not drawn again. */
  readonly repeatedFrames: number;
  readonly seconds: number;
  readonly script: VideoScript;
  readonly cues: readonly CueHeard[];
}

/** The export was stopped through its AbortSignal (Ctrl-C); nothing is left on disk. */
export class ExportAbortedError extends Error {
  constructor() {
    super('export stopped; the partial file was removed');
    this.name = 'ExportAbortedError';
  }
}

/** The subtitles file that goes beside an MP4. */
export function subtitlesPathFor(output: string): string {
  return /\.mp4$/i.test(output) ? output.replace(/\.mp4$/i, '.vtt') : `${output}.vtt`;
}

/** How long each text takes to say, measured with espeak-ng a few at a time and remembered (numbers only). */
function speechMeasure(options: { plan: Plan; espeak?: string | undefined }) {
  const cache = new Map<string, Promise<number>>();
  const measure = (text: string, wordsPerMinute: number): Promise<number> => {
    const key = `${wordsPerMinute}|${text}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = speechSamples(text, {
        language: options.plan.language,
        wordsPerMinute,
        ...(options.espeak ? { command: options.espeak } : {}),
      }).then((s) => s.length / SPEECH_SAMPLE_RATE);
      hit.catch(() => undefined);
      cache.set(key, hit);
    }
    return hit;
  };
  return measure;
}

/** Runs `tasks` with at most `limit` at once; resolves when all have, rejects on the first failure. */
async function allLimited(tasks: readonly (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

function abortedCheck(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportAbortedError();
}

/**
 * Exports a plan (or a window of it) as an MP4: H.264 frames drawn by `momentAt` + `renderMoment` on worker threads
 * and streamed raw to ffmpeg, an AAC narration of every cue (espeak-ng) with tones, a mov_text subtitle track, a
 * chapter per step, and the WebVTT subtitles beside the file.
 */
export async function exportVideo(options: VideoExportOptions): Promise<VideoExportResult> {
  const { plan, signal } = options;
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const fps = options.fps ?? 30;
  // H.264 in its common 4:2:0 form (and the frames' YUV) halves the picture for colour: both sides must be even.
  if (width % 2 !== 0 || height % 2 !== 0 || width <= 0 || height <= 0)
    throw new RangeError(
      `the video's size must be even numbers of pixels (H.264 4:2:0), not ${width}×${height}`,
    );
  const window = options.window ?? sessionWindow(plan);
  const script = videoScriptFor(plan, window);
  const frames = frameCount(script.seconds, fps);
  const seconds = frames / fps;
  const subtitlesPath = subtitlesPathFor(options.output);
  abortedCheck(signal);

  // The narration is placed first (the subtitles and chapters must be ready when ffmpeg starts).
  const measure = speechMeasure({ plan, espeak: options.espeak });
  let measured = 0;
  await allLimited(
    script.cues.map((c) => async () => {
      abortedCheck(signal);
      await measure(c.text, SPEECH_WORDS_PER_MINUTE);
      options.onProgress?.({ phase: 'narration', done: ++measured, total: script.cues.length });
    }),
    Math.max(2, availableParallelism() * 2),
  );
  abortedCheck(signal);
  const heard = await cuesPlaced(script, measure);
  const vtt = subtitlesVtt(heard, seconds);
  const track = narrationTrack(heard, script.tones, (text, wordsPerMinute) =>
    speechSamples(text, {
      language: plan.language,
      wordsPerMinute,
      ...(options.espeak ? { command: options.espeak } : {}),
    }),
  );

  const exporter = mp4Exporter({
    output: options.output,
    width,
    height,
    fps,
    frames,
    sampleRate: SPEECH_SAMPLE_RATE,
    language: plan.language,
    subtitles: vtt,
    metadata: chaptersMetadata(script.chapters, { title: options.title ?? plan.routineId }),
    ...(options.ffmpeg ? { command: options.ffmpeg } : {}),
    ...(options.preset ? { preset: options.preset } : {}),
    pixelFormat: 'yuv420p',
  });
  const spec: FrameSpec = {
    plan,
    from: window.from,
    to: window.to,
    fps,
    width,
    height,
    language: plan.language,
    theme: options.theme ?? 'light',
    excluded: plan.excludedRegions,
    pixelFormat: 'yuv420p',
  };
  const totalSamples = Math.round(seconds * SPEECH_SAMPLE_RATE);
  let samplesWritten = 0;
  // The audio runs a couple of seconds ahead of the frames sent, one slice at a time.
  const audioUpTo = async (sample: number) => {
    const target = Math.min(totalSamples, sample);
    while (samplesWritten < target) {
      const to = Math.min(target, samplesWritten + SPEECH_SAMPLE_RATE);
      exporter.audio(await track.bytesBetween(samplesWritten, to));
      samplesWritten = to;
    }
  };
  let repeatedFrames = 0;
  let isDone = false;
  const vttPart = `${subtitlesPath}.part`;
  try {
    await exporter.start();
    await audioUpTo(2 * SPEECH_SAMPLE_RATE);
    for await (const frame of framesPooled(spec, frames, {
      ...(options.workers ? { workers: options.workers } : {}),
    })) {
      abortedCheck(signal);
      // A repeat was not drawn again, and is not encoded again (the exporter stores the frame before until the next).
      if (frame.isRepeat) repeatedFrames++;
      await exporter.frame(frame, frame.release);
      await audioUpTo(Math.round(((frame.index + 1) / fps + 2) * SPEECH_SAMPLE_RATE));
      options.onProgress?.({ phase: 'frames', done: frame.index + 1, total: frames });
    }
    await audioUpTo(totalSamples);
    abortedCheck(signal);
    writeFileSync(vttPart, vtt);
    await exporter.stop({ isAborted: false });
    renameSync(vttPart, subtitlesPath);
    isDone = true;
  } catch (e) {
    // ffmpeg and espeak-ng also get the terminal's Ctrl-C: a failure after an abort is the abort.
    if (signal?.aborted) throw new ExportAbortedError();
    throw e;
  } finally {
    if (!isDone) {
      await exporter.stop({ isAborted: true });
      rmSync(vttPart, { force: true });
    }
  }
  return {
    output: options.output,
    subtitles: subtitlesPath,
    frames,
    repeatedFrames,
    seconds,
    script,
    cues: heard,
  };
}
