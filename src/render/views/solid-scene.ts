import { posedPoint } from '../../core/pose/client-pose.js';
import type { Pose, PosedHand } from '../../core/pose/pose-types.js';
import { LIMB_RADII, SEATED_SHOULDERS } from '../../core/pose/practitioner-pose.js';
import { restClientJoints, restSurfaceHeight, trunkProfile } from '../../core/pose/rest-body.js';
import {
  type Vec3,
  vecDifference,
  vecDot,
  vecLength,
  vecScaled,
  vecSum,
  vecUnit,
} from '../../core/pose/vec3.js';
import type { XY } from '../svg.js';
import type { Camera } from './camera.js';
import { handFrame, KNUCKLE_OFFSETS, spreadFingers } from './spread-fingers.js';

/** A drawn shape in screen pixels: a tapered capsule, a polygon or an ellipse. */
export type Prim =
  | {
      readonly kind: 'blob';
      readonly a: XY;
      readonly b: XY;
      readonly ra: number;
      readonly rb: number;
      readonly tone?: Tone;
    }
  | {
      readonly kind: 'poly';
      readonly points: readonly XY[];
      readonly tone?: Tone;
      readonly isSmooth?: boolean;
    }
  | {
      readonly kind: 'ellipse';
      readonly c: XY;
      readonly rx: number;
      readonly ry: number;
      readonly tone?: Tone;
    }
  | {
      /** A drawn line inside the shape (a clavicle, a closed eye, the drape's edge): stroked, never outlined. */
      readonly kind: 'line';
      readonly points: readonly XY[];
      readonly tone?: Tone;
      readonly isSmooth?: boolean;
    };

/** Which fill a shape takes inside its group. */
export type Tone = 'skin' | 'shade' | 'sleeve' | 'hand' | 'holding' | 'hair' | 'drape';

/** Shapes drawn together with one outline round their union. */
export interface SceneGroup {
  readonly id: string;
  readonly role: 'client' | 'client-far' | 'practitioner' | 'practitioner-body' | 'ghost';
  /** Larger: farther from the camera, drawn first. */
  readonly depth: number;
  readonly prims: readonly Prim[];
  /** The hand lies between the body and the table: drawn behind the body, and cut away in a side view. */
  readonly isUnder?: boolean;
  /** Its forearm lies under the body too (the elbow low over the table top): cut away with the hand. */
  readonly isForearmUnder?: boolean;
}

/** Client arm at rest along the side (left; the right mirrors it): elbow, wrist, fingertips. */
const CLIENT_ARM: readonly Vec3[] = [
  [-0.145, 0.37, 0.045],
  [-0.145, 0.48, 0.035],
  [-0.14, 0.575, 0.025],
];

function blob(camera: Camera, a: Vec3, b: Vec3, ra: number, rb: number, tone?: Tone): Prim {
  return {
    kind: 'blob',
    a: camera.project(a),
    b: camera.project(b),
    ra: ra * camera.scaleAt(a),
    rb: rb * camera.scaleAt(b),
    ...(tone ? { tone } : {}),
  };
}

/**
 * The head from the side (BODY-PROPORTIONS.md: 0.112 H front to back, crown to chin about 0.125): the skull as an
 * ellipse, the hair a cap over the crown and the back of the head, an ear, and the nose on the face's side (up face
 * up; face down it is in the cradle, not drawn).
 */
const HEAD = {
  centreY: 0.063,
  centreZ: 0.056,
  halfLength: 0.064,
  halfDepth: 0.056,
  neckFrom: 0.115,
} as const;

function headPrims(pose: Pose, camera: Camera): Prim[] {
  const s = camera.scale;
  const isFaceUp = pose.position !== 'prone';
  // The face's side of the head: up face up, down face down.
  const faceSign = isFaceUp ? 1 : -1;
  const at = (y: number, z: number) => camera.project(posedPoint(pose.moves, [0, y, z]));
  const ellipse = (y: number, z: number, ry: number, rz: number, tone?: Tone): Prim => ({
    kind: 'ellipse',
    c: at(y, z),
    rx: ry * s,
    ry: rz * s,
    ...(tone ? { tone } : {}),
  });
  const { centreY: cy, centreZ: cz, halfLength: hl, halfDepth: hd } = HEAD;
  const prims: Prim[] = [
    // The hair: the skull's ellipse moved toward the crown and the back of the head; the face covers the rest.
    ellipse(cy - 0.006, cz - faceSign * 0.006, hl, hd, 'hair'),
    ellipse(cy + 0.004, cz + faceSign * 0.005, hl - 0.004, hd - 0.004),
    ellipse(cy + 0.004, cz - faceSign * 0.004, 0.011, 0.016, 'shade'),
  ];
  if (isFaceUp) {
    // The nose, a small round rise on the face (not a spike).
    const nose = (y: number, z: number) => posedPoint(pose.moves, [0, y, z]);
    prims.push(blob(camera, nose(0.07, cz + hd - 0.004), nose(0.083, cz + hd + 0.006), 0.006, 0.0065));
  }
  return prims;
}

