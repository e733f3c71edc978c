// The built-in routines as data: read with `yaml` + `Routine.parse` only (not the CLI's loader), then checked
// against CATALOGUE.md and, from geometry alone, against what each body-map region tolerates.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type BodyMap, bodyMapFromData, pathViolations, regionsAt } from '../core/body-map.js';
import { bodyPoint } from '../core/geometry.js';
import { REGION_IDS, type RegionId, type Side, type Surface, TECHNIQUE_KINDS } from '../core/ids.js';
import type { TrackPoint } from '../core/plan-types.js';
import { figureNumber, Routine, type Step, StepPart } from '../core/routine.js';
import { stepMotionResolved } from '../core/step-motion.js';
import { partStep } from '../core/step-parts.js';
import { bodyMapData } from './body-map.js';

const contentDir = new URL('./', import.meta.url);
const map = bodyMapFromData(bodyMapData);

function routineText(id: string): string {
  return readFileSync(new URL(`routines/${id}.yaml`, contentDir), 'utf8');
}

function routineLoaded(id: string): Routine {
  return Routine.parse(parse(routineText(id)));
}

/** A deep copy to break on purpose. */
function routineCopy(routine: Routine): Routine {
  return structuredClone(routine);
}

function stepFound(routine: Routine, id: string): Step {
  for (const section of routine.sections) {
    const step = section.steps.find((s) => s.id === id);
    if (step) return step;
  }
  throw new Error(`no step ${id}`);
}

const spinal = routineLoaded('spinal-column');
const neck = routineLoaded('neck-and-shoulders');

// ── The geometric check ────────────────────────────────────────────────────────────────────────────

/** How densely tracks are sampled (body units, ≈ 3.5 mm on a 175 cm client). */
const SAMPLE_STEP = 0.002;
/** A thumb or fingertip circle's radius around its track (knead, friction). */
const CIRCLE_RADIUS = 0.008;
/** Never-touched regions are kept this far from every contact (as the plan check does). */
const NEVER_MARGIN = 0.006;
const CIRCLING: readonly Step['technique'][] = ['knead', 'friction'];

interface Sample {
  readonly x: number;
  readonly y: number;
  /** Between two points on different surfaces, the hand could be on either: test both. */
  readonly surfaces: readonly Surface[];
}

function polylineSamples(points: readonly TrackPoint[]): Sample[] {
  const first = points[0];
  if (!first) return [];
  const out: Sample[] = [{ x: first.x, y: first.y, surfaces: [first.surface] }];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / SAMPLE_STEP));
    const surfaces: Surface[] = a.surface === b.surface ? [a.surface] : [a.surface, b.surface];
    for (let k = 1; k <= n; k++) {
      const t = k / n;
      out.push({
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
        surfaces: k === n ? [b.surface] : surfaces,
      });
    }
  }
  return out;
}

/** One contact sample: where, on which surfaces, and with what pressure (null: touching, not pressing). */
interface Contact extends Sample {
  readonly pressure: number | null;
}

/**
 * Every contact of a step on one side: working strokes, pressing returns (with the move onto them), holds; for a
 * step in parts, every part's.
 */
function stepContacts(
  step: Step,
  position: Routine['sections'][number]['position'],
  side: Side | null,
): { contacts: Contact[]; unknownLandmarks: { landmark: string }[] } {
  if (step.parts) {
    const all = step.parts.map((part) => stepContacts(partStep(step, part), position, side));
    return {
      contacts: all.flatMap((a) => a.contacts),
      unknownLandmarks: all.flatMap((a) => a.unknownLandmarks),
    };
  }
  const { motion, unknownLandmarks } = stepMotionResolved(map, step, { position, side });
  const returnPressure =
    typeof step.return === 'object' && step.return.pressure !== undefined
      ? step.return.pressure
      : step.pressure;
  const circle = CIRCLING.includes(step.technique);
  const out: Contact[] = [];
  const add = (samples: Sample[], pressure: number | null) => {
    for (const s of samples) {
      out.push({ ...s, pressure });
      if (!circle) continue;
      for (let k = 0; k < 8; k++) {
        const a = (k * Math.PI) / 4;
        out.push({
          x: s.x + CIRCLE_RADIUS * Math.cos(a),
          y: s.y + CIRCLE_RADIUS * Math.sin(a),
          surfaces: s.surfaces,
          pressure,
        });
      }
    }
  };
  for (const hand of motion.hands) {
    add(polylineSamples(hand.points), hand.isHolding ? null : step.pressure);
    if (hand.returnPoints && hand.isReturnPressing) {
      const last = hand.points.at(-1);
      add(polylineSamples(last ? [last, ...hand.returnPoints] : hand.returnPoints), returnPressure);
    }
  }
  if (motion.alternateSidesEachRep) {
    const n = out.length;
    for (let i = 0; i < n; i++) out.push({ ...out[i]!, x: -out[i]!.x });
  }
  return { contacts: out, unknownLandmarks };
}

