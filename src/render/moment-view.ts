import type { View } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import { partView } from '../core/step-parts.js';
import { stepViews } from '../core/views.js';

/**
 * The view a moment is drawn from in a running session (the video and the player): the main view of its running
 * part, else of its step (the routine's `views`, else its technique kind's).
 */
export function momentView(moment: Moment): View {
  const running = moment.part ? partView(moment.step, moment.part) : moment.step;
  return stepViews(running)[0] ?? 'top';
}
