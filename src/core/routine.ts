import { z } from 'zod';
import {
  ClientPosition,
  ContactTool,
  HandShape,
  Language,
  PractitionerPlace,
  PractitionerPosture,
  Pressure,
  RegionId,
  Side,
  Surface,
  TechniqueKind,
  View,
} from './ids.js';
import { PoseSpec } from './pose/pose-spec.js';

const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lower-case words joined by hyphens, e.g. leg-glide');

/** Text in each language of the routine: `{ en: "...", ru: "..." }`. */
export const LocalizedText = z
  .object({ en: z.string().min(1), ru: z.string().min(1).optional() })
  .strict()
  .describe('Text per language; English is required, Russian optional.');
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * A point on the body map: a landmark with offsets, or absolute coordinates.
 * `lateral` moves away from the midline on the current side; `dy` moves toward the feet.
 */
export const Waypoint = z.union([
  z
    .object({
      at: z.string().min(1).describe('A landmark id of the body map, e.g. c7, popliteal, heel.'),
      lateral: z
        .number()
        .min(-0.3)
        .max(0.3)
        .optional()
        .describe(
          'Offset away from the midline on the current side (negative: toward it), body-frame units.',
        ),
      dy: z
        .number()
        .min(-0.3)
        .max(0.3)
        .optional()
        .describe('Offset toward the feet (negative: toward the head).'),
      surface: Surface.optional().describe(
        'The surface from this point on (e.g. posterior: hands under the neck).',
      ),
    })
    .strict(),
  z
    .object({
      x: z.number().min(-0.5).max(0.5).describe('Across the body, negative on the client’s left.'),
      y: z.number().min(-0.1).max(1.1).describe('From the crown (0) to the soles (1).'),
      surface: Surface.optional(),
    })
    .strict(),
]);
export type Waypoint = z.infer<typeof Waypoint>;

/** Sugar for a straight path between two landmarks at a lateral offset. */
export const PathSpan = z
  .object({
    from: z.string().min(1).describe('Start landmark id.'),
    to: z.string().min(1).describe('End landmark id.'),
    lateral: z
      .number()
      .min(-0.3)
      .max(0.3)
      .optional()
      .describe('Offset away from the midline on the current side.'),
    surface: Surface.optional(),
  })
  .strict();
export type PathSpan = z.infer<typeof PathSpan>;

/** A path: a landmark-to-landmark span or a list of waypoints. */
export const PathSpec = z.union([PathSpan, z.array(Waypoint).min(1)]);
export type PathSpec = z.infer<typeof PathSpec>;

/**
 * How the two hands share the path.
 * - mirrored: each hand on its own side of the midline, mirror images (spine steps, chest stroke).
 * - stacked: one hand on the other, at one point (reinforced palm).
 * - together: both hands on the path, the leading one ahead.
 * - alternating: hands take turns along the path.
 * - hold-and-work: one hand holds at `hold`, the other works along the path.
 * - independent: each hand has its own path (`paths.left`, `paths.right`).
 */
export const HandArrangement = z.enum([
  'mirrored',
  'stacked',
  'together',
  'alternating',
  'hold-and-work',
  'independent',
]);
export type HandArrangement = z.infer<typeof HandArrangement>;

/**
 * Where the fingers (or a forearm) point while working.
 * - along: along the stroke (default); mirrored hands moving sideways face each other.
 * - across: across the stroke, away from the practitioner (forearms laid across the back).
 * - toward-head / toward-feet: fixed, whatever the stroke does.
 * - away-from-practitioner: from where the practitioner is toward the far side (hands at the scalp from the head).
 * - facing: toward the midline (fingers of the two hands facing each other).
 */
export const FingerDirection = z.enum([
  'along',
  'across',
  'toward-head',
  'toward-feet',
  'away-from-practitioner',
  'facing',
]);
export type FingerDirection = z.infer<typeof FingerDirection>;

/** What the hands do on the way back. */
export const ReturnStroke = z.union([
  z.enum(['lifted', 'pressing', 'none']),
  z
    .object({
      left: PathSpec.optional(),
      right: PathSpec.optional(),
      pressure: Pressure.optional(),
    })
    .strict()
    .describe('Explicit return paths per hand (e.g. down the outer and inner sides of the leg).'),
]);
export type ReturnStroke = z.infer<typeof ReturnStroke>;

