import type { ClientPosition, ContactTool, PractitionerPosture } from '../ids.js';
import type { HandState } from '../moment.js';
import { posedDirection, posedPoint } from './client-pose.js';
import type { HandShape, PosedHand, PoseMove } from './pose-types.js';
import { restSurfaceNormal, restSurfacePoint } from './rest-body.js';
import { type Vec3, vecCross, vecDifference, vecDot, vecLength, vecScaled, vecSum, vecUnit } from './vec3.js';

/** BODY-PROPORTIONS "In depth": upper arm and forearm, for a practitioner of the client's height. */
export const UPPER_ARM = 0.186;
export const FOREARM = 0.146;
/** Half the shoulder width (acromion to acromion 0.259). */
const HALF_SHOULDERS = 0.13;
/** Standing: shoulders 0.818 of the height above the floor, the table top about 0.42: 0.40 above the table. */
const STANDING_SHOULDER_Z = 0.4;
/** Seated at the head: shoulders about 0.20 above the table top. */
const SEATED_SHOULDER_Z = 0.2;
/** Seated at the head, before leaning: the middle of the shoulder line, and half its width. */
export const SEATED_SHOULDERS: { readonly centre: Vec3; readonly halfWidth: number } = {
  centre: [0, -0.14, SEATED_SHOULDER_Z],
  halfWidth: HALF_SHOULDERS,
};
/**
 * The table's half-width (0.40 H wide) and where a standing practitioner's shoulders are from its edge: above it,
 * hips against the table and the trunk leaning in (from above, the shoulders then lie in the picture, not under the
 * captions; 0.12 H out they stood upright a step back, the upper arms running off the canvas).
 */
const TABLE_HALF_WIDTH = 0.2;
const STANDING_OFF_EDGE = 0;
/**
 * Standing at a side, the shoulders this far (body heights) back along the table from the hands, against the way
 * the fingers point: the practitioner stands behind a stroke along the body, so each forearm comes from behind its
 * hand instead of folding back over it.
 */
const BEHIND_THE_HANDS = 0.15;
/**
 * Palm on palm, how strongly each elbow bends back toward where the practitioner stands (against their facing),
 * beside the pull behind the hand: strong enough that the forward arm's elbow stays on its own side of the other arm.
 */
const STACKED_ELBOW_BACK = 4;
/** Standing at the feet: the shoulders a step beyond the end of the table. */
const FEET_SHOULDER_Y = 1.24;
/**
 * A thumb-pad hand's fingers turned this far out from the thumb's line (away from the thumb's side): thumbs beside
 * the spine, the fingers rest on the back's side, not on toward the neck.
 */
const THUMB_PAD_TURN = (45 * Math.PI) / 180;
/** The hand's thickness at the palm. */
const HAND_THICKNESS = 0.014;
/** How far a hand lifted off the skin (a stroke's return in the air) is from it. */
const LIFTED_HAND = 0.03;
/** How far a cupping hand's fingertips and thumb stand off the skin they curve over (their own radius and a little). */
const CUPPED_FINGERS_LIFT = 0.012;
/**
 * The practitioner's limbs' radii where they touch (BODY-PROPORTIONS.md: a forearm about 0.04 H across at the elbow,
 * a fingertip's pad about 0.01 H): a pressing part's axis lies this far off the skin, so its pad touches the contact
 * and the rest of the hand lies above the surface, never in it. The pictures draw the limbs at these radii.
 */
export const LIMB_RADII = {
  fingertip: 0.0046,
  thumbTip: 0.0056,
  forearmAtElbow: 0.019,
  forearmAtWrist: 0.0135,
} as const;

/**
 * Standing at a side, how strongly an elbow bends back along its hand's line, away from where the fingers point:
 * with the pull outward alone, an arm reaching across the practitioner toward a hand whose fingers point back past
 * the shoulder would bend its elbow on beyond the hand, the forearm folded back over it.
 */
const ELBOW_BEHIND_HAND = 2.5;

/**
 * Standing at a side, the most an elbow bends back toward the practitioner's own body, against the way they face:
 * a bent arm's elbow stays by their side, its forearm reaching forward to the hand. Pulled only along the table
 * (out, and behind the hand), an arm whose shoulder stands level with its hand or ahead of it (the lean that brings
 * the other hand within reach) laid its elbow along the table beyond both shoulder and wrist, and from above the arm
 * zig-zagged (shoulder, elbow back toward the feet, wrist forward again), an arm no one has. Only as much of this
 * pull is taken as keeps the elbow within ZIGZAG_MOST of that span: more turns the forearm square to its hand.
 */
const ELBOW_TOWARD_BODY = 10;
/** How far (body heights) an elbow may lie along the table beyond both its shoulder and its wrist: about 3.5 cm. */
const ZIGZAG_MOST = 0.02;

/**
 * The pull that puts an elbow behind a hand laid along the body: against the fingers' direction, level with the
 * table, and back toward the practitioner's body by `towardBody` (ELBOW_TOWARD_BODY at most). A hand that holds or
 * grasps a limb takes it from the side, its arm with it: no pull.
 */
function behindTheHand(hand: PosedHand, facing: Vec3, towardBody = 0): Vec3 {
  if (hand.isHolding || hand.shape === 'grasp') return [0, 0, 0];
  const level: Vec3 = [hand.direction[0], hand.direction[1], 0];
  if (vecLength(level) < 1e-6) return [0, 0, 0];
  return vecSum(vecScaled(vecUnit(level), -ELBOW_BEHIND_HAND), vecScaled(facing, -towardBody));
}

