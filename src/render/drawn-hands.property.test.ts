import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import type { ClientPosition } from '../core/ids.js';
import { Intake } from '../core/intake.js';
import type { HandState, Moment } from '../core/moment.js';
import { isRefusal, type Plan } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { intakeArbitrary } from '../core/test-support/intake-arbitrary.js';
import { momentAt } from '../core/timeline.js';
import { armOutlinePairs, bodyOutlinePairs } from './body-figure.js';
import {
  DRAWN_NUDGE_MAX,
  type DrawnHand,
  drawnHandsTop,
  excludedAreaPolygons,
  handOutlineAsPlanned,
  neverPressAreas,
} from './drawn-hands.js';
import { polygonDistance } from './polyline.js';
import { renderMoment } from './render-moment.js';
import { startGhostsDrawn } from './start-ghost.js';
import type { XY } from './svg.js';
import { FACE_AND_THROAT, outlineSamples, pressZones } from './test-support/safety-zones.js';
import { bodyFromScreen, viewLayout } from './view.js';

/*
 * Part 4 of issue 10: pictures that tell no lie. Over moments of random plans, the whole outline of every
 * pressing hand and forearm as a view draws it (drawn-hands.ts: the description the renderer draws from) stays a
 * margin off the never-press regions and the plan's excluded regions; no hand covers the face or the throat; every
 * hand drawn is on the body or holding it. The zones are taken here from the body map and the plan, not from the
 * renderer. A view joins by adding its describer to VIEWS.
 */

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const routines = ['spinal-column', 'neck-and-shoulders'].map((id) => builtinRoutine(id));

/** How far a pressing hand's outline keeps from a never-press or excluded region: 0.003 H, about 5 mm. */
const MARGIN = 0.003;
const BODY: XY[][] = [
  bodyOutlinePairs().map(([x, y]) => ({ x, y })),
  ...armOutlinePairs().map((arm) => arm.map(([x, y]) => ({ x, y }))),
];

interface ViewUnderTest {
  readonly name: string;
  /** The hands as this view draws them. */
  readonly drawn: (moment: Moment, plan: Plan, position: ClientPosition) => readonly DrawnHand[];
}

const VIEWS: readonly ViewUnderTest[] = [
  {
    name: 'top',
    drawn: (moment, plan, position) =>
      drawnHandsTop(moment.hands, {
        position,
        neverPress: neverPressAreas(bodyMap),
        excluded: excludedAreaPolygons(bodyMap, plan.excludedRegions),
      }),
  },
  {
    // The ghosted start position is drawn too: it must tell no lie either.
    name: 'top, start ghosts',
    drawn: (moment, plan, position) =>
      startGhostsDrawn(moment, {
        map: bodyMap,
        position,
        neverPress: neverPressAreas(bodyMap),
        excluded: excludedAreaPolygons(bodyMap, plan.excludedRegions),
      }),
  },
];

/** What is wrong with the hands as drawn at a moment (empty: nothing). */
function drawnHandProblems(
  drawn: readonly DrawnHand[],
  context: { moment: Moment; plan: Plan; position: ClientPosition },
): string[] {
  const { moment, plan, position } = context;
  const problems: string[] = [];
  const zones = pressZones(bodyMap, plan);
  for (const d of drawn) {
    if (!d.isShown) continue;
    const h = d.state;
    const where = `${moment.step.id}${moment.step.side ? `-${moment.step.side}` : ''} phase ${moment.phase.toFixed(3)} ${h.hand} ${h.tool}`;
    const samples = d.parts.flatMap((poly) => outlineSamples(poly));
    if (d.isPressing) {
      for (const z of zones) {
        if (z.surface !== d.surface) continue;
        const hit = samples.find((p) => polygonDistance(z.polygon, p) < MARGIN);
        if (hit) problems.push(`${where}: outline at ${hit.x.toFixed(3)},${hit.y.toFixed(3)} on ${z.name}`);
      }
    }
    if (position === 'supine' && !d.isUnder) {
      const hit = samples.find((p) => polygonDistance(FACE_AND_THROAT, p) === 0);
      if (hit)
        problems.push(`${where}: outline at ${hit.x.toFixed(3)},${hit.y.toFixed(3)} on the face or throat`);
    }
    if (Math.hypot(d.at.x - h.x, d.at.y - h.y) > DRAWN_NUDGE_MAX + 1e-9)
      problems.push(
        `${where}: drawn ${Math.hypot(d.at.x - h.x, d.at.y - h.y).toFixed(4)} H from its contact`,
      );
    if (!h.isLifted) {
      // On the body: the contact within the silhouette or an arm (a margin for the edge of a limb; a hair draw
      // holds a strand drawn out from the head).
      const margin = moment.technique === 'tug' ? 0.04 : h.isHolding ? 0.02 : 0.012;
      if (!BODY.some((b) => polygonDistance(b, d.at) <= margin))
        problems.push(`${where}: contact ${d.at.x.toFixed(3)},${d.at.y.toFixed(3)} off the body`);
    }
  }
  return problems;
}

