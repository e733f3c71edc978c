import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentPose } from '../../core/pose/pose.js';
import { momentAt } from '../../core/timeline.js';
import { polygonDistance } from '../polyline.js';
import type { XY } from '../svg.js';
import { faceOnScreen } from '../test-support/safety-zones.js';
import { themeColours } from '../theme.js';
import { headCamera } from './camera.js';
import { headMarks } from './solid-marks.js';
import { renderSolidView } from './view-frame.js';

/*
 * The head-end view speaks the top view's marks language (issue 10, "Drawing that reads at a glance"): an arrow
 * for the stroke, its lifted way back dashed, 1 and 2 for their order, a legend naming them; marks at least 40 px
 * and words at least 14 px at 1280×720; and no mark on the face or the throat.
 */

const map = builtinBodyMap();
const plans = ['spinal-column', 'neck-and-shoulders'].map((id) => {
  const p = planFromIntake(builtinRoutine(id), builtinRules(), Intake.parse({ minutes: 60 }), {
    bodyMap: map,
  });
  if (isRefusal(p)) throw new Error('refused');
  return p as Plan;
});
const camera = headCamera({ x: 12, y: 44, width: 1256, height: 508 });
const theme = themeColours('light');

function momentOf(plan: Plan, step: PlannedStep, phase: number): Moment {
  return momentAt(plan, step.start + (phase * step.duration) / step.reps, map);
}

/** Every point a mark's path or circle goes through. */
function markPoints(svg: string): XY[] {
  const out: XY[] = [];
  for (const m of svg.matchAll(/ d="([^"]+)"/g)) {
    const nums = [...m[1]!.matchAll(/-?\d+(?:\.\d+)?/g)].map((n) => Number(n[0]));
    for (let i = 0; i + 1 < nums.length; i += 2) out.push({ x: nums[i]!, y: nums[i + 1]! });
  }
  for (const m of svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)"/g))
    out.push({ x: Number(m[1]), y: Number(m[2]) });
  return out;
}

const headSteps = plans.flatMap((plan) =>
  plan.steps
    .filter((s) => s.position === 'supine' && s.views?.includes('head'))
    .map((step) => ({ plan, step })),
);

describe('the head-end view: marks', () => {
  it('covers the head-end steps of both routines', () => {
    expect(headSteps.map((s) => s.step.id)).toEqual(
      expect.arrayContaining([
        'chest-shoulder-neck-stroke',
        'neck-traction',
        'scalp-shampoo',
        'hair-tug',
        'closing-stroke',
      ]),
    );
  });

  it('draws the stroke as an arrow, its lifted way back and 1, 2 for the chest stroke', () => {
    const { plan, step } = headSteps.find((s) => s.step.id === 'chest-shoulder-neck-stroke')!;
    const moment = momentOf(plan, step, 0.2);
    const { svg, used } = headMarks(moment, momentPose(moment), camera, theme, 1);
    expect([...used].sort()).toEqual(['movement', 'return']);
    expect(svg).toMatch(/stroke-dasharray/);
    expect(svg).toMatch(/>1</);
    expect(svg).toMatch(/>2</);
  });

  it('gives every head-end step a mark at least 40 px long, and no mark on the face or throat', () => {
    for (const { plan, step } of headSteps) {
      for (const phase of [0.05, 0.3, 0.5, 0.7, 0.95]) {
        const moment = momentOf(plan, step, phase);
        const { svg, used } = headMarks(moment, momentPose(moment), camera, theme, 1);
        if (step.technique === 'rest') continue;
        expect(used.has('movement'), `${step.id} ${phase}`).toBe(true);
        const pts = markPoints(svg);
        const xs = pts.map((p) => p.x);
        const ys = pts.map((p) => p.y);
        expect(
          Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)),
          `${step.id} ${phase}: the marks span`,
        ).toBeGreaterThanOrEqual(40);
        const face = faceOnScreen(momentPose(moment), camera);
        const onFace = pts.filter((p) => polygonDistance(face, p) === 0);
        expect(onFace, `${step.id} ${phase}: marks on the face or throat`).toEqual([]);
      }
    }
  });

  it('draws circles where the hands work, not their route, for a technique worked in circles', () => {
    for (const id of ['scalp-shampoo', 'trapezius-knead']) {
      const { plan, step } = headSteps.find((s) => s.step.id === id)!;
      for (const phase of [0.1, 0.5, 0.9]) {
        const moment = momentOf(plan, step, phase);
        const { svg } = headMarks(moment, momentPose(moment), camera, theme, 1);
        const working = moment.hands.filter((h) => !h.isHolding);
        // One arc (with its halo) per working hand, the two mirrored hands turning opposite ways.
        const arcs = [...svg.matchAll(/A[\d.]+ [\d.]+ 0 1 ([01])/g)].map((m) => m[1]);
        expect(arcs.length, `${id} ${phase}`).toBe(2 * working.length);
        if (working.length === 2) expect(new Set(arcs).size, `${id} ${phase}: both turn one way`).toBe(2);
        // A route is an open polyline; the arrowheads are closed triangles.
        expect(svg, `${id} ${phase}: a straight route`).not.toMatch(/ d="M[^"AZ]*L[^"AZ]*"/);
      }
    }
  });

  it('names the symbols it uses in a legend, in words of at least 14 px', () => {
    const { plan, step } = headSteps.find((s) => s.step.id === 'chest-shoulder-neck-stroke')!;
    const svg = renderSolidView([momentOf(plan, step, 0.2)], { view: 'head', text: 'text' });
    expect(svg).toContain('the movement');
    expect(svg).toContain('lifted way back');
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });
});
