import type { Vec3 } from '../../core/pose/vec3.js';
import type { XY } from '../svg.js';

/** An orthographic camera onto the posed body: body-frame points with height → screen pixels, and their depth. */
export interface Camera {
  readonly kind: 'side' | 'head' | 'closeup';
  /** Pixels per body height H. */
  readonly scale: number;
  project(p: Vec3): XY;
  /** Pixels per body height at p (the same everywhere for an orthographic camera; nearer is larger in perspective). */
  scaleAt(p: Vec3): number;
  /** Distance from the camera along its view (larger: farther, drawn first). */
  depth(p: Vec3): number;
  /** Which of the client's sides faces the camera (side views), or null. */
  readonly nearSide: 'left' | 'right' | null;
}

/** A rectangle of the canvas a view draws into. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The body-frame box a side view shows: along the body (y), and up from below the table top (z). */
export interface SideBox {
  readonly y: readonly [number, number];
  readonly z: readonly [number, number];
}

/** The whole table and the practitioner beside it. */
export const WHOLE_TABLE: SideBox = { y: [-0.32, 1.24], z: [-0.1, 0.5] };

/**
 * From the side, level with the table: the camera stands on `nearSide` of the client and looks across. Seen from the
 * client's right the head is on the left of the picture; from the left it is on the right (a true view, not a
 * mirror).
 */
export function sideCamera(
  viewport: Viewport,
  nearSide: 'left' | 'right',
  box: SideBox = WHOLE_TABLE,
): Camera {
  const scale = Math.min(viewport.width / (box.y[1] - box.y[0]), viewport.height / (box.z[1] - box.z[0]));
  const midY = (box.y[0] + box.y[1]) / 2;
  const cx = viewport.x + viewport.width / 2;
  const baseY = viewport.y + viewport.height / 2 + ((box.z[0] + box.z[1]) / 2) * scale;
  const flip = nearSide === 'right' ? 1 : -1;
  const camX = nearSide === 'right' ? 1 : -1;
  return {
    kind: 'side',
    scale,
    nearSide,
    project: (p) => ({ x: cx + flip * (p[1] - midY) * scale, y: baseY - p[2] * scale }),
    scaleAt: () => scale,
    depth: (p) => -camX * p[0],
  };
}

/** How far above the table's plane the close-up looks down at the contact (ILLUSTRATION.md: the contact is the lesson). */
export const CLOSEUP_ELEVATION = (40 * Math.PI) / 180;

/**
 * Close-up: from the side opposite the practitioner, raised `elevation` above the table's plane and looking down at
 * the contact, magnified `zoom` times round it. From level with the table a hand on the back is an edge seen behind
 * the body's outline; from about 40° above, the skin the hand lies on is in sight, the hand on it, and which part of
 * the hand presses reads at a glance.
 */
export function closeupCamera(
  viewport: Viewport,
  nearSide: 'left' | 'right',
  centre: Vec3,
  options: { zoom?: number; elevation?: number } = {},
): Camera {
  const base = sideCamera(viewport, nearSide);
  const scale = base.scale * (options.zoom ?? 2.2);
  const elevation = options.elevation ?? CLOSEUP_ELEVATION;
  const cos = Math.cos(elevation);
  const sin = Math.sin(elevation);
  const flip = nearSide === 'right' ? 1 : -1;
  const camX = nearSide === 'right' ? 1 : -1;
  const cx = viewport.x + viewport.width / 2;
  const cy = viewport.y + viewport.height * 0.55;
  // Screen up is the table's up tilted toward the far side; the view runs down and across, away from the camera.
  const up = (p: Vec3) => (p[2] - centre[2]) * cos - camX * (p[0] - centre[0]) * sin;
  return {
    kind: 'closeup',
    scale,
    nearSide,
    project: (p) => ({ x: cx + flip * (p[1] - centre[1]) * scale, y: cy - up(p) * scale }),
    scaleAt: () => scale,
    depth: (p) => -camX * p[0] * cos - p[2] * sin,
  };
}

/**
 * The head-end camera's eye: behind and above the practitioner seated at the head, looking down the body at about
 * 40° (their own view, a little above). A true perspective: the head, the neck and the hands near, large; the body
 * going away smaller, so the whole client fits the picture and nothing runs off its top.
 */
const HEAD_EYE: Vec3 = [0, -0.38, 0.72];
const HEAD_TARGET: Vec3 = [0, 0.4, 0];
/**
 * What a head-end view must hold: the table top from its head end to the hips, the client's head, and the
 * practitioner's shoulders where they sit (their arms come into the picture from below). The legs run on off the
 * top: the chest, the shoulders, the neck and the head are what the head-end steps teach, drawn large.
 */
const HEAD_FRAME: readonly Vec3[] = [
  [-0.2, -0.035, 0],
  [0.2, -0.035, 0],
  [-0.2, 0.56, 0],
  [0.2, 0.56, 0],
  [0, 0, 0.07],
  [-0.13, -0.14, 0.2],
  [0.13, -0.14, 0.2],
];

/**
 * From the head end, a little above (the practitioner's own view): the client's right is on the picture's right,
 * the head at the bottom, the body running up and away, in perspective.
 */
export function headCamera(viewport: Viewport): Camera {
  const fx = HEAD_TARGET[0] - HEAD_EYE[0];
  const fy = HEAD_TARGET[1] - HEAD_EYE[1];
  const fz = HEAD_TARGET[2] - HEAD_EYE[2];
  const fl = Math.hypot(fx, fy, fz);
  const w: Vec3 = [fx / fl, fy / fl, fz / fl];
  // Right is the body's +x; up is right × forward (toward the ceiling and down the body).
  const u: Vec3 = [0, -w[2], w[1]];
  const unitView = (p: Vec3) => {
    const q: Vec3 = [p[0] - HEAD_EYE[0], p[1] - HEAD_EYE[1], p[2] - HEAD_EYE[2]];
    const z = Math.max(q[0] * w[0] + q[1] * w[1] + q[2] * w[2], 0.05);
    return { x: q[0] / z, y: (q[1] * u[1] + q[2] * u[2]) / z, z };
  };
  const seen = HEAD_FRAME.map(unitView);
  const x0 = Math.min(...seen.map((s) => s.x));
  const x1 = Math.max(...seen.map((s) => s.x));
  const y0 = Math.min(...seen.map((s) => s.y));
  const y1 = Math.max(...seen.map((s) => s.y));
  const f = Math.min((viewport.width * 0.96) / (x1 - x0), (viewport.height * 0.98) / (y1 - y0));
  const cx = viewport.x + viewport.width / 2 - ((x0 + x1) / 2) * f;
  const cy = viewport.y + viewport.height / 2 + ((y0 + y1) / 2) * f;
  const headDistance = unitView([0, 0.06, 0.06]).z;
  return {
    kind: 'head',
    scale: f / headDistance,
    nearSide: null,
    project: (p) => {
      const s = unitView(p);
      return { x: cx + s.x * f, y: cy - s.y * f };
    },
    // Nearer than the client's head (the practitioner's shoulders and upper arms, just below the eye), shapes keep
    // the head's thickness: true perspective would swell them over half the picture.
    scaleAt: (p) => f / Math.max(unitView(p).z, headDistance * 0.85),
    depth: (p) => unitView(p).z,
  };
}
