import { type BodyMap, landmarkPoint } from '../body-map.js';
import type { Surface } from '../ids.js';
import { cachedValue } from '../memo.js';
import {
  fingerAngle,
  framed,
  type HandMotion,
  handAt,
  handReport,
  type Idle,
  lineAt,
  plateau,
  smoothstep,
  turnedPhase,
} from './shared.js';
import { linePressureAt } from './track-preparation.js';
import type { MotionInput, MotionTrack, TechniqueMotion } from './types.js';

/** The cranial shift of a traction's pull. */
export const TRACTION_PULL = 0.01;
/** How far a tug draws the strand away from the head. */
export const TUG_DRAW = 0.03;

interface Cycle {
  readonly names: readonly string[];
  /** `ends[i]` is where phase `names[i]` ends; the last is 1. */
  readonly ends: readonly number[];
  extentAt(phase: number): number;
}

function cycleName(cycle: Cycle, phase: number): string {
  for (let i = 0; i < cycle.ends.length; i++) if (phase < cycle.ends[i]!) return cycle.names[i]!;
  return cycle.names[cycle.names.length - 1]!;
}

/** Where a cycle motion's hand is: a point, the heading there, the surface and the fraction along the stroke. */
interface Placed {
  readonly x: number;
  readonly y: number;
  readonly heading: number;
  readonly surface: Surface;
  readonly s: number;
}

/** The hand at fraction `s` of its stroke, `dx`, `dy` off it. */
function placeOn(track: MotionTrack, s: number, dx = 0, dy = 0): Placed {
  const at = lineAt(track.stroke, s);
  return { x: at.x + dx, y: at.y + dy, heading: at.heading, surface: at.surface, s };
}

/** A motion whose hands stay at (or travel along) their tracks while a cycle of named phases runs. */
function cycleMotion(options: {
  verb: string;
  tags: readonly string[];
  cycle: Cycle;
  reach: number;
  /** Puts the hand (with placeOn) for its track, the phase and the cycle's extent. */
  place: (track: MotionTrack, phase: number, extent: number, input: MotionInput) => Placed;
  isPressing: (phase: number) => boolean;
  tellingPhase: number;
}): TechniqueMotion {
  const { cycle } = options;
  const hand: HandMotion = (track, repPhase, _rep, input) => {
    const phase = turnedPhase(repPhase, track.lane);
    const extent = cycle.extentAt(phase);
    const p = options.place(track, phase, extent, input);
    const pressure = options.isPressing(phase) ? linePressureAt(track.stroke, p.s) : null;
    const angle = fingerAngle(track, p, false, p.x);
    const state = handAt(track, p.x, p.y, p.surface, angle, pressure, { isLifted: false });
    return handReport(state, cycleName(cycle, phase), extent);
  };
  const idle: Idle = (p) => ({ phaseName: cycleName(cycle, p), extent: cycle.extentAt(p) });
  return {
    phaseNames: cycle.names,
    tellingPhase: options.tellingPhase,
    verb: options.verb,
    tags: options.tags,
    alternatesHands: false,
    reach: options.reach,
    reachFor: () => options.reach,
    handsAt: (input, phase, rep) => framed(input, phase, rep, hand, idle),
  };
}

/** Traction: lift → pull (a small cranial shift) → hold → release, hands at their points. */
export function tractionMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'draw',
    tags: ['stretch', 'joint-movement'],
    cycle: {
      names: ['lift', 'pull', 'hold', 'release'],
      ends: [0.2, 0.45, 0.75, 1],
      extentAt: (phase) => plateau(phase, 0.2, 0.45, 0.75, 1),
    },
    reach: TRACTION_PULL,
    place: (track, _phase, extent) => placeOn(track, 0, 0, -TRACTION_PULL * extent),
    isPressing: () => true,
    // The pull itself.
    tellingPhase: 0.45,
  });
}

/** Stretch: moves to the point of resistance and holds (extent 0→1→0), hands along their tracks. */
export function stretchMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'stretch',
    tags: ['stretch', 'joint-movement'],
    cycle: {
      names: ['move', 'hold', 'release'],
      ends: [0.3, 0.7, 1],
      extentAt: (phase) => plateau(phase, 0, 0.3, 0.7, 1),
    },
    reach: 0,
    // Hands travel their tracks through the move and the hold (the spine extension's run to the head).
    place: (track, phase) => placeOn(track, smoothstep(phase / 0.7)),
    isPressing: () => true,
    // The hold at the point of resistance.
    tellingPhase: 0.4,
  });
}

/** Lift: the leg rises and falls (extent), hands where they hold it (ankle and knee). */
export function liftMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'lift',
    tags: ['joint-movement', 'lift'],
    cycle: {
      names: ['lift', 'hold', 'lower', 'rest'],
      ends: [0.4, 0.5, 0.9, 1],
      extentAt: (phase) => plateau(phase, 0, 0.4, 0.5, 0.9),
    },
    reach: 0,
    place: (track) => placeOn(track, 0),
    isPressing: () => true,
    // The leg held up.
    tellingPhase: 0.4,
  });
}

const headCentres = new WeakMap<BodyMap, { x: number; y: number }>();

/** The centre of the head on a body map: halfway from the crown to the occiput. */
function headCentre(map: BodyMap): { x: number; y: number } {
  return cachedValue(headCentres, map, () => {
    const crown = landmarkPoint(map, 'crown') ?? { x: 0, y: 0 };
    const occiput = landmarkPoint(map, 'occiput') ?? { x: 0, y: 0.085 };
    return { x: (crown.x + occiput.x) / 2, y: (crown.y + occiput.y) / 2 };
  });
}

/** Tug: grasp a strand, draw it slowly away from the head (along the track, or straight out), release. */
export function tugMotion(): TechniqueMotion {
  return cycleMotion({
    verb: 'draw',
    tags: ['hair'],
    cycle: {
      names: ['grasp', 'draw', 'release'],
      ends: [0.15, 0.85, 1],
      extentAt: (phase) => plateau(phase, 0.15, 0.85, 0.85, 1),
    },
    reach: TUG_DRAW,
    place: (track, _phase, extent, input) => {
      if (track.stroke.length > 0) return placeOn(track, extent);
      // One point: straight out from the centre of the head.
      const c = headCentre(input.map);
      const p = placeOn(track, 0);
      const dx = p.x - c.x;
      const dy = p.y - c.y;
      const d = Math.hypot(dx, dy);
      if (d === 0) return p;
      return {
        ...p,
        x: p.x + (dx / d) * TUG_DRAW * extent,
        y: p.y + (dy / d) * TUG_DRAW * extent,
        heading: Math.atan2(dy, dx),
      };
    },
    isPressing: (phase) => phase < 0.85,
    tellingPhase: 0.3,
  });
}
