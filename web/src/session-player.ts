// The session player without a framework: it owns the clock, the get-ready countdown, auto-advance, the beeps
// and seeking, and tells its listener what happened. Real time comes from the `now` it is given, so tests drive
// it with a fake clock (as Motion Canvas's player takes its time source).
import type { Plan } from '../../src/core/plan-types.js';
import { stepIndexAt } from '../../src/core/timeline.js';
import { SessionClock } from './session-clock.js';
import { type BeepKind, beepsBetween, stepStartBeep } from './session-cues.js';

/** Seconds of "get ready" before each step by default. */
export const GET_READY_SECONDS = 5;
/** "Previous" inside the first seconds of a step goes to the step before; later, to the step's start. */
export const PREVIOUS_GRACE_SECONDS = 3;

/** The countdown before a step: which step, and how many session seconds are left of it. */
export interface GetReady {
  readonly stepIndex: number;
  readonly secondsLeft: number;
}

/** What the session player tells its owner. */
export interface SessionPlayerListener {
  /** A beep is due. */
  readonly onBeep?: (kind: BeepKind) => void;
  /** Playback ran to the end of the plan at session time `t`. */
  readonly onFinish?: (t: number) => void;
  /** Auto-advance is off and playback stopped at the start of the next step. */
  readonly onHold?: (t: number) => void;
  /** A get-ready countdown began before step `stepIndex`. */
  readonly onGetReady?: (stepIndex: number) => void;
}

/** How a session player starts. */
export interface SessionPlayerOptions {
  readonly plan: Plan;
  /** Session seconds to start at. */
  readonly t: number;
  /** Session seconds per real second. */
  readonly speed: number;
  /** Real time in milliseconds (performance.now in the browser). */
  readonly now: () => number;
  readonly listener?: SessionPlayerListener;
  readonly isAutoAdvance?: boolean;
  /** Length of the get-ready countdown in session seconds; 0 turns it off. */
  readonly getReadySeconds?: number;
}

/** Plays a plan: play, pause, seek, next, previous; `tick()` on every frame advances it and fires the beeps. */
export class SessionPlayer {
  private planValue: Plan;
  private readonly clock: SessionClock;
  private readonly now: () => number;
  private readonly listener: SessionPlayerListener;
  private playing = false;
  private lastT: number;
  private ready: { stepIndex: number; left: number; since: number } | null = null;
  private finished = false;
  /** Whether playback goes on into the next step by itself. */
  isAutoAdvance: boolean;
  /** The get-ready countdown's length, session seconds (0: none). */
  getReadySeconds: number;

  constructor(options: SessionPlayerOptions) {
    this.planValue = options.plan;
    this.clock = new SessionClock(options.t, options.speed);
    this.now = options.now;
    this.listener = options.listener ?? {};
    this.lastT = options.t;
    this.isAutoAdvance = options.isAutoAdvance ?? true;
    this.getReadySeconds = Math.max(0, options.getReadySeconds ?? GET_READY_SECONDS);
  }

  /** The plan being played. */
  get plan(): Plan {
    return this.planValue;
  }

  /** Replaces the plan (a softened step); the time stays. */
  planSet(plan: Plan): void {
    this.planValue = plan;
  }

  /** True while playing, the get-ready countdown included. */
  get isPlaying(): boolean {
    return this.playing;
  }

  /** True once playback has reached the end of the plan. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** Session seconds now (during a get-ready countdown: the start of the coming step). */
  get t(): number {
    return this.clock.at(this.now());
  }

  /** The get-ready countdown under way, or null. */
  get getReady(): GetReady | null {
    const r = this.ready;
    if (!r) return null;
    const elapsed = this.playing ? ((this.now() - r.since) / 1000) * this.clock.speed : 0;
    return { stepIndex: r.stepIndex, secondsLeft: Math.max(0, r.left - elapsed) };
  }

  /** Starts or resumes; from the very start of a step, with the get-ready countdown first. False if already playing. */
  play(): boolean {
    if (this.playing || this.finished) return false;
    const now = this.now();
    this.playing = true;
    if (this.ready) {
      this.ready = { ...this.ready, since: now };
      return true;
    }
    const t = this.clock.at(now);
    if (!this.getReadyStarted(t, now)) {
      const i = stepIndexAt(this.planValue, t);
      if (this.planValue.steps[i]?.start === t) this.beep(stepStartBeep(this.planValue, i));
      this.clock.play(now);
    }
    return true;
  }