/** How far (body heights) an elbow lies along the table beyond both its shoulder and its wrist, toward the other shoulder. */
function zigzag(s: Vec3, elbow: Vec3, w: Vec3, other: Vec3): number {
  const inward = Math.sign(other[1] - s[1]);
  return Math.min((elbow[1] - s[1]) * inward, (elbow[1] - w[1]) * inward);
}

/** The hand's shape for each contact tool (ILLUSTRATION.md: the shape of the hand is the tool). */
export const TOOL_SHAPES: Readonly<Record<ContactTool, HandShape>> = {
  palm: 'flat-palm',
  'stacked-palms': 'palm-on-palm',
  fingertips: 'two-fingertips',
  thumb: 'thumb-pad',
  forearm: 'forearm-flat',
  'whole-hand': 'grasp',
  fingers: 'pinch',
};

/**
 * The body frame's handedness: +1 face up, −1 face down. Its x runs to the client's left (negative) and right
 * whichever way they lie (BODY-PROPORTIONS.md), so turning them over mirrors it: face down, a cross product with z
 * up points the other way from the practitioner's own right or left.
 */
function frameHandedness(position: ClientPosition): 1 | -1 {
  return position === 'prone' ? -1 : 1;
}

/**
 * Where the practitioner's shoulders are before leaning: the middle of the shoulder line, which way they face, and
 * their own right (facing × up, in the body frame's handedness), so the left shoulder is on their left wherever
 * they stand or sit and however the client lies.
 */
function shoulderBase(
  place: 'left' | 'right' | 'head' | 'feet',
  posture: PractitionerPosture,
  position: ClientPosition,
  contacts: readonly Vec3[],
  along = 0,
): { centre: Vec3; right: Vec3; facing: Vec3 } {
  const facedFrom = (centre: Vec3, facing: Vec3) => ({
    centre,
    right: vecScaled(vecCross(facing, [0, 0, 1]), frameHandedness(position)),
    facing,
  });
  const meanY = contacts.length ? contacts.reduce((s, c) => s + c[1], 0) / contacts.length : 0.5;
  const meanX = contacts.length ? contacts.reduce((s, c) => s + c[0], 0) / contacts.length : 0;
  const edge = TABLE_HALF_WIDTH + STANDING_OFF_EDGE;
  // Seated beside the table or at its end (the seed's lift: "sit on the side of the massaged one"), the shoulders are
  // as low as seated at the head.
  const z = posture === 'seated' ? SEATED_SHOULDER_Z : STANDING_SHOULDER_Z;
  switch (place) {
    case 'head':
      return facedFrom(vecSum(SEATED_SHOULDERS.centre, [meanX * 0.5, 0, 0]), [0, 1, 0]);
    case 'feet':
      // A step back from the end of the table (1.035), so the arms reach in from beyond the feet and the foot
      // they work stays in sight between them (from the side, arms over the foot hide its flex); centred on the leg
      // the hands work, so neither arm reaches across the other leg.
      return facedFrom([meanX, FEET_SHOULDER_Y, z], [0, -1, 0]);
    case 'left':
      return facedFrom([-edge, meanY - BEHIND_THE_HANDS * along, z], [1, 0, 0]);
    case 'right':
      return facedFrom([edge, meanY - BEHIND_THE_HANDS * along, z], [-1, 0, 0]);
  }
}

/** The elbow of a two-bone arm from shoulder s to wrist w, bending toward `pole`. */
function elbowOf(s: Vec3, w: Vec3, pole: Vec3): Vec3 {
  const sw = vecDifference(w, s);
  const d = Math.max(
    Math.abs(UPPER_ARM - FOREARM) + 1e-3,
    Math.min(vecLength(sw), UPPER_ARM + FOREARM - 1e-4),
  );
  const u = vecUnit(sw);
  const cosA = (UPPER_ARM * UPPER_ARM + d * d - FOREARM * FOREARM) / (2 * UPPER_ARM * d);
  const sinA = Math.sqrt(Math.max(0, 1 - cosA * cosA));
  let n = vecDifference(pole, vecScaled(u, vecDot(pole, u)));
  if (vecLength(n) < 1e-6) n = vecCross(u, [1, 0, 0]);
  n = vecUnit(n);
  return vecSum(s, vecSum(vecScaled(u, UPPER_ARM * cosA), vecScaled(n, UPPER_ARM * sinA)));
}

interface HandJoints {
  readonly wrist: Vec3;
  readonly palm: Vec3;
  readonly fingertip: Vec3;
  readonly thumbTip: Vec3;
  /** The forearm lies on the body: its elbow is fixed there. */
  readonly elbow?: Vec3;
  /** Fingers spread, each pad on the skin: the index, ring and little fingers' tips (the middle's is `fingertip`). */
  readonly spreadTips?: readonly [Vec3, Vec3, Vec3];
}

/** A point of the skin nearest a point, and the skin's outward normal there. */
type SurfaceSnap = (p: Vec3) => { point: Vec3; normal: Vec3 };

/** A point lifted to the table top if it lies below it. */
function aboveTable(q: Vec3): Vec3 {
  return q[2] < 0.004 ? [q[0], q[1], 0.004] : q;
}

