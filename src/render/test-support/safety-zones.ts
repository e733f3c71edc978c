// What the pictures' safety tests check against, taken from the body map, the plan and BODY-PROPORTIONS.md — never
// from the renderer, so a renderer that moved its own zones would still be caught.
import type { BodyMap } from '../../core/body-map.js';
import type { Surface } from '../../core/ids.js';
import type { Plan } from '../../core/plan-types.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { restSurfaceHeight } from '../../core/pose/rest-body.js';
import type { XY } from '../svg.js';
import type { Camera } from '../views/camera.js';

/** The face (hairline to chin) and the throat (to the sternal notch), supine, on the body map (BODY-PROPORTIONS.md). */
export const FACE_AND_THROAT: readonly XY[] = [
  { x: -0.042, y: 0.032 },
  { x: 0.042, y: 0.032 },
  { x: 0.044, y: 0.07 },
  { x: 0.035, y: 0.125 },
  { x: 0.039, y: 0.176 },
  { x: -0.039, y: 0.176 },
  { x: -0.035, y: 0.125 },
  { x: -0.044, y: 0.07 },
];

/**
 * The face and throat on screen: each corner at the height of the front of the posed body on its midline (as seen
 * from above; the side of the head below them is the hair and the ears), projected by the camera.
 */
export function faceOnScreen(pose: Pose, camera: Camera): XY[] {
  return FACE_AND_THROAT.map(({ x, y }) =>
    camera.project(posedPoint(pose.moves, [x, y, restSurfaceHeight('supine', 'anterior', 0, y)])),
  );
}

/** Every point along a polygon's edges, at most `step` apart. */
export function outlineSamples(poly: readonly XY[], step = 0.0015): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 0; k < n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

/** A zone a pressing outline keeps off: its name (for the failure), its surface and its polygon. */
export interface PressZone {
  readonly name: string;
  readonly surface: Surface;
  readonly polygon: XY[];
}

/**
 * The zones a pressing outline keeps a margin from: the never-press regions, both sides, and the plan's excluded
 * regions (a bilateral region on the sides excluded; a midline region excluded on one side: that half).
 */
export function pressZones(map: BodyMap, plan: Plan): PressZone[] {
  const out: PressZone[] = [];
  for (const r of map.regions) {
    const left = r.polygon.map((p) => ({ x: p.x, y: p.y }));
    const both = r.isBilateral ? [left, left.map((p) => ({ x: -p.x, y: p.y }))] : [left];
    if (r.maxPressure === 0)
      for (const polygon of both) out.push({ name: r.id, surface: r.surface, polygon });
    for (const ex of plan.excludedRegions) {
      if (r.id !== ex.region && !r.id.startsWith(`${ex.region}.`)) continue;
      if (r.isBilateral) {
        const sides = ex.side === 'left' ? [both[0]!] : ex.side === 'right' ? [both[1]!] : both;
        for (const polygon of sides) out.push({ name: `excluded ${r.id}`, surface: r.surface, polygon });
      } else {
        const polygon =
          ex.side === null
            ? left
            : left.map((p) => ({ x: ex.side === 'left' ? Math.min(p.x, 0) : Math.max(p.x, 0), y: p.y }));
        out.push({ name: `excluded ${r.id} (${ex.side ?? 'both'})`, surface: r.surface, polygon });
      }
    }
  }
  return out;
}
