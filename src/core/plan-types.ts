import type {
  ClientPosition,
  ContactTool,
  HandShape,
  Language,
  PractitionerPlace,
  PractitionerPosture,
  Side,
  Surface,
  TechniqueKind,
  View,
} from './ids.js';
import type { PlanReason } from './plan-explain.js';
import type { PoseSpec } from './pose/pose-spec.js';

/** A point of a hand's track: body-frame coordinates and the surface it touches. */
export interface TrackPoint {
  readonly x: number;
  readonly y: number;
  readonly surface: Surface;
}

/** Where one hand goes during a repetition of a step. */
export interface HandTrack {
  readonly hand: 'left' | 'right';
  readonly tool: ContactTool;
  /** The working stroke, in order. One point: the hand stays there. */
  readonly points: readonly TrackPoint[];
  /** The way back: absent when the technique has none; `isPressing` false for a lifted return. */
  readonly returnPoints?: readonly TrackPoint[];
  readonly isReturnPressing?: boolean;
  /** A pressing return's own pressure when lighter than the step's (the leg glide's way back down the sides). */
  readonly returnPressure?: number;
  /** True for a supporting hand that holds still (hold-and-work). */
  readonly isHolding?: boolean;
}

/** The resolved geometry of one planned step on one side: every hand's track. */
export interface StepMotion {
  readonly arrangement:
    | 'mirrored'
    | 'stacked'
    | 'together'
    | 'alternating'
    | 'hold-and-work'
    | 'independent'
    | 'none';
  readonly hands: readonly HandTrack[];
  /** Each repetition works the other side of the midline (tracks given for the left; mirrored on odd reps). */
  readonly alternateSidesEachRep: boolean;
  /** Where the fingers point (routine `fingers`); absent: along the stroke. */
  readonly fingers?: 'along' | 'across' | 'toward-head' | 'toward-feet' | 'away-from-practitioner' | 'facing';
  /** Which way a rotation turns: `one-way` or `other-way` every repetition; absent: alternating. */
  readonly turn?: 'one-way' | 'other-way';
}

/** A change a rule made to a planned step. */
export interface PlanChange {
  readonly rule: string;
  readonly kind: 'soften' | 'limit-reps' | 'replace' | 'warn' | 'exclude-region' | 'drop-part';
  readonly reason: string;
  /** The part of the step the change is about (a step in parts); absent: the whole step. */
  readonly part?: string;
  readonly from?: number | string | null;
  readonly to?: number | string | null;
}

/** The cues of a planned step or part, adapted to the plan. */
export interface PlannedCues {
  readonly before: string;
  readonly during: readonly string[];
  readonly safety: string | null;
  /** Per `during` line, the window of each repetition it speaks of (null: none); absent when no line has one. */
  readonly duringPhases?: readonly (readonly [number, number] | null)[];
}

/**
 * One part of a planned step made of parts (the forearms along the spine, then on the diagonals): its own
 * motion, pressure, repetitions and cues, and its slice of the step's time. The parts of a step follow each
 * other with no gap; their times add up to the step's.
 */
/** What a planned step and each of its parts both carry: what is done, where, how hard, how often and when. */
export interface PlannedWork {
  readonly id: string;
  readonly title: string;
  readonly technique: TechniqueKind;
  /** The routine's tags (a part: its step's and its own); rules match them. */
  readonly tags: readonly string[];
  readonly place: PractitionerPlace | null;
  /** The routine's own posture (stand or sit), when it gives one; else `practitionerPostureOf` its place. */
  readonly posture?: PractitionerPosture;
  /** Region ids touched (deduplicated, without side). */
  readonly regions: readonly string[];
  /** Planned pressure 1–5; null for work that presses nothing. */
  readonly pressure: number | null;
  /** Pressure by region where softer than `pressure` (e.g. the kidney band). */
  readonly pressureByRegion: Readonly<Record<string, number>>;
  readonly reps: number;
  /** Seconds from the session start. */
  readonly start: number;
  /** Seconds. */
  readonly duration: number;
  readonly cues: PlannedCues;
  /** What rules changed; a change about one part names it (`part`). */
  readonly changes: readonly PlanChange[];
  readonly figure: number | null;
  readonly motion: StepMotion;
  /** The routine's own telling phase for the still, when it overrides the technique kind's. */
  readonly tellingPhase?: number;
  /** The routine's views (main first), when it names them; else the technique kind's (a part: its step's). */
  readonly views?: readonly View[];
  /** The routine's two-panel picture: the phases of the first repetition each panel shows. */
  readonly panels?: readonly [number, number];
  /** The routine's own pose, replacing its technique kind's. */
  readonly pose?: PoseSpec;
  /** The routine's shape for the working hands, when it is not their tool's own. */
  readonly handShape?: HandShape;
}

