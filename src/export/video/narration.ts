// The narration track: every cue placed so it never runs into the next, the tones, mixed into 16-bit mono samples
// a slice at a time (memory stays flat however long the video).
import { SPEECH_MAX_WORDS_PER_MINUTE, SPEECH_SAMPLE_RATE, SPEECH_WORDS_PER_MINUTE } from './speech.js';
import type { CueDue, ToneDue, ToneKind, VideoScript } from './video-script.js';

/** How long a tone sounds. */
export const TONE_SECONDS = 0.35;
/** The silence kept between a cue and whatever is heard next. */
export const NARRATION_GAP = 0.2;
/** How much earlier than the timeline's time a cue may start to fit before the next one. */
export const MAX_EARLY_SECONDS = 3;

/** A cue as it is heard: when, how fast, and whether it had to be cut short to leave room for the next. */
export interface CueHeard {
  readonly text: string;
  readonly kind: CueDue['kind'];
  /** The timeline's time for it (seconds from the video's start). */
  readonly due: number;
  /** When it is heard: from, to (seconds). */
  readonly from: number;
  readonly to: number;
  readonly wordsPerMinute: number;
  readonly isCut: boolean;
}

/** Says how long a text lasts at a speed, in seconds (espeak-ng in the exporter; a model in tests). */
export type SpeechMeasure = (text: string, wordsPerMinute: number) => Promise<number>;

function toneEndAtOrBefore(tones: readonly ToneDue[], t: number): number {
  let end = 0;
  for (const tone of tones) if (tone.at <= t + 1e-9) end = Math.max(end, tone.at + TONE_SECONDS);
  return end;
}

function nextToneAfter(tones: readonly ToneDue[], t: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const tone of tones) if (tone.at > t + 1e-9) next = Math.min(next, tone.at);
  return next;
}

/**
 * Places every cue of a script: at its timeline time (just after a tone that sounds then), or earlier (by at most
 * MAX_EARLY_SECONDS) when it would run into the next cue or tone, or said faster (up to
 * SPEECH_MAX_WORDS_PER_MINUTE); only a cue that still does not fit is cut short. Heard cues never overlap.
 */
export async function cuesPlaced(script: VideoScript, measure: SpeechMeasure): Promise<CueHeard[]> {
  const out: CueHeard[] = [];
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < script.cues.length; i++) {
    const cue = script.cues[i]!;
    const lower = Math.max(
      previousEnd + NARRATION_GAP,
      toneEndAtOrBefore(script.tones, cue.at) + NARRATION_GAP,
      0,
    );
    const start = Math.max(cue.at, lower);
    const nextCue = script.cues[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const limit = Math.min(nextCue, nextToneAfter(script.tones, start), script.seconds) - NARRATION_GAP;
    let wpm = SPEECH_WORDS_PER_MINUTE;
    let seconds = await measure(cue.text, wpm);
    let from = start;
    if (from + seconds > limit) {
      from = Math.max(lower, Math.min(start, limit - seconds), cue.at - MAX_EARLY_SECONDS);
    }
    // Faster, a step at a time (espeak-ng's pauses do not shrink in proportion), until it fits or cannot go faster.
    while (from + seconds > limit && wpm < SPEECH_MAX_WORDS_PER_MINUTE) {
      const room = Math.max(limit - from, 0.1);
      wpm = Math.min(SPEECH_MAX_WORDS_PER_MINUTE, Math.ceil(wpm * Math.max(1.05, (seconds / room) * 1.02)));
      seconds = await measure(cue.text, wpm);
    }
    const isCut = from + seconds > limit;
    const to = isCut ? Math.max(limit, from) : from + seconds;
    out.push({ text: cue.text, kind: cue.kind, due: cue.at, from, to, wordsPerMinute: wpm, isCut });
    previousEnd = to;
  }
  return out;
}

const TONE_NOTES: Readonly<Record<ToneKind, readonly number[]>> = {
  start: [880],
  'switch-side': [660, 880],
  'turn-over': [880, 660, 523],
  end: [880, 660],
};

