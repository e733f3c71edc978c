import { describe, expect, it } from 'vitest';
import { TECHNIQUE_KINDS, type TechniqueKind } from '../ids.js';
import type { HandState } from '../moment.js';
import type { HandTrack, StepMotion } from '../plan-types.js';
import { fixtureBodyMap, type StepFixture, stepFixture, trackFixture } from '../test-support/plan-fixture.js';
import {
  KNEAD_RADIUS,
  type MotionFrame,
  type PreparedMotion,
  SPINE_HALF_WIDTH,
  STACKED_OFFSET,
  stepMotionPrepared,
  TOGETHER_TRAIL,
  TRACTION_PULL,
  techniqueMotions,
} from './index.js';

function prepared(fields: Parameters<typeof stepFixture>[0]): PreparedMotion {
  return stepMotionPrepared({ ...stepFixture(fields), start: 0 }, fixtureBodyMap);
}

/** Every frame of a step, at `samples` phases per repetition (the end included). */
function frames(motion: PreparedMotion, samples = 200): { rep: number; phase: number; frame: MotionFrame }[] {
  const out: { rep: number; phase: number; frame: MotionFrame }[] = [];
  for (let rep = 0; rep < motion.input.reps; rep++) {
    const input = motion.mirrored && rep % 2 === 1 ? motion.mirrored : motion.input;
    for (let i = 0; i <= samples; i++) {
      const phase = i / samples;
      out.push({ rep, phase, frame: motion.technique.handsAt(input, phase, rep) });
    }
  }
  return out;
}

function boundingBox(track: HandTrack): { minX: number; maxX: number; minY: number; maxY: number } {
  const points = [...track.points, ...(track.returnPoints ?? [])];
  return {
    minX: Math.min(...points.map((p) => p.x)),
    maxX: Math.max(...points.map((p) => p.x)),
    minY: Math.min(...points.map((p) => p.y)),
    maxY: Math.max(...points.map((p) => p.y)),
  };
}

const backPath: [number, number][] = [
  [-0.025, 0.44],
  [-0.03, 0.3],
  [-0.025, 0.16],
];
const legPath: [number, number][] = [
  [-0.055, 0.9],
  [-0.055, 0.715],
  [-0.06, 0.55],
];

/** Two-handed track sets for every arrangement, with and without a way back. */
function trackSets(): { arrangement: StepMotion['arrangement']; hands: HandTrack[] }[] {
  const mirror = (p: [number, number][]): [number, number][] => p.map(([x, y]) => [-x, y]);
  return [
    {
      arrangement: 'mirrored',
      hands: [trackFixture('left', backPath), trackFixture('right', mirror(backPath))],
    },
    {
      arrangement: 'stacked',
      hands: [
        trackFixture('left', backPath, { returnPoints: [...backPath].reverse() }),
        trackFixture('right', backPath, { returnPoints: [...backPath].reverse() }),
      ],
    },
    {
      arrangement: 'together',
      hands: [
        trackFixture('left', legPath, {
          returnPoints: [
            [-0.085, 0.55],
            [-0.08, 0.9],
          ],
          isReturnPressing: true,
        }),
        trackFixture('right', legPath, {
          returnPoints: [
            [-0.03, 0.55],
            [-0.035, 0.9],
          ],
          isReturnPressing: true,
        }),
      ],
    },
    { arrangement: 'alternating', hands: [trackFixture('left', legPath), trackFixture('right', legPath)] },
    {
      arrangement: 'hold-and-work',
      hands: [
        trackFixture(
          'left',
          [
            [-0.07, 0.95],
            [-0.055, 0.965],
            [-0.04, 0.95],
          ],
          { tool: 'thumb' },
        ),
        trackFixture('right', [[-0.055, 0.985]], { isHolding: true }),
      ],
    },
    {
      arrangement: 'independent',
      hands: [trackFixture('left', [[-0.055, 0.95]]), trackFixture('right', [[-0.055, 0.715]])],
    },
  ];
}