/** One part of a step in parts; its `cues.before` is empty when the part adds none (said as it starts). */
export type PlannedPart = PlannedWork;

/** A seed figure a planned step shows, and the moment that shows it (the routine's `figure`/`figures`). */
export interface PlannedFigure {
  readonly figure: number;
  /** What the figure shows, in the plan's language; null when the routine says nothing. */
  readonly what: string | null;
  /** The part that shows it (a step in parts), or null. */
  readonly part: string | null;
  /** 1-based repetition (of the part), or null for the first. */
  readonly repetition: number | null;
  /** The phase to draw, `most-extended`, or null for the most telling moment. */
  readonly phase: number | 'most-extended' | null;
  /** The view it is drawn from, or null for its part's (else its step's) main view. */
  readonly view: View | null;
}

/** One step of a plan, on one side, with its timing. */
export interface PlannedStep extends PlannedWork {
  readonly sectionId: string;
  readonly position: ClientPosition;
  /** `left`/`right` for a per-side step; null for midline or both sides at once. */
  readonly side: Side | null;
  /** True when the count is fixed by the technique (lift, traction). */
  readonly isCountBound: boolean;
  /** Every seed figure the step shows, with its moment (absent when it shows none). */
  readonly figures?: readonly PlannedFigure[];
  /** The parts still planned, in order (a step the routine writes as a sequence); absent for a single step. Its
   * `motion` is then its first planned part's (each part carries its own). */
  readonly parts?: readonly PlannedPart[];
}

/** A step (on a side) the plan leaves out, and why. */
export interface SkippedStep {
  readonly id: string;
  readonly side: Side | null;
  readonly reason: string;
  readonly rule: string;
}

/** A warning shown before the session. */
export interface PlanWarning {
  readonly rule: string;
  readonly message: string;
  readonly mustAcknowledge: boolean;
}

/** A region the client's conditions exclude. */
export interface ExcludedRegion {
  readonly region: string;
  readonly side: Side | null;
  readonly rule: string;
  readonly reason: string;
}

/** The personalised, timed sequence (DESIGN.md "Plan"). */
export interface Plan {
  readonly refused: false;
  readonly version: 1;
  readonly routineId: string;
  readonly language: Language;
  readonly minutes: number;
  readonly steps: readonly PlannedStep[];
  readonly skipped: readonly SkippedStep[];
  readonly warnings: readonly PlanWarning[];
  readonly excludedRegions: readonly ExcludedRegion[];
  /** "Because of your answers": each rule that changed this plan, once, with what it changed. */
  readonly because: readonly PlanReason[];
  readonly totalSeconds: number;
}

/** Why there is no massage today. */
export interface RefusalReason {
  readonly rule: string;
  readonly condition: string;
  readonly reason: string;
}

/** A refusal is a value, not an exception. */
export interface Refusal {
  readonly refused: true;
  readonly reasons: readonly RefusalReason[];
}

/** What the planner returns. */
export type PlanResult = Plan | Refusal;

/** True when the planner refused the session. */
export function isRefusal(result: PlanResult): result is Refusal {
  return result.refused;
}