  /** Pauses, the get-ready countdown too. False if already paused. */
  pause(): boolean {
    if (!this.playing) return false;
    const now = this.now();
    if (this.ready) {
      this.ready = { ...this.ready, left: this.getReady?.secondsLeft ?? 0, since: now };
    }
    this.clock.pause(now);
    this.playing = false;
    return true;
  }

  /** Moves to session time `t`; playing, a step's start begins with the get-ready countdown. */
  seek(t: number): void {
    const now = this.now();
    const target = Math.max(0, Math.min(t, this.planValue.totalSeconds));
    this.ready = null;
    this.clock.pause(now);
    this.clock.seek(target, now);
    this.lastT = target;
    if (this.playing && !this.getReadyStarted(target, now)) this.clock.play(now);
    this.finished = false;
  }

  /** Where "next" goes: the next step's start, or the end of the plan. */
  nextTarget(): number {
    const p = this.planValue;
    const following = p.steps[stepIndexAt(p, this.t) + 1];
    return following ? following.start : p.totalSeconds;
  }

  /** Where "previous" goes: this step's start, or the step before's within the first seconds of a step. */
  previousTarget(): number {
    const p = this.planValue;
    const t = this.t;
    const i = stepIndexAt(p, t);
    const step = p.steps[i];
    if (!step) return 0;
    const isEarly = t - step.start <= PREVIOUS_GRACE_SECONDS && !this.ready;
    return isEarly && i > 0 ? p.steps[i - 1]!.start : step.start;
  }

  /** Advances to real time now: ends the get-ready countdown, holds or goes on at a step's end, beeps, finishes. */
  tick(): number {
    const now = this.now();
    const p = this.planValue;
    if (this.playing && this.ready) {
      const left = this.getReady?.secondsLeft ?? 0;
      const before = this.ready.left - ((now - this.ready.since) / 1000) * this.clock.speed;
      // The last three seconds of the countdown tick.
      if (Math.ceil(left) < Math.ceil(this.lastReadyLeft) && Math.ceil(left) <= 3 && left > 0)
        this.beep('count');
      this.lastReadyLeft = left;
      if (before <= 0) {
        const index = this.ready.stepIndex;
        this.ready = null;
        this.clock.play(now);
        this.beep(stepStartBeep(p, index));
      }
      this.lastT = this.clock.at(now);
      return this.lastT;
    }
    let t = this.clock.at(now);
    if (this.playing) {
      const from = stepIndexAt(p, this.lastT);
      const to = stepIndexAt(p, t);
      const boundary = p.steps[to]?.start ?? p.totalSeconds;
      if (to !== from && t < p.totalSeconds) {
        // The step's own start beep waits for its countdown (or for the practitioner, when holding).
        for (const beep of beepsBetween(p, this.lastT, boundary - 1e-6)) this.beep(beep);
        this.clock.pause(now);
        this.clock.seek(boundary, now);
        t = boundary;
        this.lastT = t;
        if (!this.isAutoAdvance) {
          this.playing = false;
          this.listener.onHold?.(t);
        } else if (!this.getReadyStarted(t, now)) {
          this.beep(stepStartBeep(p, to));
          this.clock.play(now);
        }
        return t;
      }
      for (const beep of beepsBetween(p, this.lastT, t)) this.beep(beep);
      if (t >= p.totalSeconds) {
        this.clock.pause(now);
        this.playing = false;
        this.finished = true;
        this.lastT = p.totalSeconds;
        this.listener.onFinish?.(p.totalSeconds);
        return p.totalSeconds;
      }
    }
    this.lastT = t;
    return t;
  }

  /** Marks the session ended (stopped or finished elsewhere): nothing plays any more. */
  stop(): void {
    this.pause();
    this.ready = null;
    this.finished = true;
  }

  private lastReadyLeft = Number.POSITIVE_INFINITY;

  private getReadyStarted(t: number, now: number): boolean {
    const p = this.planValue;
    const i = stepIndexAt(p, t);
    const step = p.steps[i];
    if (this.getReadySeconds <= 0 || !step || step.start !== t) return false;
    this.ready = { stepIndex: i, left: this.getReadySeconds, since: now };
    this.lastReadyLeft = this.getReadySeconds;
    this.listener.onGetReady?.(i);
    return true;
  }

  private beep(kind: BeepKind): void {
    this.listener.onBeep?.(kind);
  }
}