/** Repetitions: the default count, its range, and whether the count is fixed by the technique. */
export const Repetitions = z
  .object({
    default: z.number().int().min(1).max(100),
    min: z.number().int().min(1).max(100).optional(),
    max: z.number().int().min(1).max(100).optional(),
    isCountBound: z
      .boolean()
      .optional()
      .describe(
        'True when the step is counted in repetitions (lift, traction): the planner keeps its count.',
      ),
  })
  .strict();
export type Repetitions = z.infer<typeof Repetitions>;

const RegionOrPrefix = z
  .string()
  .regex(/^[a-z]+(\.[a-z-]+)*$/, 'a region id or prefix, e.g. leg.lower or leg')
  .describe('A region id or a prefix of one (leg matches leg.lower).');

const RuleRef = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is lower-case words joined by hyphens');

/**
 * The window of each repetition a `during` line speaks of (the way up, the way back): the line is said as the
 * window begins, in every repetition it fits in, and is heard only inside it.
 */
export const CuePhase = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .refine(([from, to]) => from < to, 'from must be before to')
  .describe(
    'A during line about one phase of the movement: from and to, as phases of each repetition (0…1); said as the window begins in each repetition, heard only inside it.',
  );
export type CuePhase = z.infer<typeof CuePhase>;

/**
 * One line of a cue, as data the planner adapts: the text, the regions and landmarks it speaks of, and when it
 * is said. A plain string is a line that names no region the plan could leave out.
 * @remarks Placeholders: `{pressure}` is the planned pressure in the routine's vocabulary (never the routine's
 * default), `{start}` the place where the planned stroke now starts.
 */
export const CueLine = z.union([
  z.string().min(1),
  z
    .object({
      text: z.string().min(1).describe('What is said; may hold {pressure} and {start}.'),
      regions: z
        .array(RegionOrPrefix)
        .optional()
        .describe(
          'Regions the line speaks of, besides those its words name: left out when the plan excludes one, or the stroke no longer reaches it.',
        ),
      landmarks: z
        .array(z.string().min(1))
        .optional()
        .describe('Landmarks the line speaks of: left out when one lies in a region the plan excludes.'),
      otherwise: z
        .string()
        .min(1)
        .optional()
        .describe('Said instead when the line is left out because of a region.'),
      onlyIf: z
        .array(RuleRef)
        .min(1)
        .optional()
        .describe('Said only when one of these rules applies to the client (e.g. late pregnancy).'),
      unless: z
        .array(RuleRef)
        .min(1)
        .optional()
        .describe('Not said when one of these rules applies to the client (e.g. oil-allergy).'),
      ifPlanned: ClientPosition.optional().describe(
        'Said only when the plan has work in this position (e.g. lying down: prone).',
      ),
      unlessPlanned: ClientPosition.optional().describe('Not said when the plan has work in this position.'),
      phase: CuePhase.optional(),
    })
    .strict(),
]);
export type CueLine = z.infer<typeof CueLine>;

const CueLines = z.union([CueLine, z.array(CueLine).min(1)]);

/** The cues of one language: before the step, during it, and the safety reminder. */
export const CueSet = z
  .object({
    before: CueLines.describe('Said as the step starts: what to do (lines are joined).'),
    during: z.array(CueLine).optional().describe('Said while the step runs, spread over it.'),
    safety: CueLines.optional().describe(
      'The safety reminder for this step (lines are joined); a rule may add to it, never take from it.',
    ),
  })
  .strict();
export type CueSet = z.infer<typeof CueSet>;

/** A posture a cue can tell the practitioner to take; no step kneels (the pictures draw standing and seated). */
const PostureWord = z.enum(['standing', 'seated', 'kneeling']);

/** A place a cue can put the practitioner at; `side` is either side of the table. */
const PractitionerPlaceWord = z.enum(['head', 'feet', 'side']);

