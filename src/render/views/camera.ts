import type { Vec3 } from '../../core/pose/vec3.js';
import type { XY } from '../svg.js';

/** An orthographic camera onto the posed body: body-frame points with height → screen pixels, and their depth. */
export interface Camera {
  readonly kind: 'side' | 'head' | 'closeup';
  /** Pixels per body height H. */
  readonly scale: number;
  project(p: Vec3): XY;
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
    depth: (p) => -camX * p[0],
  };
}

/** Close-up: the side camera, magnified `zoom` times around a body point (the contact). */
export function closeupCamera(
  viewport: Viewport,
  nearSide: 'left' | 'right',
  centre: Vec3,
  zoom = 2.2,
): Camera {
  const base = sideCamera(viewport, nearSide);
  const scale = base.scale * zoom;
  const flip = nearSide === 'right' ? 1 : -1;
  const camX = nearSide === 'right' ? 1 : -1;
  const cx = viewport.x + viewport.width / 2;
  const cy = viewport.y + viewport.height * 0.55;
  return {
    kind: 'closeup',
    scale,
    nearSide,
    project: (p) => ({ x: cx + flip * (p[1] - centre[1]) * scale, y: cy - (p[2] - centre[2]) * scale }),
    depth: (p) => -camX * p[0],
  };
}

/** The head-end camera's elevation: looking down the body from a little above the practitioner's head. */
export const HEAD_ELEVATION = (38 * Math.PI) / 180;
/** What a head-end view shows: across the table, and along the body from behind the practitioner to the hips. */
const HEAD_X = 0.3;
const HEAD_UP: readonly [number, number] = [-0.1, 0.3];

/**
 * From the head end, a little above (the practitioner's own view): the client's right is on the picture's right,
 * the head at the bottom, the body running up and away.
 */
export function headCamera(viewport: Viewport): Camera {
  const e = HEAD_ELEVATION;
  const s = Math.sin(e);
  const c = Math.cos(e);
  const scale = Math.min(viewport.width / (2 * HEAD_X), viewport.height / (HEAD_UP[1] - HEAD_UP[0]));
  const cx = viewport.x + viewport.width / 2;
  const baseY = viewport.y + viewport.height / 2 + ((HEAD_UP[0] + HEAD_UP[1]) / 2) * scale;
  return {
    kind: 'head',
    scale,
    nearSide: null,
    project: (p) => ({ x: cx + p[0] * scale, y: baseY - (p[1] * s + p[2] * c) * scale }),
    depth: (p) => p[1] * c - p[2] * s,
  };
}