describe('techniqueMotions', () => {
  it('has a motion for every technique kind, each naming its phases', () => {
    expect(Object.keys(techniqueMotions).sort()).toEqual([...TECHNIQUE_KINDS].sort());
    for (const kind of TECHNIQUE_KINDS) expect(techniqueMotions[kind].phaseNames.length).toBeGreaterThan(0);
  });

  describe.each([...TECHNIQUE_KINDS])('%s', (kind: TechniqueKind) => {
    it.each(trackSets())('stays within its tracks ± its reach ($arrangement)', ({ arrangement, hands }) => {
      const motion = prepared({ technique: kind, arrangement, hands, reps: 3, duration: 45 });
      const slack = motion.technique.reach + (arrangement === 'stacked' ? STACKED_OFFSET : 0) + 1e-9;
      const boxes = new Map(hands.map((h) => [h.hand, boundingBox(h)]));
      for (const { frame } of frames(motion)) {
        for (const hand of frame.hands) {
          const box = boxes.get(hand.hand)!;
          expect(hand.x).toBeGreaterThanOrEqual(box.minX - slack);
          expect(hand.x).toBeLessThanOrEqual(box.maxX + slack);
          expect(hand.y).toBeGreaterThanOrEqual(box.minY - slack);
          expect(hand.y).toBeLessThanOrEqual(box.maxY + slack);
        }
      }
    });

    it('reports only its declared phase names, an extent in 0…1, and one hand per track', () => {
      for (const { arrangement, hands } of trackSets()) {
        const motion = prepared({ technique: kind, arrangement, hands, reps: 2, duration: 30 });
        for (const { frame } of frames(motion, 50)) {
          expect(motion.technique.phaseNames).toContain(frame.phaseName);
          expect(frame.extent).toBeGreaterThanOrEqual(0);
          expect(frame.extent).toBeLessThanOrEqual(1);
          expect(frame.hands.length).toBe(kind === 'rest' ? 0 : hands.length);
        }
      }
    });

    it('gives the same hands for the same phase, however often asked', () => {
      const { arrangement, hands } = trackSets()[2]!;
      const motion = prepared({ technique: kind, arrangement, hands, reps: 2, duration: 30 });
      const first = frames(motion, 37);
      expect(frames(motion, 37)).toEqual(first);
    });
  });

  it('has a bounding-box check that can fail: a knead circle leaves a straight track by its radius', () => {
    const motion = prepared({
      technique: 'knead',
      hands: [
        trackFixture('left', [
          [-0.05, 0.6],
          [-0.05, 0.61],
        ]),
      ],
      duration: 30,
    });
    const xs = frames(motion).flatMap(({ frame }) => frame.hands.map((h) => h.x));
    expect(Math.min(...xs)).toBeLessThan(-0.05 - KNEAD_RADIUS / 2);
    expect(Math.max(...xs)).toBeGreaterThan(-0.05 + KNEAD_RADIUS / 2);
  });
});

describe('knead near the spine', () => {
  const spineSide = (x: number, technique: TechniqueKind = 'knead') =>
    prepared({
      technique,
      arrangement: 'mirrored',
      hands: [
        trackFixture(
          'left',
          [
            [x, 0.44],
            [x, 0.15],
          ],
          { tool: 'thumb' },
        ),
        trackFixture(
          'right',
          [
            [-x, 0.44],
            [-x, 0.15],
          ],
          { tool: 'thumb' },
        ),
      ],
      reps: 2,
      duration: 120,
    });
  const minAbsX = (motion: PreparedMotion) =>
    Math.min(...frames(motion, 2000).flatMap(({ frame }) => frame.hands.map((h) => Math.abs(h.x))));

  it.each([-0.03, -0.02, -0.016, -0.012, -0.009])(
    'never brings the thumb within the spine line (path at x = %d)',
    (x) => {
      expect(minAbsX(spineSide(x))).toBeGreaterThan(SPINE_HALF_WIDTH);
    },
  );

  it('circles at full radius where the path is far enough from the spine', () => {
    expect(minAbsX(spineSide(-0.03))).toBeCloseTo(0.03 - KNEAD_RADIUS, 3);
  });

  it('is clamped, where an unclamped circle (friction) does reach the spine line', () => {
    expect(minAbsX(spineSide(-0.012, 'friction'))).toBeLessThan(SPINE_HALF_WIDTH);
    expect(minAbsX(spineSide(-0.012))).toBeGreaterThan(SPINE_HALF_WIDTH);
  });
});

