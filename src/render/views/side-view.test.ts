import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import type { Side } from '../../core/ids.js';
import { Intake } from '../../core/intake.js';
import type { Moment } from '../../core/moment.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { momentAt } from '../../core/timeline.js';
import { renderMoment } from '../render-moment.js';
import { themeColours } from '../theme.js';
import { sideCamera } from './camera.js';
import { groupBox, primBox } from './solid-layers.js';
import { practitionerGroups, type SceneGroup } from './solid-scene.js';

const map = builtinBodyMap();
const theme = themeColours('light');

const plan: Plan = (() => {
  const p = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 60 }), {
    bodyMap: map,
  });
  if (isRefusal(p)) throw new Error('refused');
  return p;
})();

/** The moment `phase` into the first repetition of a step, or of one of its parts. */
function momentOf(id: string, phase: number, options: { part?: string; side?: Side } = {}): Moment {
  const step = plan.steps.find((s) => s.id === id && (!options.side || s.side === options.side));
  if (!step) throw new Error(`no ${id}`);
  if (!options.part) return momentAt(plan, step.start + (phase * step.duration) / step.reps, map);
  const part = step.parts?.find((p) => p.id === options.part);
  if (!part) throw new Error(`no ${id}/${options.part}`);
  return momentAt(plan, part.start + (phase * part.duration) / part.reps, map);
}

const viewport = { x: 0, y: 0, width: 1280, height: 520 };

function trunkOf(pose: Pose, nearSide: 'left' | 'right'): { group: SceneGroup; scale: number } {
  const camera = sideCamera(viewport, nearSide);
  const group = practitionerGroups(pose, camera).find((g) => g.id === 'practitioner-body');
  if (!group) throw new Error('no trunk');
  return { group, scale: camera.scale };
}

/** The working arcs (`A` paths in the path colour) an SVG draws, and whether each is dashed. */
function arcs(svg: string): { d: string; isDashed: boolean }[] {
  return [...svg.matchAll(/<path d="(M[^"]*A[^"]*)" fill="none" stroke="([^"]+)"([^>]*)>/g)]
    .filter((m) => m[2] === theme.path)
    .map((m) => ({ d: m[1]!, isDashed: m[3]!.includes('stroke-dasharray') }));
}

describe('the side view (issue 10)', () => {
  it('draws the standing practitioner’s trunk, not a bar between two shoulders, from where the shoulders are', () => {
    const pose = momentPose(momentOf('leg-passive-lift', 0.45, { side: 'left' }));
    const { group, scale } = trunkOf(pose, 'right');
    const box = groupBox(group, 0);
    // Shoulders down to the hips (0.4 H above the table top to 0.11): a torso, not a 0.06 H bar.
    expect(box.y1 - box.y0).toBeGreaterThan(0.2 * scale);
    expect(box.x1 - box.x0).toBeGreaterThan(0.22 * scale);
    // Its torso hangs from the shoulders `practitionerPose` placed (the neck above them).
    const camera = sideCamera(viewport, 'right');
    const torso = primBox(group.prims[0]!);
    for (const arm of ['left', 'right']) {
      const s = camera.project(pose.practitioner[`shoulder-${arm}`]!);
      expect(s.x).toBeGreaterThan(torso.x0);
      expect(s.x).toBeLessThan(torso.x1);
      expect(Math.abs(s.y - torso.y0)).toBeLessThan(0.06 * scale);
    }
  });

  it('keeps the trunk still when the shoulders keep still (the static layer), whatever the hands do', () => {
    const pose = momentPose(momentOf('leg-passive-lift', 0.45, { side: 'left' }));
    const moved: Pose = { ...pose, hands: pose.hands.map((h) => ({ ...h, contact: [0, 0.5, 0.2] })) };
    expect(trunkOf(moved, 'right').group).toEqual(trunkOf(pose, 'right').group);
  });

  it('draws a seated practitioner at the head, and one at the feet, in profile, behind the client', () => {
    for (const [id, options] of [
      ['spine-extension', { part: 'slide-in' }],
      ['foot-flex-stretch', { part: 'toward-shin', side: 'left' as const }],
    ] as const) {
      const pose = momentPose(momentOf(id, 0.5, options));
      const { group, scale } = trunkOf(pose, 'right');
      const box = groupBox(group, 0);
      expect(box.y1 - box.y0, id).toBeGreaterThan(0.2 * scale);
      expect(group.depth, id).toBeGreaterThan(1);
    }
  });

  it('frames the stills of one step alike: the spine extension does not jump between its phases', () => {
    const tables = [0.05, 0.5, 0.9].map((phase) => {
      const svg = renderMoment(momentOf('spine-extension', phase, { part: 'slide-in' }), {
        bodyMap: map,
        text: 'text',
        view: 'side',
      });
      return svg.match(new RegExp(`<path d="([^"]*)" fill="${theme.tableTop}"`))?.[1];
    });
    expect(tables[0]).toBeDefined();
    expect(new Set(tables).size).toBe(1);
  });

  it('marks the circles round the ankle bones; the inner one, on the far side, dashed and named', () => {
    const draw = (part: string) =>
      renderMoment(momentOf('ankle-circles', 0.3, { part, side: 'left' }), {
        bodyMap: map,
        text: 'text',
        view: 'side',
      });
    const outer = draw('outer');
    const inner = draw('inner');
    expect(arcs(outer).filter((a) => !a.isDashed)).toHaveLength(1);
    expect(outer).not.toContain('circles on the far side');
    expect(arcs(inner).filter((a) => a.isDashed)).toHaveLength(1);
    expect(inner).toContain('circles on the far side');
  });

  it('turns the ankle rotation’s circle one way, then the other (the seed: "alternately")', () => {
    const sweep = (part: string) => {
      const svg = renderMoment(momentOf('ankle-rotation', 0.3, { part, side: 'left' }), {
        bodyMap: map,
        text: 'text',
        view: 'side',
      });
      const [arc] = arcs(svg);
      expect(arc, part).toBeDefined();
      // The large-arc and sweep flags of the circle's arc.
      return arc!.d.match(/A[\d.]+ [\d.]+ 0 1 ([01])/)?.[1];
    };
    expect(sweep('one-way')).toBeDefined();
    expect(sweep('one-way')).not.toBe(sweep('other-way'));
  });
});
