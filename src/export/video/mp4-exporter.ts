// The MP4 exporter: Debian's ffmpeg fed raw frames with their times on its standard input (Matroska, matroska.ts),
// the narration's samples on a second pipe, the subtitles and chapters on two more; H.264 + AAC + mov_text into one
// MP4. Lifecycle: start, frame, stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Language } from '../../core/ids.js';
import { frameTick, matroskaBlocks, matroskaHeader } from './matroska.js';

/** The command that installs the encoder, for error messages. */
export const FFMPEG_INSTALL = 'apt-get install -y ffmpeg';

/** What the exporter writes and how. */
export interface Mp4ExporterOptions {
  /** The MP4 to write; it appears only when the export succeeds (until then it is `FILE.part`). */
  readonly output: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** The video's frames: the last `TAIL_FRAMES_SENT` are stored even when they repeat the one before. */
  readonly frames: number;
  readonly sampleRate: number;
  readonly language: Language;
  /** The subtitles (WebVTT) for the mov_text track. */
  readonly subtitles: string;
  /** The title and chapters (ffmpeg metadata). */
  readonly metadata: string;
  /** The ffmpeg binary (default `ffmpeg` on the PATH). */
  readonly command?: string;
  /** The frames' pixels on stdin: raw RGBA (default) or YUV 4:2:0, BT.709 limited range (yuv.ts). */
  readonly pixelFormat?: 'rgba' | 'yuv420p';
  /** x264's preset (default veryfast) and quality (default CRF 23). */
  readonly preset?: string;
  readonly crf?: number;
}

/** ffmpeg stopped with an error: its exit and the last lines it printed. */
export class FfmpegError extends Error {
  /** The last lines ffmpeg wrote to stderr. */
  readonly lastLines: readonly string[];
  constructor(message: string, lastLines: readonly string[]) {
    super(lastLines.length > 0 ? `${message}:\n  ${lastLines.join('\n  ')}` : message);
    this.name = 'FfmpegError';
    this.lastLines = lastLines;
  }
}

/** ISO 639-2 codes for the tracks' language tags. */
const LANGUAGE_TAGS: Readonly<Record<Language, string>> = { en: 'eng', ru: 'rus' };

/** How YUV frames made by yuv.ts are tagged in the file, so players convert them back to RGB as they were made. */
export const BT709_TAGS = [
  ...['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'],
];

/**
 * The video encoder's arguments, shared with the benchmark's encoding-alone ceiling: x264 `veryfast` at CRF 23
 * (`superfast` and `ultrafast` were no faster on these frames, with files two to five times larger), 4:2:0.
 */
export function x264Args(options: { preset?: string; crf?: number } = {}): string[] {
  return [
    ...['-c:v', 'libx264', '-preset', options.preset ?? 'veryfast', '-crf', String(options.crf ?? 23)],
    '-pix_fmt',
    'yuv420p',
  ];
}

/**
 * The ffmpeg arguments of an export (inputs: pipe 0 video, 3 audio, 4 subtitles, 5 metadata). The video comes with
 * its frames' times and goes out as they are (`-fps_mode vfr`, ffmpeg 5.1 or later): a frame not sent because it
 * repeats the one before is shown until the next.
 */
export function mp4FfmpegArgs(options: Omit<Mp4ExporterOptions, 'subtitles' | 'metadata'>): string[] {
  const tag = LANGUAGE_TAGS[options.language];
  return [
    ...['-hide_banner', '-nostats', '-loglevel', 'error', '-y'],
    ...['-f', 'matroska', '-i', 'pipe:0'],
    ...['-f', 's16le', '-ar', String(options.sampleRate), '-ac', '1', '-i', 'pipe:3'],
    ...['-f', 'webvtt', '-i', 'pipe:4'],
    ...['-f', 'ffmetadata', '-i', 'pipe:5'],
    ...['-map', '0:v', '-map', '1:a', '-map', '2:s', '-map_metadata', '3', '-map_chapters', '3'],
    ...x264Args(options),
    ...['-fps_mode', 'vfr'],
    ...(options.pixelFormat === 'yuv420p' ? BT709_TAGS : []),
    ...['-c:a', 'aac', '-b:a', '64k', '-c:s', 'mov_text'],
    ...['-metadata:s:a:0', `language=${tag}`, '-metadata:s:s:0', `language=${tag}`],
    ...['-movflags', '+faststart', '-f', 'mp4', `${options.output}.part`],
  ];
}

/** One frame of the video for the exporter: its index (it shows from `index / fps` seconds) and its pixels. */
export interface ExportedFrame {
  readonly index: number;
  readonly pixels: Buffer;
  /** It looks like the frame before: not stored (that one shows until the next), unless near the end. */
  readonly isRepeat?: boolean;
}

/**
 * An exporter's lifecycle: `start`, then `frame` for every frame in order (and `audio` as the track goes), then
 * `stop`. A repeat is not sent to ffmpeg: the file stores each frame that changed at its own time, shown until the
 * next (a variable frame rate), and the last `TAIL_FRAMES_SENT` frames whatever they are.
 */
export interface Mp4Exporter {
  start(): Promise<void>;
  /**
   * Sends a frame's pixels with its time (or, for a repeat, nothing); resolves when ffmpeg can take more.
   * `onWritten` is called once the pixels have gone into the pipe or are not needed (the buffer may then be reused),
   * or when they never will (ffmpeg stopped).
   */
  frame(frame: ExportedFrame, onWritten?: () => void): Promise<void>;
  /** Sends narration samples (16-bit mono PCM bytes); never waits (the caller keeps the audio only a little ahead). */
  audio(bytes: Buffer): void;
  /**
   * Finishes: closes the inputs, waits for ffmpeg and moves the file into place; or, when aborted, stops ffmpeg and
   * removes the partial file. Always call it (in a `finally`).
   */
  stop(options: { isAborted: boolean }): Promise<void>;
}

