import type { TechniqueKind, View } from './ids.js';
import type { PlannedStep } from './plan-types.js';

/**
 * Each technique kind's views, main first (ILLUSTRATION.md "Choose the view by what moves"): strokes over the body
 * from above; whatever rises, bends or turns from the side. A step's `views` in the routine replace them.
 */
export const TECHNIQUE_VIEWS: Readonly<Record<TechniqueKind, readonly View[]>> = {
  glide: ['top'],
  press: ['top', 'closeup'],
  knead: ['top', 'closeup'],
  friction: ['top'],
  drain: ['top'],
  squeeze: ['top'],
  traction: ['side', 'head'],
  stretch: ['side'],
  rotate: ['side'],
  lift: ['side'],
  rub: ['top'],
  tug: ['head'],
  rest: ['top'],
};

/** The views of a planned step, main first: the routine's, else its technique kind's. */
export function stepViews(step: Pick<PlannedStep, 'technique' | 'views'>): readonly View[] {
  return step.views && step.views.length > 0 ? step.views : TECHNIQUE_VIEWS[step.technique];
}
