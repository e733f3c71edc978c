import { bodyMapData } from '../../content/body-map.js';
import { bodyMapFromData, landmarkPoint } from '../body-map.js';
import type { ContactTool, Side, Surface, TechniqueKind } from '../ids.js';
import type { HandTrack, Plan, PlannedStep, StepMotion, TrackPoint } from '../plan-types.js';

/** A point written as `[x, y]` (posterior surface) or `[x, y, surface]`. */
export type PointSpec = readonly [number, number] | readonly [number, number, Surface];

function trackPoints(points: readonly PointSpec[], surface: Surface): TrackPoint[] {
  return points.map((p) => ({ x: p[0], y: p[1], surface: p[2] ?? surface }));
}

/** Builds one hand's track by hand, for tests. */
export function trackFixture(
  hand: 'left' | 'right',
  points: readonly PointSpec[],
  options: {
    tool?: ContactTool;
    surface?: Surface;
    returnPoints?: readonly PointSpec[];
    isReturnPressing?: boolean;
    isHolding?: boolean;
  } = {},
): HandTrack {
  const surface = options.surface ?? 'posterior';
  return {
    hand,
    tool: options.tool ?? 'palm',
    points: trackPoints(points, surface),
    ...(options.returnPoints
      ? {
          returnPoints: trackPoints(options.returnPoints, surface),
          isReturnPressing: options.isReturnPressing ?? false,
        }
      : {}),
    ...(options.isHolding ? { isHolding: true } : {}),
  };
}

/** A step for `planFixture`: everything but the start, which the plan fills in. */
export type StepFixture = Omit<PlannedStep, 'start'>;

/** Builds a planned step with defaults (30 s, 1 rep, pressure 3, no hands) and the given fields. */
export function stepFixture(
  fields: Partial<StepFixture> & {
    technique: TechniqueKind;
    arrangement?: StepMotion['arrangement'];
    hands?: readonly HandTrack[];
    alternateSidesEachRep?: boolean;
  },
): StepFixture {
  const { arrangement, hands, alternateSidesEachRep, ...rest } = fields;
  const motion: StepMotion = fields.motion ?? {
    arrangement: arrangement ?? (hands && hands.length > 0 ? 'together' : 'none'),
    hands: hands ?? [],
    alternateSidesEachRep: alternateSidesEachRep ?? false,
  };
  return {
    id: `${fields.technique}-step`,
    sectionId: 'test',
    title: `A ${fields.technique} step`,
    tags: [],
    position: 'prone',
    place: null,
    side: null,
    regions: [],
    pressure: fields.technique === 'rest' ? null : 3,
    pressureByRegion: {},
    reps: 1,
    isCountBound: false,
    duration: 30,
    cues: { before: `Now the ${fields.technique}.`, during: [], safety: null },
    changes: [],
    figure: null,
    ...rest,
    motion,
  };
}

/** Builds a plan from steps laid end to end from t = 0; the total is their sum unless given. */
export function planFixture(steps: readonly StepFixture[], options: { totalSeconds?: number } = {}): Plan {
  let start = 0;
  const timed: PlannedStep[] = steps.map((s) => {
    const step = { ...s, start };
    start += s.duration;
    return step;
  });
  return {
    refused: false,
    version: 1,
    routineId: 'test-routine',
    language: 'en',
    minutes: Math.round((options.totalSeconds ?? start) / 60),
    steps: timed,
    skipped: [],
    because: [],
    warnings: [],
    excludedRegions: [],
    totalSeconds: options.totalSeconds ?? start,
  };
}

/** The built-in body map, for tests (the fixtures' landmarks come from it). */
export const fixtureBodyMap = bodyMapFromData(bodyMapData);
const map = fixtureBodyMap;

/** A landmark's point on a side, moved `lateral` away from the midline and `dy` toward the feet. */
function at(id: string, side: Side | null, lateral = 0, dy = 0): readonly [number, number] {
  const p = landmarkPoint(map, id, side);
  if (!p) throw new Error(`plan-fixture: no landmark ${id}`);
  const sign = side === 'right' ? 1 : -1;
  return [p.x + sign * lateral, p.y + dy];
}

function mirroredPair(
  points: (side: Side) => readonly PointSpec[],
  options: Parameters<typeof trackFixture>[2] = {},
): HandTrack[] {
  return [trackFixture('left', points('left'), options), trackFixture('right', points('right'), options)];
}

