import type { Pose, PosedHand } from '../../core/pose/pose-types.js';
import {
  type Vec3,
  vecCross,
  vecDifference,
  vecDot,
  vecLength,
  vecScaled,
  vecSum,
  vecUnit,
} from '../../core/pose/vec3.js';

/** A drawn hand's frame in the body frame: wrist to palm (`along`), across toward the thumb, and its knuckles. */
export interface HandFrame {
  readonly along: Vec3;
  readonly across: Vec3;
  readonly knuckles: Vec3;
}

/** One finger of a spread hand as drawn: its knuckle, its middle joint and its pad, in the body frame. */
export interface FingerJoints {
  readonly knuckle: Vec3;
  readonly middle: Vec3;
  readonly tip: Vec3;
}

/** How far each finger's knuckle lies from the middle of the knuckles toward the thumb: index, middle, ring, little. */
export const KNUCKLE_OFFSETS = [0.0172, 0.0058, -0.0058, -0.0172] as const;

/** The hand's frame from the pose's wrist, palm, fingertip and thumb tip. */
export function handFrame(pose: Pose, hand: PosedHand): HandFrame {
  const p = pose.practitioner;
  const arm = hand.arm;
  const W = p[`wrist-${arm}`]!;
  const P = p[`palm-${arm}`]!;
  const F = p[`fingertip-${arm}`]!;
  const T = p[`thumb-tip-${arm}`]!;
  const axis0 = vecDifference(P, W);
  const a = vecLength(axis0) > 1e-6 ? vecUnit(axis0) : hand.direction;
  // Across the hand toward the thumb; spread on the scalp, across the fan of the pads (little to index): the fingers
  // then run to their pads side by side, never crossed, the back of the hand up off the skin.
  const index = p[`index-tip-${arm}`];
  const little = p[`little-tip-${arm}`];
  const toThumb =
    hand.shape === 'spread-fingers' && index && little ? vecDifference(index, little) : vecDifference(T, P);
  let s = vecDifference(toThumb, vecScaled(a, vecDot(toThumb, a)));
  // A thumb's pad on the skin: the pad lies a thumb's radius off the contact along the skin's normal, and the
  // knuckles run across the hand parallel to the skin (the palm rests on it), not down into it where the hand is
  // turned out from the thumb.
  const normal = vecDifference(T, hand.contact);
  if (hand.shape === 'thumb-pad' && !hand.isHolding && vecLength(normal) > 1e-6) {
    const flat = vecCross(vecUnit(normal), a);
    s = vecDot(flat, s) >= 0 ? flat : vecScaled(flat, -1);
  }
  if (vecLength(s) < 1e-6) s = vecCross([0, 0, 1], a);
  s = vecUnit(s);
  const isGrasp = hand.shape === 'grasp';
  // The knuckles a little over half-way from the wrist to the fingertips (palm 0.06, fingers 0.045 of H).
  const K = isGrasp ? vecSum(P, vecScaled(a, 0.035)) : vecSum(W, vecScaled(vecDifference(F, W), 0.56));
  return { along: a, across: s, knuckles: K };
}

/** The most a relaxed finger's middle joint bends on the scalp (its knuckle bends the rest of the way down). */
const MAX_ARCH = (20 * Math.PI) / 180;

/**
 * The four fingers of a spread hand, index first, each from its knuckle to its own pad on the skin; null for other
 * shapes. Relaxed, as when washing hair: each finger arches gently toward the palm (knuckle and middle joint bent the
 * same way, the middle joint by up to 40°), never hooked like a claw.
 */
export function spreadFingers(pose: Pose, hand: PosedHand): FingerJoints[] | null {
  if (hand.shape !== 'spread-fingers') return null;
  const p = pose.practitioner;
  const arm = hand.arm;
  const tips = [p[`index-tip-${arm}`], p[`fingertip-${arm}`], p[`ring-tip-${arm}`], p[`little-tip-${arm}`]];
  if (tips.some((t) => t === undefined)) return null;
  const { along, across, knuckles } = handFrame(pose, hand);
  // The back of the hand: on the wrist's side of the pads (the wrist is lifted off the skin).
  let back = vecUnit(vecCross(along, across));
  if (vecDot(back, vecDifference(p[`wrist-${arm}`]!, p[`fingertip-${arm}`]!)) < 0) back = vecScaled(back, -1);
  return KNUCKLE_OFFSETS.map((o, i) => {
    const knuckle = vecSum(knuckles, vecScaled(across, o));
    const tip = tips[i]!;
    const chord = vecDifference(tip, knuckle);
    const length = vecLength(chord);
    // How far the finger turns down from the palm's line to reach its pad: half of it at each joint, at most
    // MAX_ARCH at the middle one (lifted toward the back of the hand by that much).
    const down = Math.atan2(-vecDot(chord, back), Math.max(vecDot(chord, along), 1e-6));
    const arch = Math.min(MAX_ARCH, Math.max(0, down / 2));
    const middle = vecSum(
      vecSum(knuckle, vecScaled(chord, 0.5)),
      vecScaled(back, (length / 2) * Math.tan(arch)),
    );
    return { knuckle, middle, tip };
  });
}
