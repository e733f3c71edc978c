// Raw RGBA frames to planar YUV 4:2:0 (BT.709, limited range), the format x264 encodes: converted on the frame
// workers, and only where a frame differs from the one before, so ffmpeg gets a third of the bytes and converts
// nothing (its single-threaded RGBA conversion, not x264, was the slowest part of encoding raw RGBA frames).
import { pixelLoops } from '../pixel-loops.js';
import type { PixelBox } from '../png.js';

/** The bytes of a YUV 4:2:0 frame: a full-size luma plane and two quarter-size chroma planes. */
export function yuv420Bytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

// BT.709 in 16.16 fixed point, limited range: Y 16–235, Cb and Cr 16–240.
const FIX = 1 << 16;
const KY = [0.2126, 0.7152, 0.0722].map((k) => Math.round(((k * 219) / 255) * FIX));
const KU = [-0.2126 / 1.8556, -0.7152 / 1.8556, 0.5].map((k) => Math.round(((k * 224) / 255) * FIX));
const KV = [0.5, -0.7152 / 1.5748, -0.0722 / 1.5748].map((k) => Math.round(((k * 224) / 255) * FIX));
/** The conversion's coefficients, as `PixelLoops.yuv420` takes them. */
export const BT709_LIMITED = Int32Array.from([...KY, ...KU, ...KV]);

/**
 * Converts the part `box` of opaque RGBA pixels (`width` × `height`, both even) into `out`, a YUV 4:2:0 frame of
 * the same size: the box is widened to whole 2×2 blocks; each block's chroma is the mean of its four pixels.
 */
export function yuv420FromRgba(
  rgba: Uint8Array,
  width: number,
  height: number,
  out: Uint8Array,
  box: PixelBox = { x0: 0, y0: 0, x1: width, y1: height },
): void {
  const x0 = Math.max(0, box.x0) & ~1;
  const y0 = Math.max(0, box.y0) & ~1;
  const x1 = Math.min(width, (box.x1 + 1) & ~1);
  const y1 = Math.min(height, (box.y1 + 1) & ~1);
  if (x1 <= x0 || y1 <= y0) return;
  pixelLoops.yuv420(rgba, width, height, out, x0, y0, x1, y1, BT709_LIMITED);
}

/**
 * A converter for the layered frames of one video: it keeps the last frame's YUV and converts again only where
 * the picture can have changed (the old and new boxes of each layer whose SVG changed), or the whole frame when
 * the base layer changed.
 */
export function yuv420Frames(width: number, height: number) {
  const current = new Uint8Array(yuv420Bytes(width, height));
  let lastLayers: readonly string[] = [];
  let lastDrawn: readonly (PixelBox | null)[] = [];
  const copied = (into: Buffer | undefined): Buffer => {
    const out =
      into && into.byteLength === current.byteLength ? into : Buffer.allocUnsafe(current.byteLength);
    out.set(current);
    return out;
  };
  return {
    /**
     * The YUV of a frame composited from `layers` (`drawn[i]`: where `layers[i + 1]` drew, as the rasteriser
     * says), written into `into` (or a new buffer).
     */
    frame(
      rgba: Uint8Array,
      layers: readonly string[],
      drawn: readonly (PixelBox | null)[],
      into?: Buffer,
    ): Buffer {
      if (layers[0] !== lastLayers[0] || layers.length !== lastLayers.length) {
        yuv420FromRgba(rgba, width, height, current);
      } else {
        for (let i = 0; i < drawn.length; i++) {
          if (layers[i + 1] === lastLayers[i + 1]) continue;
          for (const box of [lastDrawn[i], drawn[i]])
            if (box) yuv420FromRgba(rgba, width, height, current, box);
        }
      }
      lastLayers = layers;
      lastDrawn = drawn;
      return copied(into);
    },
    /**
     * The YUV of the RGBA frame `rgba`, which differs from the one given last only inside `boxes`, written into
     * `into` (or a new buffer); the first call (or one after `frame`) should pass the whole frame as its box.
     */
    updated(rgba: Uint8Array, boxes: readonly PixelBox[], into?: Buffer): Buffer {
      for (const box of boxes) yuv420FromRgba(rgba, width, height, current, box);
      lastLayers = [];
      lastDrawn = [];
      return copied(into);
    },
  };
}
