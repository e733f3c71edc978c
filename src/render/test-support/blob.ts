// Geometry the solid views' tests share: whether a screen point lies in a drawn capsule.
import type { XY } from '../svg.js';
import type { Prim } from '../views/solid-scene.js';

/** Whether a screen point lies inside a drawn capsule (a `blob`), or within `slack` pixels of it. */
export function isInsideBlob(prim: Prim, q: XY, slack = 0): boolean {
  if (prim.kind !== 'blob') return false;
  const dx = prim.b.x - prim.a.x;
  const dy = prim.b.y - prim.a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((q.x - prim.a.x) * dx + (q.y - prim.a.y) * dy) / len2)) : 0;
  const r = prim.ra + (prim.rb - prim.ra) * t;
  return Math.hypot(q.x - prim.a.x - dx * t, q.y - prim.a.y - dy * t) < r + slack;
}
