// The close-up's camera as the pictures' tests see it: the panel the renderer frames for a moment, in the 1280×720
// picture's drawing area. One helper, so every close-up test looks through the same camera.
import type { Moment } from '../../core/moment.js';
import type { Camera } from '../views/camera.js';
import { panelCamera } from '../views/solid-framing.js';

/** The drawing area of a 1280×720 picture (above the captions band), where a close-up is framed. */
export const CLOSEUP_VIEWPORT = { x: 12, y: 44, width: 1256, height: 508 } as const;

/** The close-up's camera at a moment, framed on that moment alone. */
export function closeupCamera(m: Moment): Camera {
  return panelCamera(
    m,
    'closeup',
    CLOSEUP_VIEWPORT,
    { y: [0, 1], z: [0, 0.3] },
    { framing: 'moment', map: undefined },
  ).camera;
}
