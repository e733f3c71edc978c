import {
  clamp01,
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
  WORK_BACK,
} from './shared.js';
import { linePressureAt } from './track-preparation.js';
import type { TechniqueMotion } from './types.js';

/**
 * Pulses along a pass: `count` stops from start to end; in each the hand works (first `workShare`),
 * then moves on to the next stop, lifted or keeping contact. A turned hand runs half a pulse behind.
 */
function pulseStop(k: number, count: number): number {
  return count > 1 ? clamp01(k / (count - 1)) : 0.5;
}

function pulseAt(
  u: number,
  count: number,
  turn: number,
  workShare: number,
): { readonly s: number; readonly isWorking: boolean; readonly depth: number } {
  const v = u * count - turn;
  if (v < 0) return { s: pulseStop(0, count), isWorking: false, depth: 0 };
  const k = Math.min(Math.floor(v), count - 1);
  const w = Math.min(v - k, 1);
  if (w < workShare)
    return { s: pulseStop(k, count), isWorking: true, depth: Math.sin((Math.PI * w) / workShare) };
  const move = (w - workShare) / (1 - workShare);
  const from = pulseStop(k, count);
  const to = k + 1 < count ? pulseStop(k + 1, count) : from;
  return { s: from + (to - from) * smoothstep(move), isWorking: false, depth: 0 };
}

/** How many pulses fit a pass: about one per `spacing` body units, no faster than one per `minSeconds`. */
function pulseCount(length: number, seconds: number, spacing: number, minSeconds: number): number {
  const bySpace = Math.round(length / spacing);
  const byTime = Math.floor(seconds / minSeconds);
  return Math.max(1, Math.min(bySpace, byTime));
}

/** Press (and squeeze): stepwise pulses along the path, the two hands taking turns. */
export function pulseMotion(options: {
  verb: string;
  tags: readonly string[];
  work: string;
  move: string;
  workShare: number;
  /** Pressure while moving on: null lifts the hand, a number keeps contact at that pressure at most. */
  moveContact: number | null;
  tellingPhase: number;
}): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, phase, WORK_BACK, input.reps);
    if (pass.isLifted) {
      const s = passFraction(pass, pass.u, track.lane);
      const at = lineAt(pass.line, s);
      const angle = fingerAngle(track, at, pass.isBack, at.x);
      return handReport(handAt(track, at.x, at.y, at.surface, angle, null, { isLifted: true }), 'return', 0);
    }
    const count = pulseCount(pass.line.length, input.repSeconds * pass.share, 0.025, 0.8);
    const pulse = pulseAt(pass.u, count, track.lane.turn, options.workShare);
    const s = passFraction(pass, pulse.s, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    const pressure = linePressureAt(pass.line, s);
    const isLifted = !pulse.isWorking && options.moveContact === null;
    const held =
      pulse.isWorking || pressure === null || options.moveContact === null
        ? pressure
        : Math.min(pressure, options.moveContact);
    return handReport(
      handAt(track, at.x, at.y, at.surface, angle, held, { isLifted }),
      pulse.isWorking ? options.work : options.move,
      pulse.depth,
    );
  };
  const idle = idleAs(options.work);
  return {
    phaseNames: [options.work, options.move, 'return'],
    tellingPhase: options.tellingPhase,
    verb: options.verb,
    tags: options.tags,
    alternatesHands: true,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}