function legSteps(side: Side): StepFixture[] {
  const lead: Side = side;
  const other: Side = side === 'left' ? 'right' : 'left';
  const base = { side, sectionId: 'legs' } as const;
  return [
    stepFixture({
      ...base,
      id: 'leg-glide',
      technique: 'glide',
      pressure: 3,
      reps: 6,
      duration: 90,
      arrangement: 'together',
      hands: [lead, other].map((h, i) =>
        trackFixture(h, [at('lower-calf', side), at('popliteal', side), at('gluteal-fold', side)], {
          returnPoints: [
            at('gluteal-fold', side, i === 0 ? 0.03 : -0.03),
            at('ankle', side, i === 0 ? 0.02 : -0.02),
          ],
          isReturnPressing: true,
        }),
      ),
      pressureByRegion: { 'leg.knee.popliteal': 2 },
    }),
    stepFixture({
      ...base,
      id: 'leg-passive-lift',
      technique: 'lift',
      pressure: null,
      reps: 3,
      isCountBound: true,
      duration: 45,
      arrangement: 'independent',
      hands: [trackFixture(lead, [at('ankle', side)]), trackFixture(other, [at('popliteal', side)])],
    }),
    stepFixture({
      ...base,
      id: 'leg-drainage',
      technique: 'drain',
      pressure: 3,
      reps: 4,
      duration: 100,
      arrangement: 'together',
      hands: [lead, other].map((h) =>
        trackFixture(
          h,
          [at('ankle', side), at('calf', side), at('popliteal', side), at('gluteal-fold', side)],
          {
            tool: 'thumb',
            returnPoints: [at('gluteal-fold', side), at('ankle', side)],
            isReturnPressing: false,
          },
        ),
      ),
      pressureByRegion: { 'leg.knee': 2 },
    }),
    stepFixture({
      ...base,
      id: 'leg-knead',
      technique: 'squeeze',
      pressure: 3,
      reps: 4,
      duration: 100,
      arrangement: 'alternating',
      hands: [lead, other].map((h) =>
        trackFixture(
          h,
          [at('gluteal-fold', side), at('mid-thigh', side), at('calf', side), at('lower-calf', side)],
          {
            tool: 'whole-hand',
          },
        ),
      ),
      pressureByRegion: { 'leg.knee': 2 },
    }),
    stepFixture({
      ...base,
      id: 'ankle-circles',
      technique: 'knead',
      pressure: 3,
      reps: 2,
      duration: 60,
      arrangement: 'hold-and-work',
      hands: [
        trackFixture(
          lead,
          [
            at('lateral-malleolus', side, 0.008),
            at('heel', side, 0.02),
            at('medial-malleolus', side, -0.008),
          ],
          {
            tool: 'thumb',
          },
        ),
        trackFixture(other, [at('sole-centre', side)], { isHolding: true, tool: 'whole-hand' }),
      ],
    }),
    stepFixture({
      ...base,
      id: 'foot-flex-stretch',
      technique: 'stretch',
      pressure: 2,
      reps: 3,
      isCountBound: true,
      duration: 45,
      arrangement: 'independent',
      hands: [trackFixture(lead, [at('heel', side)]), trackFixture(other, [at('ball-of-foot', side)])],
    }),
    stepFixture({
      ...base,
      id: 'ankle-rotation',
      technique: 'rotate',
      pressure: null,
      reps: 10,
      isCountBound: true,
      duration: 50,
      arrangement: 'hold-and-work',
      hands: [
        trackFixture(lead, [at('ball-of-foot', side)], { tool: 'whole-hand' }),
        trackFixture(other, [at('ankle', side, 0, -0.02)], { isHolding: true, tool: 'whole-hand' }),
      ],
    }),
    stepFixture({
      ...base,
      id: 'sole-thumb',
      technique: 'knead',
      pressure: 4,
      reps: 1,
      duration: 60,
      arrangement: 'hold-and-work',
      hands: [
        trackFixture(lead, [at('heel', side), at('sole-centre', side), at('ball-of-foot', side)], {
          tool: 'thumb',
        }),
        trackFixture(other, [at('ankle', side, 0, -0.02)], { isHolding: true, tool: 'whole-hand' }),
      ],
    }),
  ];
}

/**
 * A 45-minute plan shaped like the spinal-column routine (every technique kind, both legs, the rest, the
 * supine front), built by hand from body-map landmarks: for tests and benchmarks that need a long plan.
 */