/** Every step on every side it runs on (both sides of a per-side block); a step in parts as each part does it. */
function stepRuns(routine: Routine) {
  return routine.sections.flatMap((section) =>
    section.steps.flatMap((whole) =>
      (whole.parts ? whole.parts.map((part) => partStep(whole, part)) : [whole]).flatMap((step) =>
        (section.perSide ? section.perSide.order : [null]).map((side) => ({ section, step, side })),
      ),
    ),
  );
}

/**
 * The safety problems of a routine's geometry: unknown landmarks, any contact on or near a never-touched
 * region, and any pressing contact past a region's tolerance (after the step's pressureByRegion).
 */
function routineGeometryIssues(routine: Routine, bodyMap: BodyMap = map): string[] {
  const issues = new Set<string>();
  for (const { section, step, side } of stepRuns(routine)) {
    const where = side ? `${step.id}/${side}` : step.id;
    const { contacts, unknownLandmarks } = stepContacts(step, section.position, side);
    for (const u of unknownLandmarks) issues.add(`${where}: unknown landmark ${u.landmark}`);
    for (const c of contacts) {
      for (const surface of c.surfaces) {
        const probes = [
          [0, 0],
          [NEVER_MARGIN, 0],
          [-NEVER_MARGIN, 0],
          [0, NEVER_MARGIN],
          [0, -NEVER_MARGIN],
        ] as const;
        for (const [dx, dy] of probes) {
          for (const h of regionsAt(bodyMap, surface, bodyPoint(c.x + dx, c.y + dy))) {
            if (h.maxPressure === 0) issues.add(`${where}: touches ${h.region}`);
          }
        }
        if (c.pressure === null) continue;
        const p = bodyPoint(c.x, c.y);
        let pressure = c.pressure;
        for (const h of regionsAt(bodyMap, surface, p)) {
          const cap = step.pressureByRegion?.[h.region];
          if (cap !== undefined && cap < pressure) pressure = cap;
        }
        for (const v of pathViolations(bodyMap, surface, [p], pressure)) {
          issues.add(`${where}: presses ${v.region} at ${v.pressure}, it tolerates ${v.maxPressure}`);
        }
      }
    }
  }
  return [...issues];
}

/** The regions (with the surface) every contact of a routine lies in. */
function routineContactRegions(routine: Routine): Set<RegionId> {
  const out = new Set<RegionId>();
  for (const { section, step, side } of stepRuns(routine)) {
    for (const c of stepContacts(step, section.position, side).contacts) {
      for (const surface of c.surfaces) {
        for (const h of regionsAt(map, surface, bodyPoint(c.x, c.y))) out.add(h.region);
      }
    }
  }
  return out;
}

// ── CATALOGUE.md ───────────────────────────────────────────────────────────────────────────────────

const CATALOGUE_SECTIONS = [
  { id: 'check-in', position: 'seated', steps: ['check-in'] },
  {
    id: 'back',
    position: 'prone',
    steps: ['spine-reinforced-palm', 'spine-fingertip-press', 'spine-thumb-knead', 'back-forearm-spread'],
  },
  {
    id: 'legs',
    position: 'prone',
    steps: [
      'leg-glide',
      'leg-passive-lift',
      'leg-drainage',
      'leg-knead',
      'ankle-circles',
      'foot-flex-stretch',
      'ankle-rotation',
      'sole-thumb',
    ],
  },
  { id: 'turn-over', position: 'supine', steps: ['turn-over'] },
  {
    id: 'front',
    position: 'supine',
    steps: [
      'chest-shoulder-neck-stroke',
      'neck-traction',
      'scalp-shampoo',
      'hair-tug',
      'spine-extension',
      'closing-stroke',
    ],
  },
  { id: 'closing', position: 'supine', steps: ['check-out'] },
] as const;

