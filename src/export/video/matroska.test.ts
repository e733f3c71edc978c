// The Matroska stream of raw frames: its bytes, and what the real ffprobe reads from it (frames, their times, the
// pixel format), clusters and gaps included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ebmlSize, frameTick, matroskaBlocks, matroskaHeader } from './matroska.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-mkv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ebmlSize', () => {
  it('writes the shortest form, never one with every value bit set (that means an unknown size)', () => {
    expect([...ebmlSize(0)]).toEqual([0x80]);
    expect([...ebmlSize(126)]).toEqual([0xfe]);
    // 127 in one byte would be 0xff: unknown.
    expect([...ebmlSize(127)]).toEqual([0x40, 0x7f]);
    expect([...ebmlSize(16_382)]).toEqual([0x7f, 0xfe]);
    expect([...ebmlSize(16_383)]).toEqual([0x20, 0x3f, 0xff]);
    // A 1280×720 YUV frame and its block's header.
    expect([...ebmlSize(1_382_404)]).toEqual([0x35, 0x18, 0x04]);
  });

  it('refuses what is not a size', () => {
    expect(() => ebmlSize(-1)).toThrow(RangeError);
    expect(() => ebmlSize(1.5)).toThrow(RangeError);
  });
});

describe('matroskaBlocks', () => {
  it('opens a cluster at the first frame and again before a block’s offset would overflow', () => {
    const blocks = matroskaBlocks();
    const cluster = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);
    expect(blocks.blockHeader(0, 10).subarray(0, 4)).toEqual(cluster);
    expect(blocks.blockHeader(30_000, 10).subarray(0, 1)).toEqual(Buffer.from([0xa3]));
    expect(blocks.blockHeader(30_001, 10).subarray(0, 4)).toEqual(cluster);
  });

  it('refuses a frame that does not come after the one before', () => {
    const blocks = matroskaBlocks();
    blocks.blockHeader(100, 10);
    expect(() => blocks.blockHeader(100, 10)).toThrow(/after the one before/);
    expect(() => blocks.blockHeader(50, 10)).toThrow(RangeError);
  });

  it('times frame n at n / fps seconds, to the millisecond', () => {
    expect([0, 1, 2, 3].map((i) => frameTick(i, 30))).toEqual([0, 33, 67, 100]);
    expect(frameTick(81_000, 30)).toBe(2_700_000);
  });
});

describe('a stream of raw frames, read by ffprobe', () => {
  /** Frames `indexes` of a 24 fps video, each filled with its own value, written to a file. */
  const stream = (fourcc: 'I420' | 'RGBA', indexes: readonly number[]) => {
    const width = 64;
    const height = 32;
    const bytes = fourcc === 'I420' ? (width * height * 3) / 2 : width * height * 4;
    const blocks = matroskaBlocks();
    const parts = [matroskaHeader({ width, height, fps: 24, fourcc })];
    for (const i of indexes)
      parts.push(blocks.blockHeader(frameTick(i, 24), bytes), Buffer.alloc(bytes, i % 256));
    const file = join(dir, `${fourcc}.mkv`);
    writeFileSync(file, Buffer.concat(parts));
    return file;
  };
  const probe = (file: string, entries: string) =>
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', entries, '-of', 'csv=p=0', file])
      .toString()
      .trim();

  it('reads YUV 4:2:0 frames at their times, across clusters and gaps', () => {
    // Over a minute (three clusters), with a gap of 40 s.
    const indexes = [0, 1, 2, 3, 5, 8, 960, 961, 1500, 1501];
    const file = stream('I420', indexes);
    expect(probe(file, 'stream=codec_name,pix_fmt,width,height')).toBe('rawvideo,64,32,yuv420p');
    const times = probe(file, 'packet=pts_time').split('\n').map(Number);
    expect(times.map((t) => Math.round(t * 24))).toEqual(indexes);
    for (const t of times) expect(Math.abs(t * 24 - Math.round(t * 24))).toBeLessThan(0.03);
  });

  it('reads RGBA frames', () => {
    const file = stream('RGBA', [0, 1, 10]);
    expect(probe(file, 'stream=codec_name,pix_fmt')).toBe('rawvideo,rgba');
    expect(probe(file, 'packet=size').split('\n')).toEqual(['8192', '8192', '8192']);
  });
});
