// Test support: plans for the exporters, and what ffprobe and ffmpeg say about a written video.
import { execFileSync } from 'node:child_process';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import type { Language } from '../../core/ids.js';
import { Intake, type IntakeInput } from '../../core/intake.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';

/** The spinal-column plan for an intake (default: 45 minutes, no conditions). */
export function planFor(intake: IntakeInput, language: Language = 'en'): Plan {
  const result = planFromIntake(
    builtinRoutine('spinal-column'),
    builtinRules(),
    Intake.parse({ language, ...intake }),
    {
      bodyMap: builtinBodyMap(),
    },
  );
  if (isRefusal(result)) throw new Error(`refused: ${result.reasons.map((r) => r.reason).join('; ')}`);
  return result;
}

/** What ffprobe reports of a file: streams, chapters, format. */
export interface Probe {
  readonly streams: {
    codec_type: string;
    codec_name: string;
    duration?: string;
    nb_frames?: string;
    color_space?: string;
    color_range?: string;
    tags?: Record<string, string>;
  }[];
  readonly chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
  readonly format: { duration: string };
}

/** Runs ffprobe on a file. */
export function probed(file: string): Probe {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_streams',
    '-show_chapters',
    '-show_format',
    '-of',
    'json',
    file,
  ]);
  return JSON.parse(out.toString()) as Probe;
}

/** A file's first audio track decoded to mono samples at `rate`. */
export function audioSamples(file: string, rate = 22_050): Int16Array {
  const out = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Int16Array(out.buffer, out.byteOffset, out.byteLength / 2);
}

/** The RMS level of samples from `from` to `to` seconds, in dB relative to full scale. */
export function levelDb(samples: Int16Array, from: number, to: number, rate = 22_050): number {
  const a = Math.max(0, Math.floor(from * rate));
  const b = Math.min(samples.length, Math.ceil(to * rate));
  let sum = 0;
  for (let i = a; i < b; i++) sum += (samples[i]! / 32768) ** 2;
  const rms = Math.sqrt(sum / Math.max(1, b - a));
  return 20 * Math.log10(Math.max(rms, 1e-9));
}

/** Decodes the frame at `t` seconds to PNG bytes. */
export function framePng(file: string, t: number): Buffer {
  return execFileSync('ffmpeg', [
    '-v',
    'error',
    '-ss',
    String(t),
    '-i',
    file,
    '-frames:v',
    '1',
    '-f',
    'image2pipe',
    '-c:v',
    'png',
    '-',
  ]);
}

/** The lines a command prints, less blank ones and `#` comments. */
function printedLines(command: string, args: readonly string[]): string[] {
  return execFileSync(command, args)
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** The presentation times (seconds, in order) of a file's video frames as stored: one per encoded frame. */
export function videoFrameTimes(file: string): number[] {
  return printedLines('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file],
  ])
    .map(Number)
    .sort((a, b) => a - b);
}

/** Each frame of a file's video decoded at a constant `fps` (as a player shows it), as an MD5 of its pixels. */
export function frameHashesAt(file: string, fps: number): string[] {
  return printedLines('ffmpeg', [
    ...['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', `fps=${fps}`, '-f', 'framemd5', '-'],
  ]).map((line) => line.split(',').at(-1)!.trim());
}
