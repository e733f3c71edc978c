import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import type { BeepKind } from './session-cues.js';
import { SessionPlayer } from './session-player.js';

const step = (start: number, duration: number, extra: Partial<PlannedStep> = {}) =>
  ({ start, duration, position: 'prone', side: null, ...extra }) as PlannedStep;
const plan = {
  steps: [step(0, 60), step(60, 60, { side: 'left' }), step(120, 60, { side: 'right' })],
  totalSeconds: 180,
} as unknown as Plan;

function playerMade(options: { getReadySeconds?: number; isAutoAdvance?: boolean; t?: number } = {}) {
  let now = 0;
  const beeps: BeepKind[] = [];
  const finished: number[] = [];
  const held: number[] = [];
  const player = new SessionPlayer({
    plan,
    t: options.t ?? 0,
    speed: 1,
    now: () => now,
    listener: {
      onBeep: (b) => beeps.push(b),
      onFinish: (t) => finished.push(t),
      onHold: (t) => held.push(t),
    },
    ...(options.getReadySeconds === undefined ? {} : { getReadySeconds: options.getReadySeconds }),
    ...(options.isAutoAdvance === undefined ? {} : { isAutoAdvance: options.isAutoAdvance }),
  });
  /** Advances real time in frames of 100 ms, ticking the player. */
  const run = (ms: number) => {
    for (let i = 0; i < ms / 100; i++) {
      now += 100;
      player.tick();
    }
  };
  return { player, beeps, finished, held, run };
}

describe('SessionPlayer', () => {
  it('counts down before the first step, holding the time at its start, then starts with a beep', () => {
    const { player, beeps, run } = playerMade({ getReadySeconds: 5 });
    player.play();
    expect(player.getReady).toEqual({ stepIndex: 0, secondsLeft: 5 });
    run(4000);
    expect(player.t).toBe(0);
    expect(player.getReady?.secondsLeft).toBeCloseTo(1);
    // A tick at 3, 2 and 1 seconds left.
    expect(beeps).toEqual(['count', 'count', 'count']);
    run(1000);
    expect(player.getReady).toBeNull();
    expect(beeps).toEqual(['count', 'count', 'count', 'start']);
    run(2000);
    expect(player.t).toBeCloseTo(2);
  });

  it('pauses the countdown and the clock alike', () => {
    const { player, run } = playerMade({ getReadySeconds: 5 });
    player.play();
    run(2000);
    player.pause();
    run(10_000);
    expect(player.getReady?.secondsLeft).toBeCloseTo(3);
    player.play();
    run(3000);
    expect(player.getReady).toBeNull();
    run(1000);
    expect(player.t).toBeCloseTo(1, 0);
  });

  it('goes on into the next step through a countdown, with the switch-side beep when it starts', () => {
    const { player, beeps, run } = playerMade({ getReadySeconds: 5, t: 100 });
    player.play();
    run(25_000);
    // 20 s to the end of the step, then the 5 s countdown at the start of the next.
    expect(player.t).toBe(120);
    expect(beeps).toContain('ten-left');
    expect(beeps.at(-1)).toBe('switch-side');
  });

  it('holds at the start of the next step when auto-advance is off', () => {
    const { player, held, run } = playerMade({ getReadySeconds: 0, isAutoAdvance: false, t: 55 });
    player.play();
    run(8000);
    expect(player.isPlaying).toBe(false);
    expect(player.t).toBe(60);
    expect(held).toEqual([60]);
  });

  it('resumes mid-step without a countdown; next and previous seek to step starts', () => {
    const { player, run } = playerMade({ getReadySeconds: 5, t: 30 });
    player.play();
    expect(player.getReady).toBeNull();
    run(1000);
    expect(player.t).toBeCloseTo(31);
    expect(player.nextTarget()).toBe(60);
    player.seek(player.nextTarget());
    expect(player.getReady?.stepIndex).toBe(1);
    // Within the countdown "previous" goes to this step's start, not the one before.
    expect(player.previousTarget()).toBe(60);
    run(10_000);
    expect(player.previousTarget()).toBe(60);
    player.seek(61);
    expect(player.previousTarget()).toBe(0);
  });

  it('finishes at the end of the plan and says so once', () => {
    const { player, finished, beeps, run } = playerMade({ getReadySeconds: 0, t: 170 });
    player.play();
    run(15_000);
    expect(finished).toEqual([180]);
    expect(player.isFinished).toBe(true);
    expect(beeps.at(-1)).toBe('end');
    expect(player.play()).toBe(false);
  });
});
