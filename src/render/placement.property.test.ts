import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import { regionsAt } from '../core/body-map.js';
import { polygonContains } from '../core/geometry.js';
import { REGION_IDS } from '../core/ids.js';
import { Intake, type IntakeInput } from '../core/intake.js';
import { isRefusal, type Plan } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { momentAt } from '../core/timeline.js';
import { hand, KIND_MOMENTS } from './__fixtures__/moments.js';
import { armOutlinePairs, bodyOutlinePairs } from './body-figure.js';
import { DRAWN_NUDGE_MAX, drawnHandsTop, handOnlyParts, neverPressAreas } from './drawn-hands.js';
import { renderMoment } from './render-moment.js';
import { bodyFromScreen, screenFromBody, type ViewLayout, viewLayout } from './view.js';

const bodyMap = builtinBodyMap();
const routine = builtinRoutine('spinal-column');
const rules = builtinRules();

function planFor(input: IntakeInput): Plan | null {
  const result = planFromIntake(routine, rules, Intake.parse(input), { bodyMap });
  return isRefusal(result) ? null : result;
}

/** The hands as drawn: which hand, its pressure, whether it is under the body, and its contact point on screen. */
function drawnHands(
  svg: string,
): { hand: string; pressure: number | null; isUnder: boolean; x: number; y: number }[] {
  const out: { hand: string; pressure: number | null; isUnder: boolean; x: number; y: number }[] = [];
  for (const m of svg.matchAll(
    /<g data-hand="(left|right)"([^>]*) transform="translate\(([-\d.]+) ([-\d.]+)\)/g,
  )) {
    const rest = m[2]!;
    const pressure = /data-pressure="(\d+(?:\.\d+)?)"/.exec(rest);
    out.push({
      hand: m[1]!,
      pressure: pressure ? Number(pressure[1]) : null,
      isUnder: rest.includes('data-under="true"'),
      x: Number(m[3]),
      y: Number(m[4]),
    });
  }
  return out;
}

const conditionArb = fc.oneof(
  fc.record({
    id: fc.constant('varicose-veins'),
    side: fc.constantFrom('left', 'right', 'both'),
    severity: fc.constantFrom('mild', 'severe'),
  }),
  fc.record({
    id: fc.constant('local-lesion'),
    region: fc.constantFrom(...REGION_IDS),
    side: fc.constantFrom('left', 'right'),
  }),
  fc.record({
    id: fc.constant('dvt-history'),
    side: fc.constantFrom('left', 'right'),
    isCleared: fc.constant(true),
  }),
  fc.constantFrom(
    { id: 'anticoagulants' },
    { id: 'osteoporosis' },
    { id: 'neck-injury' },
    { id: 'oil-allergy' },
    { id: 'cannot-arch-back' },
    { id: 'cannot-lie-prone' },
  ),
);

const intakeArb = fc.record({
  minutes: fc.integer({ min: 15, max: 90 }),
  pressurePreference: fc.integer({ min: 1, max: 5 }),
  conditions: fc.array(conditionArb, { maxLength: 3 }),
  avoidRegions: fc.array(fc.record({ region: fc.constantFrom(...REGION_IDS) }), { maxLength: 2 }),
  language: fc.constantFrom('en', 'ru'),
}) as fc.Arbitrary<IntakeInput>;

