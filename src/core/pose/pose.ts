import {
  type ClientPosition,
  type HandShape,
  type PractitionerPlace,
  type PractitionerPosture,
  practitionerPostureOf,
  type Side,
  type TechniqueKind,
} from '../ids.js';
import { cachedValue } from '../memo.js';
import { type HandState, type Moment, momentMotion } from '../moment.js';
import { partView } from '../step-parts.js';
import { laneOffset } from '../techniques/track-preparation.js';
import { clientPoseMoves, posedPoint } from './client-pose.js';
import { type PoseSpec, TECHNIQUE_POSES } from './pose-spec.js';
import type { Pose } from './pose-types.js';
import { practitionerPose, type TrackCentres } from './practitioner-pose.js';
import { restClientJoints } from './rest-body.js';
import { type Vec3, vecRounded } from './vec3.js';

/** What a pose is computed from: a planned step's body facts, where the repetition is, and the hands. */
export interface PoseInput {
  readonly step: {
    readonly position: ClientPosition;
    readonly technique: TechniqueKind;
    readonly side: Side | null;
    readonly place: PractitionerPlace | null;
    /** Whether the practitioner stands or sits; absent: by the place (`practitionerPostureOf`). */
    readonly posture?: PractitionerPosture | undefined;
    /** The routine's own pose for the step, replacing its technique kind's. */
    readonly pose?: PoseSpec | undefined;
    /** The routine's shape for the working hands, replacing their tool's. */
    readonly handShape?: HandShape | undefined;
    /** Which way a rotation turns (a part's `turn`); absent: alternating by repetition. */
    readonly motion?: { readonly turn?: 'one-way' | 'other-way' | undefined } | undefined;
  };
  readonly phase: number;
  readonly extent: number;
  readonly repetition: number;
  readonly hands: readonly HandState[];
  /** The middle of each hand's track over the repetition: each hand keeps one arm through it. */
  readonly trackCentres?: TrackCentres | undefined;
}

/** The step's pose spec: its own, else its technique kind's. */
export function stepPoseSpec(step: PoseInput['step']): PoseSpec {
  return step.pose ?? TECHNIQUE_POSES[step.technique];
}

/** The side of the body the hands work on, when a step names none (the mean of the hands' x). */
function sideOfHands(hands: readonly HandState[]): Side | null {
  if (hands.length === 0) return null;
  const x = hands.reduce((s, h) => s + h.x, 0) / hands.length;
  return x < -0.02 ? 'left' : x > 0.02 ? 'right' : null;
}

/** The practitioner's place as a side of the table, the head or the feet (`side`: the worked side). */
function placeResolved(place: PractitionerPlace | null, side: Side | null): Pose['place'] {
  if (place === 'side') return side ?? 'left';
  return place ?? side ?? 'left';
}

/**
 * The posed body at a moment: the client's joints moved as the step's technique moves them, and the practitioner's
 * arms reaching from their place to hands shaped by their tools. Pure; every coordinate rounded to 5 decimals.
 */
export function poseOf(input: PoseInput): Pose {
  const { step } = input;
  const position = step.position;
  const workedSide = step.side ?? sideOfHands(input.hands);
  const place = placeResolved(step.place, workedSide);
  const posture = practitionerPostureOf(step.place, step.posture);
  const moves = clientPoseMoves({
    position,
    spec: stepPoseSpec(step),
    workedSide,
    place,
    phase: input.phase,
    extent: input.extent,
    repetition: input.repetition,
    turn: step.motion?.turn,
  });
  const client: Record<string, Vec3> = {};
  for (const [name, rest] of Object.entries(restClientJoints(position)))
    client[name] = vecRounded(posedPoint(moves, rest));
  const arms = practitionerPose({
    position,
    place,
    posture,
    hands: input.hands,
    moves,
    trackCentres: input.trackCentres,
    ...(step.handShape ? { handShape: step.handShape } : {}),
  });
  const practitioner: Record<string, Vec3> = {};
  for (const [name, p] of Object.entries(arms.joints)) practitioner[name] = vecRounded(p);
  return {
    position,
    workedSide,
    place,
    posture,
    client,
    practitioner,
    hands: arms.hands.map((h) => ({
      ...h,
      contact: vecRounded(h.contact),
      direction: vecRounded(h.direction),
    })),
    moves,
  };
}

const momentPoses = new WeakMap<Moment, Pose>();

/**
 * The middle of each hand's track (stroke and way back) in the moment's repetition: mirrored across the spine on
 * the repetitions a step that alternates sides works on the other side.
 */
function momentTrackCentres(moment: Moment): TrackCentres {
  const motion = momentMotion(moment);
  const isMirrored = motion.alternateSidesEachRep && (moment.repetition - 1) % 2 === 1;
  const out: Partial<Record<'left' | 'right', readonly [number, number]>> = {};
  const usable = motion.hands.filter((h) => h.points.length > 0);
  const working = usable.filter((h) => !h.isHolding).length;
  let index = 0;
  for (const track of usable) {
    const points = [...track.points, ...(track.returnPoints ?? [])];
    // A working hand's lane: hands on one path, one leading the other along it (as the technique places them).
    const lane = track.isHolding
      ? { along: 0, dx: 0, dy: 0 }
      : laneOffset(motion.arrangement, index++, working, motion.fingers);
    const first = track.points[0]!;
    const last = track.points.at(-1)!;
    const length = Math.hypot(last.x - first.x, last.y - first.y);
    const [ux, uy] = length > 1e-9 ? [(last.x - first.x) / length, (last.y - first.y) / length] : [0, 0];
    const x = points.reduce((s, p) => s + p.x, 0) / points.length + lane.dx + ux * lane.along;
    const y = points.reduce((s, p) => s + p.y, 0) / points.length + lane.dy + uy * lane.along;
    out[track.hand] = [isMirrored ? -x : x, y];
  }
  return out;
}

/**
 * A moment's pose: the client posed and the practitioner's arms at that instant (its running part's, for a step
 * in parts). Worked out on first asking and kept per moment object; the timeline does not pose every moment (a
 * player's clock and the top view never need it).
 */
export function momentPose(moment: Moment): Pose {
  return cachedValue(momentPoses, moment, (m) =>
    poseOf({
      step: m.part ? partView(m.step, m.part) : m.step,
      phase: m.phase,
      extent: m.extent,
      repetition: m.repetition,
      hands: m.hands,
      trackCentres: momentTrackCentres(m),
    }),
  );
}
