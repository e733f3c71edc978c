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
