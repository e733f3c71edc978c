import { posedPoint } from '../../core/pose/client-pose.js';
import type { Pose, PosedHand } from '../../core/pose/pose-types.js';
import { trunkProfile } from '../../core/pose/rest-body.js';
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
import type { XY } from '../svg.js';
import { type Camera, HEAD_ELEVATION } from './camera.js';

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
}

/** Client arm at rest along the side (left; the right mirrors it): elbow, wrist, fingertips. */
const CLIENT_ARM: readonly Vec3[] = [
  [-0.145, 0.37, 0.045],
  [-0.145, 0.48, 0.035],
  [-0.14, 0.575, 0.025],
];

function blob(camera: Camera, a: Vec3, b: Vec3, ra: number, rb: number, tone?: Tone): Prim {
  const s = camera.scale;
  return {
    kind: 'blob',
    a: camera.project(a),
    b: camera.project(b),
    ra: ra * s,
    rb: rb * s,
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
    prims.push({
      kind: 'poly',
      points: [at(0.066, cz + hd - 0.004), at(0.084, cz + hd + 0.016), at(0.094, cz + hd - 0.006)],
    });
  }
  return prims;
}

/** The trunk and head: a side silhouette (top and bottom lines), or slices seen from the head end. */
function trunkPrims(pose: Pose, camera: Camera): Prim[] {
  const stations = trunkProfile(pose.position);
  const samples: { y: number; top: number; bottom: number; halfWidth: number }[] = [];
  for (let i = 0; i < stations.length - 1; i++) {
    const a = stations[i]!;
    const b = stations[i + 1]!;
    const n = Math.max(1, Math.round((b.y - a.y) / 0.01));
    for (let k = 0; k < n; k++) {
      const t = k / n;
      samples.push({
        y: a.y + (b.y - a.y) * t,
        top: a.top + (b.top - a.top) * t,
        bottom: a.bottom + (b.bottom - a.bottom) * t,
        halfWidth: a.halfWidth + (b.halfWidth - a.halfWidth) * t,
      });
    }
  }
  samples.push(stations[stations.length - 1]!);
  if (camera.kind !== 'head') {
    // From the side: the neck and trunk as one smooth outline, the head drawn on its own over the neck.
    const body = samples.filter((s) => s.y >= HEAD.neckFrom);
    const top = body.map((s) => camera.project(posedPoint(pose.moves, [0, s.y, s.top])));
    const bottom = body.map((s) => camera.project(posedPoint(pose.moves, [0, s.y, s.bottom])));
    return [
      ...headPrims(pose, camera),
      { kind: 'poly', points: [...top, ...bottom.reverse()], isSmooth: true },
    ];
  }
  const c = Math.cos(HEAD_ELEVATION);
  const out: Prim[] = [];
  for (const s of samples) {
    const centre = posedPoint(pose.moves, [0, s.y, (s.top + s.bottom) / 2]);
    const half = (s.top - s.bottom) / 2;
    out.push({
      kind: 'ellipse',
      c: camera.project(centre),
      rx: s.halfWidth * camera.scale,
      ry: Math.max(half * c, 0.004) * camera.scale,
      ...(s.y < 0.035 ? { tone: 'hair' as const } : {}),
    });
  }
  return out;
}

