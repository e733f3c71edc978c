// Raw frames with their own times, for ffmpeg's standard input: the smallest Matroska stream ffmpeg reads (one
// uncompressed video track, clusters of unknown size, a SimpleBlock a frame). A frame that repeats the one before
// is not sent at all: the next frame's time says how long it showed, so the encoder never sees it twice.
// Pure: byte layouts only (EBML, RFC 8794; Matroska, RFC 9559).

/** The stream's clock: a tick is a millisecond (Matroska's `TimestampScale` in nanoseconds). */
export const MATROSKA_TICK_NS = 1_000_000;

/** A block's time is a signed 16-bit offset from its cluster's: a new cluster well before it overflows. */
const CLUSTER_TICKS = 30_000;

/** The EBML size of unknown length (8 bytes, all value bits set): a segment or cluster written as it goes. */
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

/** An EBML variable-length size: the shortest form whose value bits are not all set (that means unknown). */
export function ebmlSize(size: number): Buffer {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`an EBML size must be a whole number, not ${size}`);
  let length = 1;
  while (length < 8 && size >= 2 ** (7 * length) - 1) length++;
  const bytes = Buffer.alloc(length);
  let v = size;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = v % 256;
    v = Math.floor(v / 256);
  }
  bytes[0]! |= 0x80 >> (length - 1);
  return bytes;
}

/**
 * An unsigned integer's big-endian bytes, as few as hold it (at least one): an unsigned element's value, and an
 * element ID as written (IDs carry their own length marker).
 */
function uintBytes(value: number): Buffer {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes.length > 0 ? bytes : [0]);
}

function element(id: number, body: Buffer): Buffer {
  return Buffer.concat([uintBytes(id), ebmlSize(body.length), body]);
}

const uint = (id: number, value: number) => element(id, uintBytes(value));
const text = (id: number, value: string) => element(id, Buffer.from(value, 'latin1'));
const master = (id: number, children: readonly Buffer[]) => element(id, Buffer.concat(children));

/** The stream's start: the EBML header, the segment (open-ended), its info and the one video track. */
export function matroskaHeader(video: {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** The frames' FourCC: `I420` for YUV 4:2:0, `RGBA` for RGBA. */
  readonly fourcc: 'I420' | 'RGBA';
}): Buffer {
  const ebml = master(0x1a45dfa3, [
    uint(0x4286, 1), // EBMLVersion
    uint(0x42f7, 1), // EBMLReadVersion
    uint(0x42f2, 4), // EBMLMaxIDLength
    uint(0x42f3, 8), // EBMLMaxSizeLength
    text(0x4282, 'matroska'), // DocType
    uint(0x4287, 4), // DocTypeVersion
    uint(0x4285, 2), // DocTypeReadVersion
  ]);
  const info = master(0x1549a966, [
    uint(0x2ad7b1, MATROSKA_TICK_NS), // TimestampScale
    text(0x4d80, 'massage-coach'), // MuxingApp
    text(0x5741, 'massage-coach'), // WritingApp
  ]);
  const track = master(0xae, [
    uint(0xd7, 1), // TrackNumber
    uint(0x73c5, 1), // TrackUID
    uint(0x83, 1), // TrackType: video
    uint(0x9c, 0), // FlagLacing
    uint(0x23e383, Math.round(1e9 / video.fps)), // DefaultDuration (ns): the frame rate, for ffmpeg's guess
    text(0x86, 'V_UNCOMPRESSED'), // CodecID
    master(0xe0, [
      uint(0xb0, video.width), // PixelWidth
      uint(0xba, video.height), // PixelHeight
      element(0x2eb524, Buffer.from(video.fourcc, 'latin1')), // UncompressedFourCC
    ]),
  ]);
  const tracks = master(0x1654ae6b, [track]);
  return Buffer.concat([ebml, uintBytes(0x18538067), UNKNOWN_SIZE, info, tracks]);
}

/** The tick of frame `index` at `fps` frames a second. */
export function frameTick(index: number, fps: number): number {
  return Math.round((index * 1e9) / MATROSKA_TICK_NS / fps);
}

/**
 * Writes frames' block headers in order of time: `blockHeader(tick, size)` is the bytes to send before a frame's
 * pixels (`size` bytes) shown from `tick` on, opening a new cluster when the last is full.
 */
export function matroskaBlocks(): { blockHeader(tick: number, size: number): Buffer } {
  let clusterTick = -1;
  let lastTick = -1;
  return {
    blockHeader(tick, size) {
      if (!Number.isSafeInteger(tick) || tick <= lastTick)
        throw new RangeError(`a frame's time must come after the one before (${tick} after ${lastTick})`);
      lastTick = tick;
      const parts: Buffer[] = [];
      if (clusterTick < 0 || tick - clusterTick > CLUSTER_TICKS) {
        clusterTick = tick;
        parts.push(uintBytes(0x1f43b675), UNKNOWN_SIZE, uint(0xe7, tick)); // Cluster, its Timestamp
      }
      // SimpleBlock: track 1, the time from the cluster's, flags (a key frame: every raw frame is one).
      const head = Buffer.alloc(4);
      head[0] = 0x81;
      head.writeInt16BE(tick - clusterTick, 1);
      head[3] = 0x80;
      parts.push(uintBytes(0xa3), ebmlSize(head.length + size), head);
      return Buffer.concat(parts);
    },
  };
}
