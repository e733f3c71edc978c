// Where a solid view's camera stands and what it frames: round one moment's pose (a still), or round the whole
// repetition of the running step or part (frames of a session: the camera holds still, so the static layers do).
import type { BodyMap } from '../../core/body-map.js';
import type { View } from '../../core/ids.js';
import { cachedValue } from '../../core/memo.js';
import type { Moment } from '../../core/moment.js';
import type { PlannedStep } from '../../core/plan-types.js';
import { momentPose, poseOf } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { type Vec3, vecDifference, vecLength } from '../../core/pose/vec3.js';
import { partView } from '../../core/step-parts.js';
import { motionFrameAt, stepMotionPrepared } from '../../core/techniques/index.js';
import type { Framing } from '../layers.js';
import {
  type Camera,
  closeupCamera,
  headCamera,
  type SideBox,
  sideCamera,
  type Viewport,
  WHOLE_TABLE,
} from './camera.js';
import { isBeyondLimb } from './solid-scene.js';

/** The views drawn from the posed solid (the top view is `renderMoment`'s own). */
export type SolidView = Exclude<View, 'top'>;

/** The step as the moment runs it: its running part's view for a step in parts. */
function runningStep(moment: Moment): PlannedStep {
  return moment.part ? partView(moment.step, moment.part) : moment.step;
}

/** The pose the step starts from: the same step and hands at the start of the repetition. */
export function startPose(moment: Moment): Pose {
  return poseOf({
    step: runningStep(moment),
    phase: 0,
    extent: 0,
    repetition: moment.repetition,
    hands: moment.hands,
  });
}

/** Phases sampled through a repetition (0, 1/8 … 1) for a step-framed camera and for what keeps still. */
const SAMPLED_PHASES = Array.from({ length: 9 }, (_, k) => k / 8);

const repetitionCache = new WeakMap<BodyMap, WeakMap<PlannedStep, Map<number, readonly Pose[]>>>();

/**
 * The poses of the moment's repetition of its running step or part at the sampled phases, each with its own hands
 * (as the timeline moves them); cached per body map, running step and repetition.
 */
export function repetitionPoses(moment: Moment, map: BodyMap): readonly Pose[] {
  const running = runningStep(moment);
  const byStep = cachedValue(repetitionCache, map, () => new WeakMap());
  const byRep = cachedValue(byStep, running, () => new Map<number, readonly Pose[]>());
  return cachedValue(byRep, moment.repetition, () => {
    const motion = stepMotionPrepared(running, map);
    return SAMPLED_PHASES.map((phase) => {
      const frame = motionFrameAt(motion, phase, moment.repetition - 1);
      return poseOf({
        step: running,
        phase,
        extent: frame.extent,
        repetition: moment.repetition,
        hands: frame.hands,
      });
    });
  });
}

/**
 * The side a side view looks from. A practitioner at a side of the table is seen across it, from the other side
 * (their arms behind the client, the hands on top of the body in plain view, as textbooks draw it); at the head or
 * the feet, from the worked side, else the client's right.
 */
function cameraSide(pose: Pose): 'left' | 'right' {
  if (pose.place === 'left') return 'right';
  if (pose.place === 'right') return 'left';
  return pose.workedSide ?? 'right';
}

/** The working hand's contact (the first that does not only hold), for the close-up. */
function workingContact(pose: Pose): Vec3 {
  const hand = pose.hands.find((h) => !h.isHolding) ?? pose.hands[0];
  return hand?.contact ?? pose.client.t7!;
}

/**
 * What a side view frames: the hands, the arms up to the shoulders and whatever moved, with room round them, at
 * least 0.75 H along the body (so the picture still shows where on the body the work is).
 */
function sideBoxOf(pose: Pose, start: Pose): SideBox {
  const ys: number[] = [];
  const zs: number[] = [0.15];
  for (const h of pose.hands) ys.push(h.contact[1]);
  for (const [name, p] of Object.entries(pose.practitioner)) {
    if (!/^(shoulder|elbow|wrist)-/.test(name)) continue;
    ys.push(p[1]);
    zs.push(p[2]);
  }
  for (const [name, p] of Object.entries(pose.client)) {
    const q = start.client[name]!;
    if (vecLength(vecDifference(p, q)) > 0.005 || pose.hands.length === 0) {
      ys.push(p[1], q[1]);
      zs.push(p[2], q[2]);
    }
  }
  if (ys.length === 0) return WHOLE_TABLE;
  let y0 = Math.min(...ys) - 0.1;
  let y1 = Math.max(...ys) + 0.1;
  const minSpan = 0.75;
  if (y1 - y0 < minSpan) {
    const mid = (y0 + y1) / 2;
    y0 = mid - minSpan / 2;
    y1 = mid + minSpan / 2;
  }
  const z1 = Math.max(...zs) + 0.06;
  return { y: [Math.max(y0, -0.4), Math.min(y1, 1.3)], z: [-0.08, Math.max(z1, 0.3)] };
}