/** The hand's joints for its shape, from the contact point, the finger direction and the surface's normal. */
function handJoints(
  shape: HandShape,
  c: Vec3,
  d: Vec3,
  n: Vec3,
  thumbSide: Vec3,
  isOnTop: boolean,
  options: {
    isPushing?: boolean;
    isCupping?: boolean;
    snap?: SurfaceSnap;
    fanToward?: Vec3;
    isHolding?: boolean;
  } = {},
): HandJoints {
  const isPushing = options.isPushing ?? false;
  const at = (...terms: [Vec3, number][]): Vec3 =>
    terms.reduce<Vec3>((p, [v, k]) => vecSum(p, vecScaled(v, k)), c);
  switch (shape) {
    case 'two-fingertips':
      return {
        fingertip: at([n, LIMB_RADII.fingertip]),
        palm: at([d, -0.05], [n, 0.04]),
        wrist: at([d, -0.095], [n, 0.06]),
        thumbTip: at([d, -0.03], [n, 0.03], [thumbSide, 0.03]),
      };
    case 'thumb-pad': {
      // The thumb's pad on the contact, the palm beside it away from the thumb, and the hand turned out from the
      // thumb's line: the fingers rest on the skin fanned out halfway between the thumb's way and away from it (round
      // the side of the back or the limb, never on along the thumb's line toward the neck), each pad on the skin
      // where it curves away; the wrist behind the palm, lifted. A hand that only holds (the foot, for the other
      // hand's thumb) keeps its fingers along its line, out of the way of the working thumb.
      const turn = options.isHolding ? 0 : THUMB_PAD_TURN;
      const out = vecUnit(vecSum(vecScaled(d, Math.cos(turn)), vecScaled(thumbSide, -Math.sin(turn))));
      const palm = at([thumbSide, -0.035], [d, -0.01], [n, 0.03]);
      const reach = vecSum(at([thumbSide, -0.035], [d, -0.01]), vecScaled(out, 0.065));
      const onSkin = options.snap ? options.snap(reach) : null;
      return {
        thumbTip: at([n, LIMB_RADII.thumbTip]),
        palm,
        wrist: vecSum(vecSum(palm, vecScaled(out, -0.05)), vecScaled(n, 0.02)),
        fingertip: onSkin
          ? vecSum(onSkin.point, vecScaled(onSkin.normal, LIMB_RADII.fingertip))
          : vecSum(reach, vecScaled(n, 0.008)),
      };
    }
    case 'forearm-flat':
      return {
        // The flat of the forearm on the skin at the contact, between elbow and wrist.
        elbow: at([d, -0.075], [n, LIMB_RADII.forearmAtElbow]),
        wrist: at([d, 0.07], [n, LIMB_RADII.forearmAtWrist]),
        palm: at([d, 0.115], [n, 0.03]),
        fingertip: at([d, 0.165], [n, 0.03]),
        thumbTip: at([d, 0.12], [n, 0.045], [thumbSide, 0.025]),
      };
    case 'grasp':
      if (options.isCupping)
        // A hand cupping the end of the limb (the sole, facing the practitioner) pushes it: the palm on the skin, the
        // fingers and the thumb along it, a little curved over it; the forearm behind the palm, above the table.
        return {
          palm: at([n, HAND_THICKNESS]),
          wrist: aboveTable(at([d, -0.03], [n, 0.06])),
          fingertip: at([d, 0.065], [n, CUPPED_FINGERS_LIFT]),
          thumbTip: at([d, 0.015], [thumbSide, 0.04], [n, CUPPED_FINGERS_LIFT]),
        };
      // The palm on the limb, the fingers curled round it and the thumb on the other side: a grasp, not a fist.
      return {
        palm: at([n, HAND_THICKNESS]),
        // A grasp that pushes (a stretch from the end of the limb) has its forearm behind the palm, in line with
        // the push, and above the table top (the foot's end lies at its level).
        wrist: isPushing ? aboveTable(at([d, -0.025], [n, 0.065])) : at([d, -0.05], [n, 0.03]),
        fingertip: at([d, 0.045], [n, isOnTop ? -0.045 : 0.045]),
        thumbTip: at([d, 0.01], [thumbSide, 0.035], [n, isOnTop ? -0.03 : 0.03]),
      };
    case 'spread-fingers': {
      // Fingers apart, each pad on the skin as when washing hair, fanned from the contact along the surface across
      // the fingers, toward `fanToward` (on the scalp: toward the crown, away from the face), the palm arched over
      // them: two hands working either side of a line lie side by side, never across each other. On a curved surface
      // (the skull) each pad lies on the skin where it curves away.
      const snap: SurfaceSnap =
        options.snap ??
        ((p) => ({ point: vecDifference(p, vecScaled(n, vecDot(vecDifference(p, c), n))), normal: n }));
      const across = vecCross(n, d);
      const toward = options.fanToward ?? thumbSide;
      const e = vecDot(across, toward) >= 0 ? across : vecScaled(across, -1);
      const pad = (k: number, along: number, r: number): Vec3 => {
        const q = snap(at([e, k], [d, along]));
        return vecSum(q.point, vecScaled(q.normal, r));
      };
      const r = LIMB_RADII.fingertip;
      // The little finger first when the fan runs toward the thumb, else the index (the thumb then just behind it).
      const isFromLittle = vecDot(e, thumbSide) > 0;
      const [index, middle, ring, little] = isFromLittle ? [0.06, 0.04, 0.02, 0] : [0, 0.02, 0.04, 0.06];
      return {
        fingertip: pad(middle, 0, r),
        palm: at([e, 0.03], [d, -0.045], [n, 0.035]),
        wrist: at([e, 0.03], [d, -0.09], [n, 0.05]),
        thumbTip: isFromLittle
          ? pad(0.078, -0.035, LIMB_RADII.thumbTip)
          : pad(0, -0.045, LIMB_RADII.thumbTip),
        spreadTips: [pad(index, -0.005, r), pad(ring, -0.004, r), pad(little, -0.012, r)],
      };
    }
    case 'pinch':
      return {
        fingertip: c,
        thumbTip: at([thumbSide, 0.012]),
        palm: at([d, -0.045], [n, 0.03]),
        wrist: at([d, -0.09], [n, 0.045]),
      };
    default: {
      // Flat palm, and palm on palm (the top hand lifted by the lower hand's thickness).
      const lift = shape === 'palm-on-palm' ? HAND_THICKNESS : 0;
      // A hand 0.108 H long (BODY-PROPORTIONS "In depth"): the palm's centre on the contact, the fingers flat ahead.
      return {
        palm: at([n, HAND_THICKNESS / 2 + lift]),
        wrist: at([d, -0.045], [n, 0.018 + lift]),
        fingertip: at([d, 0.062], [n, 0.004 + lift]),
        thumbTip: at([d, 0.012], [thumbSide, 0.042], [n, 0.006 + lift]),
      };
    }
  }
}

