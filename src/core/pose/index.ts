export { posedDirection, posedPoint } from './client-pose.js';
export { type PoseInput, poseOf, stepPoseSpec } from './pose.js';
export { PoseSpec, PoseWindow, TECHNIQUE_POSES } from './pose-spec.js';
export type { HandShape, Pose, PosedHand, PoseMove, PoseSelection } from './pose-types.js';
export { FOREARM, TOOL_SHAPES, UPPER_ARM } from './practitioner-pose.js';
export {
  legRadiusAt,
  type ProfileStation,
  restClientJoints,
  restSurfaceHeight,
  restSurfacePoint,
  SIDED_JOINTS,
  trunkProfile,
} from './rest-body.js';
export * from './vec3.js';
