import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planFor } from '../test-support/media.js';
import { type FrameSpec, frameBytes, frameDrawer } from './frame-drawing.js';
import { yuv420Bytes, yuv420FromRgba } from './yuv.js';

function solid(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const out = Buffer.alloc(width * height * 4);
  for (let i = 0; i < out.length; i += 4) out.set([...rgb, 255], i);
  return out;
}

describe('yuv420FromRgba', () => {
  it('puts BT.709 limited-range values in the three planes', () => {
    const cases: [readonly [number, number, number], readonly [number, number, number]][] = [
      [
        [255, 255, 255],
        [235, 128, 128],
      ],
      [
        [0, 0, 0],
        [16, 128, 128],
      ],
      [
        [255, 0, 0],
        [63, 102, 240],
      ],
      [
        [0, 0, 255],
        [32, 240, 118],
      ],
    ];
    for (const [rgb, [y, u, v]] of cases) {
      const out = new Uint8Array(yuv420Bytes(4, 2));
      yuv420FromRgba(solid(4, 2, rgb), 4, 2, out);
      expect([...out], `rgb ${rgb}`).toEqual([...Array(8).fill(y), u, u, v, v]);
    }
  });

  it('converts only the box it is given, widened to whole 2×2 blocks', () => {
    const out = new Uint8Array(yuv420Bytes(8, 4));
    yuv420FromRgba(solid(8, 4, [255, 255, 255]), 8, 4, out, { x0: 3, y0: 1, x1: 5, y1: 2 });
    const luma = [...out.subarray(0, 32)];
    // Columns 2–5 of rows 0–1 only.
    expect(luma.map((v, i) => (v === 235 ? i : -1)).filter((i) => i >= 0)).toEqual([
      2, 3, 4, 5, 10, 11, 12, 13,
    ]);
    expect([...out.subarray(32, 36)]).toEqual([0, 128, 128, 0]);
  });

  it('gives the pictures ffmpeg’s own BT.709 conversion gives (luma exact to one step, chroma close)', () => {
    const plan = planFor({ minutes: 45 });
    const step = plan.steps.find((s) => s.id === 'spine-fingertip-press')!;
    const spec: FrameSpec = {
      plan,
      from: step.start + 20,
      to: step.start + 21,
      fps: 30,
      width: 320,
      height: 180,
      language: 'en',
      theme: 'light',
      excluded: plan.excludedRegions,
    };
    const rgba = frameDrawer(spec).frame(0)!;
    const ours = new Uint8Array(yuv420Bytes(320, 180));
    yuv420FromRgba(rgba, 320, 180, ours);
    const ffmpeg = execFileSync(
      'ffmpeg',
      [
        ...['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-video_size', '320x180', '-i', '-'],
        ...['-vf', 'scale=out_color_matrix=bt709:out_range=tv', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
      ],
      { input: rgba },
    );
    expect(ffmpeg.length).toBe(ours.length);
    let lumaMax = 0;
    for (let i = 0; i < 320 * 180; i++) lumaMax = Math.max(lumaMax, Math.abs(ours[i]! - ffmpeg[i]!));
    expect(lumaMax).toBeLessThanOrEqual(1);
    let chromaSum = 0;
    for (let i = 320 * 180; i < ours.length; i++) chromaSum += Math.abs(ours[i]! - ffmpeg[i]!);
    // ffmpeg filters chroma over more than the 2×2 block, so edges differ a little; flat areas not at all.
    expect(chromaSum / (ours.length - 320 * 180)).toBeLessThan(1);
  });
});

describe('frameDrawer in YUV', () => {
  it('converts only what changed and still gives every frame as a whole conversion would', () => {
    const plan = planFor({ minutes: 45 });
    // A stroke's end, the next step's start (another base), and a second's turn of the captions.
    const next = plan.steps.find((s) => s.id === 'leg-drainage')!;
    const base = {
      plan,
      from: next.start - 1.5,
      to: next.start + 1.5,
      fps: 15,
      width: 320,
      height: 180,
      language: 'en',
      theme: 'light',
      excluded: plan.excludedRegions,
    } as const;
    const rgbaDrawer = frameDrawer(base);
    const yuvDrawer = frameDrawer({ ...base, pixelFormat: 'yuv420p' });
    expect(frameBytes({ ...base, pixelFormat: 'yuv420p' })).toBe(320 * 180 * 1.5);
    const whole = new Uint8Array(yuv420Bytes(320, 180));
    let compared = 0;
    // In order, then a jump back (the worker's chunks are not consecutive).
    for (const i of [...Array.from({ length: 45 }, (_, k) => k), 3, 4, 30]) {
      const rgba = rgbaDrawer.frame(i);
      const yuv = yuvDrawer.frame(i);
      expect(yuv === null, `frame ${i}`).toBe(rgba === null);
      if (!rgba || !yuv) continue;
      yuv420FromRgba(rgba, 320, 180, whole);
      expect(Buffer.compare(yuv, whole), `frame ${i}`).toBe(0);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
