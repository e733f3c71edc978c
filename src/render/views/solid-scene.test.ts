import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import { isRefusal } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import { momentPose } from '../../core/pose/pose.js';
import { momentAt } from '../../core/timeline.js';
import { sideCamera } from './camera.js';
import { practitionerGroups, trunkSamples, trunkSnapped } from './solid-scene.js';

const map = builtinBodyMap();
const plan = (() => {
  const p = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
    bodyMap: map,
  });
  if (isRefusal(p)) throw new Error('refused');
  return p;
})();

/** The largest change of slope (dz/dy) between neighbouring 0.01 H pieces of the trunk's top line, posed. */
function sharpestTurn(moves: Parameters<typeof posedPoint>[0], from: number, to: number): number {
  const line = trunkSamples('supine')
    .filter((s) => s.y >= from && s.y <= to)
    .map((s) => posedPoint(moves, [0, s.y, s.top]));
  let most = 0;
  for (let i = 1; i < line.length - 1; i++) {
    const a = (line[i]![2] - line[i - 1]![2]) / (line[i]![1] - line[i - 1]![1]);
    const b = (line[i + 1]![2] - line[i]![2]) / (line[i + 1]![1] - line[i]![1]);
    most = Math.max(most, Math.abs(b - a));
  }
  return most;
}

describe('the trunk seen from the side', () => {
  it('arches as a smooth curve: no point where the chest rises (spine-extension, the back lifted)', () => {
    const step = plan.steps.find((s) => s.id === 'spine-extension')!;
    const part = step.parts![0]!;
    const m = momentAt(plan, step.start + part.duration * 0.5, map);
    expect(momentPose(m).moves.some((mv) => mv.kind === 'bump')).toBe(true);
    // From the collarbones to the belly: a straight line between the profile's stations turned by 0.39 at the
    // chest's top once the arch lifted it; a smooth curve turns at most 0.25 in any 0.01 H.
    const turn = sharpestTurn(momentPose(m).moves, 0.2, 0.44);
    expect(turn).toBeLessThan(0.3);
  });

  it('keeps the profile’s stations and stays between them (no overshoot)', () => {
    const samples = trunkSamples('supine');
    for (let i = 1; i < samples.length; i++) expect(samples[i]!.y).toBeGreaterThan(samples[i - 1]!.y);
    for (const s of samples) expect(s.bottom).toBeGreaterThanOrEqual(-1e-9);
  });
});

describe('the practitioner’s trunk seen from the side', () => {
  const camera = sideCamera({ x: 0, y: 0, width: 1280, height: 560 }, 'left');
  const SHOULDERS = ['shoulder-left', 'shoulder-right'] as const;
  const trunkAt = (t: number) => {
    const pose = momentPose(momentAt(plan, t, map));
    const trunk = practitionerGroups(pose, camera).find((g) => g.role === 'practitioner-body')!;
    return { pose, text: JSON.stringify(trunk.prims) };
  };
  /** A pose's shoulders on the screen, as posed or as the trunk is drawn from them. */
  const shouldersOf = (pose: ReturnType<typeof momentPose>, isSnapped = false) =>
    SHOULDERS.map((id) => {
      const q = pose.practitioner[id]!;
      return camera.project(isSnapped ? trunkSnapped(q, camera) : q);
    });

  it('keeps still through frames that sway it by a fraction of a pixel, and stays within half a pixel of the shoulders', () => {
    const step = plan.steps.find((s) => s.id === 'sole-thumb')!;
    let changes = 0;
    let before = trunkAt(step.start + step.duration / 2);
    for (let i = 1; i <= 30; i++) {
      const now = trunkAt(step.start + step.duration / 2 + i / 30);
      const shoulders = shouldersOf(now.pose);
      const was = shouldersOf(before.pose);
      // The shoulders do move, a little, every frame.
      expect(shoulders.some((p, k) => p.x !== was[k]!.x || p.y !== was[k]!.y)).toBe(true);
      if (now.text !== before.text) changes++;
      // The trunk is drawn from the shoulders on a half-pixel grid: within half a pixel of them.
      shouldersOf(now.pose, true).forEach((drawn, k) => {
        expect(Math.hypot(drawn.x - shoulders[k]!.x, drawn.y - shoulders[k]!.y)).toBeLessThanOrEqual(0.5);
      });
      before = now;
    }
    // Swaying by about a tenth of a pixel a frame, it is drawn anew in well under half the frames.
    expect(changes).toBeLessThan(15);
  });
});
