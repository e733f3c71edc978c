import {
  fingerAngle,
  framed,
  GLIDE_BACK,
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

/** Glide: along the stroke (eased), then back lifted, pressing, or along the explicit return. */
export function glideMotion(): TechniqueMotion {
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), GLIDE_BACK, input.reps);
    const u = pass.isLifted ? pass.u : smoothstep(pass.u);
    const s = passFraction(pass, u, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    const state = handAt(track, at.x, at.y, at.surface, angle, linePressureAt(pass.line, s), {
      isLifted: pass.isLifted,
    });
    return handReport(state, pass.isBack ? 'return' : 'stroke', 0);
  };
  const idle = idleAs('stroke');
  return {
    phaseNames: ['stroke', 'return'],
    // Mid-stroke: the hands on their way, the path ahead still long.
    tellingPhase: 0.3,
    verb: 'glide',
    tags: [],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}
