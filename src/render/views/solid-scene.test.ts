import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import { isRefusal } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { posedPoint } from '../../core/pose/client-pose.js';
import { momentPose } from '../../core/pose/pose.js';
import { momentAt } from '../../core/timeline.js';
import { trunkSamples } from './solid-scene.js';

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