/** The words a routine speaks pressure and places with, in one language. */
export const Vocabulary = z
  .object({
    pressure: z
      .object({
        1: z.string().min(1),
        2: z.string().min(1),
        3: z.string().min(1),
        4: z.string().min(1),
        5: z.string().min(1),
      })
      .strict()
      .describe('What {pressure} says for each planned pressure, e.g. 2: light.'),
    pressureWords: z
      .object({
        2: z.array(z.string().min(1)),
        3: z.array(z.string().min(1)),
        4: z.array(z.string().min(1)),
        5: z.array(z.string().min(1)),
      })
      .partial()
      .strict()
      .optional()
      .describe(
        'Words that say a pressure of this level (2: light; 4: firm, deep, strong): a line saying more than the planned pressure is never said; words above 2 are written only through {pressure}.',
      ),
    regions: z
      .partialRecord(
        RegionId,
        z
          .object({
            name: z
              .string()
              .min(1)
              .optional()
              .describe('The region\'s name in a sentence, e.g. "the lower leg".'),
            words: z
              .array(z.string().min(1))
              .min(1)
              .describe('Words that name the region (lower case; a stem matches its endings).'),
            on: z
              .string()
              .min(1)
              .optional()
              .describe(
                'The phrase {start} says for a stroke starting here, e.g. "on the back of the thigh".',
              ),
          })
          .strict(),
      )
      .describe('How the cues name each region.'),
    postures: z
      .partialRecord(PostureWord, z.array(z.string().min(1)).min(1))
      .optional()
      .describe(
        "Words that tell the practitioner to stand, sit or kneel (lower case; a stem matches its endings): a line saying a posture other than its step's is an error.",
      ),
    places: z
      .partialRecord(PractitionerPlaceWord, z.array(z.string().min(1)).min(1))
      .optional()
      .describe(
        "Words that put the practitioner at the head, at the feet or beside the table: a line saying a place other than its step's is an error.",
      ),
    startFallback: z
      .string()
      .min(1)
      .describe(
        'Said as the step starts when every opening line names a place the plan leaves out; may hold {start}.',
      ),
    startUnnamed: z
      .string()
      .min(1)
      .describe('Said as the step starts when even {start} would name a place left out (no placeholders).'),
  })
  .strict();
export type Vocabulary = z.infer<typeof Vocabulary>;

/** A passage of the seed text a step comes from. */
export const SourceRef = z
  .object({
    heading: z.string().min(1).describe('The seed heading the passage stands under.'),
    quote: z.string().min(1).optional().describe('A few words of the passage, to find it.'),
  })
  .strict();

/** A bounded retry: when a try fails (the neck will not relax), the step starts over, at most `tries` times in all. */
export const StepRetry = z
  .object({
    label: LocalizedText.describe('The button the practitioner presses when a try fails.'),
    tries: z.number().int().min(1).max(10).describe('Tries in all; the last failed one gives up.'),
    onGiveUp: z.literal('next-step').describe('What giving up does: move on to the next step.'),
    rule: z
      .string()
      .min(1)
      .optional()
      .describe('The rule the retry follows (a rule id, checked like cautions).'),
  })
  .strict();
export type StepRetry = z.infer<typeof StepRetry>;

/**
 * A seed figure and the moment that shows it: a figure number alone (the step's or part's most telling moment),
 * or the number with the repetition and phase to draw and a caption.
 */
export const FigureShot = z.union([
  z.number().int().min(1),
  z
    .object({
      figure: z.number().int().min(1).describe("The figure's number in the seed."),
      what: LocalizedText.optional().describe(
        "What the figure shows, in a few words (the gallery's caption).",
      ),
      repetition: z.number().int().min(1).optional().describe('Which repetition (default the first).'),
      phase: z
        .union([z.number().min(0).max(1), z.literal('most-extended')])
        .optional()
        .describe(
          'How far into the repetition (0…1), or most-extended: where the lift, stretch or pull is greatest; default: the most telling moment.',
        ),
      view: View.optional().describe(
        "The view the figure is drawn from (top, side, head, closeup); default: its part's or step's main view.",
      ),
    })
    .strict(),
]);
export type FigureShot = z.infer<typeof FigureShot>;

/** The figure number of a figure shot. */
export function figureNumber(shot: FigureShot): number {
  return typeof shot === 'number' ? shot : shot.figure;
}

/** The cues of a part: said as the part starts (after the step's own opening when it is the first). */
export const PartCueSet = z
  .object({
    before: CueLines.describe('Said as the part starts: what changes now (lines are joined).'),
    during: z.array(CueLine).optional().describe('Said while the part runs, spread over it.'),
    safety: CueLines.optional().describe('A reminder for this part, said after its opening line.'),
  })
  .strict();
export type PartCueSet = z.infer<typeof PartCueSet>;

/**
 * One part of a step that the seed writes as a sequence (along the spine, then the diagonals). A part takes
 * its share of the step's time (its repetitions, for a step counted in repetitions) and may change anything
 * about the motion; what it leaves out it takes from the step.
 */
