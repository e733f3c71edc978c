import { describe, expect, it } from 'vitest';
import { CUE_PAUSE_SECONDS, cueAt, cueScheduleFor, cueSeconds, WORDS_PER_SECOND } from './cues.js';
import type { PlannedStep } from './plan-types.js';
import { stepFixture } from './test-support/plan-fixture.js';

function step(duration: number, cues: PlannedStep['cues']): PlannedStep {
  return { ...stepFixture({ technique: 'glide', duration, cues }), start: 100 };
}

const before = 'Place both palms on the low back beside the spine.'; // 10 words
const safety = 'Never press on the spine itself.'; // 6 words

describe('cueSeconds', () => {
  it('counts words at 2.6 a second plus half a second', () => {
    expect(cueSeconds(before)).toBeCloseTo(10 / WORDS_PER_SECOND + CUE_PAUSE_SECONDS, 12);
    expect(cueSeconds('  one   two ')).toBeCloseTo(2 / 2.6 + 0.5, 12);
  });
});

describe('cueScheduleFor', () => {
  it('says before, then safety right after it, then the during cues spread evenly over the rest', () => {
    const schedule = cueScheduleFor(step(60, { before, during: ['a b c', 'd e f', 'g h i'], safety }));
    expect(schedule.map((c) => c.cue.kind)).toEqual(['before', 'safety', 'during', 'during', 'during']);
    const b = cueSeconds(before);
    const s = cueSeconds(safety);
    expect(schedule.map((c) => c.start)).toEqual([
      0,
      b,
      b + s,
      b + s + (60 - b - s) / 3,
      b + s + (2 * (60 - b - s)) / 3,
    ]);
  });

  it('without a safety cue starts the during cues after before', () => {
    const schedule = cueScheduleFor(step(30, { before, during: ['x'], safety: null }));
    expect(schedule.map((c) => [c.cue.kind, c.start])).toEqual([
      ['before', 0],
      ['during', cueSeconds(before)],
    ]);
  });

  it('squeezes before and safety into a step too short for both, and drops the during cues', () => {
    const schedule = cueScheduleFor(step(4, { before, during: ['x'], safety }));
    expect(schedule.map((c) => c.cue.kind)).toEqual(['before', 'safety']);
    expect(schedule[1]!.start).toBeLessThan(4);
    expect(schedule[1]!.start).toBeGreaterThan(0);
  });

  it('keeps only the before cue for a step of no length', () => {
    expect(cueScheduleFor(step(0, { before, during: ['x'], safety })).map((c) => c.cue.kind)).toEqual([
      'before',
    ]);
  });

  it('is computed once per step', () => {
    const s = step(10, { before, during: [], safety: null });
    expect(cueScheduleFor(s)).toBe(cueScheduleFor(s));
  });
});

describe('cueAt', () => {
  const schedule = cueScheduleFor(step(60, { before, during: ['first', 'second'], safety }));

  it('gives the cue last started', () => {
    expect(cueAt(schedule, 0)).toEqual({ kind: 'before', text: before });
    expect(cueAt(schedule, cueSeconds(before) - 1e-9)?.kind).toBe('before');
    expect(cueAt(schedule, cueSeconds(before))).toEqual({ kind: 'safety', text: safety });
    expect(cueAt(schedule, 59.9)).toEqual({ kind: 'during', text: 'second' });
  });

  it('gives nothing before the first cue', () => {
    expect(cueAt(schedule, -1)).toBeNull();
    expect(cueAt([], 3)).toBeNull();
  });
});

describe('lines about one phase of the movement', () => {
  /** Four repetitions of 20 s: "up" on the way up (the first 60 %), "back down" on the way back. */
  function phased(): PlannedStep {
    return {
      ...stepFixture({
        technique: 'glide',
        duration: 80,
        reps: 4,
        cues: {
          before,
          during: ['Slide up.', 'Keep it even.', 'Now back down.'],
          safety,
          duringPhases: [[0, 0.6], null, [0.6, 1]],
        },
      }),
      start: 100,
    };
  }

  it('says each as its window begins, in every repetition after the opening, heard only inside it', () => {
    const schedule = cueScheduleFor(phased());
    const up = schedule.filter((c) => c.cue.text === 'Slide up.').map((c) => [c.start, c.until]);
    const down = schedule.filter((c) => c.cue.text === 'Now back down.').map((c) => [c.start, c.until]);
    // The opening (before and safety, about 7.1 s) is said first, then the unphased line: the first way up's line
    // comes after them, still inside its window.
    const opening = cueSeconds(before) + cueSeconds(safety);
    expect(schedule.map((c) => c.cue.kind).slice(0, 3)).toEqual(['before', 'safety', 'during']);
    expect(schedule[2]!.cue.text).toBe('Keep it even.');
    expect(up).toEqual([
      [opening + cueSeconds('Keep it even.'), 12],
      [20, 32],
      [40, 52],
      [60, 72],
    ]);
    expect(down).toEqual([
      [12, 20],
      [32, 40],
      [52, 60],
      [72, 80],
    ]);
    expect(cueAt(schedule, 45)?.text).toBe('Slide up.');
    expect(cueAt(schedule, 45)?.phase).toEqual([0, 0.6]);
    expect(cueAt(schedule, 73)?.text).toBe('Now back down.');
  });

  it('is not heard past its window: no line until the next one starts', () => {
    const schedule = cueScheduleFor(phased());
    // The unphased line is said once, spread over the rest of the step; the phased ones around it.
    const even = schedule.find((c) => c.cue.text === 'Keep it even.')!;
    expect(even.until).toBeUndefined();
    for (const local of [12.5, 33, 53, 79.9]) expect(cueAt(schedule, local)?.text).not.toBe('Slide up.');
    for (const local of [21, 41, 61]) expect(cueAt(schedule, local)?.text).not.toBe('Now back down.');
  });

  it('leaves a phased line out of a repetition where it can no longer be said inside its window', () => {
    // Repetitions of 5 s: "Now back down." (2 s to say) fits the 2 s window only when said on time.
    const short = { ...phased(), duration: 20, reps: 4 };
    const schedule = cueScheduleFor(short);
    for (const c of schedule.filter((e) => e.until !== undefined)) {
      expect(c.start + Math.min(c.seconds, c.until! - c.start)).toBeLessThanOrEqual(c.until! + 1e-9);
    }
  });
});
