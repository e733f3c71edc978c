import type { BodyMap } from '../body-map.js';
import type { ContactTool, Surface } from '../ids.js';
import type { HandState } from '../moment.js';
import type { StepMotion } from '../plan-types.js';

/** How many samples a line's pressure profile holds, evenly spaced from its start (0) to its end (1). */
export const PRESSURE_SAMPLES = 64;

/** A polyline prepared for fast sampling: coordinates, cumulative lengths, headings, surfaces and pressure. */
export interface MotionLine {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly cumulative: Float64Array;
  /** `headings[i]` is the heading of the segment ending at point i; `headings[0]` repeats `headings[1]`. */
  readonly headings: Float64Array;
  /** `surfaces[i]` is the surface from point i on (a waypoint's surface holds until the next change). */
  readonly surfaces: readonly Surface[];
  readonly length: number;
  /** Pressure at PRESSURE_SAMPLES fractions along the line; null when the step presses nothing. */
  readonly pressure: Float64Array | null;
}

/** Where a hand sits relative to the other, from the step's hand arrangement. */
export interface HandLane {
  /** The share of a cycle or pulse this hand runs behind the first (0.5: the hands take turns). */
  readonly turn: number;
  /** Body units this hand trails the leading one along the path (arrangement `together`). */
  readonly trail: number;
  /** Body units this hand runs ahead of the trailing one along the stroke (arrangement `together`, first hand). */
  readonly lead: number;
  /** A fixed offset (arrangement `stacked`: the top hand sits a little toward the head). */
  readonly dx: number;
  readonly dy: number;
  /** Fingers point toward the midline on lateral strokes (arrangement `mirrored`: fingers face each other). */
  readonly facesMidline: boolean;
  /** Arrangement `alternating`: the hands take turns on one path, its `lead` and `trail` a hand's width apart. */
  readonly isTakingTurns: boolean;
}

/** One hand's prepared track: its stroke, its way back, its lane and what it holds. */
export interface MotionTrack {
  readonly hand: 'left' | 'right';
  readonly tool: ContactTool;
  readonly isHolding: boolean;
  readonly stroke: MotionLine;
  /** The explicit way back, or null (then the hand repositions lifted when the step has several reps). */
  readonly back: MotionLine | null;
  readonly isBackPressing: boolean;
  /** The smallest |x| the stroke and the way back come to: how far they stay from the spine line. */
  readonly spineDistance: number;
  /** Heading from the holding hand's point toward the working hand's start (π/2 when there is no hold). */
  readonly holdAngle: number;
  readonly lane: HandLane;
  /** The step's finger rule (absent: along the stroke). */
  readonly fingers: StepMotion['fingers'];
  /** Which way a rotation turns (routine `turn`); absent: one way, then the other, each repetition. */
  readonly turn: StepMotion['turn'];
  /** The direction from the practitioner's place across the table (0: toward the client's right). */
  readonly awayAngle: number;
}

/** What a technique's motion is given: the hands' tracks for this repetition and the step's timing. */
export interface MotionInput {
  readonly tracks: readonly MotionTrack[];
  /** The body map the plan was made with (landmarks a motion refers to, such as the head's centre). */
  readonly map: BodyMap;
  readonly reps: number;
  /** Seconds one repetition lasts in this plan. */
  readonly repSeconds: number;
}

/** The hands at one phase of a repetition, with the phase's name and the technique's extent. */
export interface MotionFrame {
  readonly hands: readonly HandState[];
  readonly phaseName: string;
  /** 0…1: lift height, stretch or pull amount, pulse depth, turn of the circle … (see each technique). */
  readonly extent: number;
}

/** A technique kind's own motion: how the hands move through one repetition, and how it is named. */
export interface TechniqueMotion {
  /** Every phase name the motion may report, in the order they occur. */
  readonly phaseNames: readonly string[];
  /** The verb narration uses for it ("glide", "knead" …). */
  readonly verb: string;
  /** Tags rules can match on the technique itself (e.g. `joint-movement`, `stretch`). */
  readonly tags: readonly string[];
  /** The phase of a repetition (0…1) that shows the technique best: the default still of a step. */
  readonly tellingPhase: number;
  /** True when the two working hands take turns by nature (press, squeeze), whatever the arrangement. */
  readonly alternatesHands: boolean;
  /** How far (body units) a hand may leave its track's bounding box (a circle's radius, a pull). */
  readonly reach: number;
  /** The reach on a track that comes within `spineDistance` of x = 0 (a knead circle shrinks there). */
  reachFor(spineDistance: number): number;
  /** The hands at `phase` (0…1) of repetition `rep` (0-based). */
  handsAt(input: MotionInput, phase: number, rep: number): MotionFrame;
}
