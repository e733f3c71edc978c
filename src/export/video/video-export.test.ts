// Real exports through Debian's ffmpeg and espeak-ng (npm test installs them): the file is checked with ffprobe,
// the narration's levels measured, failures and Ctrl-C checked for what they leave behind.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { audioSamples, framePng, levelDb, planFor, probed } from '../test-support/media.js';
import { FfmpegError } from './mp4-exporter.js';
import { TONE_SECONDS } from './narration.js';
import { ExportAbortedError, exportVideo, type VideoExportResult } from './video-export.js';
import { stepWindow } from './video-script.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exportVideo: a 10-minute plan at 160×90, 1 fps', () => {
  const plan = planFor({ minutes: 10 });
  const output = join(dir, 'session.mp4');
  let result: VideoExportResult;

  it('writes an MP4 with H.264, AAC and mov_text streams, as long as the plan to within a frame', {
    timeout: 300_000,
  }, async () => {
    result = await exportVideo({ plan, output, width: 160, height: 90, fps: 1 });
    expect(result.seconds).toBeCloseTo(plan.totalSeconds, 6);
    const probe = probed(output);
    const kinds = probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`);
    expect(kinds).toEqual(expect.arrayContaining(['video:h264', 'audio:aac', 'subtitle:mov_text']));
    expect(Math.abs(Number(probe.format.duration) - plan.totalSeconds)).toBeLessThanOrEqual(1);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(Math.abs(Number(video.duration) - plan.totalSeconds)).toBeLessThanOrEqual(1);
    // The frames were converted to YUV as BT.709, limited range, and say so.
    expect([video.color_space, video.color_range]).toEqual(['bt709', 'tv']);
    expect(result.frames).toBe(Math.round(plan.totalSeconds));
    expect(readdirSync(dir).sort()).toEqual(['session.mp4', 'session.vtt']);
  });

  it('has a chapter per planned step, with its title, at its start', () => {
    const chapters = probed(output).chapters;
    expect(chapters).toHaveLength(plan.steps.length);
    chapters.forEach((c, i) => {
      expect(c.tags?.title).toContain(plan.steps[i]!.title);
      expect(Number(c.start_time)).toBeCloseTo(plan.steps[i]!.start, 2);
    });
  });

  it('writes every cue as a subtitle, beside the file and inside it', () => {
    const vtt = readFileSync(join(dir, 'session.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    for (const step of plan.steps) expect(vtt).toContain(step.cues.before.replace(/&/g, '&amp;'));
    expect(vtt.match(/ --> /g)).toHaveLength(result.cues.length);
    const subtitle = probed(output).streams.find((s) => s.codec_type === 'subtitle')!;
    expect(subtitle.tags?.language).toBe('eng');
  });

  it('is loud where a cue is said and quiet where nothing is due', () => {
    const samples = audioSamples(output);
    for (const cue of result.cues) {
      expect(cue.from).toBeGreaterThan(cue.due - 3.0001);
      expect(cue.from).toBeLessThan(cue.due + TONE_SECONDS + 0.5);
      const level = levelDb(samples, cue.from, cue.to);
      expect(level, `"${cue.text}" at ${cue.from.toFixed(1)} s`).toBeGreaterThan(-30);
    }
    // Gaps of over a second with no cue and no tone are silent.
    const busy = [
      ...result.cues.map((c) => [c.from, c.to] as const),
      ...result.script.tones.map((t) => [t.at, t.at + TONE_SECONDS] as const),
    ].sort((a, b) => a[0] - b[0]);
    let quiet = 0;
    for (let i = 1; i < busy.length; i++) {
      const from = busy[i - 1]![1] + 0.3;
      const to = busy[i]![0] - 0.3;
      if (to - from < 1) continue;
      expect(levelDb(samples, from, to), `${from.toFixed(1)}–${to.toFixed(1)} s`).toBeLessThan(-50);
      quiet++;
    }
    expect(quiet).toBeGreaterThan(5);
  });

  it('draws the plan’s frames (the picture changes over the session)', () => {
    const a = PNG.sync.read(framePng(output, plan.steps[1]!.start + 3));
    const b = PNG.sync.read(framePng(output, plan.steps.at(-2)!.start + 3));
    expect([a.width, a.height]).toEqual([160, 90]);
    let differing = 0;
    for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 30) differing++;
    expect(differing).toBeGreaterThan(500);
    // At 1 fps the clock in the captions changes every frame: nothing repeats.
    expect(result.repeatedFrames).toBe(0);
  });
});

describe('exportVideo: failures and Ctrl-C leave nothing behind', () => {
  const plan = planFor({ minutes: 45 });
  const window = stepWindow(plan, 'leg-glide', { side: 'left' })!;

  it('reports a failing ffmpeg with its last lines and removes the partial file', {
    timeout: 120_000,
  }, async () => {
    const output = join(dir, 'refused.mp4');
    // x264 has no such preset: ffmpeg starts, then fails when it opens the encoder.
    const failed = exportVideo({
      plan,
      output,
      width: 160,
      height: 90,
      fps: 2,
      window,
      preset: 'no-such-preset',
    });
    await expect(failed).rejects.toBeInstanceOf(FfmpegError);
    const error = (await failed.catch((e: unknown) => e)) as FfmpegError;
    expect(error.message).toMatch(/ffmpeg (failed|stopped early) \(exit \d+\)/);
    expect(error.lastLines.join('\n')).toMatch(/preset/i);
    expect(readdirSync(dir).filter((f) => f.startsWith('refused'))).toEqual([]);
  });

  it('refuses an odd size before it starts (4:2:0 halves the picture for colour)', async () => {
    const output = join(dir, 'odd.mp4');
    await expect(exportVideo({ plan, output, width: 161, height: 90, fps: 2, window })).rejects.toThrow(
      /even numbers of pixels.*161×90/,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('odd'))).toEqual([]);
  });

  it('reports a missing ffmpeg with the command that installs it', async () => {
    const output = join(dir, 'missing.mp4');
    await expect(
      exportVideo({ plan, output, width: 160, height: 90, fps: 2, window, ffmpeg: 'ffmpeg-not-installed' }),
    ).rejects.toThrow(/apt-get install -y ffmpeg/);
    expect(existsSync(output)).toBe(false);
  });

  it('stops when aborted and removes the partial file and the subtitles', { timeout: 120_000 }, async () => {
    const output = join(dir, 'stopped.mp4');
    const controller = new AbortController();
    const stopped = exportVideo({
      plan,
      output,
      width: 160,
      height: 90,
      fps: 10,
      window,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'frames' && p.done === 50) controller.abort();
      },
    });
    await expect(stopped).rejects.toBeInstanceOf(ExportAbortedError);
    expect(readdirSync(dir).filter((f) => f.startsWith('stopped'))).toEqual([]);
  });
});
