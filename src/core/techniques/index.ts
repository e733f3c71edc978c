import type { BodyMap } from '../body-map.js';
import type { TechniqueKind } from '../ids.js';
import { cachedValue } from '../memo.js';
import type { PlannedStep } from '../plan-types.js';
import { circleMotion, FRICTION_RADIUS, KNEAD_RADIUS } from './circle.js';
import { liftMotion, stretchMotion, tractionMotion, tugMotion } from './cycle.js';
import { drainMotion } from './drain.js';
import { glideMotion } from './glide.js';
import { pulseMotion } from './pulse.js';
import { restMotion } from './rest.js';
import { rotateMotion } from './rotate.js';
import { motionPrepared, type PreparedMotion } from './track-preparation.js';
import type { TechniqueMotion } from './types.js';

export { FRICTION_RADIUS, KNEAD_RADIUS, SPINE_HALF_WIDTH } from './circle.js';
export { TRACTION_PULL, TUG_DRAW } from './cycle.js';
export { ROTATE_RADIUS, rotationSense } from './rotate.js';
export {
  linePressureAt,
  type PreparedMotion,
  STACKED_OFFSET,
  TOGETHER_TRAIL,
} from './track-preparation.js';
export {
  type HandLane,
  type MotionFrame,
  type MotionInput,
  type MotionLine,
  type MotionTrack,
  PRESSURE_SAMPLES,
  type TechniqueMotion,
} from './types.js';

export const techniqueMotions: Record<TechniqueKind, TechniqueMotion> = {
  glide: glideMotion(),
  press: pulseMotion({
    verb: 'press',
    tags: ['pressure'],
    work: 'press',
    move: 'advance',
    // At most half a pulse, so two hands half a pulse apart never press at once.
    workShare: 0.5,
    moveContact: null,
    tellingPhase: 0.3,
  }),
  knead: circleMotion({
    verb: 'knead',
    tags: ['pressure'],
    phase: 'circle',
    radius: KNEAD_RADIUS,
    secondsPerCircle: 1.5,
    keepsOffSpine: true,
    tellingPhase: 0.3,
  }),
  friction: circleMotion({
    verb: 'rub',
    tags: [],
    phase: 'circle',
    radius: FRICTION_RADIUS,
    secondsPerCircle: 0.5,
    keepsOffSpine: false,
    tellingPhase: 0.3,
  }),
  rub: circleMotion({
    verb: 'rub',
    tags: [],
    phase: 'circle',
    radius: FRICTION_RADIUS,
    secondsPerCircle: 0.5,
    keepsOffSpine: false,
    tellingPhase: 0.3,
  }),
  drain: drainMotion(),
  squeeze: pulseMotion({
    verb: 'squeeze',
    tags: ['pressure'],
    work: 'grasp',
    move: 'release',
    workShare: 0.5,
    // "Hands keep contact" (CATALOGUE.md leg-knead): a resting touch while moving on.
    moveContact: 1,
    tellingPhase: 0.3,
  }),
  traction: tractionMotion(),
  stretch: stretchMotion(),
  rotate: rotateMotion(),
  lift: liftMotion(),
  tug: tugMotion(),
  rest: restMotion(),
};

/** The phase of a repetition (0…1) that shows a planned step best: the routine's choice, else its technique's. */
export function stepTellingPhase(step: PlannedStep): number {
  return step.tellingPhase ?? techniqueMotions[step.technique].tellingPhase;
}

const preparedMotions = new WeakMap<BodyMap, WeakMap<PlannedStep, PreparedMotion>>();

/**
 * The step's motion prepared once per body map (cached by map and step object): tracks, lanes and pressure
 * profiles capped to that map's tolerances.
 */
export function stepMotionPrepared(step: PlannedStep, map: BodyMap): PreparedMotion {
  const byStep = cachedValue(preparedMotions, map, stepCache);
  return cachedValue(byStep, step, (s) => motionPrepared(s, map, techniqueMotions[s.technique]));
}

/**
 * The hands (and extent) of a prepared motion at a phase of a 0-based repetition: the mirrored tracks on odd
 * repetitions when the step alternates sides each repetition.
 */
export function motionFrameAt(motion: PreparedMotion, phase: number, repIndex: number) {
  const input = motion.mirrored && repIndex % 2 === 1 ? motion.mirrored : motion.input;
  return motion.technique.handsAt(input, phase, repIndex);
}

function stepCache(): WeakMap<PlannedStep, PreparedMotion> {
  return new WeakMap();
}
