import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import { Intake } from '../../core/intake.js';
import { isRefusal, type Plan } from '../../core/plan-types.js';
import { planFromIntake } from '../../core/planner.js';
import { momentPose } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { momentAt } from '../../core/timeline.js';
import { themeColours } from '../theme.js';
import {
  CLIENT_DRAWINGS_KEPT,
  CLIENT_DRAWN_STEP_PX,
  clientDrawn,
  clientPoseKey,
  clientPoseSnapped,
} from './client-drawn.js';
import { panelCamera, type SolidView, sideBoxFor } from './solid-framing.js';
import { clientGroups } from './solid-scene.js';
import { groupSvg } from './solid-svg.js';

/*
 * The client's drawings are kept while the client keeps still (a video frame draws them from the cache): what is
 * found must be exactly what would be drawn, and a client that moved, or another camera, is drawn again.
 */

const bodyMap = builtinBodyMap();
const plan = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
  bodyMap,
}) as Plan;
if (isRefusal(plan)) throw new Error('the built-in routine refused a plain intake');
const viewport = { x: 12, y: 44, width: 1256, height: 508 };
const theme = themeColours('light');
const views: readonly SolidView[] = ['side', 'head', 'closeup'];

function cameraAt(t: number, view: SolidView) {
  const moment = momentAt(plan, t, bodyMap);
  const framing = { framing: 'step' as const, map: bodyMap };
  const box = sideBoxFor([moment], framing);
  return { moment, pose: momentPose(moment), ...panelCamera(moment, view, viewport, box, framing) };
}

/** The same pose, every object and array of it copied (what the next frame's pose is when the client keeps still). */
function copied(pose: Pose): Pose {
  return structuredClone(pose);
}

describe('clientDrawn', () => {
  it('is what the client groups draw, for any moment and view, whether found or drawn anew', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: plan.totalSeconds - 0.01, noNaN: true }),
        fc.constantFrom(...views),
        fc.constantFrom(1, 0.5),
        (t, view, unit) => {
          const { pose, camera, key } = cameraAt(t, view);
          const expected = clientGroups(clientPoseSnapped(pose, camera), camera).map((g) => ({
            id: g.id,
            svg: groupSvg(g, theme, { unit }),
          }));
          const first = clientDrawn(pose, camera, key, theme, unit);
          const again = clientDrawn(copied(pose), camera, key, theme, unit);
          expect(first.map(({ group, svg }) => ({ id: group.id, svg }))).toEqual(expected);
          expect(again).toBe(first);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('draws the client within half a pixel of where the pose puts it, for any moment and view', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: plan.totalSeconds - 0.01, noNaN: true }),
        fc.constantFrom(...views),
        (t, view) => {
          const { pose, camera } = cameraAt(t, view);
          const snapped = clientPoseSnapped(pose, camera);
          for (const [name, p] of Object.entries(pose.client)) {
            const a = camera.project(p);
            const b = camera.project(snapped.client[name]!);
            expect(Math.hypot(a.x - b.x, a.y - b.y), `${name} at ${t.toFixed(2)} s`).toBeLessThanOrEqual(
              CLIENT_DRAWN_STEP_PX + 0.01,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draws a foot flexed slowly anew every few frames, not every frame (the moves in half-pixel steps)', () => {
    const step = plan.steps.find((s) => s.id === 'foot-flex-stretch')!;
    const at = (i: number) => cameraAt(step.start + step.duration / 2 + i / 30, 'side');
    let posed = 0;
    let drawn = 0;
    for (let i = 1; i <= 30; i++) {
      const [a, b] = [at(i - 1), at(i)];
      if (clientPoseKey(a.pose) !== clientPoseKey(b.pose)) posed++;
      const drawnOf = (c: typeof a) => clientDrawn(c.pose, c.camera, c.key, theme, 1).map((d) => d.svg);
      if (drawnOf(a).join('') !== drawnOf(b).join('')) drawn++;
    }
    // The pose changes every frame; its drawing in at most half of them.
    expect(posed).toBe(30);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(15);
  });

  it('draws a client that moved again', () => {
    const { pose, camera, key } = cameraAt(400, 'closeup');
    const before = clientDrawn(pose, camera, key, theme, 1);
    // The whole client a little toward the head (a lift or a roll moves part of it; any move must show).
    const client = Object.fromEntries(
      Object.entries(pose.client).map(([name, p]) => [name, [p[0], p[1] + 0.05, p[2]] as const]),
    );
    const moved: Pose = { ...pose, client };
    expect(clientPoseKey(moved)).not.toBe(clientPoseKey(pose));
    const after = clientDrawn(moved, camera, key, theme, 1);
    expect(after).not.toBe(before);
    expect(after.map((d) => d.svg)).toEqual(
      clientGroups(moved, camera).map((g) => groupSvg(g, theme, { unit: 1 })),
    );
    expect(after.map((d) => d.svg)).not.toEqual(before.map((d) => d.svg));
  });

  it('draws again for another camera, another size or another theme', () => {
    const closeup = cameraAt(400, 'closeup');
    const side = cameraAt(400, 'side');
    const first = clientDrawn(closeup.pose, closeup.camera, closeup.key, theme, 1);
    expect(clientDrawn(side.pose, side.camera, side.key, theme, 1)).not.toBe(first);
    expect(clientDrawn(closeup.pose, closeup.camera, closeup.key, theme, 0.5)).not.toBe(first);
    const dark = themeColours('dark');
    const inDark = clientDrawn(closeup.pose, closeup.camera, closeup.key, dark, 1);
    expect(inDark.map((d) => d.svg)).toEqual(
      clientGroups(closeup.pose, closeup.camera).map((g) => groupSvg(g, dark, { unit: 1 })),
    );
  });

  it(`keeps the ${CLIENT_DRAWINGS_KEPT} poses last used, the oldest going first`, () => {
    const { pose, camera, key } = cameraAt(400, 'closeup');
    const first = clientDrawn(pose, camera, key, theme, 1);
    // Other units: other keys, the same drawing work.
    for (let k = 1; k < CLIENT_DRAWINGS_KEPT; k++) clientDrawn(pose, camera, key, theme, 1 + k / 64);
    expect(clientDrawn(pose, camera, key, theme, 1)).toBe(first); // used again: now the newest
    for (let k = 1; k <= CLIENT_DRAWINGS_KEPT; k++) clientDrawn(pose, camera, key, theme, 2 + k / 64);
    expect(clientDrawn(pose, camera, key, theme, 1)).not.toBe(first);
  });
});
