import { describe, expect, it } from 'vitest';
import { cueScheduleFor } from '../../core/cues.js';
import { planFor } from '../test-support/media.js';
import {
  type CueHeard,
  cuesPlaced,
  NARRATION_GAP,
  narrationTrack,
  TONE_SECONDS,
  toneSamples,
} from './narration.js';
import { SPEECH_MAX_WORDS_PER_MINUTE, SPEECH_WORDS_PER_MINUTE, wavSamples } from './speech.js';
import { chaptersMetadata, subtitlesVtt, vttTime } from './subtitles.js';
import { stepWindow, type VideoScript, videoScriptFor } from './video-script.js';

const plan = planFor({ minutes: 45 });

/** A speech model for placement tests: a word takes 60/wpm × 1.4 seconds, plus 0.3 s. */
const modelMeasure = async (text: string, wpm: number) => (text.split(/\s+/).length * 60 * 1.4) / wpm + 0.3;

describe('videoScriptFor', () => {
  it('has a chapter per planned step, titled by the step (and its side), back to back over the whole session', () => {
    const script = videoScriptFor(plan, { from: 0, to: plan.totalSeconds });
    expect(script.chapters).toHaveLength(plan.steps.length);
    script.chapters.forEach((c, i) => {
      const step = plan.steps[i]!;
      expect(c.title.startsWith(step.title)).toBe(true);
      if (step.side) expect(c.title).toContain(step.side);
      expect(c.start).toBeCloseTo(step.start, 6);
    });
    expect(script.chapters.at(-1)!.end).toBeCloseTo(plan.totalSeconds, 6);
  });

  it('says every cue of every step at the timeline time, and sounds a tone at each step, the turn-over and the end', () => {
    const script = videoScriptFor(plan, { from: 0, to: plan.totalSeconds });
    const expected = plan.steps.flatMap((s) =>
      cueScheduleFor(s).map((c) => ({ text: c.cue.text, at: s.start + c.start })),
    );
    expect(script.cues.map((c) => c.text).sort()).toEqual(expected.map((c) => c.text).sort());
    for (const e of expected)
      expect(script.cues.some((c) => c.text === e.text && Math.abs(c.at - e.at) < 1e-9)).toBe(true);
    const kinds = script.tones.map((t) => t.kind);
    expect(kinds[0]).toBe('start');
    expect(kinds.filter((k) => k === 'turn-over')).toHaveLength(1);
    expect(kinds).toContain('switch-side');
    expect(kinds.at(-1)).toBe('end');
    const turn = script.tones.find((t) => t.kind === 'turn-over')!;
    expect(plan.steps.find((s) => Math.abs(s.start - turn.at) < 1e-9)?.position).toBe('supine');
  });

  it('--step: a few repetitions of one step on the side asked for, from its first cue', () => {
    const window = stepWindow(plan, 'leg-glide', { side: 'right' })!;
    const step = plan.steps.find((s) => s.id === 'leg-glide' && s.side === 'right')!;
    expect(window.from).toBe(step.start);
    expect(window.to - window.from).toBeCloseTo((step.duration * Math.min(3, step.reps)) / step.reps, 6);
    const script = videoScriptFor(plan, window);
    expect(script.chapters).toHaveLength(1);
    expect(script.cues[0]!.text).toBe(step.cues.before);
    expect(script.cues[0]!.at).toBe(0);
    expect(stepWindow(plan, 'no-such-step')).toBeNull();
  });
});