describe('pressure by region', () => {
  // Up the left back at x −0.03: through the kidney band (y 0.355…0.392, x −0.018…−0.065).
  const step = (pressureByRegion: Record<string, number>): PreparedMotion =>
    prepared({
      technique: 'glide',
      pressure: 4,
      pressureByRegion,
      hands: [
        trackFixture('left', [
          [-0.03, 0.45],
          [-0.03, 0.3],
        ]),
      ],
      duration: 10,
    });
  const pressureAtY = (motion: PreparedMotion, y: number): number | null => {
    let best: HandState | undefined;
    for (const { frame } of frames(motion, 1000)) {
      const h = frame.hands[0]!;
      if (!best || Math.abs(h.y - y) < Math.abs(best.y - y)) best = h;
    }
    return best!.pressure;
  };

  it('is lowered inside a listed region and not outside it', () => {
    const motion = step({ 'back.kidney-band': 2 });
    expect(pressureAtY(motion, 0.375)).toBe(2);
    expect(pressureAtY(motion, 0.32)).toBe(4);
    expect(pressureAtY(motion, 0.43)).toBe(4);
  });

  it('matches a region prefix', () => {
    expect(pressureAtY(step({ back: 1 }), 0.32)).toBe(1);
  });

  it('is the step pressure where no listed region is crossed', () => {
    expect(pressureAtY(step({ 'leg.knee.popliteal': 2 }), 0.375)).toBe(4);
  });

  it('never raises the pressure', () => {
    expect(pressureAtY(step({ 'back.kidney-band': 5 }), 0.375)).toBe(4);
  });

  it('never exceeds the body map’s tolerance, listed or not (the back of the knee: 2)', () => {
    const motion = prepared({
      technique: 'glide',
      pressure: 4,
      hands: [
        trackFixture('left', [
          [-0.055, 0.9],
          [-0.055, 0.55],
        ]),
      ],
    });
    expect(pressureAtY(motion, 0.715)).toBe(2);
    expect(pressureAtY(motion, 0.8)).toBe(4);
  });

  it('covers where a circling hand may go, not only the path (knead beside the kidney band)', () => {
    // The path stops 0.004 short of the band; the knead circle (radius 0.008) reaches into it.
    const besideBand = (technique: 'knead' | 'glide') =>
      prepared({
        technique,
        pressure: 4,
        pressureByRegion: { 'back.kidney-band': 2 },
        hands: [
          trackFixture('left', [
            [-0.03, 0.351],
            [-0.03, 0.3],
          ]),
        ],
      });
    const knead = besideBand('knead');
    const glide = besideBand('glide');
    expect(pressureAtY(knead, 0.35)).toBe(2);
    expect(pressureAtY(glide, 0.351)).toBe(4);
  });

  it('is null for a step that presses nothing, and for lifted and holding hands', () => {
    const lift = prepared({
      technique: 'lift',
      pressure: null,
      arrangement: 'independent',
      hands: [trackFixture('left', [[-0.055, 0.95]]), trackFixture('right', [[-0.055, 0.715]])],
    });
    for (const { frame } of frames(lift, 20)) for (const h of frame.hands) expect(h.pressure).toBeNull();
    const { arrangement, hands } = trackSets()[4]!;
    const work = prepared({ technique: 'knead', arrangement, hands, reps: 2 });
    for (const { frame } of frames(work, 50)) {
      const holding = frame.hands.find((h) => h.isHolding)!;
      expect(holding.pressure).toBeNull();
      for (const h of frame.hands) if (h.isLifted) expect(h.pressure).toBeNull();
    }
  });
});