/**
 * The moves that carry a hand's contact. A hand under the body lies on the table: an arched back rises off it (the
 * seed's spine extension: the client lifts the back so the palms can slide in under it) instead of carrying it up.
 */
function contactMoves(moves: readonly PoseMove[], isUnder: boolean): readonly PoseMove[] {
  return isUnder ? moves.filter((m) => m.kind !== 'bump') : moves;
}

/** The table top's extent (a little beyond the body at each end), and how high a forearm lying on it reaches. */
const TABLE_Y = [-0.035, 1.035] as const;
const FOREARM_ON_TABLE_Z = 0.02;

/**
 * An elbow kept out of the table: over the table top and below a forearm's thickness on it, the elbow turns about
 * the shoulder–wrist line (the arm's lengths kept) to the nearest place where it rests on the table or above it. A
 * forearm reaching under the body lies on the table, never in it.
 */
function elbowOffTable(s: Vec3, w: Vec3, elbow: Vec3): Vec3 {
  const isOverTable =
    Math.abs(elbow[0]) <= TABLE_HALF_WIDTH && elbow[1] >= TABLE_Y[0] && elbow[1] <= TABLE_Y[1];
  if (elbow[2] >= FOREARM_ON_TABLE_Z || !isOverTable) return elbow;
  // The elbows the two lengths allow lie on a circle round the shoulder–wrist line: centre c, radius r, spanned by
  // u (toward the elbow now) and v. Its height is c_z + r·A·cos(θ − φ); θ = 0 is the elbow now.
  const axis = vecUnit(vecDifference(w, s));
  const toElbow = vecDifference(elbow, s);
  const c = vecSum(s, vecScaled(axis, vecDot(toElbow, axis)));
  const radial = vecDifference(elbow, c);
  const r = vecLength(radial);
  if (r < 1e-6) return [elbow[0], elbow[1], FOREARM_ON_TABLE_Z];
  const u = vecScaled(radial, 1 / r);
  const v = vecCross(axis, u);
  const A = Math.hypot(u[2], v[2]);
  const phi = Math.atan2(v[2], u[2]);
  const at = (theta: number): Vec3 =>
    vecSum(c, vecSum(vecScaled(u, r * Math.cos(theta)), vecScaled(v, r * Math.sin(theta))));
  const k = A > 1e-9 ? (FOREARM_ON_TABLE_Z - c[2]) / (r * A) : 2;
  // The whole circle lies below the table top: its highest point.
  if (k >= 1) return at(phi);
  // The nearer of the two places where the circle rises through the forearm's height on the table.
  const half = Math.acos(Math.max(-1, k));
  const wrapped = (t: number) => Math.abs(Math.atan2(Math.sin(t), Math.cos(t)));
  const a = phi + half;
  const b = phi - half;
  return at(wrapped(a) <= wrapped(b) ? a : b);
}

/**
 * A direction along the surface (normal `n`) turned to point away from the practitioner (`facing`): its part toward
 * them mirrored, its sideways part kept. Already pointing away, it is unchanged.
 */
function awayFrom(d: Vec3, facing: Vec3, n: Vec3): Vec3 {
  const toward = vecDot(d, facing);
  if (toward >= 0) return d;
  const mirrored = vecDifference(d, vecScaled(facing, 2 * toward));
  const along = vecDifference(mirrored, vecScaled(n, vecDot(mirrored, n)));
  return vecLength(along) > 1e-6 ? vecUnit(along) : d;
}

/**
 * Standing at the feet, how far at least a hand's fingers point away from the practitioner, along the skin (the
 * cosine of the largest angle between them and the way the practitioner faces): the hand reaches in from beyond the
 * foot, its wrist on their side of the contact, so the forearm comes from where they stand instead of lying back
 * across the heel or the sole it works on.
 */
const LEAST_AWAY_AT_FEET = Math.cos((60 * Math.PI) / 180);

