import type { BodyMap } from '../core/body-map.js';
import type { ClientPosition } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import { repetitionStartHands } from '../core/repetition-start.js';
import { type DrawnHand, drawnHandsTop, type ForbiddenArea } from './drawn-hands.js';
import { TECHNIQUE_MARKS } from './marks.js';

/** How far (body heights) a hand must have travelled from its start before the start is ghosted: about 7 cm. */
export const GHOST_MIN_TRAVEL = 0.04;

/**
 * The hands at the stroke's start, as the top view draws them (fitted like any hand, so a ghost never lies on a
 * never-press or excluded region): the start position ghosted, for a stroke that travels (ILLUSTRATION.md). None
 * for a technique drawn without a stroke, a holding hand, or a hand still near its start.
 */
export function startGhostsDrawn(
  moment: Moment,
  options: {
    map: BodyMap;
    position: ClientPosition;
    neverPress: readonly ForbiddenArea[];
    excluded: readonly ForbiddenArea[];
  },
): DrawnHand[] {
  if (TECHNIQUE_MARKS[moment.technique].stroke === 'none') return [];
  const starts = repetitionStartHands(moment, options.map).filter((start) => {
    if (start.isLifted || start.isHolding) return false;
    const now = moment.hands.find((h) => h.hand === start.hand);
    return now !== undefined && Math.hypot(now.x - start.x, now.y - start.y) >= GHOST_MIN_TRAVEL;
  });
  if (starts.length === 0) return [];
  return drawnHandsTop(starts, {
    position: options.position,
    neverPress: options.neverPress,
    excluded: options.excluded,
  }).filter((d) => d.isShown);
}