describe('hands as drawn (random plans)', () => {
  it('no hand with pressure is drawn on a never-press region', () => {
    fc.assert(
      fc.property(intakeArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, u) => {
        const plan = planFor(input);
        if (!plan) return;
        const moment = momentAt(plan, u * plan.totalSeconds, bodyMap);
        const position = moment.step.position === 'supine' ? 'supine' : 'prone';
        const view = viewLayout({ width: 1280, height: 720, position });
        const viewSurface = surfaceForPosition(position);
        const svg = renderMoment(moment, { bodyMap, layers: ['hands'], text: 'text' });
        const drawn = drawnHands(svg);
        expect(drawn.length).toBeLessThanOrEqual(moment.hands.length);
        for (const h of drawn) {
          if (h.pressure === null || h.pressure <= 0) continue;
          const surface = h.isUnder ? (viewSurface === 'posterior' ? 'anterior' : 'posterior') : viewSurface;
          const at = bodyFromScreen(view, { x: h.x, y: h.y });
          const forbidden = regionsAt(bodyMap, surface, at).filter((r) => r.maxPressure === 0);
          expect(forbidden, `${moment.step.id} ${h.hand} at ${at.x.toFixed(3)},${at.y.toFixed(3)}`).toEqual(
            [],
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the check itself notices a pressing hand drawn on the spine', () => {
    const onSpine = { ...KIND_MOMENTS.knead, hands: [hand('left', 'thumb', [0, 0.3], -90, { pressure: 3 })] };
    const view = viewLayout({ width: 1280, height: 720, position: 'prone' });
    const [drawn] = drawnHands(renderMoment(onSpine, { bodyMap, layers: ['hands'], text: 'text' }));
    expect(drawn?.pressure).toBe(3);
    const at = bodyFromScreen(view, { x: drawn!.x, y: drawn!.y });
    expect(
      regionsAt(bodyMap, 'posterior', at).some((r) => r.region === 'back.spine' && r.maxPressure === 0),
    ).toBe(true);
  });

  it('the drawing puts each hand where its HandState says (within the documented nudge)', () => {
    const plan = planFor({ minutes: 45 });
    if (!plan) throw new Error('the default intake was refused');
    for (let t = 0; t < plan.totalSeconds; t += 37) {
      const moment = momentAt(plan, t, bodyMap);
      const position = moment.step.position === 'supine' ? 'supine' : 'prone';
      const view = viewLayout({ width: 1280, height: 720, position });
      const drawn = drawnHands(renderMoment(moment, { bodyMap, layers: ['hands'], text: 'text' }));
      for (const h of moment.hands) {
        const match = drawn.find((d) => d.hand === h.hand);
        if (!match) continue; // cut away by the view (under the head, supine)
        const at = bodyFromScreen(view, { x: match.x, y: match.y });
        // The drawing may move a contact by at most DRAWN_NUDGE_MAX to keep the hand's edge off the spine.
        expect(Math.hypot(at.x - h.x, at.y - h.y) * view.scale).toBeLessThan(
          DRAWN_NUDGE_MAX * view.scale + 1,
        );
      }
    }
  });
});

describe('hands inside the body outline or at the table edge', () => {
  const outline = bodyOutlinePairs().map(([x, y]) => ({ x, y }));
  const arms = armOutlinePairs().map((arm) => arm.map(([x, y]) => ({ x, y })));
  const isOnBody = (p: { x: number; y: number }, margin: number) => {
    // A margin: contacts at the edge of a limb (the outer ankle bone, the side of the calf) count.
    for (const [dx, dy] of [
      [0, 0],
      [margin, 0],
      [-margin, 0],
      [0, margin],
      [0, -margin],
    ] as const) {
      const q = { x: p.x + dx, y: p.y + dy };
      if (polygonContains(outline, q) || arms.some((a) => polygonContains(a, q))) return true;
    }
    return false;
  };
  const isOnTable = (view: ViewLayout, p: { x: number; y: number }) => {
    const t = view.table;
    const s = { x: view.originX + p.y * view.scale, y: view.axisY };
    return s.x >= t.x - 1 && s.x <= t.x + t.width + 1 && Math.abs(p.x) <= 0.2;
  };

  it('every working hand touches the body; holding hands may hold at the table edge; none covers the captions', () => {
    const plan = planFor({ minutes: 60 });
    if (!plan) throw new Error('refused');
    for (const step of plan.steps) {
      for (const phase of [0, 0.2, 0.4, 0.6, 0.8, 0.99]) {
        const perRep = step.duration / Math.max(step.reps, 1);
        const moment = momentAt(plan, step.start + perRep * phase, bodyMap);
        const position = moment.step.position === 'supine' ? 'supine' : 'prone';
        const view = viewLayout({ width: 1280, height: 720, position });
        for (const h of moment.hands) {
          const where = `${step.id}${step.side ? `-${step.side}` : ''} phase ${phase} ${h.hand} at ${h.x.toFixed(3)},${h.y.toFixed(3)}`;
          // A hair tug holds a strand drawn out from the head (TUG_DRAW): its hand may be off the scalp.
          const margin = step.technique === 'tug' ? 0.04 : 0.012;
          if (h.isHolding || h.isLifted) expect(isOnBody(h, margin) || isOnTable(view, h), where).toBe(true);
          else expect(isOnBody(h, margin), where).toBe(true);
          const drawnHand = drawnHandsTop(moment.hands, {
            position,
            neverPress: neverPressAreas(bodyMap),
            excluded: [],
          }).find((d) => d.state === h);
          if (!drawnHand?.isShown) continue;
          const points = handOnlyParts(drawnHand).flatMap((poly) => poly.map((p) => screenFromBody(view, p)));
          for (const q of points) {
            expect(q.y, where).toBeLessThan(view.captionTop);
            expect(q.x, where).toBeGreaterThan(0);
            expect(q.x, where).toBeLessThan(view.width);
          }
        }
      }
    }
  });
});