/** CATALOGUE "Steps, in order": technique, and pressure (null: presses nothing). */
const CATALOGUE_STEPS: Record<string, { technique: Step['technique']; pressure: number | null }> = {
  'spine-reinforced-palm': { technique: 'glide', pressure: 3 },
  'spine-fingertip-press': { technique: 'press', pressure: 3 },
  'spine-thumb-knead': { technique: 'knead', pressure: 4 },
  'back-forearm-spread': { technique: 'glide', pressure: 3 },
  'leg-glide': { technique: 'glide', pressure: 3 },
  'leg-passive-lift': { technique: 'lift', pressure: null },
  'leg-drainage': { technique: 'drain', pressure: 3 },
  'leg-knead': { technique: 'squeeze', pressure: 3 },
  'ankle-circles': { technique: 'knead', pressure: 3 },
  'foot-flex-stretch': { technique: 'stretch', pressure: 2 },
  'ankle-rotation': { technique: 'rotate', pressure: null },
  'sole-thumb': { technique: 'knead', pressure: 4 },
  'chest-shoulder-neck-stroke': { technique: 'glide', pressure: 2 },
  'neck-traction': { technique: 'traction', pressure: 2 },
  'scalp-shampoo': { technique: 'friction', pressure: 3 },
  'hair-tug': { technique: 'tug', pressure: 2 },
  'spine-extension': { technique: 'stretch', pressure: 2 },
  'closing-stroke': { technique: 'glide', pressure: 2 },
};

const CAUTIONS = [
  'spine-no-direct-pressure',
  'inner-thigh-avoid-genitals',
  'knee-light',
  'stretch-to-resistance',
  'stop-on-pain',
  'neck-no-relaxation',
  'rest-before-turning',
];

/** The seed's headings (seed/spinal-column-massage.txt), which a step's `source.heading` must name. */
const SEED_HEADINGS = [
  'Massage of the spinal column video',
  'Rubbing the muscles with the fingertips',
  'Conduction of kneading along the spine',
  'Massage by stroking the forearms',
  'Back surface of legs',
  'Lifting the foot',
  'Drainage of feet',
  'Leg Mashing',
  'Massaging the muscles around the ankle',
  'Pulling the foot up and down',
  'Rotation of the ankle',
  'Massage of the sole with the thumbs',
  'Shoulders, neck and scalp',
  'Extension of the neck',
  'Rinsing the scalp',
  '"Drawing" the hair',
  'Extension of the spine',
];

function allSteps(routine: Routine): Step[] {
  return routine.sections.flatMap((s) => s.steps);
}

describe('the routine files', () => {
  it.each(['spinal-column', 'neck-and-shoulders'])('%s parses and names its JSON Schema first', (id) => {
    const text = routineText(id);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../docs/routine.schema.json');
    expect(Routine.safeParse(parse(text)).success).toBe(true);
  });

  it('a schema error in a copy is reported (the parse can fail)', () => {
    const bad = parse(routineText('spinal-column')) as { sections: { steps: { technique: string }[] }[] };
    bad.sections[1]!.steps[0]!.technique = 'pummel';
    expect(Routine.safeParse(bad).success).toBe(false);
  });
});

