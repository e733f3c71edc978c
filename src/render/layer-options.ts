import type { Moment } from '../core/moment.js';
import type { RenderLabels } from './labels.js';
import type { Theme } from './theme.js';
import type { ViewLayout } from './view.js';

/** What a top-view mark layer draws from: the layout, the colours, the words and the moment. */
export interface MarkLayerOptions {
  readonly view: ViewLayout;
  readonly theme: Theme;
  readonly labels: RenderLabels;
  readonly moment: Moment;
}