describe('cuesPlaced', () => {
  const script = videoScriptFor(plan, { from: 0, to: plan.totalSeconds });

  it('never lets a cue run into the next cue or a tone, and keeps every cue near its timeline time', async () => {
    const heard = await cuesPlaced(script, modelMeasure);
    expect(heard).toHaveLength(script.cues.length);
    for (let i = 1; i < heard.length; i++)
      expect(heard[i]!.from).toBeGreaterThanOrEqual(heard[i - 1]!.to + NARRATION_GAP - 1e-9);
    for (const c of heard) {
      expect(c.from).toBeGreaterThan(c.due - 3.0001);
      for (const t of script.tones) {
        const overlaps = c.from < t.at + TONE_SECONDS && t.at < c.to;
        expect(overlaps, `${c.text} overlaps the ${t.kind} tone at ${t.at}`).toBe(false);
      }
    }
  });

  it('says a cue earlier, then faster, then cuts it, when it would not fit', async () => {
    const tight: VideoScript = {
      ...script,
      seconds: 30,
      tones: [],
      cues: [
        { text: 'one two three four five six', kind: 'before', at: 5 },
        { text: 'seven', kind: 'during', at: 9 },
        {
          text: 'a much longer cue of many words that cannot fit in the little time before the next',
          kind: 'during',
          at: 12,
        },
        { text: 'next', kind: 'during', at: 14 },
      ],
    };
    const [first, , long] = await cuesPlaced(tight, modelMeasure);
    // 6 words at 165 wpm in the model: 3.35 s; from 5 it would end at 8.35 < 8.8: on time.
    expect(first!.from).toBe(5);
    expect(first!.wordsPerMinute).toBe(SPEECH_WORDS_PER_MINUTE);
    expect(long!.wordsPerMinute).toBe(SPEECH_MAX_WORDS_PER_MINUTE);
    expect(long!.isCut).toBe(true);
    expect(long!.to).toBeCloseTo(14 - NARRATION_GAP, 6);
    const fitsFaster = await cuesPlaced(
      {
        ...tight,
        cues: [
          { text: 'one two three four five six seven eight', kind: 'before', at: 5 },
          { text: 'x', kind: 'during', at: 8.5 },
        ],
      },
      modelMeasure,
    );
    expect(fitsFaster[0]!.from).toBeLessThan(5);
    expect(fitsFaster[0]!.to).toBeLessThanOrEqual(8.5 - NARRATION_GAP + 1e-9);
  });
});

describe('the narration track', () => {
  it('mixes cues and tones at their samples, silence elsewhere, and lets go of what it has passed', async () => {
    const heard: CueHeard[] = [
      { text: 'a', kind: 'before', due: 1, from: 1, to: 1.5, wordsPerMinute: 165, isCut: false },
      { text: 'b', kind: 'during', due: 3, from: 3, to: 3.2, wordsPerMinute: 165, isCut: true },
    ];
    let synthesised = 0;
    const track = narrationTrack(
      heard,
      [{ kind: 'start', at: 0 }],
      async () => {
        synthesised++;
        return new Int16Array(100 * 11).fill(10_000); // 0.5 s at 2200 Hz
      },
      2200,
    );
    const bytes = await track.bytesBetween(0, 2200 * 4);
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    expect(samples.slice(2200, 2200 + 1100).every((s) => s === 10_000)).toBe(true);
    expect(samples.slice(Math.round(2200 * 1.6), 2200 * 3).every((s) => s === 0)).toBe(true);
    // The cut cue stops at 3.2 s (with a fade), not at 3.5 s.
    expect(samples.slice(Math.round(2200 * 3.21), Math.round(2200 * 3.5)).every((s) => s === 0)).toBe(true);
    expect(samples.slice(0, 100).some((s) => s !== 0)).toBe(true);
    expect(synthesised).toBe(2);
    expect(toneSamples('turn-over')).toHaveLength(Math.round(TONE_SECONDS * 22_050));
  });

  it('reads espeak-ng’s streamed WAV (a data chunk whose size runs to the end)', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(0x7fffffff, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.write('data', 36);
    header.writeUInt32LE(0x7fffffff, 40);
    const body = Buffer.from(new Int16Array([1, -2, 3]).buffer);
    expect([...wavSamples(Buffer.concat([header, body]))]).toEqual([1, -2, 3]);
    expect(() => wavSamples(Buffer.from('not a wav'))).toThrow(/WAV/);
  });
});

describe('subtitles and chapters', () => {
  it('writes WebVTT with escaped text, each cue shown until the next', () => {
    const vtt = subtitlesVtt(
      [
        {
          text: 'Glide <up> & back',
          kind: 'before',
          due: 0,
          from: 0.5,
          to: 2,
          wordsPerMinute: 165,
          isCut: false,
        },
        { text: 'Second', kind: 'during', due: 3, from: 3, to: 4, wordsPerMinute: 165, isCut: false },
      ],
      10,
    );
    expect(vtt).toBe(
      'WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nGlide &lt;up&gt; &amp; back\n\n2\n00:00:03.000 --> 00:00:05.500\nSecond\n',
    );
    expect(vttTime(3723.4567)).toBe('01:02:03.457');
  });

  it('writes chapters as ffmpeg metadata, escaping its special characters', () => {
    const text = chaptersMetadata([{ stepId: 'a', side: null, title: 'Knead; = #1', start: 0, end: 12.5 }], {
      title: 't',
    });
    expect(text).toBe(
      ';FFMETADATA1\ntitle=t\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=12500\ntitle=Knead\\; \\= \\#1\n',
    );
  });
});