interface TrunkSample {
  readonly y: number;
  readonly top: number;
  readonly bottom: number;
  readonly halfWidth: number;
}

/**
 * Monotone cubic slopes (Fritsch–Carlson) of a profile through its stations: a curve with no corner at a station
 * and no bump the stations do not have (a peak or a trough is flat at its station).
 */
function monotoneSlopes(ys: readonly number[], vs: readonly number[]): number[] {
  const n = ys.length;
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) d.push((vs[i + 1]! - vs[i]!) / (ys[i + 1]! - ys[i]!));
  const m: number[] = [d[0] ?? 0];
  for (let i = 1; i < n - 1; i++) {
    const a = d[i - 1]!;
    const b = d[i]!;
    m.push(a * b <= 0 ? 0 : (2 * a * b) / (a + b));
  }
  m.push(d[n - 2] ?? 0);
  return m;
}

const trunkSampleCache = new Map<string, readonly TrunkSample[]>();

/**
 * The trunk's profile every 0.01 H down the body: top and bottom on smooth curves through the stations (a straight
 * line between stations leaves a corner at each, which an arch of the back lifts into a point), the width linear.
 */
export function trunkSamples(position: Pose['position']): readonly TrunkSample[] {
  const cached = trunkSampleCache.get(position);
  if (cached) return cached;
  const stations = trunkProfile(position);
  const ys = stations.map((s) => s.y);
  const topSlopes = monotoneSlopes(
    ys,
    stations.map((s) => s.top),
  );
  const bottomSlopes = monotoneSlopes(
    ys,
    stations.map((s) => s.bottom),
  );
  const hermite = (v0: number, v1: number, m0: number, m1: number, h: number, t: number) => {
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * v0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * v1 + (t3 - t2) * h * m1
    );
  };
  const samples: TrunkSample[] = [];
  for (let i = 0; i < stations.length - 1; i++) {
    const a = stations[i]!;
    const b = stations[i + 1]!;
    const h = b.y - a.y;
    const n = Math.max(1, Math.round(h / 0.01));
    for (let k = 0; k < n; k++) {
      const t = k / n;
      samples.push({
        y: a.y + h * t,
        top: hermite(a.top, b.top, topSlopes[i]!, topSlopes[i + 1]!, h, t),
        bottom: hermite(a.bottom, b.bottom, bottomSlopes[i]!, bottomSlopes[i + 1]!, h, t),
        halfWidth: a.halfWidth + (b.halfWidth - a.halfWidth) * t,
      });
    }
  }
  samples.push(stations[stations.length - 1]!);
  trunkSampleCache.set(position, samples);
  return samples;
}

/** Across a trunk's section, from one side to the other: where its surface is sampled (fractions of the half-width). */
const SECTION_XS = [-1, -0.9, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 0.9, 1] as const;

/**
 * A trunk sample's outline as the camera sees it: of its section (the shown surface across, the sides down to the
 * underside) the points highest and lowest in the picture. From level with the table they are the midline's top
 * and bottom; from above, the far edge of the back and the near side, so the skin a hand lies on is inside it.
 */
function sectionEdges(pose: Pose, camera: Camera, s: TrunkSample): { top: XY; bottom: XY } {
  const shown = pose.position === 'prone' ? 'posterior' : 'anterior';
  const section: Vec3[] = SECTION_XS.map((k) => {
    const x = k * s.halfWidth;
    return [x, s.y, restSurfaceHeight(pose.position, shown, x, s.y)];
  });
  section.push([-s.halfWidth, s.y, s.bottom], [s.halfWidth, s.y, s.bottom], [0, s.y, s.bottom]);
  let top: XY | null = null;
  let bottom: XY | null = null;
  for (const q of section) {
    const at = camera.project(posedPoint(pose.moves, q));
    if (!top || at.y < top.y) top = at;
    if (!bottom || at.y > bottom.y) bottom = at;
  }
  return { top: top!, bottom: bottom! };
}

/** The trunk and head from the side (or a close-up): one smooth outline of neck and trunk, the head on its own over it. */
function trunkPrims(pose: Pose, camera: Camera): Prim[] {
  const body = trunkSamples(pose.position).filter((s) => s.y >= HEAD.neckFrom);
  const isLevel = camera.kind === 'side';
  const edges = body.map((s) =>
    isLevel
      ? {
          top: camera.project(posedPoint(pose.moves, [0, s.y, s.top])),
          bottom: camera.project(posedPoint(pose.moves, [0, s.y, s.bottom])),
        }
      : sectionEdges(pose, camera, s),
  );
  const top = edges.map((e) => e.top);
  const bottom = edges.map((e) => e.bottom);
  return [
    ...headPrims(pose, camera),
    { kind: 'poly', points: [...top, ...bottom.reverse()], isSmooth: true },
  ];
}

