import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { stepIndexAt } from '../../src/core/timeline.js';
import { FIGURE_FPS, figureFpsFromSearch, SessionClock, speedFromSearch } from './session-clock.js';
import { beepsBetween } from './session-cues.js';
import { voiceCommandFrom } from './voice-commands.js';

describe('SessionClock', () => {
  it('runs at speed × real time only while playing', () => {
    const clock = new SessionClock(10, 2);
    expect(clock.at(5000)).toBe(10);
    clock.play(1000);
    expect(clock.at(2000)).toBe(12);
    clock.pause(3000);
    expect(clock.at(9000)).toBe(14);
    clock.seek(100, 9000);
    clock.play(9000);
    expect(clock.at(9500)).toBe(101);
  });

  it('never reads earlier than the last seek, even at an older frame timestamp', () => {
    const clock = new SessionClock(0, 1);
    clock.play(1000);
    clock.seek(300, 5000);
    // A requestAnimationFrame timestamp from the start of the frame in which the key press was handled.
    expect(clock.at(4990)).toBe(300);
    expect(clock.at(5500)).toBe(300.5);
    clock.pause(4000);
    expect(clock.at(9000)).toBe(300);
  });

  it('never seeks before 0', () => {
    const clock = new SessionClock(0, 1);
    clock.seek(-5, 0);
    expect(clock.at(0)).toBe(0);
  });
});

describe('figureFpsFromSearch', () => {
  it.each([
    ['', FIGURE_FPS],
    ['?fps=30', 30],
    ['?fps=1', 5],
    ['?fps=500', 60],
    ['?fps=x', FIGURE_FPS],
  ])('%s → %d', (search, fps) => {
    expect(figureFpsFromSearch(search)).toBe(fps);
  });
});

describe('speedFromSearch', () => {
  it.each([
    ['', 1],
    ['?speed=60', 60],
    ['?speed=abc', 1],
    ['?speed=-3', 1],
    ['?speed=100000', 600],
  ])('%s → %d', (search, speed) => {
    expect(speedFromSearch(search)).toBe(speed);
  });
});

const step = (start: number, duration: number, extra: Partial<PlannedStep> = {}) =>
  ({ start, duration, position: 'prone', side: null, ...extra }) as PlannedStep;
const plan = {
  steps: [
    step(0, 60),
    step(60, 60, { side: 'left' }),
    step(120, 60, { side: 'right' }),
    step(180, 20, { position: 'supine' }),
  ],
  totalSeconds: 200,
} as unknown as Plan;

describe('beepsBetween', () => {
  it.each([
    [-1, 0.5, ['start']],
    [29, 31, ['halfway']],
    [49, 51, ['ten-left']],
    [59.9, 60.1, ['start']],
    [119, 121, ['switch-side']],
    [179, 181, ['turn-over']],
    [185, 200, ['end']],
    [100, 90, []],
    [181, 182, []],
  ])('from %d to %d → %o', (from, to, expected) => {
    expect(beepsBetween(plan, from, to)).toEqual(expected);
  });

  it('gives a short step no halfway or ten-seconds beep', () => {
    expect(beepsBetween(plan, 181, 199)).toEqual([]);
  });
});

describe('stepIndexAt', () => {
  it('finds the running step', () => {
    expect(stepIndexAt(plan, 0)).toBe(0);
    expect(stepIndexAt(plan, 60)).toBe(1);
    expect(stepIndexAt(plan, 199)).toBe(3);
  });
});

describe('voiceCommandFrom', () => {
  it.each([
    ['Next', 'next'],
    ['go back', 'back'],
    ['pause please', 'pause'],
    ['STOP', 'stop'],
    ['continue', 'resume'],
    ['дальше', 'next'],
    ['назад', 'back'],
    ['пауза', 'pause'],
    ['стоп', 'stop'],
    ['продолжить', 'resume'],
    ['hello there', null],
  ])('%s → %s', (text, command) => {
    expect(voiceCommandFrom(text)).toBe(command);
  });
});
