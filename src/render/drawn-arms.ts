import type { BodyPoint } from '../core/geometry.js';
import type { Pose } from '../core/pose/pose-types.js';
import type { DrawnHand } from './drawn-hands.js';
import { type Digit, POSES } from './hands.js';

/*
 * The practitioner's arms as the top view draws them, in the body frame: from each drawn hand's wrist to the pose's
 * elbow, and on to the pose's shoulder, so the hand and the arm agree on where the practitioner stands
 * (ILLUSTRATION.md "The people": the forearms and upper arms up to the shoulders).
 */

/** One arm seen from above: the forearm from the drawn hand's wrist to the elbow, the upper arm on to the shoulder. */
export interface DrawnArm {
  /** The drawn hand this arm holds. */
  readonly hand: DrawnHand;
  readonly arm: 'left' | 'right';
  /** Where the drawn hand's wrist is (the forearm's start); for a forearm laid on the body, its elbow end. */
  readonly wrist: BodyPoint;
  /** The pose's elbow; null for a forearm laid on the body (the drawn forearm is its forearm). */
  readonly elbow: BodyPoint | null;
  /** The pose's shoulder (moved with the hand where the pose moves the limb it holds). */
  readonly shoulder: BodyPoint;
}

/** The middle of the base of a hand's wrist (or, for a forearm on the body, of its sleeve) as drawn. */
function drawnWrist(hand: DrawnHand): { point: BodyPoint; isForearm: boolean } | null {
  const digits: readonly Digit[] = POSES[hand.pose].digits;
  const arm = digits.findIndex((d) => d.isArm === true);
  const index = arm >= 0 ? arm : digits.findIndex((d) => d.isSleeve === true);
  const part = index >= 0 ? hand.parts[index + 1] : undefined;
  if (!part || part.length < 2) return null;
  // A digit's outline starts at one side of its base and ends at the other (drawn-hands.ts digitOutline).
  const a = part[0]!;
  const b = part[part.length - 1]!;
  return { point: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, isForearm: arm < 0 };
}

/**
 * The arms of the drawn hands: each shown hand above the body (not one cut away or under it) with the pose's arm
 * of the same hand (the pose's hands and the moment's, by their `hand`).
 */
export function drawnArmsTop(drawn: readonly DrawnHand[], pose: Pose): DrawnArm[] {
  const out: DrawnArm[] = [];
  for (const hand of drawn) {
    if (!hand.isShown || hand.isUnder) continue;
    const posed = pose.hands.find((h) => h.hand === hand.state.hand);
    if (!posed) continue;
    const wrist = drawnWrist(hand);
    const shoulder = pose.practitioner[`shoulder-${posed.arm}`];
    const elbow = pose.practitioner[`elbow-${posed.arm}`];
    if (!wrist || !shoulder || !elbow) continue;
    // From above the body lies at rest, its limbs unposed: where the pose lifts or bends a limb, the hand is drawn
    // where the limb lies at rest, and the arm goes with it (shifted by as much, its shape kept).
    const dx = hand.state.x - posed.contact[0];
    const dy = hand.state.y - posed.contact[1];
    out.push({
      hand,
      arm: posed.arm,
      wrist: wrist.point,
      elbow: wrist.isForearm ? null : { x: elbow[0] + dx, y: elbow[1] + dy },
      shoulder: { x: shoulder[0] + dx, y: shoulder[1] + dy },
    });
  }
  return out;
}
