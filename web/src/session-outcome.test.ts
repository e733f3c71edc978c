import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { type OutcomeEvent, playedIntervals, sessionOutcome } from './session-outcome.js';

const step = (start: number, duration: number, extra: Partial<PlannedStep> = {}) =>
  ({ start, duration, position: 'prone', side: null, changes: [], ...extra }) as unknown as PlannedStep;
const plan = {
  steps: [
    step(0, 100),
    step(100, 100),
    step(200, 100, { changes: [{ kind: 'soften', reason: 'varicose veins' }] as never }),
    step(300, 100, { changes: [{ kind: 'soften', reason: 'planned change' }] as never }),
  ],
  totalSeconds: 400,
} as unknown as Plan;
const ev = (kind: string, t: number, extra: Partial<OutcomeEvent> = {}): OutcomeEvent => ({
  kind,
  t,
  ...extra,
});

describe('sessionOutcome', () => {
  it('counts a step done only when most of its time was played', () => {
    // Played 0–80 of the first step, then Next; 1 s of the second, then Next; then 200–290 and stopped.
    const events = [
      ev('start', 0),
      ev('next', 80, { to: 100 }),
      ev('next', 101, { to: 200 }),
      ev('stop', 290),
    ];
    const o = sessionOutcome(plan, { events, t: 290 });
    expect(o.done).toEqual([0, 2]);
    expect(o.passed).toEqual([1]);
    expect(o.notReached).toEqual([3]);
    expect(o.playedSeconds).toEqual([80, 1, 90, 0]);
  });

  it('lists as changed only the steps reached', () => {
    const events = [ev('start', 0), ev('stop', 250)];
    const o = sessionOutcome(plan, { events, t: 250 });
    expect(o.changed.map((c) => c.i)).toEqual([2]);
    expect(o.passed).toEqual([2]);
  });

  it('does not count paused time, nor a step seen for one second', () => {
    const events = [
      ev('start', 0),
      ev('pause', 10),
      ev('next', 10, { to: 100 }),
      ev('resume', 100),
      ev('next', 101, { to: 200 }),
    ];
    const o = sessionOutcome(plan, { events, t: 200 });
    expect(o.done).toEqual([]);
    expect(o.passed).toEqual([0, 1, 2]);
  });

  it('reads next without a destination (older records) as the start of the next step', () => {
    expect(playedIntervals(plan, [ev('start', 0), ev('next', 50)], 120)).toEqual([
      [0, 50],
      [100, 120],
    ]);
  });

  it('counts a whole session played through as all done', () => {
    const o = sessionOutcome(plan, { events: [ev('start', 0), ev('finish', 400)], t: 400 });
    expect(o.done).toEqual([0, 1, 2, 3]);
    expect(o.passed).toEqual([]);
  });
});