export function sessionPlanFixture(): Plan {
  const back = { sectionId: 'back', position: 'prone', place: 'left' } as const;
  const front = { sectionId: 'front', position: 'supine', place: 'head' } as const;
  const chest = (side: Side): PointSpec[] => [
    [...at('infraclavicular', side), 'anterior'],
    [...at('shoulder-joint', side), 'anterior'],
    [...at('shoulder-joint', side, -0.02, 0.02), 'anterior'],
    [...at('skull-base', null, side === 'left' ? 0.02 : -0.02), 'posterior'],
    [...at('crown', null, side === 'left' ? 0.015 : -0.015), 'posterior'],
  ];
  const steps: StepFixture[] = [
    stepFixture({
      ...back,
      id: 'spine-reinforced-palm',
      technique: 'glide',
      reps: 5,
      duration: 150,
      arrangement: 'stacked',
      hands: (['left', 'right'] as const).map((h) =>
        trackFixture(h, [at('sacrum', 'left', 0.025), at('c7', 'left', 0.025)], {
          tool: 'stacked-palms',
          isReturnPressing: false,
          returnPoints: [at('c7', 'left', 0.025), at('sacrum', 'left', 0.025)],
        }),
      ),
      alternateSidesEachRep: true,
      pressureByRegion: { 'back.kidney-band': 2 },
      cues: {
        before: 'Place one palm on the low back beside the spine and the other on top of it.',
        during: ['Press as you glide up toward the neck.', 'Lift and come back down lightly.'],
        safety: 'Stay beside the spine, never on the bones themselves.',
      },
    }),
    stepFixture({
      ...back,
      id: 'spine-fingertip-press',
      technique: 'press',
      reps: 3,
      duration: 180,
      arrangement: 'mirrored',
      hands: mirroredPair((side) => [at('sacrum', side, 0.02), at('c7', side, 0.02)], { tool: 'fingertips' }),
      pressureByRegion: { 'back.kidney-band': 2 },
    }),
    stepFixture({
      ...back,
      id: 'spine-thumb-knead',
      technique: 'knead',
      pressure: 4,
      reps: 2,
      duration: 240,
      arrangement: 'mirrored',
      hands: mirroredPair((side) => [at('sacrum', side, 0.018), at('c7', side, 0.018)], {
        tool: 'thumb',
      }).map((h) => ({ ...h, returnPoints: [...h.points].reverse(), isReturnPressing: true })),
      pressureByRegion: { 'back.kidney-band': 2 },
    }),
    stepFixture({
      ...back,
      id: 'back-forearm-spread',
      technique: 'glide',
      pressure: 2,
      reps: 6,
      duration: 150,
      arrangement: 'independent',
      hands: [
        trackFixture('left', [at('mid-back', 'left', 0.03), at('c7', 'left', 0.03, 0.02)], {
          tool: 'forearm',
          returnPoints: [at('c7', 'left', 0.03, 0.02), at('mid-back', 'left', 0.03)],
        }),
        trackFixture('right', [at('mid-back', 'right', 0.03), at('sacrum', 'right', 0.03)], {
          tool: 'forearm',
          returnPoints: [at('sacrum', 'right', 0.03), at('mid-back', 'right', 0.03)],
        }),
      ],
    }),
    ...legSteps('left'),
    ...legSteps('right'),
    stepFixture({
      id: 'turn-over',
      sectionId: 'turn-over',
      technique: 'rest',
      pressure: null,
      duration: 150,
    }),
    stepFixture({
      ...front,
      id: 'chest-shoulder-neck-stroke',
      technique: 'glide',
      pressure: 2,
      reps: 3,
      duration: 120,
      arrangement: 'mirrored',
      hands: mirroredPair(chest, { surface: 'anterior' }),
    }),
    stepFixture({
      ...front,
      id: 'neck-traction',
      technique: 'traction',
      pressure: 2,
      reps: 4,
      isCountBound: true,
      duration: 80,
      arrangement: 'mirrored',
      hands: mirroredPair((side) => [at('skull-base', null, side === 'left' ? 0.015 : -0.015)], {
        tool: 'fingertips',
      }),
    }),
    stepFixture({
      ...front,
      id: 'scalp-shampoo',
      technique: 'friction',
      pressure: 3,
      reps: 4,
      duration: 150,
      arrangement: 'mirrored',
      hands: mirroredPair(
        (side) => {
          const s = side === 'left' ? -1 : 1;
          return [
            [s * 0.01, 0.015],
            [s * 0.03, 0.04],
            [s * 0.035, 0.07],
            [s * 0.015, 0.09],
          ];
        },
        { tool: 'fingertips' },
      ),
    }),
    stepFixture({
      ...front,
      id: 'hair-tug',
      technique: 'tug',
      pressure: 2,
      reps: 12,
      isCountBound: true,
      duration: 90,
      arrangement: 'together',
      alternateSidesEachRep: true,
      hands: [trackFixture('left', [[-0.03, 0.03]], { tool: 'fingers' })],
    }),
    stepFixture({
      ...front,
      id: 'spine-extension',
      technique: 'stretch',
      pressure: 2,
      reps: 1,
      isCountBound: true,
      duration: 60,
      arrangement: 'mirrored',
      hands: mirroredPair((side) => [at('t7', side, 0.02), at('c7', side, 0.02), at('occiput', side, 0.02)], {
        surface: 'posterior',
      }),
    }),
    stepFixture({
      ...front,
      id: 'closing-stroke',
      technique: 'glide',
      pressure: 2,
      reps: 1,
      duration: 60,
      arrangement: 'mirrored',
      hands: mirroredPair(chest, { surface: 'anterior' }),
    }),
  ];
  const sum = steps.reduce((a, s) => a + s.duration, 0);
  // Fill to 45 minutes with the check-in and closing as a rest at the end.
  steps.push(
    stepFixture({
      id: 'closing',
      sectionId: 'closing',
      technique: 'rest',
      pressure: null,
      duration: 2700 - sum,
    }),
  );
  return planFixture(steps);
}