describe('spinal-column follows CATALOGUE.md', () => {
  it('has the catalogue sections and steps, in order', () => {
    expect(spinal.id).toBe('spinal-column');
    expect(spinal.version).toBe(1);
    expect(spinal.languages).toEqual(['en', 'ru']);
    expect(spinal.source).toBe('seed/spinal-column-massage.txt');
    expect(
      spinal.sections.map((s) => ({ id: s.id, position: s.position, steps: s.steps.map((x) => x.id) })),
    ).toEqual(CATALOGUE_SECTIONS.map((s) => ({ ...s, steps: [...s.steps] })));
    const ids = allSteps(spinal).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes the legs a per-side block, left first, and shrinks legs, then back, then front', () => {
    const byId = new Map(spinal.sections.map((s) => [s.id, s]));
    expect(byId.get('legs')?.perSide?.order).toEqual(['left', 'right']);
    expect(spinal.sections.filter((s) => s.perSide).map((s) => s.id)).toEqual(['legs']);
    expect(byId.get('legs')?.shrinkOrder).toBe(1);
    expect(byId.get('back')?.shrinkOrder).toBe(2);
    expect(byId.get('front')?.shrinkOrder).toBe(3);
  });

  it.each(Object.entries(CATALOGUE_STEPS))('%s has the catalogue technique and pressure', (id, want) => {
    const step = stepFound(spinal, id);
    expect(step.technique).toBe(want.technique);
    expect(step.pressure).toBe(want.pressure);
  });

  it('never plans pressure 5, and pressureByRegion only softens', () => {
    for (const step of allSteps(spinal)) {
      expect(step.pressure === null || step.pressure <= 4).toBe(true);
      for (const v of Object.values(step.pressureByRegion ?? {})) {
        expect(step.pressure).not.toBeNull();
        expect(v).toBeLessThan(step.pressure ?? 0);
      }
    }
    expect(stepFound(spinal, 'spine-thumb-knead').pressureByRegion).toEqual({ 'back.kidney-band': 3 });
  });

  it('keeps its counted steps counted and gives every other step a weight', () => {
    const counted = Object.fromEntries(
      allSteps(spinal)
        .filter((s) => s.reps.isCountBound)
        .map((s) => [s.id, s.reps]),
    );
    expect(counted).toEqual({
      'leg-passive-lift': { default: 3, min: 2, max: 5, isCountBound: true },
      'neck-traction': { default: 4, min: 2, max: 6, isCountBound: true },
      'hair-tug': { default: 12, min: 10, max: 16, isCountBound: true },
      'spine-extension': { default: 1, min: 1, max: 1, isCountBound: true },
      'closing-stroke': { default: 1, min: 1, max: 1, isCountBound: true },
    });
    expect(stepFound(spinal, 'hair-tug').alternateSidesEachRep).toBe(true);
    for (const step of allSteps(spinal).filter((s) => !s.reps.isCountBound)) {
      expect(step.weight, step.id).toBeGreaterThan(0);
    }
  });

  it('drops the optional steps in the catalogue order', () => {
    const optional = allSteps(spinal)
      .filter((s) => s.isOptional)
      .sort((a, b) => (a.dropOrder ?? 99) - (b.dropOrder ?? 99))
      .map((s) => s.id);
    expect(optional).toEqual(['leg-passive-lift', 'ankle-rotation', 'spine-extension']);
  });

  it('shows each seed figure 114–120 on the step it illustrates', () => {
    const shown = new Map<number, string[]>();
    for (const step of allSteps(spinal)) {
      for (const f of new Set(
        [
          ...(step.figures ?? []),
          ...(step.figure === undefined ? [] : [step.figure]),
          ...(step.parts ?? []).flatMap((part) => (part.figure === undefined ? [] : [part.figure])),
        ].map(figureNumber),
      )) {
        shown.set(f, [...(shown.get(f) ?? []), step.id]);
      }
    }
    expect(Object.fromEntries([...shown].sort(([a], [b]) => a - b))).toEqual({
      114: ['back-forearm-spread'],
      115: ['foot-flex-stretch'],
      116: ['foot-flex-stretch'],
      117: ['chest-shoulder-neck-stroke'],
      118: ['chest-shoulder-neck-stroke'],
      119: ['neck-traction'],
      120: ['spine-extension'],
    });
  });

  it('tags what the rules match on', () => {
    for (const step of allSteps(spinal)) {
      if (step.technique === 'stretch') expect(step.tags, step.id).toContain('stretch');
    }
    expect(stepFound(spinal, 'neck-traction').tags).toContain('traction');
    expect(stepFound(spinal, 'turn-over').tags).toEqual(['oil', 'transition']);
    expect(stepFound(spinal, 'turn-over').cautions).toEqual(['rest-before-turning']);
    expect(
      allSteps(spinal)
        .filter((s) => s.tags?.includes('oil'))
        .map((s) => s.id),
    ).toEqual(['turn-over']);
  });

  it('has timing rows of 30, 45 and 60 minutes whose sections add up', () => {
    expect(spinal.minMinutes).toBe(10);
    expect(spinal.maxMinutes).toBe(120);
    expect(spinal.timing.map((r) => r.minutes)).toEqual([30, 45, 60]);
    for (const row of spinal.timing) {
      expect(Object.keys(row.sections)).toEqual(spinal.sections.map((s) => s.id));
      const total = Object.values(row.sections).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(row.minutes, 9);
      expect(row.sections['check-in']).toBe(row.sections.closing);
    }
    expect(
      spinal.timing.map((r) => [r.sections.back, r.sections.legs, r.sections['turn-over'], r.sections.front]),
    ).toEqual([
      [8, 10, 1.5, 9],
      [12, 16, 2.5, 12],
      [16, 22, 3, 16],
    ]);
  });

  it('repeats the opening stroke to close (the same path)', () => {
    expect(stepFound(spinal, 'closing-stroke').path).toEqual(
      stepFound(spinal, 'chest-shoulder-neck-stroke').path,
    );
  });

  it('names a seed heading, and a few words of it, for every step taken from the seed', () => {
    for (const step of allSteps(spinal).filter((s) => !['check-in', 'check-out'].includes(s.id))) {
      expect(SEED_HEADINGS, step.id).toContain(step.source?.heading);
      expect(step.source?.quote, step.id).toBeTruthy();
    }
  });
});

