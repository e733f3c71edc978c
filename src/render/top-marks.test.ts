import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import type { BodyPoint } from '../core/geometry.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { MIN_LABEL_PX } from './labels.js';
import { screenTracks } from './marks.js';
import { lineAt, polygonDistance } from './polyline.js';
import { renderMoment } from './render-moment.js';
import { ghostsOverlap, startGhostsDrawn } from './start-ghost.js';
import { textWidth } from './text-metrics.js';
import { screenFromBody, viewLayout } from './view.js';

const bodyMap = builtinBodyMap();
const plan = builtinPlan();
const neverPress = neverPressAreas(bodyMap);
const excluded = excludedAreaPolygons(bodyMap, plan.excludedRegions);

function momentOf(id: string, phase: number) {
  const step = plan.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no ${id}`);
  const running = step.parts?.[0] ?? step;
  return momentAt(plan, running.start + (running.duration / running.reps) * phase, bodyMap);
}

const positionOf = (m: ReturnType<typeof momentOf>) => (m.step.position === 'supine' ? 'supine' : 'prone');

describe('the top view reads at a glance (issue 10, looked at beside the seed)', () => {
  it('draws a forearm stroke beside the forearm, its arrowhead on no drawn arm (Figure 114)', () => {
    const m = momentOf('back-forearm-spread', 0.25);
    const view = viewLayout({ width: 1280, height: 720, position: positionOf(m) });
    const drawn = drawnHandsTop(m.hands, { position: positionOf(m), neverPress, excluded });
    const outlines = drawn.flatMap((d) => d.parts.map((part) => part.map((p) => screenFromBody(view, p))));
    const tracks = screenTracks(view, m).filter((t) => t.working.length > 0);
    expect(tracks.length).toBe(2);
    for (const t of tracks) {
      const head = lineAt(t.working, t.working.length);
      expect(outlines.every((o) => polygonDistance(o, head) > 4)).toBe(true);
    }
  });

  it('never lets the ghosts of the two hands lie on each other (Figure 118)', () => {
    for (const step of plan.steps) {
      for (const phase of [0.2, 0.5]) {
        const m = momentOf(step.id, phase);
        const ghosts = startGhostsDrawn(m, { map: bodyMap, position: positionOf(m), neverPress, excluded });
        expect(ghostsOverlap(ghosts), `${step.id} at ${phase}`).toBe(false);
      }
    }
  });

  it('keeps the "you" label inside the picture at the feet end', () => {
    const m = momentOf('sole-thumb', 0.5);
    const svg = renderMoment(m, { bodyMap, text: 'text', layers: ['place'] });
    const label = /<text x="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>you<\/text>/.exec(svg);
    expect(label).not.toBeNull();
    const right = Number(label![1]) + textWidth('you', Number(label![2]), 'semibold');
    expect(right).toBeLessThanOrEqual(1280);
  });

  it('writes no label under 12 px on a phone-sized canvas, and at least 14 px at 1280×720', () => {
    for (const [width, height, least] of [
      [390, 220, MIN_LABEL_PX],
      [1280, 720, 14],
    ] as const) {
      for (const id of [
        'spine-reinforced-palm',
        'back-forearm-spread',
        'chest-shoulder-neck-stroke',
        'leg-glide',
      ]) {
        const m = momentOf(id, 0.5);
        const svg = renderMoment(m, {
          bodyMap,
          text: 'text',
          width,
          height,
          layers: ['marks', 'place', 'table'],
        });
        const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((s) => Number(s[1]));
        expect(sizes.length).toBeGreaterThan(0);
        expect(Math.min(...sizes), `${id} at ${width}×${height}`).toBeGreaterThanOrEqual(least);
      }
    }
  });

  // The forearms start end to end, elbows together (the planner knows each tool's width, so the paths can lie where
  // Figure 114 puts them), and each is drawn along its own stroke: the loose hand beyond a forearm going toward the
  // neck is held in the air over the head (it weighs nothing against the drawing), and the diagonal to the shoulder
  // stops where the forearm still lies on the shoulder, not in the air beside the neck.
  it('starts the forearm spread with the elbows together at the middle of the back (Figure 114, the cue)', () => {
    const m = momentOf('back-forearm-spread', 0);
    const drawn = drawnHandsTop(m.hands, { position: 'prone', neverPress, excluded });
    // The sleeve's cuff (the pose's second digit, part 2) is the elbow: its middle.
    const elbows = drawn.map((d) => {
      const cuff = d.parts[2]!;
      return {
        x: cuff.reduce((a, p) => a + p.x, 0) / cuff.length,
        y: cuff.reduce((a, p) => a + p.y, 0) / cuff.length,
      };
    });
    expect(elbows).toHaveLength(2);
    const [a, b] = elbows as [BodyPoint, BodyPoint];
    expect(Math.sign(a.x)).toBe(-Math.sign(b.x));
    expect(Math.abs(a.y - b.y)).toBeLessThan(0.03);
    for (const e of elbows) expect(Math.abs(e.y - 0.3)).toBeLessThan(0.03);
  });

  it('draws a working forearm along its own stroke, never swung round (clock hands), at every phase', () => {
    const problems: string[] = [];
    for (const step of plan.steps) {
      for (const running of step.parts ?? [step]) {
        for (let k = 0; k <= 20; k++) {
          const t = running.start + (running.duration / running.reps) * (k / 20) * 0.999;
          const m = momentAt(plan, t, bodyMap);
          const drawn = drawnHandsTop(m.hands, { position: positionOf(m), neverPress, excluded });
          for (const d of drawn) {
            if (d.state.tool !== 'forearm' || !d.isPressing) continue;
            const turn = Math.abs(
              Math.atan2(Math.sin(d.angle - d.state.angle), Math.cos(d.angle - d.state.angle)),
            );
            if (turn > Math.PI / 6)
              problems.push(
                `${m.step.id}/${m.part?.id} ${k / 20} ${d.state.hand}: ${((turn * 180) / Math.PI).toFixed(0)}°`,
              );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
