import type { ClientPosition, Surface } from '../ids.js';
import { type Vec3, vecScaled, vecSum } from './vec3.js';

// The client at rest on the table as a solid, to BODY-PROPORTIONS.md "In depth" (fractions of the client's height
// H; z up from the table top). The body map stays the truth for x and y; this adds the height of each point.

/** A station of the trunk and head along the body: the midline's height on top, and the half-width there. */
export interface ProfileStation {
  readonly y: number;
  /** Height of the uppermost surface on the midline. */
  readonly top: number;
  /** Height of the lowest surface (0: resting on the table). */
  readonly bottom: number;
  readonly halfWidth: number;
}

// Prone: the back of the head, the back and the buttocks on top (chest depth 0.13, waist 0.115, buttocks 0.135);
// the face in the face cradle.
const PRONE_TRUNK: readonly ProfileStation[] = [
  { y: 0, top: 0.05, bottom: 0.01, halfWidth: 0.03 },
  { y: 0.02, top: 0.085, bottom: 0.004, halfWidth: 0.042 },
  { y: 0.055, top: 0.11, bottom: 0, halfWidth: 0.045 },
  { y: 0.09, top: 0.105, bottom: 0.004, halfWidth: 0.043 },
  { y: 0.115, top: 0.085, bottom: 0.015, halfWidth: 0.036 },
  { y: 0.14, top: 0.075, bottom: 0.02, halfWidth: 0.035 },
  { y: 0.165, top: 0.095, bottom: 0.005, halfWidth: 0.09 },
  { y: 0.19, top: 0.115, bottom: 0, halfWidth: 0.13 },
  { y: 0.27, top: 0.13, bottom: 0, halfWidth: 0.1 },
  { y: 0.37, top: 0.112, bottom: 0, halfWidth: 0.085 },
  { y: 0.44, top: 0.125, bottom: 0, halfWidth: 0.1 },
  { y: 0.48, top: 0.135, bottom: 0.003, halfWidth: 0.105 },
  { y: 0.53, top: 0.105, bottom: 0.018, halfWidth: 0.1 },
];

// Supine: the face, the chest and the front of the pelvis on top; the back of the head on the pillowless table.
const SUPINE_TRUNK: readonly ProfileStation[] = [
  { y: 0, top: 0.05, bottom: 0.01, halfWidth: 0.03 },
  { y: 0.02, top: 0.09, bottom: 0.004, halfWidth: 0.042 },
  { y: 0.055, top: 0.112, bottom: 0, halfWidth: 0.045 },
  { y: 0.09, top: 0.115, bottom: 0.004, halfWidth: 0.043 },
  { y: 0.125, top: 0.07, bottom: 0.012, halfWidth: 0.036 },
  // The front of the neck runs smoothly from under the chin down to the chest (no notch at the throat).
  { y: 0.145, top: 0.064, bottom: 0.015, halfWidth: 0.035 },
  { y: 0.175, top: 0.088, bottom: 0.004, halfWidth: 0.09 },
  { y: 0.2, top: 0.108, bottom: 0, halfWidth: 0.13 },
  // The chest curves smoothly down to the belly and the pelvis (no peak at the sternum, no notch at the waist).
  { y: 0.24, top: 0.121, bottom: 0, halfWidth: 0.112 },
  { y: 0.29, top: 0.124, bottom: 0, halfWidth: 0.098 },
  { y: 0.33, top: 0.114, bottom: 0, halfWidth: 0.09 },
  { y: 0.37, top: 0.105, bottom: 0, halfWidth: 0.085 },
  { y: 0.44, top: 0.108, bottom: 0, halfWidth: 0.1 },
  // Toward the thighs the underside lifts to meet their round, and the top meets the thigh's (no step, no notch).
  { y: 0.48, top: 0.117, bottom: 0.003, halfWidth: 0.105 },
  { y: 0.53, top: 0.116, bottom: 0.013, halfWidth: 0.1 },
];

/** The trunk and head profile of a position, crown to the gluteal fold. */
export function trunkProfile(position: ClientPosition): readonly ProfileStation[] {
  return position === 'prone' ? PRONE_TRUNK : SUPINE_TRUNK;
}

/** A client joint's name (DESIGN.md "Contracts": `moment --json`'s `pose.client`). */
export type ClientJoint = string;

/** The x of the left leg's centre line at the hip, the knee and the ankle (the right mirrors it). */
const LEG_X = { hip: -0.085, knee: -0.055, ankle: -0.055 } as const;

/**
 * The client's joints at rest, for the left side (x < 0) and the midline: x, y, and the height above the table
 * prone and supine. Prone, a bolster under the ankles: the feet rest on their fronts, soles up and back. Supine, a
 * bolster under the knees: knees a little bent, heels on the table, toes up.
 */
