import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { type BodyMap, regionsAt } from '../core/body-map.js';
import { type BodyPoint, polygonContains } from '../core/geometry.js';
import type { ClientPosition } from '../core/ids.js';
import { type Moment, momentMotion } from '../core/moment.js';
import type { Plan } from '../core/plan-types.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { type DrawnHand, drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { renderLabels } from './labels.js';
import { polygonDistance } from './polyline.js';
import { renderMoment } from './render-moment.js';

/*
 * General invariants of the top view, over every step (each part, each side) of both built-in routines at the
 * phases a learner pauses on (issue 10, "Pictures that teach", looked at beside the seed): two hands never lie on
 * each other, a lifted hand never lies on a never-press hatch, a hand that holds or grasps a foot leaves most of
 * it in sight. The zones come from the body map, not from the renderer.
 */

const bodyMap = builtinBodyMap();
const PHASES = [0, 0.05, 0.25, 0.5, 0.75, 0.95] as const;

type Parts = readonly (readonly BodyPoint[])[];

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

function boxOf(parts: Parts): Box {
  const xs = parts.flatMap((p) => p.map((q) => q.x));
  const ys = parts.flatMap((p) => p.map((q) => q.y));
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const CELL = 0.001;

/** The area (cells of CELL² H²) a union of polygons covers, and how much of it lies inside another union too. */
function coverage(a: Parts, b: Parts): { area: number; shared: number } {
  const box = boxOf(a);
  let area = 0;
  let shared = 0;
  for (let y = box.y0 + CELL / 2; y < box.y1; y += CELL)
    for (let x = box.x0 + CELL / 2; x < box.x1; x += CELL) {
      const p = { x, y };
      if (!a.some((poly) => polygonContains(poly, p))) continue;
      area++;
      if (b.some((poly) => polygonContains(poly, p))) shared++;
    }
  return { area, shared };
}

/** The share of the smaller of two outlines that the other covers. */
function overlapShare(a: Parts, b: Parts): number {
  const ca = coverage(a, b);
  const cb = coverage(b, a);
  const smaller = ca.area <= cb.area ? ca : cb;
  return smaller.area === 0 ? 0 : smaller.shared / smaller.area;
}

/** Points along a polygon's edges, at most 0.002 H apart. */
function edgeSamples(poly: readonly BodyPoint[]): BodyPoint[] {
  const out: BodyPoint[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 0.002));
    for (let k = 0; k < n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

/** Every step of a plan, each part and side, at each phase of its first repetition. */
function* momentsOf(plan: Plan): Generator<Moment> {
  for (const step of plan.steps) {
    for (const running of step.parts ?? [step]) {
      for (const phase of PHASES) {
        const t = running.start + (running.duration / Math.max(1, running.reps)) * phase;
        const m = momentAt(plan, Math.min(t, running.start + running.duration - 1e-3), bodyMap);
        if (m.step.id === step.id) yield m;
      }
    }
  }
}

const positionOf = (m: Moment): ClientPosition => (m.step.position === 'supine' ? 'supine' : 'prone');
const nameOf = (m: Moment) =>
  `${m.step.id}${m.part ? `/${m.part.id}` : ''}${m.step.side ? ` ${m.step.side}` : ''} at ${m.phase.toFixed(2)}`;

function drawnOf(m: Moment, plan: Plan, map: BodyMap): DrawnHand[] {
  return drawnHandsTop(m.hands, {
    position: positionOf(m),
    neverPress: neverPressAreas(map),
    excluded: excludedAreaPolygons(map, plan.excludedRegions),
  }).filter((d) => d.isShown);
}

const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];

/** The most of the smaller of two hands (stacked palms apart) that the other may cover: their edges may touch. */
const MOST_OVERLAP = 0.2;

describe('the top view: general invariants over every step, part and side', () => {
  it('never draws two hands that move together on each other, face down: at most 20 % of the smaller covered', () => {
    // The top view is the main view of the back and the backs of the legs (face down). Hands that take turns on one
    // spot (alternating, hold-and-work) and stacked palms lie on each other by design, and are left out.
    const problems: string[] = [];
    let pairs = 0;
    for (const plan of plans)
      for (const m of momentsOf(plan)) {
        const arrangement = momentMotion(m).arrangement;
        if (positionOf(m) !== 'prone' || arrangement === 'alternating' || arrangement === 'hold-and-work')
          continue;
        const drawn = drawnOf(m, plan, bodyMap);
        for (let i = 0; i < drawn.length; i++)
          for (let j = i + 1; j < drawn.length; j++) {
            const a = drawn[i]!;
            const b = drawn[j]!;
            if (a.stackIndex !== b.stackIndex) continue;
            pairs++;
            const share = overlapShare(a.parts, b.parts);
            const kind = (d: DrawnHand) =>
              d.state.isLifted ? 'L' : d.state.isHolding ? 'H' : d.isUnder ? 'U' : 'P';
            if (share > MOST_OVERLAP)
              problems.push(`${nameOf(m)}: ${kind(a)}${kind(b)} ${a.pose} ${(share * 100).toFixed(0)} %`);
          }
      }
    expect(pairs).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  });

  it('never draws a lifted hand on a never-press hatch', () => {
    const problems: string[] = [];
    const zones = neverPressAreas(bodyMap);
    for (const plan of plans)
      for (const m of momentsOf(plan)) {
        for (const d of drawnOf(m, plan, bodyMap)) {
          if (!d.state.isLifted || d.isUnder) continue;
          for (const z of zones) {
            if (z.surface !== d.surface) continue;
            const hit = d.parts.flatMap(edgeSamples).find((p) => polygonDistance(z.polygon, p) === 0);
            if (hit) problems.push(`${nameOf(m)} ${d.state.hand}: ${hit.x.toFixed(3)},${hit.y.toFixed(3)}`);
          }
        }
      }
    expect(problems).toEqual([]);
  });

  it("names where the hands cut away are: the legend's 'under the …' is the region at their contact", () => {
    const labels = renderLabels('en');
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const plan of plans)
      for (const m of momentsOf(plan)) {
        const all = drawnHandsTop(m.hands, {
          position: positionOf(m),
          neverPress: neverPressAreas(bodyMap),
          excluded: excludedAreaPolygons(bodyMap, plan.excludedRegions),
        });
        const hidden = all.filter((d) => !d.isShown);
        if (hidden.length === 0) continue;
        // Where, from the body map alone: the region at the contact of the hidden hand nearest the head.
        const first = hidden.reduce((a, b) => (b.state.y < a.state.y ? b : a));
        const ids = regionsAt(bodyMap, first.state.surface, first.state).map((h) => h.region);
        // A hand off every region (at the side of the neck, or drawing a strand of hair out) by its level: above the
        // base of the skull the head, above C7 the neck.
        const isHead =
          ids.some((id) => id.startsWith('head.')) || (ids.length === 0 && first.state.y < 0.115);
        const isNeck =
          ids.some((id) => id.startsWith('neck.')) || (ids.length === 0 && first.state.y <= 0.15);
        const where = isHead ? 'head' : isNeck ? 'neck' : 'back';
        seen.add(where);
        const svg = renderMoment(m, {
          bodyMap,
          text: 'text',
          layers: ['marks'],
          excluded: plan.excludedRegions,
        });
        const words = Object.entries(labels.legendHidden);
        for (const [w, text] of words) {
          const isThere = svg.includes(`>${text}</text>`);
          if (isThere !== (w === where))
            problems.push(`${nameOf(m)}: '${text}' ${isThere ? 'written' : 'missing'}`);
        }
      }
    expect(problems).toEqual([]);
    // Hands cut away under the back (spine-extension drawing up) and the head (neck-traction) are both met.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['back', 'head']));
  });

  it('leaves the foot in sight: a holding hand covers at most 45 % of the foot it holds, whatever the phase', () => {
    // The feet from the body map (sole and heel, each side), not from the renderer.
    const feet = [-1, 1].map((side) =>
      bodyMap.regions
        .filter((r) => (r.id === 'foot.sole' || r.id === 'foot.heel') && r.surface === 'posterior')
        .map((r) => r.polygon.map((p) => ({ x: -side * p.x, y: p.y }))),
    );
    const problems: string[] = [];
    let held = 0;
    for (const plan of plans)
      for (const m of momentsOf(plan)) {
        for (const d of drawnOf(m, plan, bodyMap)) {
          if (!d.state.isHolding || d.isUnder) continue;
          const foot = feet[d.state.x < 0 ? 0 : 1]!;
          const { area, shared } = coverage(foot, d.parts);
          if (area === 0 || shared === 0) continue;
          held++;
          if (shared / area > 0.45) problems.push(`${nameOf(m)}: ${((shared / area) * 100).toFixed(0)} %`);
        }
      }
    expect(held).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
