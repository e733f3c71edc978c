// A solid view's scene split into a static and a moving layer: the groups that keep still through the repetition
// go under everything that moves, as long as nothing that moves is drawn beneath them where they overlap, so the
// two layers composited are the same picture as the groups drawn in depth order.
import type { BodyMap } from '../../core/body-map.js';
import { cachedValue } from '../../core/memo.js';
import type { Moment } from '../../core/moment.js';
import type { PlannedStep } from '../../core/plan-types.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { partView } from '../../core/step-parts.js';
import type { Camera } from './camera.js';
import { repetitionPoses } from './solid-framing.js';
import type { Prim, SceneGroup } from './solid-scene.js';

/** A box in pixels. */
export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A shape's box in pixels. */
export function primBox(p: Prim): Box {
  if (p.kind === 'blob') {
    const r = Math.max(p.ra, p.rb);
    return {
      x0: Math.min(p.a.x, p.b.x) - r,
      y0: Math.min(p.a.y, p.b.y) - r,
      x1: Math.max(p.a.x, p.b.x) + r,
      y1: Math.max(p.a.y, p.b.y) + r,
    };
  }
  if (p.kind === 'ellipse') return { x0: p.c.x - p.rx, y0: p.c.y - p.ry, x1: p.c.x + p.rx, y1: p.c.y + p.ry };
  const xs = p.points.map((q) => q.x);
  const ys = p.points.map((q) => q.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** A group's box in pixels, widened by `pad` (its outline, and antialiasing). */
export function groupBox(group: SceneGroup, pad: number): Box {
  const boxes = group.prims.map(primBox);
  return {
    x0: Math.min(...boxes.map((b) => b.x0)) - pad,
    y0: Math.min(...boxes.map((b) => b.y0)) - pad,
    x1: Math.max(...boxes.map((b) => b.x1)) + pad,
    y1: Math.max(...boxes.map((b) => b.y1)) + pad,
  };
}

/** Whether two boxes overlap. */
export function isOverlapping(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** One group drawn, and whether it goes into the static layer. */
export interface SplitGroup {
  readonly group: SceneGroup;
  readonly svg: string;
  readonly isStatic: boolean;
}

/**
 * Marks the groups (in drawing order) that may go into the static layer: those whose drawing is the same at every
 * sampled phase of the repetition (`stillSvgs`, by id) and that overlap no moving group drawn before them. Every
 * other group stays in the moving layer, in order. `pad` widens the boxes by the outline's width and more.
 */
export function groupsSplit(
  groups: readonly { group: SceneGroup; svg: string }[],
  stillSvgs: ReadonlyMap<string, string>,
  pad: number,
): SplitGroup[] {
  const movingBoxes: Box[] = [];
  return groups.map(({ group, svg }) => {
    const box = groupBox(group, pad);
    const isStatic =
      stillSvgs.get(group.id) === svg && !movingBoxes.some((moving) => isOverlapping(moving, box));
    if (!isStatic) movingBoxes.push(box);
    return { group, svg, isStatic };
  });
}

const stillCache = new WeakMap<BodyMap, WeakMap<PlannedStep, Map<string, ReadonlyMap<string, string>>>>();
/** Camera keys kept per running step (moment-framed stills make a new key each). */
const STILL_KEYS_KEPT = 8;

/**
 * The groups that look the same at every sampled phase of the moment's repetition, seen by this camera: their
 * drawings by id. Cached per body map, running step, repetition and `key` (the camera's and the drawing's).
 */
export function stillGroupSvgs(
  moment: Moment,
  map: BodyMap,
  camera: Camera,
  key: string,
  drawn: (pose: Pose, camera: Camera) => readonly { group: SceneGroup; svg: string }[],
): ReadonlyMap<string, string> {
  const running = moment.part ? partView(moment.step, moment.part) : moment.step;
  const byStep = cachedValue(stillCache, map, () => new WeakMap());
  const byKey = cachedValue(byStep, running, () => new Map<string, ReadonlyMap<string, string>>());
  const fullKey = `${moment.repetition}|${key}`;
  const hit = byKey.get(fullKey);
  if (hit) return hit;
  const samples = repetitionPoses(moment, map).map((pose) => drawn(pose, camera));
  const still = new Map<string, string>();
  for (const { group, svg } of samples[0] ?? []) {
    if (samples.every((s) => s.some((g) => g.group.id === group.id && g.svg === svg)))
      still.set(group.id, svg);
  }
  byKey.set(fullKey, still);
  while (byKey.size > STILL_KEYS_KEPT) byKey.delete(byKey.keys().next().value as string);
  return still;
}
