import type { BodyMap } from './body-map.js';
import type { HandState, Moment } from './moment.js';
import { partView } from './step-parts.js';
import { stepMotionPrepared } from './techniques/index.js';

/**
 * The hands at the start of the moment's repetition (phase 0 of the same repetition, on the same side): where the
 * stroke began, for a picture's ghosted start position (ILLUSTRATION.md "Choose the view by what moves").
 */
export function repetitionStartHands(moment: Moment, map: BodyMap): readonly HandState[] {
  if (moment.stepIndex < 0) return [];
  const running = moment.part ? partView(moment.step, moment.part) : moment.step;
  const motion = stepMotionPrepared(running, map);
  const repIndex = moment.repetition - 1;
  const input = motion.mirrored && repIndex % 2 === 1 ? motion.mirrored : motion.input;
  return motion.technique.handsAt(input, 0, repIndex).hands;
}