describe('arrangements', () => {
  it('alternating sides each repetition mirrors the tracks on the 2nd, 4th … repetition', () => {
    const motion = prepared({
      technique: 'glide',
      hands: [trackFixture('left', backPath)],
      alternateSidesEachRep: true,
      reps: 4,
    });
    const at = (rep: number, phase: number) => {
      const input = motion.mirrored && rep % 2 === 1 ? motion.mirrored : motion.input;
      return motion.technique.handsAt(input, phase, rep).hands[0]!;
    };
    for (const phase of [0, 0.3, 0.7]) {
      expect(at(0, phase).x).toBeLessThan(0);
      expect(at(1, phase).x).toBeCloseTo(-at(0, phase).x, 12);
      expect(at(1, phase).y).toBeCloseTo(at(0, phase).y, 12);
      expect(at(2, phase)).toEqual(at(0, phase));
    }
  });

  it('stacks both hands at one point with a tiny offset', () => {
    const { arrangement, hands } = trackSets()[1]!;
    const motion = prepared({ technique: 'glide', arrangement, hands });
    for (const { frame } of frames(motion, 20)) {
      const [a, b] = frame.hands;
      expect(b!.x).toBeCloseTo(a!.x, 12);
      expect(a!.y - b!.y).toBeCloseTo(STACKED_OFFSET, 12);
    }
  });

  it('has the second hand trail the first along the path with `together`', () => {
    const straight: [number, number][] = [
      [-0.055, 0.9],
      [-0.055, 0.6],
    ];
    const motion = prepared({
      technique: 'glide',
      arrangement: 'together',
      hands: [trackFixture('left', straight), trackFixture('right', straight)],
    });
    const { hands } = motion.technique.handsAt(motion.input, 0.5, 0);
    expect(hands[1]!.y - hands[0]!.y).toBeCloseTo(TOGETHER_TRAIL, 9);
    // From the stroke's start to its end, a palm's length apart: the two palms never lie on each other (issue 10).
    for (const phase of [0, 0.05, 0.3, 0.55]) {
      const at = motion.technique.handsAt(motion.input, phase, 0).hands;
      expect(at[1]!.y - at[0]!.y, `phase ${phase}`).toBeCloseTo(TOGETHER_TRAIL, 9);
    }
    expect(TOGETHER_TRAIL).toBeGreaterThanOrEqual(0.1);
  });

  it('has pressing hands take turns: never both pressing at once', () => {
    for (const kind of ['press', 'squeeze'] as const) {
      const { arrangement, hands } = trackSets()[0]!;
      const motion = prepared({ technique: kind, arrangement, hands, reps: 2, duration: 60 });
      let bothWorking = 0;
      let oneWorking = 0;
      for (const { frame } of frames(motion, 500)) {
        const working = frame.hands.filter((h) => !h.isLifted && (h.pressure ?? 0) > 1).length;
        if (working === 2) bothWorking++;
        if (working === 1) oneWorking++;
      }
      expect(bothWorking).toBe(0);
      expect(oneWorking).toBeGreaterThan(100);
    }
  });

  it('keeps the holding hand still and marked as holding', () => {
    const { arrangement, hands } = trackSets()[4]!;
    for (const kind of ['knead', 'rotate', 'glide'] as const) {
      const motion = prepared({ technique: kind, arrangement, hands, reps: 2 });
      for (const { frame } of frames(motion, 40)) {
        const holding = frame.hands.filter((h) => h.isHolding);
        expect(holding).toHaveLength(1);
        expect(holding[0]).toMatchObject({ hand: 'right', x: -0.055, y: 0.985, isLifted: false });
      }
    }
  });
});

