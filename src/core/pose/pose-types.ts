import type { ClientPosition, ContactTool, HandShape, PractitionerPosture, Side } from '../ids.js';
import type { Vec3 } from './vec3.js';

/** The shape the practitioner's hand takes for its tool (ILLUSTRATION.md "The people"). */
export type { HandShape };

/** Which rest points a move carries: a side of the body (null: both) and a band along it, faded at its ends. */
export interface PoseSelection {
  readonly side: Side | null;
  /** Points with rest y from `yMin` to `yMax` move fully; `fade` beyond either end they stop moving. */
  readonly yMin: number;
  readonly yMax: number;
  readonly fade: number;
}

/** One rigid or smooth change from the body at rest (applied in order, each to the rest point's selection). */
export type PoseMove =
  | {
      readonly kind: 'rotate';
      readonly select: PoseSelection;
      readonly origin: Vec3;
      /** A unit axis; a positive angle turns by the right-hand rule. */
      readonly axis: Vec3;
      readonly angle: number;
    }
  | { readonly kind: 'translate'; readonly select: PoseSelection; readonly by: Vec3 }
  | {
      readonly kind: 'bump';
      readonly select: PoseSelection;
      /** Where the rise is highest, and how far along the body it falls to nothing. */
      readonly peakY: number;
      readonly halfLength: number;
      readonly rise: number;
    };

/** One of the practitioner's hands in the pose: its shape, and whether it works under the body. */
export interface PosedHand {
  readonly hand: 'left' | 'right';
  readonly tool: ContactTool;
  readonly shape: HandShape;
  /** The practitioner's arm this hand belongs to, by where it reaches (never crossed). */
  readonly arm: 'left' | 'right';
  /** The contact point on the posed body's surface. */
  readonly contact: Vec3;
  /** True when the hand lies between the body and the table (seen from below or cut away, never through the body). */
  readonly isUnder: boolean;
  readonly isHolding: boolean;
  readonly isLifted: boolean;
  /** Where the fingers point (a unit vector). */
  readonly direction: Vec3;
}

/**
 * The posed body at a moment (DESIGN.md "Contracts": `moment --json`): the client's and the practitioner's joints
 * in the body frame, in fractions of the client's height, z up from the table top.
 */
export interface Pose {
  readonly position: ClientPosition;
  /** The side the posed limb is on (the worked leg), or null. */
  readonly workedSide: Side | null;
  /** Where the practitioner is: the table's side they stand at, the head or the feet. */
  readonly place: 'left' | 'right' | 'head' | 'feet';
  /** Whether they stand or sit there (as the step's cues say). */
  readonly posture: PractitionerPosture;
  readonly client: Readonly<Record<string, Vec3>>;
  readonly practitioner: Readonly<Record<string, Vec3>>;
  readonly hands: readonly PosedHand[];
  /** The moves from the body at rest, so a renderer can pose any point of its own solid the same way. */
  readonly moves: readonly PoseMove[];
}
