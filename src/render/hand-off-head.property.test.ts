import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { type BodyPoint, polygonContains } from '../core/geometry.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { type DrawnHand, drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { renderMoment } from './render-moment.js';

/*
 * Issue 10's leftovers: face down, seen from above, no forearm or its hand is drawn resting on the back of the
 * head. back-forearm-spread's forearm toward the neck carries its loose hand, held aloft, beyond the neck: where
 * that hand is over the head it is drawn as an outline only (in the air over it), like an arm passing above a zone.
 * The head is the body map's (the hair seen from above), not the renderer's own polygon.
 */

const map = builtinBodyMap();
const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];
const head = map.regions.find((r) => r.id === 'head.hair')!.polygon;

/** The parts of a drawn hand drawn solid: all but the loose hand when it is drawn in the air over the head. */
function solidParts(d: DrawnHand): readonly (readonly BodyPoint[])[] {
  // Part 0 the palm, then the digits: for a forearm 1 the forearm, 2 the sleeve, the loose hand's fingers after.
  return d.isAloftOverHead ? d.parts.filter((_, i) => i === 1 || i === 2) : d.parts;
}

/**
 * Every moment face down (steps and parts of both routines, 60 a piece) with a solid part of a working forearm or
 * its loose hand on the head.
 */
function handsOnHead(): string[] {
  const out: string[] = [];
  for (const plan of plans)
    for (const step of plan.steps) {
      if (step.position !== 'prone') continue;
      for (const piece of step.parts ?? [step])
        for (let k = 0; k < 60; k++) {
          const m = momentAt(plan, piece.start + ((k + 0.5) / 60) * piece.duration, map);
          const drawn = drawnHandsTop(m.hands, {
            position: 'prone',
            neverPress: neverPressAreas(map),
            excluded: excludedAreaPolygons(map, plan.excludedRegions),
          });
          for (const d of drawn) {
            if (!d.isShown || d.isUnder || d.surface !== 'posterior' || d.state.tool !== 'forearm') continue;
            if (solidParts(d).some((poly) => poly.some((p) => polygonContains(head, p))))
              out.push(`${step.id}${piece === step ? '' : `/${piece.id}`} ${d.state.hand} hand`);
          }
        }
    }
  return [...new Set(out)];
}

describe('nothing drawn rests on the back of the head, face down', () => {
  it('every moment face down: no solid part of a forearm or its loose hand lies on the head', () => {
    expect(handsOnHead()).toEqual([]);
  });

  it('back-forearm-spread at phase 0.5: the loose hand over the head is drawn as a dashed outline, no fill', () => {
    const plan = plans[0]!;
    const step = plan.steps.find((s) => s.id === 'back-forearm-spread')!;
    const part = step.parts![0]!;
    const m = momentAt(plan, part.start + 0.5 * (part.duration / part.reps), map);
    const drawn = drawnHandsTop(m.hands, {
      position: 'prone',
      neverPress: neverPressAreas(map),
      excluded: [],
    });
    expect(drawn.filter((d) => d.isAloftOverHead).map((d) => d.state.hand)).toEqual(['left']);
    const svg = renderMoment(m, { bodyMap: map, view: 'top', layers: ['hands'] });
    const inAir = /<path [^>]*data-in-air="true"[^>]*\/>/.exec(svg)?.[0] ?? '';
    expect(inAir).toContain('fill="none"');
    expect(inAir).toContain('stroke-dasharray');
  });
});
