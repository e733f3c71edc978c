import {
  DRAIN_BACK,
  fingerAngle,
  framed,
  type HandMotion,
  handAt,
  handReport,
  idleAs,
  lineAt,
  passAt,
  passFraction,
  smoothstep,
  turnedPhase,
} from './shared.js';
import { linePressureAt } from './track-preparation.js';
import type { TechniqueMotion } from './types.js';

/** Drain: short pressing strokes toward the heart, each sliding back lifted a little less (a sawtooth). */
export function drainMotion(): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), DRAIN_BACK, input.reps);
    if (pass.isBack) {
      const s = passFraction(pass, pass.u, track.lane);
      const at = lineAt(pass.line, s);
      const angle = fingerAngle(track, at, true, at.x);
      return handReport(
        handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
          isLifted: pass.isLifted,
        }),
        'return',
        0,
      );
    }
    // n strokes of two steps forward, one back: stroke k runs from k·d to (k+2)·d, d = 1/(n+1).
    const n = Math.max(
      1,
      Math.min(Math.round(pass.line.length / 0.025) - 1, Math.floor((input.repSeconds * pass.share) / 0.7)),
    );
    const d = 1 / (n + 1);
    const v = pass.u * n;
    const k = Math.min(Math.floor(v), n - 1);
    const w = Math.min(v - k, 1);
    const isStroke = w < 0.7;
    // After the last stroke the hand lifts where it ends instead of sliding back.
    const slide = k === n - 1 ? 0 : d * ((w - 0.7) / 0.3);
    const along = isStroke ? k * d + 2 * d * smoothstep(w / 0.7) : (k + 2) * d - slide;
    const s = passFraction(pass, along, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, false, at.x);
    return handReport(
      handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
        isLifted: !isStroke,
      }),
      isStroke ? 'stroke' : 'reset',
      isStroke ? Math.sin((Math.PI * w) / 0.7) : 0,
    );
  };
  const idle = idleAs('stroke');
  return {
    phaseNames: ['stroke', 'reset', 'return'],
    tellingPhase: 0.3,
    verb: 'drain',
    tags: ['pressure'],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Phases named by the share of the repetition at which each ends, and the extent as a function of phase. */