/**
 * Stations down a leg (BODY-PROPORTIONS.md, one thigh 0.05 across at the top, knee 0.032, calf 0.036 at its widest,
 * ankle 0.02): where along hip → knee (0…1) and knee → ankle (1…2), the radius there, and how far the centre sits
 * toward the back of the leg (the hamstrings and the calf bulge behind; the knee narrows between them).
 */
const LEG_STATIONS: readonly (readonly [t: number, r: number, back: number])[] = [
  [0, 0.053, 0],
  [0.5, 0.046, 0.004],
  [0.93, 0.032, 0],
  [1.0, 0.031, -0.001],
  [1.28, 0.035, 0.009],
  [1.65, 0.025, 0.005],
  [2.0, 0.02, 0],
];

function lerp3(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * A leg as a thigh, a knee with its kneecap, a calf and a foot with heel, sole, toes and ankle bone, each point laid
 * out on the leg at rest and posed by the same moves as the joints (so the knee bends and the foot flexes with
 * them).
 */
function legPrims(pose: Pose, camera: Camera, side: 'left' | 'right'): Prim[] {
  const rest = restClientJoints(pose.position);
  const r = (name: string) => rest[`${name}-${side}`]!;
  const hip = r('hip');
  const knee = r('knee');
  const ankle = r('ankle');
  const heel = r('heel');
  const toes = r('toes');
  const posed = (p: Vec3) => posedPoint(pose.moves, p);
  // The back of the leg faces up prone, down supine.
  const back: Vec3 = pose.position === 'prone' ? [0, 0, 1] : [0, 0, -1];
  const centres = LEG_STATIONS.map(([t, radius, b]) => {
    const on = t <= 1 ? lerp3(hip, knee, t) : lerp3(knee, ankle, t - 1);
    return { p: posed(vecSum(on, vecScaled(back, b))), radius };
  });
  const prims: Prim[] = [];
  for (let i = 0; i < centres.length - 1; i++) {
    const a = centres[i]!;
    const b = centres[i + 1]!;
    prims.push(blob(camera, a.p, b.p, a.radius, b.radius));
  }
  // The kneecap, on the front of the knee.
  prims.push(
    blob(
      camera,
      posed(vecSum(knee, vecScaled(back, -0.02))),
      posed(vecSum(knee, vecScaled(back, -0.012))),
      0.017,
      0.017,
    ),
  );
  // The foot in the leg's plane: heel, sole, ball, toes, the top of the foot and the front of the ankle.
  const f = vecUnit(vecDifference(toes, heel));
  let sole: Vec3 = [0, -f[2], f[1]];
  if (vecDot(sole, vecDifference(ankle, heel)) > 0) sole = vecScaled(sole, -1);
  const at = (base: Vec3, ...terms: [Vec3, number][]): Vec3 =>
    posed(terms.reduce<Vec3>((q, [v, k]) => vecSum(q, vecScaled(v, k)), base));
  const footPoints: Vec3[] = [
    at(ankle, [back, 0.017], [f, 0.004]),
    at(heel, [f, -0.014], [sole, 0.002]),
    at(heel, [f, 0.004], [sole, 0.013]),
    at(heel, [f, 0.06], [sole, 0.007]),
    at(heel, [f, 0.1], [sole, 0.012]),
    at(toes, [f, 0.004], [sole, 0.004]),
    at(toes, [f, -0.004], [sole, -0.011]),
    at(lerp3(ankle, toes, 0.5), [sole, -0.02]),
    at(ankle, [back, -0.02], [f, 0.004]),
  ];
  prims.push({ kind: 'poly', points: footPoints.map((q) => camera.project(q)), isSmooth: true });
  if (camera.kind !== 'head') {
    // The ankle bone: a shaded knob where the foot turns.
    const a = posed(ankle);
    const k = camera.scaleAt(a);
    prims.push({ kind: 'ellipse', c: camera.project(a), rx: 0.009 * k, ry: 0.009 * k, tone: 'shade' });
  }
  return prims;
}

function clientArmPrims(pose: Pose, camera: Camera, side: 'left' | 'right'): Prim[] {
  const sign = side === 'left' ? 1 : -1;
  const pts = CLIENT_ARM.map((p) => posedPoint(pose.moves, [p[0] * sign, p[1], p[2]]));
  return [
    blob(camera, pose.client[`shoulder-${side}`]!, pts[0]!, 0.03, 0.026),
    blob(camera, pts[0]!, pts[1]!, 0.025, 0.02),
    blob(camera, pts[1]!, pts[2]!, 0.022, 0.014),
  ];
}

/**
 * The client seen from the head end (the practitioner's own view), as four groups each with its own outline, far to
 * near: the body under a drape from the lower chest to the feet, with the upper chest, its collarbones and round
 * shoulders; the arms lying along the sides on the drape, each to its hand; the neck, from the chest up under the
 * jaw; the head nearest, hair at the crown and, face up, the face upside down (closed eyes, nose, mouth). Every
 * point is a rest point posed by the pose's moves, so the head lifts for traction and the chest rises for the arch.
 */
function headEndClientParts(
  pose: Pose,
  camera: Camera,
): { body: Prim[]; arms: Prim[][]; neck: Prim[]; head: Prim[] } {
  const position = pose.position === 'prone' ? 'prone' : 'supine';
  const isFaceUp = position === 'supine';
  const shown = isFaceUp ? 'anterior' : 'posterior';
  const posed = (p: Vec3) => posedPoint(pose.moves, p);
  const at = (p: Vec3) => camera.project(posed(p));
  const k = (p: Vec3) => camera.scaleAt(posed(p));
  const surface = (x: number, y: number, lift = 0): Vec3 => [
    x,
    y,
    restSurfaceHeight(position, shown, x, y) + lift,
  ];
  const stations = trunkProfile(position);
  const widthAt = (y: number) => {
    for (let i = 1; i < stations.length; i++) {
      const a = stations[i - 1]!;
      const b = stations[i]!;
      if (y <= b.y) return a.halfWidth + ((b.halfWidth - a.halfWidth) * (y - a.y)) / (b.y - a.y);
    }
    return stations[stations.length - 1]!.halfWidth;
  };
  const body: Prim[] = [];
  // The trunk from the base of the neck to the hips: its outline at mid-depth, the shoulders' slope from the neck.
  const trunkYs = [0.16, 0.175, 0.19, 0.2, 0.23, 0.27, 0.32, 0.37, 0.44, 0.5];
  const side = (sign: number) =>
    trunkYs.map((y) => at([sign * Math.min(widthAt(y), 0.118), y, y < 0.19 ? 0.07 : 0.06]));
  body.push({ kind: 'poly', points: [...side(-1), ...side(1).reverse()], isSmooth: true });
  // The round of each shoulder and the slope of the trapezius from the neck out to it.
  for (const sign of [-1, 1]) {
    body.push(blob(camera, posed([sign * 0.03, 0.15, 0.06]), posed([sign * 0.1, 0.18, 0.07]), 0.03, 0.032));
    const shoulder: Vec3 = [sign * 0.118, 0.195, 0.06];
    body.push({
      kind: 'ellipse',
      c: at([sign * 0.112, 0.195, 0.075]),
      rx: 0.04 * k(shoulder),
      ry: 0.034 * k(shoulder),
    });
  }
  // The drape from the lower chest (below the breasts, clear of the palms under the collarbones) over the trunk,
  // the legs and the feet; the arms lie on it.
  const DRAPE_TOP = 0.33;
  const drapeYs = [DRAPE_TOP, 0.4, 0.52, 0.64, 0.76, 0.88, 0.97];
  const drapeHalf = [0.125, 0.13, 0.13, 0.125, 0.12, 0.115, 0.112];
  const drapeSide = (sign: number) => drapeYs.map((y, i) => at([sign * drapeHalf[i]!, y, 0.05]));
  const edge = [-0.125, -0.1, -0.05, 0, 0.05, 0.1, 0.125].map((x) =>
    at(Math.abs(x) > 0.11 ? [x, DRAPE_TOP, 0.07] : surface(x, DRAPE_TOP, 0.008)),
  );
  // The far end of the drape over the feet, the toes up (supine) or the heels (prone): two rises.
  const feet = (
    [
      [0.11, 0.035],
      [0.08, 0.075],
      [0.035, 0.075],
      [0, 0.055],
      [-0.035, 0.075],
      [-0.08, 0.075],
      [-0.11, 0.035],
    ] as const
  ).map(([x, z]) => at([x, 1.0, z]));
  body.push({
    kind: 'poly',
    points: [...edge, ...drapeSide(1).slice(1), ...feet, ...drapeSide(-1).slice(1).reverse()],
    tone: 'drape',
    isSmooth: true,
  });
  body.push({ kind: 'line', points: edge, isSmooth: true });
  if (isFaceUp) {
    // The collarbones, from the notch at the top of the sternum out to the shoulder tips.
    for (const sign of [-1, 1]) {
      body.push({
        kind: 'line',
        points: [0.014, 0.05, 0.085, 0.108].map((x) => at(surface(sign * x, 0.18 + x * 0.04, 0.002))),
        isSmooth: true,
      });
    }
  }
  // The arms along the sides, from the shoulder to the hand, lying beside the body (on the drape below the chest).
  const arms = [-1, 1].map((sign) => {
    const shoulder: Vec3 = [sign * 0.125, 0.2, 0.055];
    const elbow: Vec3 = [sign * 0.15, 0.37, 0.04];
    const wrist: Vec3 = [sign * 0.15, 0.48, 0.035];
    const hand: Vec3 = [sign * 0.145, 0.56, 0.03];
    return [
      blob(camera, posed(shoulder), posed(elbow), 0.032, 0.026),
      blob(camera, posed(elbow), posed(wrist), 0.025, 0.02),
      blob(camera, posed(wrist), posed(hand), 0.02, 0.017),
    ];
  });
  // The neck, from under the jaw to the chest, its sides the sternocleidomastoids.
  const neck: Prim[] = [blob(camera, posed([0, 0.105, 0.055]), posed([0, 0.17, 0.06]), 0.038, 0.044)];
  if (isFaceUp) {
    for (const sign of [-1, 1])
      neck.push({
        kind: 'line',
        points: [
          [0.03, 0.11],
          [0.022, 0.14],
          [0.01, 0.168],
        ].map(([x, y]) => at(surface(sign * x!, y!, 0.002))),
        isSmooth: true,
      });
  }
  // The head: the skull in hair, nearest the eye; face up, the face beyond the hairline, upside down.
  const head: Prim[] = [];
  const skull: Vec3 = [0, 0.062, 0.056];
  const ks = k(skull);
  for (const sign of [-1, 1])
    head.push({ kind: 'ellipse', c: at([sign * 0.046, 0.075, 0.05]), rx: 0.009 * ks, ry: 0.015 * ks });
  head.push({ kind: 'ellipse', c: at(skull), rx: 0.047 * ks, ry: 0.055 * ks, tone: 'hair' });
  if (isFaceUp) {
    const face: Vec3 = [0, 0.088, 0.088];
    head.push({ kind: 'ellipse', c: at(face), rx: 0.038 * k(face), ry: 0.04 * k(face) });
    for (const sign of [-1, 1]) {
      // Closed eyes and the eyebrows above them (toward the crown, so below them in the picture).
      head.push({
        kind: 'line',
        points: [0.008, 0.017, 0.026].map((x, i) => at([sign * x, 0.066 + (i === 1 ? 0.003 : 0), 0.112])),
        isSmooth: true,
      });
      head.push({
        kind: 'line',
        points: [0.006, 0.017, 0.028].map((x, i) => at([sign * x, 0.052 - (i === 1 ? 0.002 : 0), 0.114])),
        isSmooth: true,
      });
    }
    head.push(blob(camera, posed([0, 0.07, 0.118]), posed([0, 0.088, 0.124]), 0.006, 0.009, 'shade'));
    head.push({
      kind: 'line',
      points: [-0.012, 0, 0.012].map((x) => at([x, 0.106 + (x === 0 ? 0.002 : 0), 0.104])),
      isSmooth: true,
    });
  }
  return { body, arms, neck, head };
}

/** The head-end client's groups, far to near: body and drape, the arms on it, the neck, the head. */
function headEndClientGroups(pose: Pose, camera: Camera, role: 'client' | 'ghost'): SceneGroup[] {
  const parts = headEndClientParts(pose, camera);
  return [
    { id: `${role}-body`, role, depth: 0.3, prims: parts.body },
    ...parts.arms.map((prims, i) => ({
      id: `${role}-arm-${i === 0 ? 'left' : 'right'}`,
      role,
      depth: 0.2,
      prims,
    })),
    { id: `${role}-neck`, role, depth: 0.1, prims: parts.neck },
    { id: `${role}-head`, role, depth: 0, prims: parts.head },
  ];
}

/** From the side, the depth of the client's far arm and leg: drawn behind the body and the near limbs. */
const FAR_SIDE_DEPTH = 0.1;

/** The client as groups: the far leg and arm, then the body with the near limbs (side views); one body otherwise. */
export function clientGroups(
  pose: Pose,
  camera: Camera,
  options: { role?: 'client' | 'ghost' } = {},
): SceneGroup[] {
  const role = options.role ?? 'client';
  if (camera.nearSide === null) return headEndClientGroups(pose, camera, role);
  const trunk = trunkPrims(pose, camera);
  const near = camera.nearSide;
  const far = near === 'left' ? 'right' : 'left';
  return [
    {
      id: `${role}-far`,
      role: role === 'ghost' ? 'ghost' : 'client-far',
      depth: FAR_SIDE_DEPTH,
      prims: [...clientArmPrims(pose, camera, far), ...legPrims(pose, camera, far)],
    },
    {
      id: `${role}-body`,
      role,
      depth: 0,
      prims: [...trunk, ...legPrims(pose, camera, near), ...clientArmPrims(pose, camera, near)],
    },
  ];
}

/** One hand's shapes: the palm, four fingers and a distinct thumb, in the hand's pose (ILLUSTRATION.md). */
function handPrims(pose: Pose, camera: Camera, hand: PosedHand): Prim[] {
  const arm = hand.arm;
  const p = pose.practitioner;
  const W = p[`wrist-${arm}`]!;
  const F = p[`fingertip-${arm}`]!;
  const T = p[`thumb-tip-${arm}`]!;
  const { along: a, across: s, knuckles: K } = handFrame(pose, hand);
  const tone: Tone = hand.isHolding ? 'holding' : 'hand';
  const at = (base: Vec3, ...terms: [Vec3, number][]): Vec3 =>
    terms.reduce<Vec3>((q, [v, k]) => vecSum(q, vecScaled(v, k)), base);
  const isGrasp = hand.shape === 'grasp';
  const palm: Prim = {
    kind: 'poly',
    points: [at(W, [s, 0.017]), at(K, [s, 0.0235]), at(K, [s, -0.0235]), at(W, [s, -0.017])].map((q) =>
      camera.project(q),
    ),
    tone,
  };
  // Four fingers a hair apart (their outlines part them), the middle longest, the little finger shortest.
  const offsets = KNUCKLE_OFFSETS;
  const shorter = [0.006, 0, 0.004, 0.014];
  const pointed = hand.shape === 'two-fingertips' || hand.shape === 'pinch';
  // Spread over the scalp: each finger arches from its knuckle to its own pad on the skin (spread-fingers.ts).
  const spread = spreadFingers(pose, hand);
  const fingers: Prim[] = offsets.map((o, i) => {
    const knuckle = at(K, [s, o]);
    const finger = spread?.[i];
    if (finger) return blob(camera, knuckle, finger.middle, 0.0054, 0.0051, tone);
    if (pointed && i >= 2) {
      // Ring and little fingers curled into the palm: only the index and middle reach the skin.
      const down = vecUnit(vecDifference(F, K));
      return blob(camera, knuckle, at(knuckle, [down, 0.016], [a, -0.006]), 0.0054, 0.0048, tone);
    }
    if (isGrasp) return blob(camera, knuckle, at(knuckle, [a, 0.035]), 0.0054, 0.005, tone);
    const tip = at(F, [s, o * (pointed ? 0.4 : 1.05)], [vecUnit(vecDifference(F, K)), -shorter[i]!]);
    return blob(camera, knuckle, tip, 0.0054, LIMB_RADII.fingertip, tone);
  });
  // A spread finger's last part, from its middle joint down to the pad.
  for (const f of spread ?? [])
    fingers.push(blob(camera, f.middle, f.tip, 0.0051, LIMB_RADII.fingertip, tone));
  if (isGrasp) {
    // The fingers curl round the limb: a second segment from the middle joints to the tips.
    offsets.forEach((o) => {
      const mid = at(K, [s, o], [a, 0.035]);
      fingers.push(blob(camera, mid, at(F, [s, o * 0.8]), 0.005, 0.0045, tone));
    });
  }
  const thumbBase = at(W, [a, 0.022], [s, 0.017]);
  const thumbMid = vecSum(vecScaled(thumbBase, 0.45), vecScaled(T, 0.55));
  const thumb = blob(camera, thumbBase, thumbMid, 0.0085, 0.0068, tone);
  const thumbEnd = blob(camera, thumbMid, T, 0.0068, LIMB_RADII.thumbTip, tone);
  return [palm, ...fingers, thumb, thumbEnd];
}

/**
 * Seated at the head, seen from behind and above: the shoulders and the back going down from them, where they sit
 * before leaning (so it keeps still through a repetition, in the static layer), a flat quiet tone drawn behind
 * everything: the client's head and face lie over it, the arms reach out of it.
 */
function seatedTrunkGroup(camera: Camera): SceneGroup {
  const { centre, halfWidth } = SEATED_SHOULDERS;
  const L = vecSum(centre, [-halfWidth, 0, 0]);
  const R = vecSum(centre, [halfWidth, 0, 0]);
  const down = (q: Vec3, x: number): Vec3 => [q[0] + x, q[1] - 0.06, q[2] - 0.3];
  const trunk: Vec3[] = [
    vecSum(L, [0.035, 0, 0.02]),
    vecSum(L, [-0.02, 0, -0.03]),
    down(L, 0.02),
    down(R, -0.02),
    vecSum(R, [0.02, 0, -0.03]),
    vecSum(R, [-0.035, 0, 0.02]),
  ];
  return {
    id: 'practitioner-body',
    role: 'practitioner-body',
    // Behind the client (whose groups go first from the head end): never over the face.
    depth: 20,
    prims: [{ kind: 'poly', points: trunk.map((q) => camera.project(q)), isSmooth: true }],
  };
}

/** The client's side a body-frame point lies on (x < 0: their left). */
function sideOf(p: Vec3): 'left' | 'right' {
  return p[0] < 0 ? 'left' : 'right';
}

/** Below this height over the table top an elbow's forearm lies under the body, not beside it. */
const FOREARM_UNDER_Z = 0.08;

/** Leg joints whose limb a contact can be on the far side of. */
const LIMB_JOINT = /^(knee|ankle|heel|toes)-(left|right)$/;

/**
 * Whether a contact on a limb lies on its far side from a side camera: beyond the centre of the nearest leg joint
 * (within 0.05 H of it) by more than 0.004 H across the body, as the inner ankle bone does seen from the outer side.
 */
export function isBeyondLimb(pose: Pose, camera: Camera, contact: Vec3): boolean {
  if (camera.nearSide === null) return false;
  let nearest: Vec3 | null = null;
  let distance = 0.05;
  for (const [name, p] of Object.entries(pose.client)) {
    if (!LIMB_JOINT.test(name)) continue;
    const d = vecLength(vecDifference(p, contact));
    if (d < distance) {
      distance = d;
      nearest = p;
    }
  }
  // Across the body only (a close-up's camera is raised too: a sole facing up is in sight, not beyond the heel).
  const toward = camera.nearSide === 'right' ? 1 : -1;
  return nearest !== null && toward * (nearest[0] - contact[0]) > 0.004;
}

/**
 * Where the practitioner's hips are, from where they stand or sit (BODY-PROPORTIONS.md "In depth"): standing, about
 * 0.11 H above the table top (hip joints at 0.53 of their height, the table top at 0.42), under their shoulders at
 * the side or just behind them at the feet; seated (at the head, or where the step says so), on a seat lower than the
 * table top, at the head behind the shoulders.
 */
function practitionerHips(pose: Pose, shoulders: Vec3): Vec3 {
  // Seated, on a seat lower than the table top, as at the head; beside the table the trunk is drawn down to the
  // table top only (the table hides the rest: drawn lower, it would stand in front of the table).
  const isSeated = pose.posture === 'seated';
  switch (pose.place) {
    case 'head':
      return [shoulders[0], -0.22, -0.09];
    case 'feet':
      // Close behind the shoulders when they lean in over the foot, never nearer than against the table's end.
      return [shoulders[0], Math.max(1.14, shoulders[1] + 0.06), isSeated ? -0.09 : 0.11];
    default:
      return [pose.place === 'left' ? -0.32 : 0.32, shoulders[1], isSeated ? 0 : 0.11];
  }
}

/**
 * A shoulder as the trunk is drawn from it: on a grid of half a pixel (at the camera's scale), so a trunk that sways by
 * a tenth of a pixel a frame (it follows the hands) is drawn the same for several frames, and a drawer of many
 * frames rasterises it again only when it has moved (the arms start from the shoulders themselves; half a pixel
 * apart at most, under the arm).
 */
export function trunkSnapped(q: Vec3, camera: Camera): Vec3 {
  const step = 0.5 / camera.scale;
  return [Math.round(q[0] / step) * step, Math.round(q[1] / step) * step, Math.round(q[2] / step) * step];
}

/**
 * The practitioner's trunk from the side: the shoulders where `practitionerPose` puts them, the torso down to the
 * hips where they stand or sit, a neck, as a quiet flat tone behind the client and the arms. Seen across the table
 * it is a front view (the shoulders' width); at the head or the feet, a profile (chest and back). It keeps still,
 * in the static layer, whenever the shoulders do.
 */
function sideTrunkGroup(pose: Pose, camera: Camera): SceneGroup {
  const p = pose.practitioner;
  const L = trunkSnapped(p['shoulder-left']!, camera);
  const R = trunkSnapped(p['shoulder-right']!, camera);
  const C = vecScaled(vecSum(L, R), 0.5);
  const H = practitionerHips(pose, C);
  const down = vecUnit(vecDifference(H, C));
  const length = vecLength(vecDifference(H, C));
  const across = vecUnit(vecDifference(R, L));
  const a = camera.project(L);
  const b = camera.project(R);
  const isFront = Math.hypot(a.x - b.x, a.y - b.y) >= 0.1 * camera.scale;
  // Seen end-on the shoulder line is a point: draw the profile, the chest toward the table, the back behind.
  const facing: Vec3 = pose.place === 'head' ? [0, 1, 0] : pose.place === 'feet' ? [0, -1, 0] : [0, 0, 0];
  const width = isFront ? across : facing;
  const at = (w: number, t: number): XY =>
    camera.project(vecSum(C, vecSum(vecScaled(width, w), vecScaled(down, t))));
  // (across or toward the chest, down the trunk): half the shoulder width is 0.13, the waist 0.085, the hips 0.1;
  // in profile the chest is 0.12 deep and the back rounds behind the shoulders.
  const outline: readonly (readonly [number, number])[] = isFront
    ? [
        [-0.045, -0.035],
        [-0.11, -0.015],
        [-0.145, 0.025],
        [-0.125, 0.13],
        [-0.09, length * 0.62],
        [-0.1, length],
        [0.1, length],
        [0.09, length * 0.62],
        [0.125, 0.13],
        [0.145, 0.025],
        [0.11, -0.015],
        [0.045, -0.035],
      ]
    : [
        [-0.03, -0.04],
        [-0.07, 0.0],
        [-0.075, 0.12],
        [-0.06, length * 0.62],
        [-0.08, length],
        [0.07, length],
        [0.05, length * 0.62],
        [0.07, 0.14],
        [0.055, 0.02],
        [0.025, -0.04],
      ];
  const neckTop = vecSum(C, vecScaled(down, -0.075));
  // Standing at the feet, beyond the end of the table, the legs go on down to the floor in plain sight.
  const legs: Prim[] =
    pose.place === 'feet'
      ? [blob(camera, vecSum(H, [0, 0.01, 0]), [H[0], H[1] + 0.01, H[2] - 0.5], 0.07, 0.05)]
      : [];
  return {
    id: 'practitioner-body',
    role: 'practitioner-body',
    // Behind the client and the arms: seen across the table, beyond the far edge; at the head or the feet, in the
    // body's plane, so drawn first (never over the client's face or the foot worked on).
    // From above (a close-up) the trunk beyond the table is seen above the client, never over them: drawn first.
    depth: isFront && camera.kind === 'side' ? camera.depth(C) + 0.05 : 20,
    prims: [
      { kind: 'poly', points: outline.map(([w, t]) => at(w, t)), isSmooth: true },
      blob(camera, C, neckTop, 0.033, 0.03),
      ...legs,
    ],
  };
}

/** The practitioner: each arm (sleeve, forearm, hand) as its own group, and their shoulders, neck and head. */
export function practitionerGroups(pose: Pose, camera: Camera): SceneGroup[] {
  const p = pose.practitioner;
  const out: SceneGroup[] = [];
  for (const arm of ['left', 'right'] as const) {
    const S = p[`shoulder-${arm}`]!;
    const E = p[`elbow-${arm}`]!;
    const W = p[`wrist-${arm}`]!;
    const hand = pose.hands.find((h) => h.arm === arm);
    const prims: Prim[] = [
      // Upper arm and forearm at adult proportions (about 9 and 7 cm across, 5 at the wrist): slim, not capsules.
      blob(camera, S, E, 0.024, 0.02, 'sleeve'),
      blob(camera, E, W, LIMB_RADII.forearmAtElbow, LIMB_RADII.forearmAtWrist, 'hand'),
    ];
    if (hand) prims.push(...handPrims(pose, camera, hand));
    else prims.push(blob(camera, W, p[`fingertip-${arm}`]!, 0.016, 0.009, 'hand'));
    const armDepth = (camera.depth(S) + camera.depth(E) + camera.depth(W) * 2) / 4;
    // From the side, a hand that grasps a limb wraps it from beyond: drawn behind the near side of the body, so
    // the limb it holds (the foot as it flexes, the ankle) stays in sight.
    // So is a hand working the limb's far side (the thumb circling the inner ankle bone seen from the outer side).
    const isBehindLimb =
      hand !== undefined && (hand.shape === 'grasp' || isBeyondLimb(pose, camera, hand.contact));
    // In a close-up, seen from above, a hand on the skin lies over the body, and its arm reaches in over it: drawn in
    // front of the client, the nearer arm last.
    const isOverBody = camera.kind === 'closeup' && hand !== undefined && !hand.isUnder && !isBehindLimb;
    // The hand the close-up is about (the first that does not only hold) goes over the other arm too: its contact is
    // the lesson, never hidden under the other upper arm.
    const isMarked = hand !== undefined && pose.hands.find((h) => !h.isHolding) === hand;
    // Behind the limb it holds: on the far leg, behind the far limbs' group too (the foot it turns stays in sight).
    const limbDepth =
      hand && camera.nearSide && sideOf(hand.contact) !== camera.nearSide ? FAR_SIDE_DEPTH : 0;
    const depth = isOverBody
      ? armDepth - (isMarked ? 20 : 10)
      : camera.nearSide && isBehindLimb
        ? Math.max(armDepth, limbDepth + 0.05)
        : armDepth;
    // The elbow low over the table top: the forearm reaches in under the body (the spine extension's, under the
    // upper back), not through open air to a hand under a limb.
    const isForearmUnder =
      hand?.isUnder === true &&
      Math.abs(E[0]) <= 0.2 &&
      E[1] >= -0.035 &&
      E[1] <= 1.035 &&
      E[2] < FOREARM_UNDER_Z;
    out.push({
      id: `practitioner-${arm}`,
      role: 'practitioner',
      depth,
      prims,
      ...(hand?.isUnder ? { isUnder: true } : {}),
      ...(isForearmUnder ? { isForearmUnder: true } : {}),
    });
  }
  if (camera.kind === 'head') {
    out.push(seatedTrunkGroup(camera));
    return out;
  }
  out.push(sideTrunkGroup(pose, camera));
  return out;
}