/**
 * A direction along the surface (normal `n`) turned toward `facing` (away from the practitioner) until it points
 * at least LEAST_AWAY_AT_FEET that way, keeping the side it leans to. Already pointing away enough, it is unchanged.
 */
function turnedAway(d: Vec3, facing: Vec3, n: Vec3): Vec3 {
  const f0 = vecDifference(facing, vecScaled(n, vecDot(facing, n)));
  if (vecLength(f0) < 1e-6) return d;
  const f = vecUnit(f0);
  const away = vecDot(d, f);
  if (away >= LEAST_AWAY_AT_FEET) return d;
  const side0 = vecDifference(d, vecScaled(f, away));
  const side = vecLength(side0) > 1e-6 ? vecUnit(side0) : vecUnit(vecCross(n, f));
  const sin = Math.sqrt(1 - LEAST_AWAY_AT_FEET ** 2);
  return vecUnit(vecSum(vecScaled(f, LEAST_AWAY_AT_FEET), vecScaled(side, sin)));
}

/** The base of the skull on the back of the body (the posterior map's y): the scalp lies above it. */
const SKULL_BASE_Y = 0.115;
/** The skull, supine, as an ellipsoid: its centre and half-axes across (x), along (y) and up (z) (BODY-PROPORTIONS). */
const SKULL = { centre: [0, 0.062, 0.056] as Vec3, half: [0.047, 0.064, 0.056] as Vec3 };

/**
 * A point of the scalp (the posterior map's x, y above the base of the skull) on the skull, supine: the map's y
 * runs from the crown (0, the end of the head toward the practitioner at the head) round under the back of the head
 * to the base of the skull, where the head rests on the table. A point beyond the skull's side (a strand of hair
 * drawn out) lies that far out from it, in the air. Under the body where the head lies on the table.
 */
export function scalpPoint(x: number, y: number): { point: Vec3; normal: Vec3; isUnder: boolean } {
  const [cx, cy, cz] = SKULL.centre;
  const [ax, ay, az] = SKULL.half;
  const theta = (Math.min(Math.max(y, 0), SKULL_BASE_Y) / SKULL_BASE_Y) * ((150 * Math.PI) / 180);
  const inX = Math.min(Math.abs(x), ax * 0.85);
  const beyond = Math.abs(x) - inX;
  const sign = x < 0 ? -1 : 1;
  const k = Math.sqrt(1 - (inX / ax) ** 2);
  const on: Vec3 = [cx + sign * inX, cy - ay * k * Math.cos(theta), cz - az * k * Math.sin(theta)];
  const normal = vecUnit([(on[0] - cx) / (ax * ax), (on[1] - cy) / (ay * ay), (on[2] - cz) / (az * az)]);
  return {
    point: vecSum(on, [sign * beyond, 0, 0]),
    normal,
    // Past about 80° round from the crown the back of the head lies on the table: the hand is between them.
    isUnder: theta > (80 * Math.PI) / 180,
  };
}

/**
 * The skull's surface nearest a point (along the line from its centre) and its outward normal there: where the
 * spread fingers of a hand on the scalp lay their pads.
 */
export function skullSurface(p: Vec3): { point: Vec3; normal: Vec3 } {
  const [cx, cy, cz] = SKULL.centre;
  const [ax, ay, az] = SKULL.half;
  const q: Vec3 = [p[0] - cx, p[1] - cy, p[2] - cz];
  const k = Math.hypot(q[0] / ax, q[1] / ay, q[2] / az) || 1;
  const on: Vec3 = [cx + q[0] / k, cy + q[1] / k, cz + q[2] / k];
  return {
    point: on,
    normal: vecUnit([(on[0] - cx) / (ax * ax), (on[1] - cy) / (ay * ay), (on[2] - cz) / (az * az)]),
  };
}

/** Down along a surface (normal `n`): toward the table, or `fallback` where the surface is level. */
function downAlong(n: Vec3, fallback: Vec3): Vec3 {
  const down: Vec3 = [0, 0, -1];
  const along = vecDifference(down, vecScaled(n, vecDot(down, n)));
  return vecLength(along) > 0.2 ? vecUnit(along) : fallback;
}

/** A seated practitioner's shoulder before leaning (`right`: their right). */
function seatedShoulder(centre: Vec3, right: Vec3, arm: 'left' | 'right'): Vec3 {
  return vecSum(centre, vecScaled(right, arm === 'right' ? HALF_SHOULDERS : -HALF_SHOULDERS));
}

/**
 * Fingertips on the crown or the side of the head, seated at the head: the fingers point on along the reach from
 * the shoulder (over the scalp, the hand behind and above the fingertips, the wrist toward the practitioner), not
 * along a stroke that would fold them back. `d` when the reach is square to the scalp.
 */
function reachAlong(d: Vec3, reach: Vec3, n: Vec3): Vec3 {
  const along = vecDifference(reach, vecScaled(n, vecDot(reach, n)));
  return vecLength(along) > 0.2 * vecLength(reach) ? vecUnit(along) : d;
}

/** The middle of each hand's track over the repetition, by the HandState's `hand` (body-frame x and y). */
export type TrackCentres = Readonly<Partial<Record<'left' | 'right', readonly [number, number]>>>;

