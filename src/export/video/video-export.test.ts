// Real exports through Debian's ffmpeg and espeak-ng (npm test installs them): the file is checked with ffprobe,
// the narration's levels measured, failures and Ctrl-C checked for what they leave behind.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  audioSamples,
  frameHashesAt,
  framePng,
  levelDb,
  planFor,
  probed,
  videoFrameTimes,
} from '../test-support/media.js';
import type { FrameSpec } from './frame-drawing.js';
import { framesPooled } from './frame-pool.js';
import { FfmpegError, TAIL_FRAMES_SENT } from './mp4-exporter.js';
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

describe('exportVideo: a frame that repeats the one before is not encoded again', () => {
  it('stores only the frames that change, each at its own time, and still shows every frame on time', {
    timeout: 300_000,
  }, async () => {
    // The check-in: the client lies still while the clock counts the seconds, so most frames at 10 fps repeat.
    const plan = planFor({ minutes: 45 });
    const window = stepWindow(plan, 'check-in')!;
    const fps = 10;
    const output = join(dir, 'hold.mp4');
    const result = await exportVideo({ plan, output, width: 160, height: 90, fps, window });
    expect(result.repeatedFrames).toBeGreaterThan(result.frames / 2);

    // Which frames repeat, from the same pool of workers the export draws with.
    const spec: FrameSpec = {
      plan,
      ...window,
      fps,
      width: 160,
      height: 90,
      language: plan.language,
      theme: 'light',
      excluded: plan.excludedRegions,
      pixelFormat: 'yuv420p',
    };
    const sent: number[] = [];
    let repeats = 0;
    for await (const frame of framesPooled(spec, result.frames)) {
      if (frame.isRepeat) repeats++;
      if (!frame.isRepeat || frame.index >= result.frames - TAIL_FRAMES_SENT) sent.push(frame.index);
      frame.release();
    }
    expect(repeats).toBe(result.repeatedFrames);
    expect(sent.length).toBeLessThanOrEqual(result.frames - result.repeatedFrames + TAIL_FRAMES_SENT);
    // Stored: exactly the frames that changed (and the last few), each at its own frame's time.
    const stored = videoFrameTimes(output);
    expect(stored.map((t) => Math.round(t * fps))).toEqual(sent);
    for (const t of stored) expect(Math.abs(t * fps - Math.round(t * fps))).toBeLessThan(0.01);
    // The video track lasts as long as the window, to within a frame; played at its rate, every frame is there.
    const video = probed(output).streams.find((s) => s.codec_type === 'video')!;
    expect(Math.abs(Number(video.duration) - result.seconds)).toBeLessThanOrEqual(1 / fps);
    const shown = frameHashesAt(output, fps);
    expect(Math.abs(shown.length - result.frames)).toBeLessThanOrEqual(1);
    // A frame not stored shows the one before it; a stored one is a picture of its own.
    const storedIndexes = new Set(sent);
    for (let i = 1; i < Math.min(shown.length, result.frames); i++)
      if (!storedIndexes.has(i)) expect(shown[i], `frame ${i}`).toBe(shown[i - 1]);
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
