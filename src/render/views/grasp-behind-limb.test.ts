import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import { momentPose } from '../../core/pose/pose.js';
import { builtinPlan } from '../../core/test-support/builtin-plan.js';
import { momentAt } from '../../core/timeline.js';
import { stepViews } from '../../core/views.js';
import { panelCamera } from './solid-framing.js';
import { clientGroups, practitionerGroups } from './solid-scene.js';

/*
 * Issue 10, "Pictures that teach": from the side, a hand that grasps a limb (the foot turned in the ankle rotation,
 * the foot flexed, the ankle held) wraps it from beyond, so the limb it moves stays in sight. On the far leg that
 * means behind the far leg too: before, the arms were drawn behind the near side of the body only, and in the ankle
 * rotation the working hand and its forearm lay over the raised foot, hiding the very thing that moves.
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');
const VIEWPORT = { x: 12, y: 44, width: 1256, height: 508 } as const;

describe('a grasp from the side', () => {
  it('every step seen from the side, 24 moments each: a grasping arm is drawn behind the leg it holds', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const step of plan.steps.filter((s) => stepViews(s).includes('side')))
      for (let k = 0; k < 24; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 24) * step.duration, map);
        const pose = momentPose(m);
        const { camera } = panelCamera(
          m,
          'side',
          VIEWPORT,
          { y: [0, 1], z: [0, 0.3] },
          { framing: 'moment', map: undefined },
        );
        const client = clientGroups(pose, camera);
        const arms = practitionerGroups(pose, camera);
        for (const h of pose.hands) {
          if (h.shape !== 'grasp' || h.isUnder || h.contact[1] < 0.53) continue;
          seen++;
          // The leg lies in the far group when it is on the side away from the camera, else in the body's.
          const side = h.contact[0] < 0 ? 'left' : 'right';
          const leg = client.find((g) =>
            side === camera.nearSide ? g.role === 'client' : g.role === 'client-far',
          )!;
          const arm = arms.find((g) => g.id === `practitioner-${h.arm}`)!;
          if (arm.depth <= leg.depth)
            problems.push(
              `${step.id}${step.side ? ` ${step.side}` : ''}: the ${h.arm} arm drawn over the leg it holds`,
            );
        }
      }
    expect(seen).toBeGreaterThan(50);
    expect([...new Set(problems)]).toEqual([]);
  });
});
