import type { BeepKind } from './session-cues.js';

/** Tones of each beep: frequency (Hz) and length (s), played one after another. */
const PATTERNS: Readonly<Record<BeepKind, readonly (readonly [number, number])[]>> = {
  start: [[880, 0.12]],
  count: [[440, 0.06]],
  halfway: [[660, 0.1]],
  'ten-left': [
    [990, 0.08],
    [990, 0.08],
  ],
  'switch-side': [
    [523, 0.1],
    [784, 0.14],
  ],
  'turn-over': [
    [523, 0.1],
    [659, 0.1],
    [784, 0.16],
  ],
  end: [
    [784, 0.14],
    [659, 0.14],
    [523, 0.3],
  ],
};

/** Short Web Audio beeps; the audio context starts on the first user gesture (browsers require one). */
export class Beeper {
  private context: AudioContext | null = null;
  private muted = false;

  /** Creates or resumes the audio context; call from a click or key handler. */
  unlock(): void {
    const Ctor = globalThis.AudioContext;
    if (!Ctor) return;
    this.context ??= new Ctor();
    if (this.context.state === 'suspended') void this.context.resume();
  }

  /** Mutes or unmutes the beeps. */
  mutedSet(isMuted: boolean): void {
    this.muted = isMuted;
  }

  /** Plays one beep pattern. */
  play(kind: BeepKind): void {
    const ctx = this.context;
    if (this.muted || !ctx || ctx.state !== 'running') return;
    let at = ctx.currentTime + 0.01;
    for (const [frequency, seconds] of PATTERNS[kind]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + seconds + 0.02);
      at += seconds + 0.05;
    }
  }
}