describe.each([
  ['spinal-column', spinal],
  ['neck-and-shoulders', neck],
])('%s: cues and cautions', (_name, routine) => {
  it('has a title and cues in English and Russian for every step', () => {
    expect(routine.title.ru).toBeTruthy();
    for (const section of routine.sections) expect(section.title.ru, section.id).toBeTruthy();
    for (const step of allSteps(routine)) {
      expect(step.title.ru, step.id).toBeTruthy();
      for (const lang of ['en', 'ru'] as const) {
        const cues = step.cues[lang];
        expect(cues?.before, `${step.id} ${lang}`).toBeTruthy();
        const isAlways = (l: NonNullable<typeof cues>['before']) =>
          typeof l === 'string' ||
          Array.isArray(l) ||
          (!l.ifPlanned && !l.unlessPlanned && !l.onlyIf && !l.unless);
        if (step.parts) {
          // A step in parts: each part opens with its own line in every language; two to eight lines in all.
          for (const part of step.parts)
            expect(part.cues?.[lang]?.before, `${step.id}/${part.id} ${lang}`).toBeTruthy();
          const lines = step.parts.flatMap((part) => {
            const own = part.cues?.[lang];
            return own ? [own.before, ...(own.during ?? [])].filter(isAlways) : [];
          });
          expect(lines.length, `${step.id} ${lang}`).toBeGreaterThanOrEqual(2);
          expect(lines.length, `${step.id} ${lang}`).toBeLessThanOrEqual(8);
          continue;
        }
        // Lines said for every client (not only for some positions or conditions): two to four of them.
        const always = (cues?.during ?? []).filter(isAlways);
        expect(always.length, `${step.id} ${lang}`).toBeGreaterThanOrEqual(2);
        expect(always.length, `${step.id} ${lang}`).toBeLessThanOrEqual(4);
      }
      // A safety reminder in one language is a safety reminder in both.
      expect(Boolean(step.cues.en.safety), step.id).toBe(Boolean(step.cues.ru?.safety));
    }
  });

  it('cites only known rule ids as cautions', () => {
    for (const step of allSteps(routine)) {
      for (const c of step.cautions ?? []) expect(CAUTIONS, step.id).toContain(c);
    }
  });
});

// ── Geometry ───────────────────────────────────────────────────────────────────────────────────────

describe.each([
  ['spinal-column', spinal],
  ['neck-and-shoulders', neck],
])('%s: geometry on the body map', (_name, routine) => {
  it('resolves every landmark, on both sides of a per-side block', () => {
    for (const { section, step, side } of stepRuns(routine)) {
      const { unknownLandmarks } = stepMotionResolved(map, step, { position: section.position, side });
      expect(unknownLandmarks, `${step.id} ${side}`).toEqual([]);
    }
  });

  it('gives every working step a path, and every rest step none', () => {
    for (const whole of allSteps(routine)) {
      for (const step of whole.parts ? whole.parts.map((part) => partStep(whole, part)) : [whole]) {
        if (step.technique === 'rest') expect(step.path ?? step.paths, step.id).toBeUndefined();
        else expect(step.path ?? step.paths, step.id).toBeDefined();
      }
    }
  });

  it('presses no region past what it tolerates and touches no never-touched region', () => {
    expect(routineGeometryIssues(routine)).toEqual([]);
  });

  it('never touches the spine line, the throat or the groin', () => {
    const touched = routineContactRegions(routine);
    for (const never of ['back.spine', 'neck.anterior', 'leg.thigh.inner-upper'] as const) {
      expect(touched.has(never)).toBe(false);
    }
  });
});

