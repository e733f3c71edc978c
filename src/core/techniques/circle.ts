import {
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
  TAU,
  turnedPhase,
  WORK_BACK,
} from './shared.js';
import { linePressureAt } from './track-preparation.js';
import type { TechniqueMotion } from './types.js';

/** The spine line's half-width (BODY-PROPORTIONS.md): a thumb never comes closer to x = 0. */
export const SPINE_HALF_WIDTH = 0.008;
/** A knead circle's radius (body units) where nothing forces it smaller. */
export const KNEAD_RADIUS = 0.008;
/** The margin kept beyond the spine line's half-width when a knead circle is clamped. */
const SPINE_MARGIN = 0.0005;
/** A friction circle's radius. */
export const FRICTION_RADIUS = 0.005;

/**
 * Circles while advancing along the path (knead, friction, rub). With `keepsOffSpine` the radius is
 * clamped so the circle stays farther than the spine line's half-width from x = 0.
 */
export function circleMotion(options: {
  verb: string;
  tags: readonly string[];
  phase: string;
  radius: number;
  secondsPerCircle: number;
  keepsOffSpine: boolean;
  tellingPhase: number;
}): TechniqueMotion {
  const radiusFor = (spineDistance: number): number =>
    options.keepsOffSpine
      ? Math.min(options.radius, Math.max(0, spineDistance - SPINE_HALF_WIDTH - SPINE_MARGIN))
      : options.radius;
  const hand: HandMotion = (track, phase, _rep, input) => {
    const pass = passAt(track, turnedPhase(phase, track.lane), WORK_BACK, input.reps);
    const s = passFraction(pass, pass.u, track.lane);
    const at = lineAt(pass.line, s);
    const angle = fingerAngle(track, at, pass.isBack, at.x);
    if (pass.isLifted) {
      return handReport(handAt(track, at.x, at.y, at.surface, angle, null, { isLifted: true }), 'return', 0);
    }
    const radius = radiusFor(track.spineDistance);
    const circles = Math.max(1, Math.round((input.repSeconds * pass.share) / options.secondsPerCircle));
    const turns = circles * pass.u;
    // Mirror-image circles: the client's left hand turns one way, the right the other.
    const sense = track.stroke.xs[0]! > 0 ? -1 : 1;
    const theta = sense * TAU * turns;
    // The circle opens from and closes onto the path, so passes join without a jump.
    const envelope = Math.min(1, pass.u * 10, (1 - pass.u) * 10);
    const x = at.x + radius * envelope * Math.cos(theta);
    const y = at.y + radius * envelope * Math.sin(theta);
    return handReport(
      handAt(track, x, y, at.surface, angle, linePressureAt(pass.line, s), { isLifted: false }),
      options.phase,
      fract(turns),
    );
  };
  const idle = idleAs(options.phase);
  return {
    phaseNames: [options.phase, 'return'],
    tellingPhase: options.tellingPhase,
    verb: options.verb,
    tags: options.tags,
    alternatesHands: false,
    reach: options.radius,
    reachFor: radiusFor,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}