const REST_JOINTS: Readonly<Record<string, readonly [x: number, y: number, prone: number, supine: number]>> =
  {
    crown: [0, 0, 0.05, 0.05],
    occiput: [0, 0.085, 0.108, 0.004],
    chin: [0, 0.125, 0.012, 0.09],
    c7: [0, 0.15, 0.085, 0.02],
    t7: [0, 0.27, 0.13, 0.002],
    t12: [0, 0.355, 0.115, 0.008],
    sacrum: [0, 0.44, 0.125, 0.004],
    shoulder: [-0.12, 0.195, 0.065, 0.065],
    hip: [LEG_X.hip, 0.48, 0.07, 0.065],
    knee: [LEG_X.knee, 0.715, 0.032, 0.075],
    ankle: [LEG_X.ankle, 0.95, 0.105, 0.035],
    heel: [LEG_X.ankle, 0.965, 0.135, 0.004],
    toes: [-0.045, 1.0, 0.008, 0.125],
  };

/** The client's joints at rest in a position, for the left side (x < 0) and the midline. */
function restJointsLeft(position: ClientPosition): Readonly<Record<string, Vec3>> {
  const out: Record<string, Vec3> = {};
  for (const [name, [x, y, prone, supine]] of Object.entries(REST_JOINTS))
    out[name] = [x, y, position === 'prone' ? prone : supine];
  return out;
}

/** Joints given per side (`-left`, `-right`). */
export const SIDED_JOINTS = ['shoulder', 'hip', 'knee', 'ankle', 'heel', 'toes'] as const;

const restCache = new Map<ClientPosition, Readonly<Record<string, Vec3>>>();

/** The client's joints at rest (`crown`, `occiput`, …, `knee-left`, `knee-right` …). */
export function restClientJoints(position: ClientPosition): Readonly<Record<string, Vec3>> {
  const cached = restCache.get(position);
  if (cached) return cached;
  const left = restJointsLeft(position === 'seated' ? 'supine' : position);
  const out: Record<string, Vec3> = {};
  for (const [name, p] of Object.entries(left)) {
    if ((SIDED_JOINTS as readonly string[]).includes(name)) {
      out[`${name}-left`] = p;
      out[`${name}-right`] = [-p[0], p[1], p[2]];
    } else out[name] = p;
  }
  restCache.set(position, out);
  return out;
}

/** The knee's y (the popliteal crease): below it the leg's skin turns out to its sides. */
const KNEE_Y = 0.715;

/** The x of a leg's centre line below the knee, where the surface's height and normal are measured across from. */
const LEG_CENTRE_X = 0.055;

/** A leg's radius (half its depth) along it: thigh 0.045, knee and calf 0.032, ankle 0.022. */
export function legRadiusAt(y: number): number {
  if (y < 0.53) return 0.05;
  if (y < 0.715) return 0.05 - ((y - 0.53) / 0.185) * 0.018;
  if (y < 0.78) return 0.032 + ((y - 0.715) / 0.065) * 0.004;
  if (y < 0.95) return 0.036 - ((y - 0.78) / 0.17) * 0.015;
  return 0.021;
}

function stationAt(stations: readonly ProfileStation[], y: number): ProfileStation {
  const first = stations[0]!;
  if (y <= first.y) return first;
  for (let i = 1; i < stations.length; i++) {
    const b = stations[i]!;
    if (y <= b.y) {
      const a = stations[i - 1]!;
      const t = (y - a.y) / (b.y - a.y);
      return {
        y,
        top: a.top + (b.top - a.top) * t,
        bottom: a.bottom + (b.bottom - a.bottom) * t,
        halfWidth: a.halfWidth + (b.halfWidth - a.halfWidth) * t,
      };
    }
  }
  return stations[stations.length - 1]!;
}

/** The height of a point on a straight line from a to b at body y (clamped to the segment). */
function heightAlong(a: Vec3, b: Vec3, y: number): number {
  const t = Math.max(0, Math.min(1, (y - a[1]) / (b[1] - a[1] || 1)));
  return a[2] + (b[2] - a[2]) * t;
}

/** Where a prone foot's sole faces back and up along the body (its heel → toes line): beyond, skin is the foot's. */
const PRONE_FOOT_Y = 0.955;

/** How far a prone sole's skin lies over the heel → toes line. */
const PRONE_SOLE_OVER_LINE = 0.01;

/**
 * The height of the client's surface at rest over (x, y): the top surface on the side the position shows
 * (posterior prone, anterior supine), or just above the table for a hand slipped under the body.
 */
