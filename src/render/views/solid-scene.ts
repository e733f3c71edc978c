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
    const top = samples.map((s) => camera.project(posedPoint(pose.moves, [0, s.y, s.top])));
    const bottom = samples.map((s) => camera.project(posedPoint(pose.moves, [0, s.y, s.bottom])));
    return [{ kind: 'poly', points: [...top, ...bottom.reverse()], isSmooth: true }];
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
    points: [at(W, [s, 0.02]), at(K, [s, 0.026]), at(K, [s, -0.026]), at(W, [s, -0.02])].map((q) =>
      camera.project(q),
    ),
    tone,
  };
  const offsets = [0.018, 0.006, -0.006, -0.017];
  const fingers: Prim[] = offsets.map((o, i) => {
    const knuckle = at(K, [s, o]);
    const isCurled = (hand.shape === 'two-fingertips' && i >= 2) || (hand.shape === 'pinch' && i >= 2);
    if (isCurled) {
      const down = vecUnit(vecDifference(F, K));
      return blob(camera, knuckle, at(knuckle, [down, 0.024], [a, -0.006]), 0.0085, 0.007, tone);
    }
    const pointed = hand.shape === 'two-fingertips' || hand.shape === 'pinch';
    const tip = at(F, [s, o * (pointed ? 0.45 : 0.85)]);
    if (hand.shape === 'grasp') {
      const mid = at(knuckle, [a, 0.035]);
      return blob(camera, knuckle, mid, 0.0085, 0.008, tone);
    }
    return blob(camera, knuckle, tip, 0.0085, 0.007, tone);
  });
  if (hand.shape === 'grasp') {
    // The fingers curl round the limb: a second segment from the middle joints to the tips.
    offsets.forEach((o) => {
      const mid = at(K, [s, o], [a, 0.035]);
      fingers.push(blob(camera, mid, at(F, [s, o * 0.8]), 0.008, 0.007, tone));
    });
  }
  const thumbBase = at(W, [a, 0.025], [s, 0.018]);
  const thumb = blob(camera, thumbBase, T, 0.011, 0.0085, tone);
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
      blob(camera, S, E, 0.03, 0.026, 'sleeve'),
      blob(camera, E, W, 0.024, 0.018, 'hand'),
    ];
    if (hand) prims.push(...handPrims(pose, camera, hand));
    else prims.push(blob(camera, W, p[`fingertip-${arm}`]!, 0.022, 0.012, 'hand'));
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
    prims: [blob(camera, L, R, 0.035, 0.035, 'sleeve')],
  });
  return out;
}
