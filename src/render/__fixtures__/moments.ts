// Hand-built moments for the renderer's tests: one per technique kind and a few views (supine, figure 117 and
// 119, an excluded region). They do not go through the timeline, so a change there does not move a snapshot.
import type {
  ClientPosition,
  ContactTool,
  PractitionerPlace,
  Side,
  Surface,
  TechniqueKind,
} from '../../core/ids.js';
import type { HandState, Moment } from '../../core/moment.js';
import type { HandTrack, PlannedStep, StepMotion, TrackPoint } from '../../core/plan-types.js';

type XY = readonly [number, number];

const pts = (points: readonly XY[], surface: Surface): TrackPoint[] =>
  points.map(([x, y]) => ({ x, y, surface }));

/** One hand's track, for a fixture. */
export function track(
  hand: 'left' | 'right',
  tool: ContactTool,
  points: readonly XY[],
  options: { surface?: Surface; back?: readonly XY[]; isBackPressing?: boolean; isHolding?: boolean } = {},
): HandTrack {
  const surface = options.surface ?? 'posterior';
  return {
    hand,
    tool,
    points: pts(points, surface),
    ...(options.back
      ? { returnPoints: pts(options.back, surface), isReturnPressing: options.isBackPressing ?? false }
      : {}),
    ...(options.isHolding ? { isHolding: true } : {}),
  };
}

/** One hand's state, for a fixture (angle in degrees: 0 toward the client's right, 90 toward the feet). */
export function hand(
  which: 'left' | 'right',
  tool: ContactTool,
  at: XY,
  angleDegrees: number,
  options: { pressure?: number | null; surface?: Surface; isLifted?: boolean; isHolding?: boolean } = {},
): HandState {
  const isLifted = options.isLifted ?? false;
  const isHolding = options.isHolding ?? false;
  return {
    hand: which,
    tool,
    x: at[0],
    y: at[1],
    surface: options.surface ?? 'posterior',
    angle: (angleDegrees * Math.PI) / 180,
    pressure: isLifted || isHolding ? null : options.pressure === undefined ? 3 : options.pressure,
    isLifted,
    isHolding,
  };
}

/** What a fixture moment needs; everything else has a default. */
export interface MomentSpec {
  readonly id: string;
  readonly title: string;
  readonly technique: TechniqueKind;
  readonly position?: ClientPosition;
  readonly place?: PractitionerPlace | null;
  readonly side?: Side | null;
  readonly arrangement?: StepMotion['arrangement'];
  readonly tracks: readonly HandTrack[];
  readonly hands: readonly HandState[];
  readonly alternateSidesEachRep?: boolean;
  readonly repetition?: number;
  readonly repetitions?: number;
  readonly phase?: number;
  readonly phaseName?: string;
  readonly extent?: number;
  readonly cue?: Moment['cue'];
  readonly figure?: number | null;
}

/** Builds a Moment (and its PlannedStep) from a spec. */
export function momentFixture(spec: MomentSpec): Moment {
  const repetitions = spec.repetitions ?? 6;
  const step: PlannedStep = {
    id: spec.id,
    sectionId: 'fixture',
    title: spec.title,
    technique: spec.technique,
    tags: [],
    position: spec.position ?? 'prone',
    place: spec.place === undefined ? 'left' : spec.place,
    side: spec.side ?? null,
    regions: [],
    pressure: spec.technique === 'rest' ? null : 3,
    pressureByRegion: {},
    reps: repetitions,
    isCountBound: false,
    start: 600,
    duration: 120,
    cues: { before: spec.cue?.text ?? 'Begin.', during: [], safety: null },
    changes: [],
    figure: spec.figure ?? null,
    motion: {
      arrangement: spec.arrangement ?? (spec.tracks.length > 0 ? 'together' : 'none'),
      hands: spec.tracks,
      alternateSidesEachRep: spec.alternateSidesEachRep ?? false,
    },
  };
  return {
    t: 642,
    stepIndex: 3,
    step,
    part: null,
    partIndex: -1,
    technique: spec.technique,
    side: spec.side ?? null,
    repetition: spec.repetition ?? 3,
    repetitions,
    phase: spec.phase ?? 0.35,
    phaseName: spec.phaseName ?? 'stroke',
    hands: spec.hands,
    cue:
      spec.cue === undefined
        ? { kind: 'during', text: 'Keep the pressure even and the pace slow.' }
        : spec.cue,
    stepTimeLeft: 78,
    sessionTimeLeft: 1834,
    extent: spec.extent ?? 0,
    isFinished: false,
  };
}