describe('motions', () => {
  it('glide points the fingers along the stroke, and keeps them so on the way back', () => {
    const motion = prepared({
      technique: 'glide',
      hands: [
        trackFixture(
          'left',
          [
            [-0.03, 0.44],
            [-0.03, 0.16],
          ],
          {
            returnPoints: [
              [-0.03, 0.16],
              [-0.03, 0.44],
            ],
          },
        ),
      ],
    });
    const stroke = motion.technique.handsAt(motion.input, 0.3, 0);
    const back = motion.technique.handsAt(motion.input, 0.8, 0);
    expect(stroke.phaseName).toBe('stroke');
    expect(back.phaseName).toBe('return');
    expect(stroke.hands[0]!.angle).toBeCloseTo(-Math.PI / 2, 9);
    expect(back.hands[0]!.angle).toBeCloseTo(-Math.PI / 2, 9);
    expect(back.hands[0]!.isLifted).toBe(true);
  });

  it('glide with mirrored hands on a lateral stroke has the fingers facing each other', () => {
    const chest: [number, number][] = [
      [-0.05, 0.2],
      [-0.12, 0.195],
    ];
    const motion = prepared({
      technique: 'glide',
      arrangement: 'mirrored',
      hands: [
        trackFixture('left', chest, { surface: 'anterior' }),
        trackFixture(
          'right',
          chest.map(([x, y]) => [-x, y] as const),
          { surface: 'anterior' },
        ),
      ],
    });
    const [left, right] = motion.technique.handsAt(motion.input, 0.5, 0).hands;
    expect(left!.angle).toBe(0);
    expect(right!.angle).toBe(Math.PI);
    expect(left!.surface).toBe('anterior');
  });

  it('a track changing surface reports the surface of the part the hand is on', () => {
    const motion = prepared({
      technique: 'glide',
      hands: [
        trackFixture('left', [
          [-0.05, 0.2, 'anterior'],
          [-0.03, 0.15, 'posterior'],
          [-0.02, 0.1, 'posterior'],
        ]),
      ],
    });
    expect(motion.technique.handsAt(motion.input, 0.05, 0).hands[0]!.surface).toBe('anterior');
    expect(motion.technique.handsAt(motion.input, 0.95, 0).hands[0]!.surface).toBe('posterior');
  });

  it('traction runs lift → pull → hold → release, pulling a little toward the head', () => {
    const motion = prepared({
      technique: 'traction',
      arrangement: 'mirrored',
      hands: [trackFixture('left', [[-0.015, 0.115]]), trackFixture('right', [[0.015, 0.115]])],
    });
    const names: string[] = [];
    for (const { frame } of frames(motion, 100)) {
      if (names.at(-1) !== frame.phaseName) names.push(frame.phaseName);
      for (const h of frame.hands) {
        expect(h.y).toBeLessThanOrEqual(0.115);
        expect(h.y).toBeGreaterThanOrEqual(0.115 - TRACTION_PULL - 1e-12);
      }
    }
    expect(names).toEqual(['lift', 'pull', 'hold', 'release']);
    const hold = motion.technique.handsAt(motion.input, 0.6, 0);
    expect(hold.extent).toBe(1);
    expect(hold.hands[0]!.y).toBeCloseTo(0.115 - TRACTION_PULL, 12);
    expect(motion.technique.handsAt(motion.input, 0.1, 0).extent).toBe(0);
  });

  it.each([
    ['stretch', [0.5, 1]],
    ['lift', [0.45, 1]],
  ] as const)('%s: the extent rises from 0 to 1 and falls back to 0', (kind, [peak, value]) => {
    const motion = prepared({
      technique: kind,
      arrangement: 'independent',
      hands: [trackFixture('left', [[-0.055, 0.95]]), trackFixture('right', [[-0.055, 0.715]])],
    });
    expect(motion.technique.handsAt(motion.input, 0, 0).extent).toBe(0);
    expect(motion.technique.handsAt(motion.input, peak, 0).extent).toBe(value);
    expect(motion.technique.handsAt(motion.input, 1, 0).extent).toBe(0);
    // The hands stay at their points.
    const hands = motion.technique.handsAt(motion.input, peak, 0).hands;
    expect(hands.map((h) => [h.x, h.y])).toEqual([
      [-0.055, 0.95],
      [-0.055, 0.715],
    ]);
  });

  it('tug draws the hand away from the head and lets go', () => {
    const motion = prepared({ technique: 'tug', hands: [trackFixture('left', [[-0.03, 0.03]])] });
    const start = motion.technique.handsAt(motion.input, 0.1, 0).hands[0]!;
    const drawn = motion.technique.handsAt(motion.input, 0.84, 0).hands[0]!;
    const centre = { x: 0, y: 0.0425 };
    const distance = (h: HandState) => Math.hypot(h.x - centre.x, h.y - centre.y);
    expect(distance(drawn)).toBeGreaterThan(distance(start) + 0.02);
    expect(motion.technique.handsAt(motion.input, 0.95, 0).phaseName).toBe('release');
  });

  it('rotate circles the working hand and reverses each repetition', () => {
    const { arrangement, hands } = trackSets()[4]!;
    const motion = prepared({ technique: 'rotate', arrangement, hands, reps: 2 });
    const quarter = (rep: number) => motion.technique.handsAt(motion.input, 0.25, rep).hands[0]!;
    expect(quarter(0).y).toBeGreaterThan(0.95);
    expect(quarter(1).y).toBeLessThan(0.95);
  });

  it('press advances in pulses: pressing in place, then lifted to the next spot', () => {
    const motion = prepared({
      technique: 'press',
      hands: [
        trackFixture(
          'left',
          [
            [-0.02, 0.44],
            [-0.02, 0.19],
          ],
          { tool: 'fingertips' },
        ),
      ],
      duration: 20,
    });
    const seen = new Set<string>();
    let lastY = Infinity;
    for (const { frame } of frames(motion, 400)) {
      const h = frame.hands[0]!;
      seen.add(frame.phaseName);
      expect(h.y).toBeLessThanOrEqual(lastY + 1e-12);
      lastY = h.y;
      expect(h.isLifted).toBe(frame.phaseName === 'advance');
    }
    expect([...seen].sort()).toEqual(['advance', 'press']);
  });

  it('drain strokes forward and slides back less than it went (a sawtooth toward the heart)', () => {
    const motion = prepared({
      technique: 'drain',
      hands: [
        trackFixture(
          'left',
          [
            [-0.055, 0.95],
            [-0.055, 0.72],
          ],
          { tool: 'thumb' },
        ),
      ],
      duration: 20,
    });
    const ys = frames(motion, 400).map(({ frame }) => frame.hands[0]!.y);
    let backSteps = 0;
    for (let i = 1; i < ys.length; i++) if (ys[i]! > ys[i - 1]! + 1e-12) backSteps++;
    expect(backSteps).toBeGreaterThan(0);
    expect(ys.at(-1)!).toBeLessThan(0.73);
    expect(ys[0]!).toBeCloseTo(0.95, 9);
  });

  it('rest has no hands', () => {
    const motion = prepared({ technique: 'rest', hands: [trackFixture('left', [[0, 0.5]])] });
    expect(motion.technique.handsAt(motion.input, 0.5, 0)).toEqual({
      hands: [],
      phaseName: 'rest',
      extent: 0,
    });
  });

  it('prepares each step once', () => {
    const step: StepFixture & { start: number } = { ...stepFixture({ technique: 'glide' }), start: 0 };
    expect(stepMotionPrepared(step, fixtureBodyMap)).toBe(stepMotionPrepared(step, fixtureBodyMap));
    expect(stepMotionPrepared({ ...step }, fixtureBodyMap)).not.toBe(
      stepMotionPrepared(step, fixtureBodyMap),
    );
  });
});