/**
 * How many of the video's last frames to send even when they repeat the frame before. x264 puts B-frames out of
 * order, so an MP4 track's length is counted from the decoding times of its last frames; frames sent one frame apart
 * at the end keep those times up with the pictures' (a repeat held to the end otherwise shortens the track by the
 * hold). x264's presets reorder at most a few frames; half a second at 30 fps is ample and costs next to nothing.
 */
export const TAIL_FRAMES_SENT = 16;

/** Makes the MP4 exporter (nothing runs until `start`). */
export function mp4Exporter(options: Mp4ExporterOptions): Mp4Exporter {
  const command = options.command ?? 'ffmpeg';
  const partial = `${options.output}.part`;
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> | null = null;
  let exitCode: number | null | undefined;
  let spawnError: Error | null = null;
  const lines: string[] = [];
  let tail = '';
  // Whoever waits for stdin to drain, told when ffmpeg stops instead. Not a race against one promise of ffmpeg's
  // exit: every Promise.race on a promise still pending adds a reaction to it that stays until it settles (about
  // 460 bytes a frame, 37 MB over a 45-minute video).
  const stopWaiters = new Set<() => void>();
  const stopped = () => {
    for (const waiter of [...stopWaiters]) waiter();
  };

  const failure = (message: string) =>
    new FfmpegError(
      lines.some((line) => /option .?fps_mode/i.test(line))
        ? `${message} (the export needs ffmpeg 5.1 or later)`
        : message,
      lines.slice(-12),
    );
  const video = (): Writable => {
    if (!child?.stdin) throw new Error('the exporter was not started');
    return child.stdin;
  };
  const pipe = (fd: number): Writable => child!.stdio[fd] as Writable;
  const blocks = matroskaBlocks();
  const ignoreEpipe = (stream: Writable) => stream.on('error', () => undefined);

  return {
    async start() {
      child = spawn(command, mp4FfmpegArgs(options), {
        stdio: ['pipe', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      });
      exited = new Promise((resolve) => {
        child!.on('error', (e: NodeJS.ErrnoException) => {
          spawnError =
            e.code === 'ENOENT'
              ? new Error(`${command} is not installed (the video needs it): run ${FFMPEG_INSTALL}`)
              : e;
          resolve(null);
          stopped();
        });
        child!.on('close', (code) => {
          if (tail.trim() !== '') lines.push(tail.trimEnd());
          tail = '';
          exitCode = code;
          resolve(code);
          stopped();
        });
      });
      child.stderr!.on('data', (b: Buffer) => {
        tail += b.toString();
        const parts = tail.split('\n');
        tail = parts.pop() ?? '';
        for (const line of parts) if (line.trim() !== '') lines.push(line.trimEnd());
        if (lines.length > 50) lines.splice(0, lines.length - 50);
      });
      for (const fd of [0, 3, 4, 5]) ignoreEpipe(fd === 0 ? video() : pipe(fd));
      video().write(
        matroskaHeader({
          width: options.width,
          height: options.height,
          fps: options.fps,
          fourcc: options.pixelFormat === 'yuv420p' ? 'I420' : 'RGBA',
        }),
      );
      pipe(4).end(options.subtitles);
      pipe(5).end(options.metadata);
      // A missing binary is reported now rather than at the first frame.
      await new Promise((resolve) => setImmediate(resolve));
      if (spawnError) throw spawnError;
    },
    async frame({ index, pixels, isRepeat }, onWritten) {
      if (exitCode !== undefined || spawnError)
        throw spawnError ?? failure(`ffmpeg stopped early (exit ${exitCode})`);
      if (isRepeat && index < options.frames - TAIL_FRAMES_SENT) {
        onWritten?.();
        return;
      }
      const stdin = video();
      stdin.write(blocks.blockHeader(frameTick(index, options.fps), pixels.length));
      if (stdin.write(pixels, onWritten ? () => onWritten() : undefined)) return;
      // Not events.once: it rejects on the stream's 'error' (EPIPE when ffmpeg has stopped), which says less.
      const isDrained = await new Promise<boolean>((resolve) => {
        const done = (value: boolean) => {
          stdin.off('drain', onDrain);
          stopWaiters.delete(onStop);
          resolve(value);
        };
        const onDrain = () => done(true);
        const onStop = () => done(false);
        stdin.once('drain', onDrain);
        stopWaiters.add(onStop);
        if (exitCode !== undefined || spawnError) onStop();
      });
      if (!isDrained) throw spawnError ?? failure(`ffmpeg stopped early (exit ${exitCode})`);
    },
    audio(bytes) {
      if (exitCode === undefined && !spawnError) pipe(3).write(bytes);
    },
    async stop({ isAborted }) {
      if (!child || !exited) return;
      if (isAborted) {
        if (exitCode === undefined) child.kill('SIGKILL');
        await exited;
        rmSync(partial, { force: true });
        return;
      }
      video().end();
      pipe(3).end();
      const code = await exited;
      if (spawnError) throw spawnError;
      if (code !== 0) {
        rmSync(partial, { force: true });
        throw failure(`ffmpeg failed (exit ${code})`);
      }
      renameSync(partial, options.output);
    },
  };
}