const spineLeft: XY[] = [
  [-0.028, 0.42],
  [-0.028, 0.27],
  [-0.028, 0.16],
];
const spineRight: XY[] = spineLeft.map(([x, y]) => [-x, y] as const);

/** One moment per technique kind, in CATALOGUE order where the routine has one. */
export const KIND_MOMENTS: Readonly<Record<TechniqueKind, Moment>> = {
  glide: momentFixture({
    id: 'spine-reinforced-palm',
    title: 'Reinforced palm beside the spine',
    technique: 'glide',
    arrangement: 'stacked',
    alternateSidesEachRep: true,
    repetition: 3,
    tracks: [
      track('left', 'stacked-palms', spineLeft, { back: [...spineLeft].reverse() }),
      track('right', 'stacked-palms', spineLeft, { back: [...spineLeft].reverse() }),
    ],
    hands: [
      hand('left', 'stacked-palms', [-0.028, 0.33], -90),
      hand('right', 'stacked-palms', [-0.028, 0.325], -90),
    ],
  }),
  press: momentFixture({
    id: 'spine-fingertip-press',
    title: 'Fingertip presses beside the spine',
    technique: 'press',
    arrangement: 'alternating',
    tracks: [track('left', 'fingertips', spineLeft), track('right', 'fingertips', spineRight)],
    hands: [
      hand('left', 'fingertips', [-0.028, 0.3], -90),
      hand('right', 'fingertips', [0.028, 0.33], -90, { isLifted: true }),
    ],
  }),
  knead: momentFixture({
    id: 'spine-thumb-knead',
    title: 'Thumb kneading beside the spine',
    technique: 'knead',
    arrangement: 'mirrored',
    tracks: [
      track('left', 'thumb', spineLeft, { back: [...spineLeft].reverse(), isBackPressing: true }),
      track('right', 'thumb', spineRight, { back: [...spineRight].reverse(), isBackPressing: true }),
    ],
    hands: [
      hand('left', 'thumb', [-0.028, 0.31], -90, { pressure: 4 }),
      hand('right', 'thumb', [0.028, 0.31], -90, { pressure: 4 }),
    ],
    phaseName: 'circle',
  }),
  friction: momentFixture({
    id: 'scalp-shampoo',
    title: 'Scalp shampoo',
    technique: 'friction',
    position: 'supine',
    place: 'head',
    arrangement: 'mirrored',
    tracks: [
      track('left', 'fingertips', [
        [-0.035, 0.02],
        [-0.042, 0.05],
        [-0.04, 0.08],
      ]),
      track('right', 'fingertips', [
        [0.035, 0.02],
        [0.042, 0.05],
        [0.04, 0.08],
      ]),
    ],
    hands: [hand('left', 'fingertips', [-0.04, 0.045], 80), hand('right', 'fingertips', [0.04, 0.045], 100)],
  }),
  drain: momentFixture({
    id: 'leg-drainage',
    title: 'Leg drainage',
    technique: 'drain',
    side: 'left',
    place: 'side',
    tracks: [
      track('left', 'thumb', [
        [-0.055, 0.93],
        [-0.055, 0.74],
      ]),
    ],
    hands: [hand('left', 'thumb', [-0.055, 0.84], -90)],
  }),
  squeeze: momentFixture({
    id: 'leg-knead',
    title: 'Leg squeeze',
    technique: 'squeeze',
    side: 'left',
    place: 'side',
    arrangement: 'alternating',
    tracks: [
      track('left', 'whole-hand', [
        [-0.055, 0.56],
        [-0.055, 0.9],
      ]),
      track('right', 'whole-hand', [
        [-0.055, 0.56],
        [-0.055, 0.9],
      ]),
    ],
    hands: [
      hand('left', 'whole-hand', [-0.055, 0.64], 180),
      hand('right', 'whole-hand', [-0.055, 0.6], 180, { pressure: 1 }),
    ],
  }),
  traction: momentFixture({
    id: 'neck-traction',
    title: 'Neck traction',
    technique: 'traction',
    position: 'supine',
    place: 'head',
    arrangement: 'mirrored',
    tracks: [
      track('left', 'fingertips', [[-0.02, 0.115]], { surface: 'posterior' }),
      track('right', 'fingertips', [[0.02, 0.115]], { surface: 'posterior' }),
    ],
    hands: [
      hand('left', 'fingertips', [-0.02, 0.108], 90, { pressure: 2 }),
      hand('right', 'fingertips', [0.02, 0.108], 90, { pressure: 2 }),
    ],
    phaseName: 'pull',
    extent: 0.7,
    figure: 119,
  }),
  stretch: momentFixture({
    id: 'foot-flex-stretch',
    title: 'Foot flex stretch',
    technique: 'stretch',
    side: 'left',
    place: 'feet',
    arrangement: 'hold-and-work',
    tracks: [
      track('left', 'whole-hand', [[-0.055, 0.995]]),
      track('right', 'whole-hand', [[-0.055, 0.95]], { isHolding: true }),
    ],
    hands: [
      hand('left', 'whole-hand', [-0.055, 0.995], 0, { pressure: 2 }),
      hand('right', 'whole-hand', [-0.055, 0.95], 0, { isHolding: true }),
    ],
    phaseName: 'hold',
    extent: 1,
    figure: 115,
  }),
  rotate: momentFixture({
    id: 'ankle-rotation',
    title: 'Ankle rotation',
    technique: 'rotate',
    side: 'right',
    place: 'feet',
    arrangement: 'hold-and-work',
    tracks: [
      track('right', 'whole-hand', [[0.055, 0.995]]),
      track('left', 'whole-hand', [[0.055, 0.94]], { isHolding: true }),
    ],
    hands: [
      hand('right', 'whole-hand', [0.06, 0.996], 0, { pressure: null }),
      hand('left', 'whole-hand', [0.055, 0.94], 0, { isHolding: true }),
    ],
    phaseName: 'rotate',
  }),
  lift: momentFixture({
    id: 'leg-passive-lift',
    title: 'Straight-leg lift',
    technique: 'lift',
    side: 'left',
    place: 'side',
    arrangement: 'hold-and-work',
    tracks: [
      track('left', 'whole-hand', [[-0.055, 0.95]]),
      track('right', 'whole-hand', [[-0.055, 0.715]], { isHolding: true, surface: 'anterior' }),
    ],
    hands: [
      hand('left', 'whole-hand', [-0.055, 0.95], 90, { pressure: null }),
      hand('right', 'whole-hand', [-0.055, 0.715], 90, { isHolding: true, surface: 'anterior' }),
    ],
    phaseName: 'lift',
    extent: 0.5,
  }),
  rub: momentFixture({
    id: 'sole-rub',
    title: 'Sole rub',
    technique: 'rub',
    side: 'left',
    place: 'feet',
    tracks: [
      track('left', 'thumb', [
        [-0.055, 0.96],
        [-0.055, 0.995],
      ]),
    ],
    hands: [hand('left', 'thumb', [-0.055, 0.975], 180)],
  }),
  tug: momentFixture({
    id: 'hair-tug',
    title: 'Hair draw',
    technique: 'tug',
    position: 'supine',
    place: 'head',
    tracks: [
      track('left', 'fingers', [
        [-0.035, 0.035],
        [-0.065, 0.035],
      ]),
    ],
    hands: [hand('left', 'fingers', [-0.05, 0.035], 180, { pressure: 2 })],
  }),
  rest: momentFixture({
    id: 'turn-over',
    title: 'Rest, then turn over',
    technique: 'rest',
    place: null,
    tracks: [],
    hands: [],
    repetitions: 1,
    repetition: 1,
    cue: { kind: 'before', text: 'Let them rest a few minutes, then help them turn onto the back.' },
  }),
};

/** Seed figure 117: palms just under the collarbones, fingers facing each other, the practitioner at the head. */
export const FIGURE_117: Moment = momentFixture({
  id: 'chest-shoulder-neck-stroke',
  title: 'Chest, shoulder and neck stroke',
  technique: 'glide',
  position: 'supine',
  place: 'head',
  arrangement: 'mirrored',
  tracks: [
    track(
      'left',
      'palm',
      [
        [-0.07, 0.205],
        [-0.12, 0.195],
        [-0.1, 0.16],
        [-0.02, 0.115],
      ],
      { surface: 'anterior' },
    ),
    track(
      'right',
      'palm',
      [
        [0.07, 0.205],
        [0.12, 0.195],
        [0.1, 0.16],
        [0.02, 0.115],
      ],
      { surface: 'anterior' },
    ),
  ],
  hands: [
    hand('left', 'palm', [-0.07, 0.205], 0, { pressure: 2, surface: 'anterior' }),
    hand('right', 'palm', [0.07, 0.205], 180, { pressure: 2, surface: 'anterior' }),
  ],
  phase: 0.02,
  figure: 117,
  cue: {
    kind: 'before',
    text: 'Lay your palms on the upper chest just below the collarbones, fingers facing each other.',
  },
});