/** What the practitioner's arms are computed from. */
export interface PractitionerPoseInput {
  readonly position: ClientPosition;
  readonly place: 'left' | 'right' | 'head' | 'feet';
  readonly posture: PractitionerPosture;
  readonly hands: readonly HandState[];
  readonly moves: readonly PoseMove[];
  /** Where each hand works over the whole repetition: the arms are given by these, so no hand changes arm in it. */
  readonly trackCentres?: TrackCentres | undefined;
  /** The working hands' shape when the step names one (not the holding hand's); else each tool's own. */
  readonly handShape?: HandShape;
}

/** How far the working hands' fingers point along the table, toward the feet (+1) or the head (−1), on average. */
function fingersAlong(hands: readonly HandState[]): number {
  const working = hands.filter((h) => !h.isHolding);
  if (working.length === 0) return 0;
  return working.reduce((s, h) => s + Math.sin(h.angle), 0) / working.length;
}

/** Hands whose tracks lie closer than this across the practitioner (body heights) keep the arm of their own name. */
const ARM_TIE = 0.01;

/**
 * Each hand's arm: the hand further to the practitioner's right takes the right arm, so the arms never cross. Judged
 * on the middle of each hand's track over the repetition when known (a hand keeps its arm through the stroke, even
 * where two hands taking turns pass each other), else on where the hands are now; hands working side by side
 * along the practitioner's line of sight (their tracks as far to the right) keep the arm of their own name.
 */
function armsOf(
  input: PractitionerPoseInput,
  base: { centre: Vec3; right: Vec3 },
  posed: readonly Vec3[],
): ('left' | 'right')[] {
  const centres = input.hands.map((h) => input.trackCentres?.[h.hand]);
  const isByTrack =
    centres.every((c) => c !== undefined) &&
    (input.hands.length !== 2 || input.hands[0]!.hand !== input.hands[1]!.hand);
  const points: Vec3[] = isByTrack ? centres.map((c) => [c![0], c![1], 0]) : [...posed];
  const frame = isByTrack
    ? shoulderBase(input.place, input.posture, input.position, points, fingersAlong(input.hands))
    : base;
  const rightness = points.map((q) => vecDot(vecDifference(q, frame.centre), frame.right));
  if (points.length !== 2) return rightness.map((r) => (r >= 0 ? 'right' : 'left'));
  if (isByTrack && Math.abs(rightness[0]! - rightness[1]!) < ARM_TIE)
    return [input.hands[0]!.hand, input.hands[1]!.hand];
  return rightness[0]! >= rightness[1]! ? ['right', 'left'] : ['left', 'right'];
}

/**
 * The practitioner's arms: shoulders from where they stand or sit (leaning in when a hand is out of reach),
 * elbows bent outward and down, wrists, palms, fingertips and thumbs shaped by each hand's tool.
 */