export const StepPart = z
  .object({
    id: Id.describe('Unique within the step, e.g. along-spine.'),
    title: LocalizedText.describe("Shown under the step's title while the part runs."),
    share: z
      .number()
      .gt(0)
      .max(1)
      .describe("The part's share of the step's time (or repetitions); the shares of a step add up to 1."),
    technique: TechniqueKind.optional().describe("The part's own technique kind; default: the step's."),
    tools: z
      .union([ContactTool, z.object({ left: ContactTool, right: ContactTool }).strict()])
      .optional()
      .describe('The contact tool(s) in this part (thumbs on the calf, the palm on the thigh).'),
    hands: HandArrangement.optional(),
    place: PractitionerPlace.optional(),
    posture: PractitionerPosture.optional().describe(
      "Whether the practitioner stands or sits in this part; default: the step's.",
    ),
    path: PathSpec.optional().describe(
      "The part's working stroke; with path or paths the step's are not used.",
    ),
    paths: z.object({ left: PathSpec, right: PathSpec }).strict().optional(),
    hold: Waypoint.optional(),
    fingers: FingerDirection.optional(),
    handShape: HandShape.optional().describe("The working hands' shape in this part; default: the step's."),
    return: ReturnStroke.optional(),
    alternateSidesEachRep: z.boolean().optional(),
    turn: z
      .enum(['one-way', 'other-way'])
      .optional()
      .describe(
        'A rotation turns one way (or the other) every repetition; default: alternating each repetition.',
      ),
    direction: z.string().min(1).optional(),
    pressure: Pressure.nullable().optional().describe("The part's pressure; default: the step's."),
    pressureByRegion: z.partialRecord(RegionId, Pressure).optional(),
    tempo: z.enum(['slow', 'moderate', 'brisk']).optional(),
    repSeconds: z
      .number()
      .min(1)
      .max(600)
      .optional()
      .describe("Seconds one repetition of this part takes; default: the step's."),
    tags: z.array(z.string().min(1)).optional().describe("Tags added to the step's for this part."),
    cues: z.object({ en: PartCueSet, ru: PartCueSet.optional() }).strict().optional(),
    figure: FigureShot.optional().describe('The seed figure this part illustrates, and its moment.'),
    views: z
      .array(View)
      .min(1)
      .max(4)
      .optional()
      .describe("The views that show this part; default: the step's."),
    panels: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .optional()
      .describe("This part's picture as two panels, at these phases of its first repetition."),
    pose: PoseSpec.optional().describe("What this part does to the client's body; default: the step's."),
    tellingPhase: z.number().min(0).max(1).optional(),
    source: SourceRef.optional().describe('The sentence of the seed this part comes from.'),
  })
  .strict();
export type StepPart = z.infer<typeof StepPart>;