/** A tone's samples: one or more short notes (sine, soft attack and release) filling TONE_SECONDS. */
export function toneSamples(kind: ToneKind, rate = SPEECH_SAMPLE_RATE): Int16Array {
  const notes = TONE_NOTES[kind];
  const total = Math.round(TONE_SECONDS * rate);
  const per = Math.floor(total / notes.length);
  const out = new Int16Array(total);
  notes.forEach((hz, n) => {
    const ramp = Math.min(per / 4, rate * 0.015);
    for (let i = 0; i < per; i++) {
      const envelope = Math.min(1, i / ramp, (per - 1 - i) / ramp);
      out[n * per + i] = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * envelope * 0.35 * 32767);
    }
  });
  return out;
}

/** Makes the samples of one cue at a speed (espeak-ng in the exporter). */
export type SpeechSynth = (text: string, wordsPerMinute: number) => Promise<Int16Array>;

/** A sound placed on the track: where it starts (in samples) and how to get its samples. */
interface Clip {
  readonly startSample: number;
  /** The most samples it may take (a cut cue); Infinity when whole. */
  readonly maxSamples: number;
  readonly samples: () => Promise<Int16Array>;
}

/** How many clips are kept synthesised or on their way at least. */
const CLIPS_AHEAD = 6;

/** The narration track, read a slice at a time. */
export interface NarrationTrack {
  /** The samples from `from` up to `to` (sample indices), as 16-bit little-endian mono PCM bytes. */
  bytesBetween(from: number, to: number): Promise<Buffer>;
}

/**
 * The narration track of placed cues and tones: each cue is synthesised when its slice is first asked for (a few
 * seconds ahead), and let go once the track has passed it, so memory does not grow with the video's length.
 */
export function narrationTrack(
  heard: readonly CueHeard[],
  tones: readonly ToneDue[],
  synth: SpeechSynth,
  rate = SPEECH_SAMPLE_RATE,
): NarrationTrack {
  const clips: Clip[] = [
    ...heard.map((c) => ({
      startSample: Math.round(c.from * rate),
      maxSamples: c.isCut ? Math.max(0, Math.round((c.to - c.from) * rate)) : Number.POSITIVE_INFINITY,
      samples: () => synth(c.text, c.wordsPerMinute),
    })),
    ...tones.map((t) => {
      const samples = toneSamples(t.kind, rate);
      return {
        startSample: Math.round(t.at * rate),
        maxSamples: Number.POSITIVE_INFINITY,
        samples: () => Promise.resolve(samples),
      };
    }),
  ].sort((a, b) => a.startSample - b.startSample);
  const lookAhead = rate * 8;
  const loaded = new Map<number, Promise<Int16Array>>();
  let nextToLoad = 0;

  return {
    async bytesBetween(from, to) {
      // Seconds ahead, and at least a few clips ahead, so a cue is ready before its slice is asked for.
      while (
        nextToLoad < clips.length &&
        (clips[nextToLoad]!.startSample < to + lookAhead || loaded.size < CLIPS_AHEAD)
      ) {
        const index = nextToLoad++;
        const clip = clips[index]!;
        const promise = clip.samples().then((s) => {
          const cut = clip.maxSamples < s.length ? cutWithFade(s, clip.maxSamples, rate) : s;
          return cut;
        });
        // A failure surfaces when the slice is awaited; this keeps it from being reported as unhandled first.
        promise.catch(() => undefined);
        loaded.set(index, promise);
      }
      const mix = new Int32Array(Math.max(0, to - from));
      for (const [index, promise] of loaded) {
        const clip = clips[index]!;
        if (clip.startSample >= to) continue;
        const samples = await promise;
        const end = clip.startSample + samples.length;
        if (end <= from) {
          loaded.delete(index);
          continue;
        }
        const a = Math.max(from, clip.startSample);
        const b = Math.min(to, end);
        for (let s = a; s < b; s++) mix[s - from]! += samples[s - clip.startSample]!;
      }
      const out = Buffer.alloc(mix.length * 2);
      for (let i = 0; i < mix.length; i++)
        out.writeInt16LE(Math.max(-32768, Math.min(32767, mix[i]!)), i * 2);
      return out;
    },
  };
}

/** The first `n` samples with a short fade-out, so a cut cue does not click. */
function cutWithFade(samples: Int16Array, n: number, rate: number): Int16Array {
  const out = samples.slice(0, n);
  const fade = Math.min(n, Math.round(rate * 0.05));
  for (let i = 0; i < fade; i++) out[n - 1 - i] = Math.round(out[n - 1 - i]! * (i / fade));
  return out;
}