function legPrims(pose: Pose, camera: Camera, side: 'left' | 'right'): Prim[] {
  const j = (name: string) => pose.client[`${name}-${side}`]!;
  return [
    blob(camera, j('hip'), j('knee'), 0.052, 0.034),
    blob(camera, j('knee'), j('ankle'), 0.034, 0.022),
    blob(camera, j('ankle'), j('heel'), 0.024, 0.021),
    blob(camera, j('heel'), j('toes'), 0.022, 0.013),
    blob(camera, j('ankle'), j('toes'), 0.024, 0.013),
  ];
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

/** The client as groups: the far leg and arm, then the body with the near limbs (side views); one body otherwise. */
export function clientGroups(
  pose: Pose,
  camera: Camera,
  options: { role?: 'client' | 'ghost' } = {},
): SceneGroup[] {
  const role = options.role ?? 'client';
  const trunk = trunkPrims(pose, camera);
  if (camera.nearSide === null) {
    return [
      {
        id: `${role}-body`,
        role,
        depth: 0,
        prims: [
          ...legPrims(pose, camera, 'left'),
          ...legPrims(pose, camera, 'right'),
          ...clientArmPrims(pose, camera, 'left'),
          ...clientArmPrims(pose, camera, 'right'),
          ...trunk,
        ],
      },
    ];
  }
  const near = camera.nearSide;
  const far = near === 'left' ? 'right' : 'left';
  return [
    {
      id: `${role}-far`,
      role: role === 'ghost' ? 'ghost' : 'client-far',
      depth: 0.1,
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
  const P = p[`palm-${arm}`]!;
  const F = p[`fingertip-${arm}`]!;
  const T = p[`thumb-tip-${arm}`]!;
  const axis0 = vecDifference(P, W);
  const a = vecLength(axis0) > 1e-6 ? vecUnit(axis0) : hand.direction;
  const toThumb = vecDifference(T, P);
  let s = vecDifference(toThumb, vecScaled(a, vecDot(toThumb, a)));
  if (vecLength(s) < 1e-6) s = vecCross([0, 0, 1], a);
  s = vecUnit(s);
  const tone: Tone = hand.isHolding ? 'holding' : 'hand';
  const K = vecSum(P, vecScaled(a, 0.035));
  const at = (base: Vec3, ...terms: [Vec3, number][]): Vec3 =>
    terms.reduce<Vec3>((q, [v, k]) => vecSum(q, vecScaled(v, k)), base);
  const palm: Prim = {
    kind: 'poly',
    points: [at(W, [s, 0.016]), at(K, [s, 0.023]), at(K, [s, -0.023]), at(W, [s, -0.016])].map((q) =>
      camera.project(q),
    ),
    tone,
  };
  const offsets = [0.016, 0.0055, -0.0055, -0.015];
  const fingers: Prim[] = offsets.map((o, i) => {
    const knuckle = at(K, [s, o]);
    const isCurled = (hand.shape === 'two-fingertips' && i >= 2) || (hand.shape === 'pinch' && i >= 2);
    if (isCurled) {
      const down = vecUnit(vecDifference(F, K));
      return blob(camera, knuckle, at(knuckle, [down, 0.02], [a, -0.005]), 0.006, 0.005, tone);
    }
    const pointed = hand.shape === 'two-fingertips' || hand.shape === 'pinch';
    const tip = at(F, [s, o * (pointed ? 0.45 : 0.85)]);
    if (hand.shape === 'grasp') {
      const mid = at(knuckle, [a, 0.035]);
      return blob(camera, knuckle, mid, 0.006, 0.0055, tone);
    }
    return blob(camera, knuckle, tip, 0.006, 0.0048, tone);
  });
  if (hand.shape === 'grasp') {
    // The fingers curl round the limb: a second segment from the middle joints to the tips.
    offsets.forEach((o) => {
      const mid = at(K, [s, o], [a, 0.035]);
      fingers.push(blob(camera, mid, at(F, [s, o * 0.8]), 0.0055, 0.0048, tone));
    });
  }
  const thumbBase = at(W, [a, 0.025], [s, 0.018]);
  const thumb = blob(camera, thumbBase, T, 0.0075, 0.0058, tone);
  return [palm, ...fingers, thumb];
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
      blob(camera, E, W, 0.019, 0.0135, 'hand'),
    ];
    if (hand) prims.push(...handPrims(pose, camera, hand));
    else prims.push(blob(camera, W, p[`fingertip-${arm}`]!, 0.016, 0.009, 'hand'));
    const depth = (camera.depth(S) + camera.depth(E) + camera.depth(W) * 2) / 4;
    out.push({
      id: `practitioner-${arm}`,
      role: 'practitioner',
      depth,
      prims,
      ...(hand?.isUnder ? { isUnder: true } : {}),
    });
  }
  // The shoulder line, quiet, so the eye knows where the practitioner stands or sits (no trunk in front of the work).
  const L = p['shoulder-left']!;
  const R = p['shoulder-right']!;
  const seenLength = Math.hypot(
    camera.project(L).x - camera.project(R).x,
    camera.project(L).y - camera.project(R).y,
  );
  // Seen end-on (or from behind, at the head end) the shoulder line would be a ball: leave it out.
  if (camera.kind === 'head' || seenLength < 0.1 * camera.scale) return out;
  out.push({
    id: 'practitioner-body',
    role: 'practitioner-body',
    depth: camera.depth(vecScaled(vecSum(L, R), 0.5)) + 0.05,
    prims: [blob(camera, L, R, 0.03, 0.03, 'sleeve')],
  });
  return out;
}