describe('spinal-column: where the strokes go', () => {
  const regionsOf = (id: string, side: Side | null = null) => {
    for (const section of spinal.sections) {
      const step = section.steps.find((s) => s.id === id);
      if (!step) continue;
      const out = new Set<string>();
      for (const c of stepContacts(step, section.position, side).contacts) {
        for (const surface of c.surfaces) {
          for (const h of regionsAt(map, surface, bodyPoint(c.x, c.y))) out.add(`${h.region}/${h.side}`);
        }
      }
      return out;
    }
    throw new Error(`no step ${id}`);
  };

  it('works both sides of the spine in every spine step', () => {
    for (const id of ['spine-reinforced-palm', 'spine-fingertip-press', 'spine-thumb-knead']) {
      const r = regionsOf(id);
      expect(r.has('back.paraspinal/left') && r.has('back.paraspinal/right'), id).toBe(true);
    }
    expect(regionsOf('spine-thumb-knead').has('back.kidney-band/left')).toBe(true);
  });

  it('keeps the leg steps on the current leg and crosses the knee lightly', () => {
    for (const side of ['left', 'right'] as const) {
      const other = side === 'left' ? 'right' : 'left';
      for (const id of CATALOGUE_SECTIONS[2].steps) {
        const r = [...regionsOf(id, side)];
        expect(
          r.some((x) => x.endsWith(`/${other}`)),
          `${id} on the ${side} leg`,
        ).toBe(false);
      }
      expect(regionsOf('leg-glide', side).has(`leg.knee.popliteal/${side}`)).toBe(true);
      expect(regionsOf('leg-glide', side).has(`hip.gluteal/${side}`)).toBe(true);
    }
    for (const id of ['leg-glide', 'leg-knead']) {
      expect(stepFound(spinal, id).pressureByRegion?.['leg.knee.popliteal'], id).toBe(2);
    }
    // Drainage crosses the knee in a part of its own, wide and light.
    const knee = stepFound(spinal, 'leg-drainage').parts?.find((p) => p.id === 'knee');
    expect(knee?.pressure).toBe(2);
    expect(regionsOf('leg-drainage', 'left').has('leg.knee.popliteal/left')).toBe(true);
  });

  it('takes the chest stroke under the neck to the skull base and the crown', () => {
    const r = regionsOf('chest-shoulder-neck-stroke');
    for (const want of [
      'chest.infraclavicular/left',
      'shoulder.joint/right',
      'neck.posterior/left',
      'head.skull-base/right',
    ]) {
      expect(r.has(want), want).toBe(true);
    }
    expect(regionsOf('neck-traction').has('head.skull-base/left')).toBe(true);
    expect(regionsOf('spine-extension').has('back.paraspinal/right')).toBe(true);
    expect(regionsOf('scalp-shampoo').has('head.scalp/left')).toBe(true);
  });
});