/** The smallest box holding both. */
function boxUnion(a: SideBox, b: SideBox): SideBox {
  return {
    y: [Math.min(a.y[0], b.y[0]), Math.max(a.y[1], b.y[1])],
    z: [Math.min(a.z[0], b.z[0]), Math.max(a.z[1], b.z[1])],
  };
}

/** What frames a moment: its own pose, or its repetition's (`step` framing, when the body map is at hand). */
interface FramingInput {
  readonly framing: Framing;
  readonly map: BodyMap | undefined;
}

/** The poses a moment is framed round, and the one the movement starts from. */
function framedPoses(moment: Moment, input: FramingInput): { poses: readonly Pose[]; start: Pose } {
  if (input.framing === 'step' && input.map) {
    const poses = repetitionPoses(moment, input.map);
    return { poses, start: poses[0]! };
  }
  return { poses: [momentPose(moment)], start: startPose(moment) };
}

/**
 * The box a side view of these moments frames (every panel the same, so start and end compare at one scale). With
 * the body map at hand a still is framed round its whole repetition too, as the frames of a session are: stills of
 * one step at different phases share one framing, and a learner comparing them sees the body move, not the camera.
 */
export function sideBoxFor(moments: readonly Moment[], input: FramingInput): SideBox {
  const boxInput: FramingInput = input.map ? { ...input, framing: 'step' } : input;
  return moments
    .map((m) => {
      const { poses, start } = framedPoses(m, boxInput);
      const box = () => poses.map((p) => sideBoxOf(p, start)).reduce((a, b) => boxUnion(a, b));
      // A repetition's poses are cached (`repetitionPoses`): so is their box, which every frame of it asks for.
      return boxInput.framing === 'step' && boxInput.map
        ? cachedValue(repetitionBoxCache, poses, box)
        : box();
    })
    .reduce((a, b) => boxUnion(a, b));
}

/** The box round a repetition's sampled poses (`sideBoxFor`), by the poses (one array per repetition, cached). */
const repetitionBoxCache = new WeakMap<readonly Pose[], SideBox>();
/** A close-up's camera framed round a repetition (`panelCamera`), by the poses, then by the panel's place. */
const repetitionCloseupCache = new WeakMap<readonly Pose[], Map<string, { camera: Camera; key: string }>>();

/** The camera of one panel, and a key that is equal for two panels exactly when their cameras are. */
export function panelCamera(
  moment: Moment,
  view: SolidView,
  viewport: Viewport,
  box: SideBox,
  input: FramingInput,
): { camera: Camera; key: string } {
  const at = `${view}|${viewport.x},${viewport.y},${viewport.width},${viewport.height}`;
  if (view === 'head') return { camera: headCamera(viewport), key: at };
  const { poses } = framedPoses(moment, input);
  const pose = input.framing === 'step' ? poses[0]! : momentPose(moment);
  const side = cameraSide(pose);
  if (view === 'closeup') {
    // Framed round the repetition, the camera is the same for every frame of it: made once.
    if (input.framing === 'step' && input.map) {
      const byPlace = cachedValue(repetitionCloseupCache, poses, () => new Map());
      return cachedValue(byPlace, at, () => closeupFramed(poses, side, viewport, at));
    }
    return closeupFramed(poses, side, viewport, at);
  }
  return {
    camera: sideCamera(viewport, side, box),
    key: `${at}|${side}|${box.y.join(',')}|${box.z.join(',')}`,
  };
}

/** A close-up's camera looking at the mean of these poses' contacts, from the side that sees most of them. */
function closeupFramed(
  poses: readonly Pose[],
  side: 'left' | 'right',
  viewport: Viewport,
  at: string,
): { camera: Camera; key: string } {
  const contacts = poses.map(workingContact);
  const mean = (k: 0 | 1 | 2) => contacts.reduce((s, c) => s + c[k], 0) / contacts.length;
  const centre: Vec3 = [mean(0), mean(1), mean(2)];
  // The contact is the lesson: worked mostly on the far side of a limb (the inner ankle bone), the close-up looks
  // from that side, so the thumb on it is in sight rather than hidden behind the limb.
  const first = closeupCamera(viewport, side, centre);
  const beyond = poses.filter((p, i) => isBeyondLimb(p, first, contacts[i]!)).length;
  const closeSide = beyond * 2 > poses.length ? (side === 'left' ? 'right' : 'left') : side;
  const camera = closeSide === side ? first : closeupCamera(viewport, closeSide, centre);
  return { camera, key: `${at}|${closeSide}|${centre.join(',')}` };
}
