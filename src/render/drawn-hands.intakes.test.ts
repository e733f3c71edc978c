import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../content/load.js';
import type { Surface } from '../core/ids.js';
import { REGION_IDS } from '../core/ids.js';
import { Intake } from '../core/intake.js';
import { isRefusal } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { momentAt } from '../core/timeline.js';
import { type DrawnHand, drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { polygonDistance } from './polyline.js';
import { startGhostsDrawn } from './start-ghost.js';
import type { XY } from './svg.js';
import { outlineSamples, pressZones } from './test-support/safety-zones.js';

/*
 * Part 4 of issue 10, for every intake of one kind, not a random few: each region of the body map avoided, on both
 * sides and on each side alone, in both routines. At moments through every planned step, every pressing hand's and
 * forearm's whole outline as the top view draws it (and its ghosted start) keeps MARGIN off the never-press regions
 * and the plan's excluded regions. The random property (drawn-hands.property.test.ts) meets these intakes only now
 * and then; here each is planned and looked at.
 */

const bodyMap = builtinBodyMap();
const rules = builtinRules();
const ROUTINE_IDS = ['spinal-column', 'neck-and-shoulders'] as const;

/** As in the random property: 0.003 H, about 5 mm. */
const MARGIN = 0.003;
/** Moments per planned step or part: enough to meet its strokes at their start, middle and end. */
const MOMENTS = 8;
/** Moments are looked at where a hand lies this near an excluded region (body heights): a drawn hand's reach (0.12 H, a forearm's loose hand). */
const NEAR = 0.13;

type RawIntake = { minutes: number; avoidRegions: { region: string; side?: 'left' | 'right' }[] };

/** Each region avoided on both sides (60 minutes), the left side only (60) and the right side only (30). */
const INTAKES: readonly RawIntake[] = REGION_IDS.flatMap((region) => [
  { minutes: 60, avoidRegions: [{ region }] },
  { minutes: 60, avoidRegions: [{ region, side: 'left' as const }] },
  { minutes: 30, avoidRegions: [{ region, side: 'right' as const }] },
]);

/** What the top view and its start ghosts draw wrong for one routine and intake (empty: nothing). */
function lies(routineId: string, raw: RawIntake): string[] {
  const plan = planFromIntake(builtinRoutine(routineId), rules, Intake.parse(raw), { bodyMap });
  if (isRefusal(plan)) return [];
  const neverPress = neverPressAreas(bodyMap);
  const excluded = excludedAreaPolygons(bodyMap, plan.excludedRegions);
  const zones = pressZones(bodyMap, plan);
  const problems: string[] = [];
  // Each part of a step in parts on its own, so a short part gets its moments too.
  for (const piece of plan.steps.flatMap((step) =>
    step.parts && step.parts.length > 0 ? step.parts : [step],
  )) {
    // The stroke's starts, both sides for a motion that alternates sides: where the ghosts are drawn.
    const starts = piece.motion.hands.flatMap((h) => {
      const p = h.points[0]!;
      return piece.motion.alternateSidesEachRep ? [p, { ...p, x: -p.x }] : [p];
    });
    for (let k = 0; k < MOMENTS; k++) {
      const moment = momentAt(plan, piece.start + (piece.duration * (k + 0.5)) / MOMENTS, bodyMap);
      const position = moment.step.position === 'supine' ? 'supine' : 'prone';
      // Only where a hand or its start lies near an excluded region: elsewhere the excluded regions change nothing
      // in the drawing, and the never-press regions are the dense default-intake test's (the time stays short).
      const near = (p: XY & { surface: Surface }) =>
        excluded.some((a) => a.surface === p.surface && polygonDistance(a.polygon, p) < NEAR);
      const drawn: DrawnHand[] = [
        ...(moment.hands.some(near) ? drawnHandsTop(moment.hands, { position, neverPress, excluded }) : []),
        ...(starts.some(near)
          ? startGhostsDrawn(moment, { map: bodyMap, position, neverPress, excluded })
          : []),
      ];
      for (const d of drawn) {
        if (!d.isShown || !d.isPressing) continue;
        const samples = d.parts.flatMap((poly) => outlineSamples(poly));
        for (const z of zones) {
          if (z.surface !== d.surface) continue;
          const hit = samples.find((p) => polygonDistance(z.polygon, p) < MARGIN);
          if (hit)
            problems.push(
              `${JSON.stringify(raw)} ${moment.step.id}${moment.step.side ? `-${moment.step.side}` : ''} ` +
                `phase ${moment.phase.toFixed(2)} ${d.state.hand} ${d.state.tool}: ` +
                `outline at ${hit.x.toFixed(3)},${hit.y.toFixed(3)} on ${z.name}`,
            );
        }
      }
    }
  }
  return problems;
}

describe('hands as drawn tell no lie, every region avoided (both routines, both sides and each side)', () => {
  for (const routineId of ROUTINE_IDS) {
    it(`${routineId}: no pressing outline on a never-press or excluded region`, () => {
      const problems = INTAKES.flatMap((raw) => lies(routineId, raw));
      expect(problems).toEqual([]);
      // About 40 s beside another file on two cores; room for a slower or busier machine.
    }, 180_000);
  }
});
