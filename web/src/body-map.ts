// The web app's one body map: the built-in map, built once, passed to the planner, the timeline and the figures.
import { bodyMapData } from '../../src/content/body-map.js';
import { type BodyMap, bodyMapFromData } from '../../src/core/body-map.js';

/** The built-in body map the web app plans and plays with. */
export const bodyMap: BodyMap = bodyMapFromData(bodyMapData);
