import {
  angleNormal,
  framed,
  type HandMotion,
  handAt,
  handReport,
  type Idle,
  lineAt,
  TAU,
  turnedPhase,
} from './shared.js';
import { linePressureAt } from './track-preparation.js';
import type { TechniqueMotion } from './types.js';

/** The radius of a rotation's circle at most. */
export const ROTATE_RADIUS = 0.015;

/**
 * Which way a rotation turns in a 0-based repetition, in the body frame (+1: from +x toward +y): the part's or
 * step's `turn` every repetition, else alternating, starting with +1.
 */
export function rotationSense(turn: 'one-way' | 'other-way' | undefined, repIndex: number): 1 | -1 {
  if (turn === 'one-way') return 1;
  if (turn === 'other-way') return -1;
  return repIndex % 2 === 0 ? 1 : -1;
}

/** Rotate: the working hand turns the limb in a circle about its rest point, the other holds; each rep reverses. */
export function rotateMotion(): TechniqueMotion {
  const hand: HandMotion = (track, repPhase, rep) => {
    const phase = turnedPhase(repPhase, track.lane);
    const at = lineAt(track.stroke, 0);
    const sense = rotationSense(track.turn, rep);
    const theta = sense * TAU * phase;
    // The circle's size eases in and out so each repetition starts and ends at rest.
    const radius = ROTATE_RADIUS * Math.min(1, phase * 8, (1 - phase) * 8);
    const x = at.x + radius * Math.cos(theta);
    const y = at.y + radius * Math.sin(theta);
    // Fingers point from the hold out through the hand, turning as the limb turns.
    const angle = angleNormal(track.holdAngle + 0.35 * Math.sin(theta));
    return handReport(
      handAt(track, x, y, at.surface, angle, linePressureAt(track.stroke, 0), { isLifted: false }),
      'rotate',
      phase,
    );
  };
  const idle: Idle = (p) => ({ phaseName: 'rotate', extent: p });
  return {
    phaseNames: ['rotate'],
    tellingPhase: 0.3,
    verb: 'rotate',
    tags: ['joint-movement'],
    alternatesHands: false,
    reach: ROTATE_RADIUS,
    reachFor: () => ROTATE_RADIUS,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}
