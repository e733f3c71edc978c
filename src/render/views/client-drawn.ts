// The client's groups and their drawings, kept while the client keeps still: most of a solid view's frame is the
// client, who lies still through most steps while the hands move; drawn again only when the pose or camera changes.
import { cachedValue } from '../../core/memo.js';
import { posedPoint, selectionWeight } from '../../core/pose/client-pose.js';
import type { Pose, PoseMove } from '../../core/pose/pose-types.js';
import { restClientJoints } from '../../core/pose/rest-body.js';
import { type Vec3, vecDifference, vecLength, vecRounded } from '../../core/pose/vec3.js';
import type { Theme } from '../theme.js';
import type { Camera } from './camera.js';
import { clientGroups, type SceneGroup } from './solid-scene.js';
import { groupSvg } from './solid-svg.js';

/** A group of the scene with its drawing. */
export interface DrawnGroup {
  readonly group: SceneGroup;
  readonly svg: string;
}

/** Drawings kept per theme (a theme is one object per name), the most recently used last. */
const drawnCache = new WeakMap<Theme, Map<string, readonly DrawnGroup[]>>();
/** Poses kept per theme: a few views or panels drawn in turn each find their own. */
export const CLIENT_DRAWINGS_KEPT = 8;

/**
 * What the client's groups are made of: the client's points, the moves that posed them and the position (the
 * shapes are made from these alone; the practitioner's pose plays no part). Equal for two poses exactly when their
 * client groups, seen by the same camera, are.
 */
export function clientPoseKey(pose: Pose): string {
  return JSON.stringify([pose.position, pose.workedSide, pose.client, pose.moves]);
}

/** How far (pixels) the client may be drawn from where the pose puts it, so that slow moves are drawn in steps. */
export const CLIENT_DRAWN_STEP_PX = 0.5;

/**
 * The pose with the client's moves on a grid seen by this camera: every point a move carries ends within
 * `CLIENT_DRAWN_STEP_PX` of where the exact move puts it (a turn's step is that over its reach from its origin). A
 * part that moves slowly (a foot flexed, a head turned, by a tenth of a pixel a frame) is then drawn anew only when
 * it has moved half a pixel: a drawer of many frames rasterises the client (most of a side view) every few frames,
 * not every frame. The practitioner's pose is untouched.
 */
export function clientPoseSnapped(pose: Pose, camera: Camera): Pose {
  if (pose.moves.length === 0) return pose;
  const rest = restClientJoints(pose.position);
  const grid = CLIENT_DRAWN_STEP_PX / camera.scale;
  const snapped = (value: number, step: number) => Math.round(value / step) * step;
  const moves = pose.moves.map((move): PoseMove => {
    if (move.kind === 'rotate') {
      // The joints it carries, and a margin for the shapes round them (a heel, a kneecap).
      let reach = 0;
      for (const p of Object.values(rest))
        if (selectionWeight(move.select, p) > 0)
          reach = Math.max(reach, vecLength(vecDifference(p, move.origin)));
      return { ...move, angle: snapped(move.angle, grid / (reach + 0.05)) };
    }
    if (move.kind === 'translate')
      return { ...move, by: move.by.map((v) => snapped(v, grid)) as unknown as Vec3 };
    return { ...move, rise: snapped(move.rise, grid) };
  });
  const client = { ...pose.client };
  for (const [name, p] of Object.entries(rest))
    if (name in client) client[name] = vecRounded(posedPoint(moves, p));
  return { ...pose, moves, client };
}

/**
 * `clientGroups(pose, camera)` each with `groupSvg(group, theme, { unit })`, found again when the same client pose
 * is seen by the same camera (`cameraKey`: equal exactly when the cameras are, as `panelCamera` gives it). The
 * result is shared between callers: never change it.
 */
export function clientDrawn(
  pose: Pose,
  camera: Camera,
  cameraKey: string,
  theme: Theme,
  unit: number,
): readonly DrawnGroup[] {
  const byKey = cachedValue(drawnCache, theme, () => new Map<string, readonly DrawnGroup[]>());
  const drawnPose = clientPoseSnapped(pose, camera);
  const key = `${cameraKey}|${unit}|${clientPoseKey(drawnPose)}`;
  const hit = byKey.get(key);
  if (hit) {
    byKey.delete(key);
    byKey.set(key, hit);
    return hit;
  }
  const drawn = clientGroups(drawnPose, camera).map((group) => ({
    group,
    svg: groupSvg(group, theme, { unit }),
  }));
  byKey.set(key, drawn);
  while (byKey.size > CLIENT_DRAWINGS_KEPT) byKey.delete(byKey.keys().next().value as string);
  return drawn;
}
