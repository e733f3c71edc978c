/** The renderer's public surface: Moment → SVG string, and what callers need around it. */
export { type RenderLabels, renderLabels } from './labels.js';
export { TECHNIQUE_MARKS } from './marks.js';
export {
  type ExcludedArea,
  MOVING_LAYERS,
  RENDER_LAYERS,
  type RenderLayer,
  type RenderOptions,
  renderMoment,
  STATIC_LAYERS,
  staticLayersSvg,
} from './render-moment.js';
export { type ThemeName, themeColours } from './theme.js';
export { screenAngleFromBody, screenFromBody, type ViewLayout, viewLayout } from './view.js';