function planFor(routineIndex: number, intake: Intake): Plan | null {
  const plan = planFromIntake(routines[routineIndex]!, rules, intake, { bodyMap });
  return isRefusal(plan) ? null : plan;
}

const positionOf = (m: Moment): ClientPosition => (m.step.position === 'supine' ? 'supine' : 'prone');

describe('hands as drawn tell no lie (random plans, every view)', () => {
  for (const view of VIEWS) {
    it(`${view.name} view: pressing outlines off never-press and excluded regions, nothing on the face, all on the body`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: routines.length - 1 }),
          intakeArbitrary,
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
          (routineIndex, intake, times) => {
            const plan = planFor(routineIndex, intake);
            if (!plan) return;
            for (const u of times) {
              const moment = momentAt(plan, u * plan.totalSeconds, bodyMap);
              const position = positionOf(moment);
              const problems = drawnHandProblems(view.drawn(moment, plan, position), {
                moment,
                plan,
                position,
              });
              expect(problems).toEqual([]);
            }
          },
        ),
        { numRuns: 120 },
      );
    });

    it(`${view.name} view: every step of both routines, densely in time, default intake`, () => {
      for (let r = 0; r < routines.length; r++) {
        const plan = planFor(r, Intake.parse({ minutes: 60 }));
        if (!plan) throw new Error('the default intake was refused');
        const problems: string[] = [];
        for (const step of plan.steps) {
          for (let k = 0; k < 24; k++) {
            const moment = momentAt(plan, step.start + (step.duration * (k + 0.5)) / 24, bodyMap);
            const position = positionOf(moment);
            problems.push(
              ...drawnHandProblems(view.drawn(moment, plan, position), { moment, plan, position }),
            );
          }
        }
        expect(problems).toEqual([]);
      }
    });
  }

  it('the buttocks avoided: the reinforced palms and their start ghosts keep off them and the spine (issue 10)', () => {
    // Found failing now and then in the random property above: the planner cut the stroke at the buttock by the
    // palm's width alone, the stacked palms' heels lay on the excluded buttock and, unable to clear it, the fitting
    // turned the pair across the spine.
    const problems: string[] = [];
    for (const minutes of [20, 45]) {
      const plan = planFor(0, Intake.parse({ minutes, avoidRegions: [{ region: 'hip.gluteal' }] }));
      if (!plan) throw new Error('refused');
      const step = plan.steps.find((s) => s.id === 'spine-reinforced-palm');
      if (!step) throw new Error('spine-reinforced-palm was left out');
      for (let k = 0; k < 48; k++) {
        const moment = momentAt(plan, step.start + (step.duration * (k + 0.5)) / 48, bodyMap);
        for (const view of VIEWS)
          problems.push(
            ...drawnHandProblems(view.drawn(moment, plan, 'prone'), { moment, plan, position: 'prone' }),
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('a pressing forearm keeps off the spine line by its data: its outline as planned, before any fitting, is clear', () => {
    // The fitting may turn or move a hand; here it is left out, so the routine's path alone must keep the forearm
    // off the never-press and excluded regions (back-forearm-spread lies 0.042 H from the midline).
    const problems: string[] = [];
    let seen = 0;
    for (let r = 0; r < routines.length; r++) {
      const plan = planFor(r, Intake.parse({ minutes: 60 }));
      if (!plan) throw new Error('the default intake was refused');
      for (const step of plan.steps) {
        for (let k = 0; k < 48; k++) {
          const moment = momentAt(plan, step.start + (step.duration * (k + 0.5)) / 48, bodyMap);
          const position = positionOf(moment);
          const asPlanned = drawnHandsTop(moment.hands, { position, neverPress: [], excluded: [] })
            .filter((d) => d.state.tool === 'forearm' && d.isPressing)
            .map((d) => ({
              ...d,
              at: { x: d.state.x, y: d.state.y },
              angle: d.state.angle,
              parts: handOutlineAsPlanned(d.state, position),
            }));
          seen += asPlanned.length;
          problems.push(...drawnHandProblems(asPlanned, { moment, plan, position }));
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the check notices a palm drawn across the spine, a hand on the face and a hand off the body', () => {
    const plan = planFor(0, Intake.parse({ minutes: 45 }));
    if (!plan) throw new Error('refused');
    const moment = momentAt(plan, 1, bodyMap);
    const hand = (over: Partial<HandState>): HandState => ({
      hand: 'right',
      tool: 'palm',
      x: 0.03,
      y: 0.3,
      surface: 'posterior',
      angle: -Math.PI / 2,
      pressure: 3,
      isLifted: false,
      isHolding: false,
      ...over,
    });
    const draw = (h: HandState, position: ClientPosition): DrawnHand => ({
      state: h,
      pose: 'palm',
      at: { x: h.x, y: h.y },
      angle: h.angle,
      surface: h.surface,
      isShown: true,
      isUnder: false,
      isPressing: true,
      stackIndex: 0,
      // A palm-sized square round the contact.
      parts: [
        [
          { x: h.x - 0.025, y: h.y - 0.05 },
          { x: h.x + 0.025, y: h.y - 0.05 },
          { x: h.x + 0.025, y: h.y + 0.05 },
          { x: h.x - 0.025, y: h.y + 0.05 },
        ],
      ],
      ...(position === 'supine' ? {} : {}),
    });
    const onSpine = drawnHandProblems([draw(hand({ x: 0.02 }), 'prone')], {
      moment,
      plan,
      position: 'prone',
    });
    expect(onSpine.join('\n')).toMatch(/back\.spine/);
    const clear = drawnHandProblems([draw(hand({ x: 0.045 }), 'prone')], { moment, plan, position: 'prone' });
    expect(clear).toEqual([]);
    const face = drawnHandProblems([draw(hand({ x: 0, y: 0.08, surface: 'anterior' }), 'supine')], {
      moment,
      plan,
      position: 'supine',
    });
    expect(face.join('\n')).toMatch(/face or throat/);
    const off = drawnHandProblems([draw(hand({ x: 0.19, y: 0.3 }), 'prone')], {
      moment,
      plan,
      position: 'prone',
    });
    expect(off.join('\n')).toMatch(/off the body/);
  });

  it('the renderer draws exactly the shown hands of the description, each where it says', () => {
    const plan = planFor(0, Intake.parse({ minutes: 45 }));
    if (!plan) throw new Error('refused');
    for (let t = 0; t < plan.totalSeconds; t += 23) {
      const moment = momentAt(plan, t, bodyMap);
      const position = positionOf(moment);
      const view = viewLayout({ width: 1280, height: 720, position });
      const shown = VIEWS[0]!.drawn(moment, plan, position).filter((d) => d.isShown);
      const svg = renderMoment(moment, {
        bodyMap,
        layers: ['hands'],
        text: 'text',
        excluded: plan.excludedRegions,
      });
      const gs = [
        ...svg.matchAll(/<g data-hand="(left|right)"[^>]* transform="translate\(([-\d.]+) ([-\d.]+)\)/g),
      ];
      expect(gs).toHaveLength(shown.length);
      for (const g of gs) {
        const at = bodyFromScreen(view, { x: Number(g[2]), y: Number(g[3]) });
        expect(
          shown.some(
            (d) =>
              d.state.hand === g[1] &&
              Math.abs(d.at.x - at.x) * view.scale < 1 &&
              Math.abs(d.at.y - at.y) * view.scale < 1,
          ),
        ).toBe(true);
      }
    }
  });
});
