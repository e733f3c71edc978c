// The exporter's lifecycle against a stand-in encoder (a shell that reads and drops its input): memory per frame.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { garbageCollected } from '../png.js';
import { FfmpegError, type Mp4ExporterOptions, mp4Exporter } from './mp4-exporter.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-mp4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for ffmpeg: takes the frames on stdin and drops them. */
function droppingEncoder(): string {
  const path = join(dir, 'fake-ffmpeg.sh');
  writeFileSync(path, '#!/bin/sh\nexec cat > /dev/null\n');
  chmodSync(path, 0o755);
  return path;
}

/** An exporter of a small video (no audio, empty subtitles and chapters) run by `command` into `name` in the test's dir. */
function exporterOptions(
  name: string,
  size: { width: number; height: number },
  command: string,
): Mp4ExporterOptions {
  return {
    output: join(dir, name),
    ...size,
    fps: 30,
    frames: 6300,
    sampleRate: 22_050,
    language: 'en',
    subtitles: 'WEBVTT\n',
    metadata: ';FFMETADATA1\n',
    command,
  };
}

describe('mp4Exporter', () => {
  it('keeps nothing per frame while frames wait for the encoder (memory flat in the video length)', {
    timeout: 120_000,
  }, async () => {
    const width = 256;
    const height = 128;
    const exporter = mp4Exporter(exporterOptions('out.mp4', { width, height }, droppingEncoder()));
    await exporter.start();
    // 128 KiB a frame: more than a pipe takes at once, so every frame waits for stdin to drain.
    const frame = Buffer.alloc(width * height * 4, 7);
    let written = 0;
    let index = 0;
    try {
      for (let i = 0; i < 300; i++) await exporter.frame({ index: index++, pixels: frame });
      expect(garbageCollected()).toBe(true);
      const before = process.memoryUsage().heapUsed;
      const frames = 6000;
      for (let i = 0; i < frames; i++)
        await exporter.frame({ index: index++, pixels: frame }, () => {
          written++;
        });
      garbageCollected();
      const perFrame = (process.memoryUsage().heapUsed - before) / frames;
      // Racing a promise of ffmpeg's exit on every frame kept ~460 bytes a frame.
      expect(perFrame).toBeLessThan(100);
      // Every frame reaches the encoder: the last few writes' callbacks may still be on their way (a loaded
      // machine's encoder lags), so wait for them a little.
      for (let waited = 0; written < frames && waited < 10_000; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(written).toBe(frames);
    } finally {
      await exporter.stop({ isAborted: true });
    }
  });
});

describe('mp4Exporter with an ffmpeg older than 5.1', () => {
  it('says which version it needs when ffmpeg does not know -fps_mode', async () => {
    // What ffmpeg 4 and 5.0 print for the option they lack, and their exit.
    const path = join(dir, 'old-ffmpeg.sh');
    writeFileSync(
      path,
      "#!/bin/sh\necho \"Unrecognized option 'fps_mode'.\" >&2\necho 'Error splitting the argument list: Option not found' >&2\nexit 1\n",
    );
    chmodSync(path, 0o755);
    const exporter = mp4Exporter(exporterOptions('old.mp4', { width: 64, height: 32 }, path));
    await exporter.start();
    const stopped = exporter.stop({ isAborted: false });
    await expect(stopped).rejects.toBeInstanceOf(FfmpegError);
    await expect(stopped).rejects.toThrow(
      /ffmpeg failed \(exit 1\) \(the export needs ffmpeg 5\.1 or later\)/,
    );
    await expect(stopped).rejects.toThrow(/Unrecognized option 'fps_mode'/);
  });
});
