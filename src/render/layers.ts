// The layers a frame is drawn in, shared by every view: what a caller caches (the static layers) and what it
// redraws each frame (the moving ones).

/**
 * The layers of a frame, bottom to top (`table` includes the background). `place` is the practitioner's place at
 * the table's edge, which follows the hands: apart from the legend and marks, which hold still through a step.
 */
export const RENDER_LAYERS = [
  'table',
  'body',
  'safety',
  'path',
  'hands',
  'marks',
  'place',
  'captions',
] as const;
/** One layer of a frame. */
export type RenderLayer = (typeof RENDER_LAYERS)[number];
/**
 * The layers that change least: from above, the table and the body (once per position, theme, size and
 * language); in the solid views, the table, the start-position ghost and the body parts that keep still.
 */
export const STATIC_LAYERS: readonly RenderLayer[] = ['table', 'body'];
/** The layers that change from moment to moment. */
export const MOVING_LAYERS: readonly RenderLayer[] = RENDER_LAYERS.filter((l) => !STATIC_LAYERS.includes(l));

/**
 * How a solid view frames its camera: round this moment's pose (`moment`, the default; a still picture), or round
 * the whole repetition of the running step or part (`step`; frames of a session, so the camera holds still and
 * the static layers stay the same through the repetition).
 */
export type Framing = 'moment' | 'step';

/**
 * Inside a moving layer's SVG, the break between two runs of it that can be drawn apart (an XML comment: a browser or
 * resvg drawing the whole layer ignores it). A drawer of many frames may rasterise each run as a layer of its own,
 * composited in order, and keep the runs that did not change (a still leg, the arm that holds) from the frame before.
 */
export const LAYER_RUN_BREAK = '<!--run-->';
