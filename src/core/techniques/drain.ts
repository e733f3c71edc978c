import { cachedValue } from '../memo.js';
import {
  DRAIN_BACK,
  fingerAngle,
  fract,
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
import type { HandLane, TechniqueMotion } from './types.js';

/** How many short strokes fit a pass: one per 0.025 H of it (two forward, one back), no quicker than one per 0.7 s. */
function strokeCount(length: number, seconds: number): number {
  return Math.max(1, Math.min(Math.round(length / 0.025) - 1, Math.floor(seconds / 0.7)));
}

const unspacedLanes = new WeakMap<HandLane, HandLane>();

/** A lane without its spacing along the path (kept per lane: a hand asks every frame). */
function laneUnspaced(lane: HandLane): HandLane {
  return cachedValue(unspacedLanes, lane, (l) => ({ ...l, lead: 0, trail: 0 }));
}

/** Drain: short pressing strokes toward the heart, each sliding back lifted a little less (a sawtooth). */
export function drainMotion(): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    // Hands taking turns stroke by stroke (the seed: short strokes of the thumbs, each a little higher): one half a
    // stroke behind the other, a hand's width apart along the leg (the lane's lead and trail), so they work up it
    // together and never lie on each other. A pass of one stroke has no room for that: the hands take turns by half
    // the pass, unspaced.
    const strokes = track.lane.isTakingTurns
      ? strokeCount(passAt(track, phase, DRAIN_BACK, input.reps).line.length, input.repSeconds)
      : 0;
    const lane = strokes === 1 ? laneUnspaced(track.lane) : track.lane;
    const pass = passAt(
      track,
      strokes > 1 ? fract(phase - lane.turn / strokes) : turnedPhase(phase, lane),
      DRAIN_BACK,
      input.reps,
    );
    if (pass.isBack) {
      const s = passFraction(pass, pass.u, lane);
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
    const n = strokeCount(pass.line.length, input.repSeconds * pass.share);
    const d = 1 / (n + 1);
    const v = pass.u * n;
    const k = Math.min(Math.floor(v), n - 1);
    const w = Math.min(v - k, 1);
    const isStroke = w < 0.7;
    // After the last stroke the hand lifts where it ends instead of sliding back.
    const slide = k === n - 1 ? 0 : d * ((w - 0.7) / 0.3);
    const along = isStroke ? k * d + 2 * d * smoothstep(w / 0.7) : (k + 2) * d - slide;
    const s = passFraction(pass, along, lane);
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