describe('where the fingers point (the step’s fingers rule)', () => {
  const hands = [
    trackFixture(
      'left',
      [
        [-0.03, 0.3],
        [-0.03, 0.2],
      ],
      { tool: 'forearm' },
    ),
  ];
  const angleOf = (
    fingers: StepMotion['fingers'],
    place: 'left' | 'right' | 'head' | null = 'left',
  ): number => {
    const motion: StepMotion = {
      arrangement: 'together',
      hands,
      alternateSidesEachRep: false,
      ...(fingers ? { fingers } : {}),
    };
    const m = prepared({ technique: 'glide', motion, place });
    return m.technique.handsAt(m.input, 0.2, 0).hands[0]!.angle;
  };
  it('by default along the stroke (toward the head here)', () => {
    expect(angleOf(undefined)).toBeCloseTo(-Math.PI / 2, 5);
  });
  it('across the stroke, away from the practitioner at the side', () => {
    expect(Math.cos(angleOf('across', 'left'))).toBeCloseTo(1, 5);
    expect(Math.cos(angleOf('across', 'right'))).toBeCloseTo(-1, 5);
  });
  it('fixed directions and away from a practitioner at the head', () => {
    expect(angleOf('toward-feet')).toBeCloseTo(Math.PI / 2, 5);
    expect(angleOf('toward-head')).toBeCloseTo(-Math.PI / 2, 5);
    expect(angleOf('away-from-practitioner', 'head')).toBeCloseTo(Math.PI / 2, 5);
    expect(angleOf('facing')).toBeCloseTo(0, 5);
  });
});
