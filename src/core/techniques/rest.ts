import type { TechniqueMotion } from './types.js';

/** Rest: no hands. */
export function restMotion(): TechniqueMotion {
  return {
    phaseNames: ['rest'],
    tellingPhase: 0.5,
    verb: 'rest',
    tags: [],
    alternatesHands: false,
    reach: 0,
    reachFor: () => 0,
    handsAt: () => ({ hands: [], phaseName: 'rest', extent: 0 }),
  };
}