/** One technique instance, or a transition (rest, turn over). */
export const Step = z
  .object({
    id: Id,
    title: LocalizedText,
    technique: TechniqueKind,
    tools: z
      .union([ContactTool, z.object({ left: ContactTool, right: ContactTool }).strict()])
      .optional()
      .describe('The contact tool for both hands, or one per hand.'),
    hands: HandArrangement.optional(),
    place: PractitionerPlace.optional().describe('Where the practitioner stands or sits.'),
    posture: PractitionerPosture.optional().describe(
      'Whether the practitioner stands or sits there (as the cues say and the pictures draw); default: seated at the head, standing elsewhere.',
    ),
    path: PathSpec.optional().describe(
      'The working stroke; bilateral landmarks resolve to the current side.',
    ),
    paths: z
      .object({ left: PathSpec, right: PathSpec })
      .strict()
      .optional()
      .describe('One path per hand, with hands: independent.'),
    hold: Waypoint.optional().describe('Where the supporting hand holds, with hands: hold-and-work.'),
    fingers: FingerDirection.optional().describe(
      'Where the fingers (or the forearm) point; default: along the stroke (facing each other when mirrored).',
    ),
    handShape: HandShape.optional().describe(
      "The shape the working hands take when it is not their tool's own (spread-fingers: the fingertips spread over the scalp, as when washing hair); default: the tool's.",
    ),
    return: ReturnStroke.optional(),
    alternateSidesEachRep: z
      .boolean()
      .optional()
      .describe('Each repetition works the other side of the midline (left first).'),
    turn: z
      .enum(['one-way', 'other-way'])
      .optional()
      .describe(
        'A rotation turns one way (or the other) every repetition; default: alternating each repetition.',
      ),
    direction: z
      .string()
      .min(1)
      .optional()
      .describe('The direction in words: cranial, toward the heart, circular …'),
    pressure: Pressure.nullable().describe('Planned pressure 1–5, or null for steps that press nothing.'),
    pressureByRegion: z
      .partialRecord(RegionId, Pressure)
      .optional()
      .describe('Softer pressure where the path crosses these regions (e.g. the kidney band).'),
    tempo: z.enum(['slow', 'moderate', 'brisk']).optional(),
    repSeconds: z.number().min(1).max(600).describe('Seconds one repetition takes at the default tempo.'),
    reps: Repetitions,
    weight: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('Share of the section’s time for time-bound steps.'),
    isOptional: z.boolean().optional().describe('Dropped first when the session is short.'),
    dropOrder: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Among optional steps, which goes first (1 first).'),
    tags: z.array(z.string().min(1)).optional().describe('Free tags rules can match, e.g. stretch, oil.'),
    cues: z.object({ en: CueSet, ru: CueSet.optional() }).strict(),
    minSeconds: z
      .number()
      .min(0)
      .max(3600)
      .optional()
      .describe('The least time the step takes at any session length (the rest before turning: 120).'),
    maxSeconds: z
      .number()
      .min(1)
      .max(7200)
      .optional()
      .describe('The most time a therapist would give the step; reps.max × repSeconds caps it too.'),
    transition: z
      .object({ from: ClientPosition, to: ClientPosition })
      .strict()
      .optional()
      .describe('A transition between positions: planned only when work is planned in both.'),
    cautions: z.array(z.string().min(1)).optional().describe('Rule ids this step must honour.'),
    retry: StepRetry.optional().describe('A bounded retry the player offers on this step.'),
    figure: FigureShot.optional().describe('The seed figure this step illustrates, and its moment.'),
    figures: z
      .array(FigureShot)
      .optional()
      .describe('Every seed figure this step relates to (each with its moment when the step shows it).'),
    tellingPhase: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('The phase of a repetition (0…1) its still shows; default: the technique kind’s own.'),
    views: z
      .array(View)
      .min(1)
      .max(4)
      .optional()
      .describe(
        'The views that show the step, its main one first (top, side, head, closeup); default: its technique kind’s.',
      ),
    panels: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .optional()
      .describe(
        'Its picture as two panels side by side, at these phases of the first repetition (start and end, or Figure 115 then 116).',
      ),
    pose: PoseSpec.optional().describe(
      'What the step does to the client’s body (a leg lift, an ankle bend, a head lift, an arched back); replaces its technique kind’s.',
    ),
    source: SourceRef.optional(),
    parts: z
      .array(StepPart)
      .min(2)
      .optional()
      .describe('The step as a sequence of parts, done in order, each its share of the step (see StepPart).'),
  })
  .strict();
export type Step = z.infer<typeof Step>;

/** A part of the routine done in one client position. */
export const Section = z
  .object({
    id: Id,
    title: LocalizedText,
    position: ClientPosition,
    perSide: z
      .object({ order: z.array(Side).length(2) })
      .strict()
      .optional()
      .describe('A per-side block: every step on the first side, then all again on the second.'),
    shrinkOrder: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Below the shortest timing, sections shrink in this order (1 first).'),
    steps: z.array(Step).min(1),
  })
  .strict();
export type Section = z.infer<typeof Section>;

/** Minutes per section for one session length. */
export const TimingRow = z
  .object({
    minutes: z.number().min(5).max(240),
    sections: z.record(z.string(), z.number().min(0)),
  })
  .strict();

/** A whole routine file. */
export const Routine = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: z.number().int().min(1),
    title: LocalizedText,
    description: LocalizedText.optional(),
    languages: z.array(Language).min(1),
    source: z.string().optional().describe('The text this routine is read from.'),
    timing: z
      .array(TimingRow)
      .min(1)
      .describe('Minutes per section for given session lengths; others interpolate.'),
    minMinutes: z.number().min(1).max(240).optional(),
    maxMinutes: z.number().min(1).max(240).optional(),
    maxMinutesIn: z
      .partialRecord(ClientPosition, z.number().min(1).max(240))
      .optional()
      .describe('The most minutes a client spends in one position (face down: 40).'),
    vocabulary: z
      .object({ en: Vocabulary, ru: Vocabulary.optional() })
      .strict()
      .optional()
      .describe('The words the cues speak pressure and places with, per language.'),
    sections: z.array(Section).min(1),
  })
  .strict();
export type Routine = z.infer<typeof Routine>;

export { Side };
