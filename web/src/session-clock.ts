/** The session clock: session seconds that run at `speed` × real time while playing. Real time is passed in. */
export class SessionClock {
  private baseT: number;
  private baseNow = 0;
  private playing = false;

  constructor(
    t: number,
    /** Session seconds per real second (1; a test may speed it up). */
    readonly speed: number,
  ) {
    this.baseT = t;
  }

  /** True while the clock runs. */
  get isPlaying(): boolean {
    return this.playing;
  }

  /**
   * Session time at real time `now` (milliseconds). Never earlier than the last play or seek: a frame's timestamp
   * (requestAnimationFrame's) can be older than a key press handled in the same frame, and reading the clock at it
   * must not show the step before the one just sought to.
   */
  at(now: number): number {
    return this.playing ? this.baseT + (Math.max(0, now - this.baseNow) / 1000) * this.speed : this.baseT;
  }

  /** Starts the clock at real time `now`. */
  play(now: number): void {
    if (this.playing) return;
    this.baseNow = now;
    this.playing = true;
  }

  /** Stops the clock at real time `now`, keeping its session time. */
  pause(now: number): void {
    if (!this.playing) return;
    this.baseT = this.at(now);
    this.playing = false;
  }

  /** Moves to session time `t`, playing or not. */
  seek(t: number, now: number): void {
    this.baseT = Math.max(0, t);
    this.baseNow = now;
  }
}

/** The speed-up factor a test may ask for with `?speed=N` (1 otherwise; kept within 0.1…600). */
export function speedFromSearch(search: string): number {
  const raw = new URLSearchParams(search).get('speed');
  const value = raw === null ? 1 : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(600, Math.max(0.1, value)) : 1;
}

/**
 * The figure's default frame rate. The strokes are slow (seconds each), so 24 frames a second look smooth, and
 * they keep the main thread within its budget on a busy two-core machine (docs/player.md).
 */
export const FIGURE_FPS = 24;

/** The figure's frame rate: FIGURE_FPS unless `?fps=N` (5…60) asks otherwise, for the benchmark. */
export function figureFpsFromSearch(search: string): number {
  const raw = new URLSearchParams(search).get('fps');
  const value = raw === null ? FIGURE_FPS : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(60, Math.max(5, value)) : FIGURE_FPS;
}