describe('the geometric check can fail', () => {
  const broken = (id: string, change: (step: Step) => void): string[] => {
    const copy = routineCopy(spinal);
    change(stepFound(copy, id));
    return routineGeometryIssues(copy);
  };

  it('catches a spine step moved onto the spine', () => {
    const issues = broken('spine-fingertip-press', (s) => {
      s.path = { from: 'l5', to: 'c7' };
    });
    expect(issues).toContain('spine-fingertip-press: touches back.spine');
  });

  it('catches a knead whose circles reach the spine', () => {
    const issues = broken('spine-thumb-knead', (s) => {
      s.path = { from: 'l5', to: 'c7', lateral: 0.014 };
    });
    expect(issues).toContain('spine-thumb-knead: touches back.spine');
  });

  it('catches a leg-glide return that starts up by the groin', () => {
    const issues = broken('leg-glide', (s) => {
      s.return = {
        pressure: 2,
        right: [{ at: 'gluteal-fold', lateral: -0.03, dy: 0.03 }, { at: 'medial-malleolus' }],
      };
    });
    expect(issues).toContain('leg-glide/left: touches leg.thigh.inner-upper');
    expect(issues).toContain('leg-glide/right: touches leg.thigh.inner-upper');
  });

  it('catches a firm stroke behind the knee', () => {
    const issues = broken('leg-glide', (s) => {
      delete s.pressureByRegion;
    });
    expect(issues).toContain('leg-glide/left: presses leg.knee.popliteal at 3, it tolerates 2');
    // …and in a part: the drainage's knee part pressed as firmly as the calf.
    const inPart = broken('leg-drainage', (s) => {
      const knee = s.parts!.find((p) => p.id === 'knee')!;
      knee.pressure = 3;
    });
    expect(inPart).toContain('leg-drainage/left: presses leg.knee.popliteal at 3, it tolerates 2');
  });

  it('catches a chest stroke that goes over the throat', () => {
    const issues = broken('chest-shoulder-neck-stroke', (s) => {
      s.path = [{ at: 'infraclavicular', lateral: -0.03 }, { at: 'chin' }];
    });
    expect(issues).toContain('chest-shoulder-neck-stroke: touches neck.anterior');
  });

  it('catches a landmark the body map does not have', () => {
    const issues = broken('sole-thumb', (s) => {
      s.hold = { at: 'big-toe' };
    });
    expect(issues).toContain('sole-thumb/left: unknown landmark big-toe');
  });
});

// ── The second routine ─────────────────────────────────────────────────────────────────────────────

describe('neck-and-shoulders proves the language is general', () => {
  it('is a short routine with its own timing rows', () => {
    expect(neck.minMinutes).toBe(5);
    expect(neck.maxMinutes).toBe(20);
    expect(neck.timing.map((r) => r.minutes)).toEqual([10, 15]);
    for (const row of neck.timing) {
      expect(Object.keys(row.sections)).toEqual(neck.sections.map((s) => s.id));
      expect(Object.values(row.sections).reduce((a, b) => a + b, 0)).toBeCloseTo(row.minutes, 9);
    }
  });

  it('shares a step id with spinal-column only for the very same technique', () => {
    const spinalSteps = new Map(allSteps(spinal).map((s) => [s.id, s]));
    const shared = allSteps(neck).filter((s) => spinalSteps.has(s.id));
    expect(shared.map((s) => s.id)).toEqual(['check-in', 'neck-traction', 'scalp-shampoo', 'check-out']);
    const technique = (s: Step) => ({
      technique: s.technique,
      tools: s.tools,
      hands: s.hands,
      path: s.path,
      paths: s.paths,
      hold: s.hold,
      return: s.return,
      pressure: s.pressure,
      pressureByRegion: s.pressureByRegion,
      repSeconds: s.repSeconds,
      reps: s.reps,
    });
    for (const step of shared) expect(technique(step), step.id).toEqual(technique(spinalSteps.get(step.id)!));
    expect(allSteps(neck).filter((s) => !spinalSteps.has(s.id)).length).toBeGreaterThanOrEqual(3);
  });
});

// ── The documentation keeps up with the data ───────────────────────────────────────────────────────

describe('docs/routine-language.md', () => {
  const doc = readFileSync(new URL('../../docs/routine-language.md', import.meta.url), 'utf8');

  it('lists every landmark, region and technique', () => {
    for (const l of bodyMapData.landmarks) expect(doc, l.id).toContain(`\`${l.id}\``);
    for (const r of REGION_IDS) expect(doc, r).toContain(`\`${r}\``);
    for (const t of TECHNIQUE_KINDS) expect(doc, t).toContain(`\`${t}\``);
  });

  it('documents every field of a step, a section and a routine', () => {
    const fields = [
      ...Object.keys(Routine.shape),
      ...Object.keys(Routine.shape.sections.element.shape),
      ...Object.keys(Routine.shape.sections.element.shape.steps.element.shape),
      ...Object.keys(StepPart.shape),
    ].filter((f) => f !== '$schema');
    for (const f of fields) expect(doc, f).toContain(`\`${f}\``);
  });
});