export function practitionerPose(input: PractitionerPoseInput): {
  joints: Record<string, Vec3>;
  hands: PosedHand[];
} {
  const { position, place } = input;
  const shown = position === 'prone' ? 'posterior' : 'anterior';
  const contacts = input.hands.map((h) => {
    // Fingertips and fingers on the scalp (not a palm: a palm on the crown would lie over the forehead as seen
    // from the head end; it stays under the head, where the stroke draws it out).
    const isOnScalp =
      place === 'head' &&
      position === 'supine' &&
      h.surface === 'posterior' &&
      h.y <= SKULL_BASE_Y &&
      (h.tool === 'fingertips' || h.tool === 'fingers');
    const scalp = isOnScalp ? scalpPoint(h.x, h.y) : null;
    const surfacePoint = restSurfacePoint(position, h.surface, h.x, h.y);
    // Lifted off the skin: away from it, so a hand under the body (the neck, the shoulders, face up) lowers toward
    // the table, never rises into the body.
    const lift = h.isLifted ? (h.surface === shown ? LIFTED_HAND : -LIFTED_HAND) : 0;
    const offSkin: Vec3 = [surfacePoint[0], surfacePoint[1], surfacePoint[2] + lift];
    const rest: Vec3 = scalp
      ? vecSum(scalp.point, vecScaled(scalp.normal, h.isLifted ? LIFTED_HAND : 0))
      : lift < 0
        ? aboveTable(offSkin)
        : offSkin;
    return { rest, posed: posedPoint(contactMoves(input.moves, h.surface !== shown), rest), scalp };
  });
  const base = shoulderBase(
    place,
    input.posture,
    position,
    contacts.map((c) => c.posed),
    fingersAlong(input.hands),
  );
  // Each hand to the arm on its side of the practitioner, so the arms never cross; one hand takes the nearer arm.
  const arms = armsOf(
    input,
    base,
    contacts.map((c) => c.posed),
  );
  const stackedTop =
    input.hands.length === 2 && input.hands.every((h) => h.tool === 'stacked-palms')
      ? input.hands[0]!.y <= input.hands[1]!.y
        ? 0
        : 1
      : -1;
  const posedHands: PosedHand[] = [];
  const handJointList: HandJoints[] = [];
  input.hands.forEach((h, i) => {
    const c = contacts[i]!;
    // On the scalp, seated at the head: under the body only where the head lies on the table (not on the crown).
    const isUnder = c.scalp ? c.scalp.isUnder : h.surface !== shown;
    const n = vecUnit(
      posedDirection(
        input.moves,
        c.rest,
        c.scalp?.normal ?? restSurfaceNormal(position, h.surface, h.x, h.y),
      ),
    );
    // The fingers lie along the surface: the hand's direction with its part along the normal taken out.
    const d0 = posedDirection(input.moves, c.rest, [Math.cos(h.angle), Math.sin(h.angle), 0]);
    const along = vecDifference(d0, vecScaled(n, vecDot(d0, n)));
    const d1 = vecLength(along) > 0.2 ? vecUnit(along) : vecUnit(vecCross(n, [1, 0, 0]));
    // A grasp takes the limb from the practitioner's side: fingers pointing back at them would put the wrist
    // beyond the limb and fold the arm over it.
    const d2 = TOOL_SHAPES[h.tool] === 'grasp' && vecDot(d1, base.facing) < -0.5 ? vecScaled(d1, -1) : d1;
    // A step may give its working hands another shape than their tool's (spread fingers on the scalp).
    let shape = !h.isHolding && input.handShape ? input.handShape : TOOL_SHAPES[h.tool];
    if (shape === 'palm-on-palm' && i !== stackedTop) shape = 'flat-palm';
    // Seated at the head, a hand under the body (the neck, the shoulders, the back of the head) reaches in palm up
    // from the practitioner: its fingers point away from them, the wrist toward them (fingers pointing back would
    // fold the forearm over the client's head); the stroke draws the hand back toward them, wrist first.
    // Spread over the scalp, as when washing hair, the fingers run down round the skull toward the table (never up
    // over the forehead), the palm over the crown.
    const d =
      shape === 'spread-fingers' && c.scalp
        ? downAlong(n, d2)
        : place === 'feet' && shape !== 'grasp'
          ? turnedAway(d2, base.facing, n)
          : place === 'head' && isUnder
            ? awayFrom(d2, base.facing, n)
            : c.scalp
              ? reachAlong(d2, vecDifference(c.posed, seatedShoulder(base.centre, base.right, arms[i]!)), n)
              : d2;
    // Palm down, the right hand's thumb is on the left of the fingers' direction; palm up, the other way (n × d
    // is that left in a frame of the face-up handedness).
    const leftOfD = vecScaled(vecCross(n, d), frameHandedness(position));
    const thumbSide = arms[i] === 'right' ? leftOfD : vecScaled(leftOfD, -1);
    // From the end of the limb a grasp pushes (the sole toward the shin, or a sole facing up); one on skin that faces
    // away from the practitioner (the top of a prone foot, Figure 116) pulls it toward them, its wrist on their side.
    const skinTowardPractitioner = -vecDot(n, base.facing);
    const isPushing = place === 'feet' && !h.isHolding && shape === 'grasp' && skinTowardPractitioner >= -0.5;
    // Skin facing the practitioner (the sole of a prone foot hanging from the bolster, Figure 115) is cupped, not
    // gripped: fingers curled round it would run through the foot.
    const isCupping = isPushing && skinTowardPractitioner > 0.5;
    // On the scalp the skin is the skull's; on the top of a body at rest, the rest body's (the back curves down to
    // the flank under the fingers); elsewhere (a side of the ankle, the sole) the plane the contact lies in.
    const snap: SurfaceSnap | undefined = c.scalp
      ? skullSurface
      : input.moves.length === 0 && !isUnder && n[2] > 0.7
        ? (q) => ({
            point: restSurfacePoint(position, h.surface, q[0], q[1]),
            normal: restSurfaceNormal(position, h.surface, q[0], q[1]),
          })
        : undefined;
    // Spread fingers on the scalp fan toward the crown (and out from the midline there), away from the face.
    const fanToward: Vec3 | undefined = c.scalp ? [c.posed[0] >= 0 ? 0.5 : -0.5, -1, 0] : undefined;
    const joints = handJoints(shape, c.posed, d, n, thumbSide, !isUnder, {
      isPushing,
      isCupping,
      isHolding: h.isHolding,
      ...(snap ? { snap } : {}),
      ...(fanToward ? { fanToward } : {}),
    });
    // A hand under the body lies on the table, never in it.
    const onTable = (q: Vec3): Vec3 => (isUnder ? aboveTable(q) : q);
    const tips = joints.spreadTips;
    handJointList.push({
      wrist: onTable(joints.wrist),
      palm: onTable(joints.palm),
      fingertip: onTable(joints.fingertip),
      thumbTip: onTable(joints.thumbTip),
      ...(joints.elbow ? { elbow: joints.elbow } : {}),
      ...(tips ? { spreadTips: [onTable(tips[0]), onTable(tips[1]), onTable(tips[2])] as const } : {}),
    });
    posedHands.push({
      hand: h.hand,
      tool: h.tool,
      shape,
      arm: arms[i]!,
      contact: c.posed,
      isUnder,
      isHolding: h.isHolding,
      isLifted: h.isLifted,
      direction: d,
    });
  });
  // Lean in until every wrist (or a forearm's elbow) is within reach.
  const reach = (UPPER_ARM + FOREARM) * 0.92;
  const shoulderAt = (side: 'left' | 'right', centre: Vec3): Vec3 =>
    vecSum(centre, vecScaled(base.right, side === 'right' ? HALF_SHOULDERS : -HALF_SHOULDERS));
  let centre = base.centre;
  for (let pass = 0; pass < 3; pass++) {
    let worst: Vec3 = [0, 0, 0];
    let worstExcess = 0;
    handJointList.forEach((j, i) => {
      const target = j.elbow ?? j.wrist;
      const limit = j.elbow ? UPPER_ARM * 0.98 : reach;
      const s = shoulderAt(arms[i]!, centre);
      const gap = vecDifference(target, s);
      const excess = vecLength(gap) - limit;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = vecScaled(vecUnit(gap), excess);
      }
    });
    if (worstExcess <= 1e-6) break;
    // Lean toward the hands and down a little (the trunk bends over the table), never below the table top + 0.12.
    centre = [centre[0] + worst[0], centre[1] + worst[1], Math.max(0.12, centre[2] + worst[2])];
  }
  const joints: Record<string, Vec3> = {};
  for (const side of ['left', 'right'] as const) joints[`shoulder-${side}`] = shoulderAt(side, centre);
  // A forearm laid on the body fixes its elbow: the shoulder sits one upper arm from it, toward where the shoulder
  // stands before leaning (the lean toward the elbows would bring it down over the client's back, even over the
  // spine, where no shoulder is).
  handJointList.forEach((j, i) => {
    if (!j.elbow) return;
    const key = `shoulder-${arms[i]!}`;
    const s = shoulderAt(arms[i]!, base.centre);
    joints[key] = vecSum(j.elbow, vecScaled(vecUnit(vecDifference(s, j.elbow)), UPPER_ARM));
  });
  joints.neck = vecSum(centre, [0, 0, 0.07]);
  handJointList.forEach((j, i) => {
    const arm = arms[i]!;
    const s = joints[`shoulder-${arm}`]!;
    const outward = vecScaled(base.right, arm === 'right' ? 1 : -1);
    // Elbows out and down. At a side, behind a hand laid along the body, and pulled `towardBody` back toward the
    // practitioner's own body (behindTheHand); palm on palm both elbows bend back toward where they stand, not out
    // along the table, so both forearms come in side by side (out along the table, the arm whose shoulder stands
    // beyond the hands folded back across the other: an X). At the feet, back toward the practitioner and only a
    // little out: from the side the arms come in from beyond the foot, from above the far arm stays off the other leg.
    const sidePole = (towardBody: number): Vec3 =>
      stackedTop >= 0
        ? vecSum(
            vecSum(vecScaled(base.facing, -STACKED_ELBOW_BACK), [0, 0, -0.6]),
            behindTheHand(posedHands[i]!, base.facing, towardBody),
          )
        : vecSum(vecSum(outward, [0, 0, -0.6]), behindTheHand(posedHands[i]!, base.facing, towardBody));
    const pole =
      place === 'feet'
        ? vecSum(vecScaled(outward, 0.1), vecSum(vecScaled(base.facing, -0.6), [0, 0, -0.2]))
        : place === 'head'
          ? vecSum(outward, [0, 0, -0.6])
          : sidePole(0);
    let elbow = j.elbow ?? elbowOf(s, j.wrist, pole);
    if (!j.elbow && place !== 'feet' && place !== 'head') {
      // An elbow laid along the table across the practitioner's front, beyond both shoulder and wrist: pulled back
      // toward their body just enough (the least pull, found by halving) to end the zig-zag.
      const other = joints[`shoulder-${arm === 'left' ? 'right' : 'left'}`]!;
      const elbowPulled = (k: number) => elbowOf(s, j.wrist, sidePole(k));
      if (zigzag(s, elbow, j.wrist, other) > ZIGZAG_MOST) {
        let [lo, hi] = [0, ELBOW_TOWARD_BODY];
        for (let step = 0; step < 12; step++) {
          const mid = (lo + hi) / 2;
          if (zigzag(s, elbowPulled(mid), j.wrist, other) > ZIGZAG_MOST) lo = mid;
          else hi = mid;
        }
        elbow = elbowPulled(hi);
      }
    }
    joints[`elbow-${arm}`] = posedHands[i]!.isUnder ? elbowOffTable(s, j.wrist, elbow) : elbow;
    joints[`wrist-${arm}`] = j.wrist;
    joints[`palm-${arm}`] = j.palm;
    joints[`fingertip-${arm}`] = j.fingertip;
    joints[`thumb-tip-${arm}`] = j.thumbTip;
    if (j.spreadTips) {
      joints[`index-tip-${arm}`] = j.spreadTips[0];
      joints[`ring-tip-${arm}`] = j.spreadTips[1];
      joints[`little-tip-${arm}`] = j.spreadTips[2];
    }
  });
  // An arm with no work hangs at the side (or rests, seated).
  for (const arm of ['left', 'right'] as const) {
    if (joints[`wrist-${arm}`]) continue;
    const s = joints[`shoulder-${arm}`]!;
    const elbow = vecSum(s, [0, 0, -UPPER_ARM]);
    const wrist = vecSum(elbow, vecScaled(base.facing, FOREARM * 0.5));
    const wristLow = vecSum(wrist, [0, 0, -FOREARM * 0.85]);
    joints[`elbow-${arm}`] = elbow;
    joints[`wrist-${arm}`] = wristLow;
    joints[`palm-${arm}`] = vecSum(wristLow, [0, 0, -0.045]);
    joints[`fingertip-${arm}`] = vecSum(wristLow, [0, 0, -0.1]);
    joints[`thumb-tip-${arm}`] = vecSum(vecSum(wristLow, vecScaled(base.facing, 0.025)), [0, 0, -0.06]);
  }
  return { joints, hands: posedHands };
}
