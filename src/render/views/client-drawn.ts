// The client's groups and their drawings, kept while the client keeps still: most of a solid view's frame is the
// client, who lies still through most steps while the hands move; drawn again only when the pose or camera changes.
import { cachedValue } from '../../core/memo.js';
import type { Pose } from '../../core/pose/pose-types.js';
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
  const key = `${cameraKey}|${unit}|${clientPoseKey(pose)}`;
  const hit = byKey.get(key);
  if (hit) {
    byKey.delete(key);
    byKey.set(key, hit);
    return hit;
  }
  const drawn = clientGroups(pose, camera).map((group) => ({ group, svg: groupSvg(group, theme, { unit }) }));
  byKey.set(key, drawn);
  while (byKey.size > CLIENT_DRAWINGS_KEPT) byKey.delete(byKey.keys().next().value as string);
  return drawn;
}
