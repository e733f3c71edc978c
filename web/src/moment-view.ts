// Which view the player draws a moment from. Until the renderer names it, the player reads the routine's views
// itself: the running part's (a step in parts may change view part by part), else the step's, main view first.
import type { View } from '../../src/core/ids.js';
import type { Moment } from '../../src/core/moment.js';
import { partView } from '../../src/core/step-parts.js';
import { stepViews } from '../../src/core/views.js';

/** The view a moment is drawn from: the running part's (else the step's) first view. */
export function momentView(moment: Pick<Moment, 'step' | 'part'>): View {
  const running = moment.part ? partView(moment.step, moment.part) : moment.step;
  return stepViews(running)[0] ?? 'top';
}
