import type { ContactTool, Side, Surface, TechniqueKind } from './ids.js';
import type { PlannedPart, PlannedStep, StepMotion } from './plan-types.js';

/** What one hand is doing at a moment. */
export interface HandState {
  readonly hand: 'left' | 'right';
  readonly tool: ContactTool;
  /** Body-frame position of the contact's centre. */
  readonly x: number;
  readonly y: number;
  readonly surface: Surface;
  /** Direction the fingers (or the forearm) point, radians in the body frame (0: toward +x, π/2: toward the feet). */
  readonly angle: number;
  /** Pressure applied now; null when the hand only holds or is lifted. */
  readonly pressure: number | null;
  readonly isLifted: boolean;
  readonly isHolding: boolean;
}

/** The phase of a repetition, named by the technique (e.g. "stroke", "return", "lift", "hold", "release"). */
export type MomentPhase = string;

/** The state of the session at one time t (DESIGN.md "Moment"). */
export interface Moment {
  /** Seconds from the session start, clamped to the plan. */
  readonly t: number;
  readonly stepIndex: number;
  readonly step: PlannedStep;
  /** The running part of a step in parts (its motion, title and cues), or null for a step without parts. */
  readonly part: PlannedPart | null;
  /** The running part's index in `step.parts`, or −1. */
  readonly partIndex: number;
  /** The running technique: the part's for a step in parts. */
  readonly technique: TechniqueKind;
  readonly side: Side | null;
  /** 1-based repetition, and how many (of the running part, for a step in parts). */
  readonly repetition: number;
  readonly repetitions: number;
  /** Progress through the current repetition, 0…1. */
  readonly phase: number;
  readonly phaseName: MomentPhase;
  readonly hands: readonly HandState[];
  /**
   * The cue being spoken (or last spoken) and which kind it is; a line about one phase carries its window of the
   * repetition (null past it).
   */
  readonly cue: {
    readonly kind: 'before' | 'during' | 'safety';
    readonly text: string;
    readonly phase?: readonly [number, number];
  } | null;
  readonly stepTimeLeft: number;
  readonly sessionTimeLeft: number;
  /** Technique-specific extras: lift height 0…1, stretch amount, rotation angle … */
  readonly extent: number;
  readonly isFinished: boolean;
}

/** The motion the hands follow at a moment: the running part's, else the step's. */
export function momentMotion(moment: Moment): StepMotion {
  return moment.part ? moment.part.motion : moment.step.motion;
}
