/** The renderer's public surface: Moment → SVG string, and what callers need around it. */
export { type RenderLabels, renderLabels } from './labels.js';
export { type Framing, MOVING_LAYERS, RENDER_LAYERS, type RenderLayer, STATIC_LAYERS } from './layers.js';
export { TECHNIQUE_MARKS } from './marks.js';
export { momentView } from './moment-view.js';
export {
  type ExcludedArea,
  type RenderOptions,
  renderMoment,
  renderMomentLayers,
  staticLayersKey,
  staticLayersSvg,
} from './render-moment.js';
export { type ThemeName, themeColours } from './theme.js';
export { screenAngleFromBody, screenFromBody, type ViewLayout, viewLayout } from './view.js';