export function restSurfaceHeight(position: ClientPosition, surface: Surface, x: number, y: number): number {
  const shown: Surface = position === 'prone' ? 'posterior' : 'anterior';
  if (surface !== shown) return 0.012;
  const joints = restClientJoints(position);
  if (y > 0.53) {
    const side = x < 0 ? 'left' : 'right';
    const hip = joints[`hip-${side}`]!;
    const knee = joints[`knee-${side}`]!;
    const ankle = joints[`ankle-${side}`]!;
    if (y > 0.95) {
      const heel = joints[`heel-${side}`]!;
      const toes = joints[`toes-${side}`]!;
      // The sole (prone) or the top of the foot (supine), from the heel to the toes.
      return position === 'prone'
        ? heightAlong(heel, toes, y) + PRONE_SOLE_OVER_LINE
        : heightAlong(ankle, toes, y) + 0.02;
    }
    const centre = y < 0.715 ? heightAlong(hip, knee, y) : heightAlong(knee, ankle, y);
    const r = legRadiusAt(y);
    const u = Math.min(1, Math.abs(Math.abs(x) - LEG_CENTRE_X) / (r + 0.02));
    return centre + r * Math.sqrt(1 - u * u * 0.8);
  }
  const s = stationAt(trunkProfile(position), y);
  const u = Math.min(1, Math.abs(x) / Math.max(s.halfWidth, 1e-3));
  return s.bottom + (s.top - s.bottom) * (0.35 + 0.65 * Math.sqrt(1 - u * u));
}

/**
 * The outward normal of the client's surface at rest over (x, y): up for the side the position shows, turning out to
 * the side toward a leg's edges, down for a hand under the body; on a prone foot, the sole's normal (the sole faces
 * back and up) or, on its top, the other way.
 */
export function restSurfaceNormal(position: ClientPosition, surface: Surface, x: number, y: number): Vec3 {
  const shown: Surface = position === 'prone' ? 'posterior' : 'anterior';
  if (position === 'prone' && y > PRONE_FOOT_Y) {
    const side = x < 0 ? 'left' : 'right';
    const joints = restClientJoints(position);
    const heel = joints[`heel-${side}`]!;
    const toes = joints[`toes-${side}`]!;
    const dy = toes[1] - heel[1];
    const dz = toes[2] - heel[2];
    const n = Math.hypot(dy, dz) || 1;
    // Perpendicular to the heel → toes line, away from the ankle (the sole's side), or toward it (the top).
    const sole: Vec3 = [0, -dz / n, dy / n];
    const outward: Vec3 = sole[1] < 0 ? [0, -sole[1], -sole[2]] : sole;
    return surface === shown ? outward : [0, -outward[1], -outward[2]];
  }
  if (surface === shown && y > KNEE_Y) {
    // Below the knee a leg is round (its radius is its half-width across, BODY-PROPORTIONS): the skin faces up on its
    // top and turns out to the side toward its edges, so a thumb on an ankle bone lies on the side of the ankle, not
    // on top of it. (The thigh stays flat on top: a palm laid on it is drawn as lying on its top from above.)
    const centre = x < 0 ? -LEG_CENTRE_X : LEG_CENTRE_X;
    const u = Math.max(-1, Math.min(1, (x - centre) / legRadiusAt(y)));
    return [u, 0, Math.sqrt(1 - u * u)];
  }
  return surface === shown ? [0, 0, 1] : [0, 0, -1];
}

/**
 * How far the top of a foot lies from its sole at the forefoot, where a hand takes it (BODY-PROPORTIONS.md: the
 * ankle 0.039 above the sole; the foot thins toward the toes).
 */
export const FOREFOOT_DEPTH = 0.026;

/**
 * The point of the client's surface at rest over (x, y) on a side: `restSurfaceHeight`'s, except on the top of a
 * prone foot. Prone, the foot hangs from the ankle (a bolster under it) with its sole toward the practitioner at the
 * feet and its top toward the shin and the table: a hand on its top lies a forefoot's depth through the foot from
 * the sole, toward the ankle (Figure 116: the hand "on the back of the foot"), not on the table under it.
 */
export function restSurfacePoint(position: ClientPosition, surface: Surface, x: number, y: number): Vec3 {
  if (position === 'prone' && surface === 'anterior' && y > PRONE_FOOT_Y) {
    // The sole's line (the sole's skin less its offset over it), then through the foot.
    const sole: Vec3 = [x, y, restSurfaceHeight(position, 'posterior', x, y) - PRONE_SOLE_OVER_LINE];
    return vecSum(sole, vecScaled(restSurfaceNormal(position, surface, x, y), FOREFOOT_DEPTH));
  }
  return [x, y, restSurfaceHeight(position, surface, x, y)];
}
