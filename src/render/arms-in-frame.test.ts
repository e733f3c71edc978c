import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { momentPose } from '../core/pose/pose.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { stepViews } from '../core/views.js';
import { drawnArmsTop } from './drawn-arms.js';
import { drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { screenFromBody, viewLayout } from './view.js';

/*
 * Issue 10's leftovers: from above, the practitioner's arms go up to the shoulders so the eye knows where they stand
 * (ILLUSTRATION.md "The people"). Standing at a side of the table, each arm's whole outline, the shoulder's round end
 * too, lies in the picture above the captions band: none runs off the canvas or under the captions.
 */

const map = builtinBodyMap();
const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];

/** How far (px at 1280×720) the arms' outlines reach past the bottom of the picture (the captions' top) at worst. */
function worstOverCaptions(size: { width: number; height: number }): { over: number; at: string } {
  let worst = { over: Number.NEGATIVE_INFINITY, at: '' };
  for (const plan of plans)
    for (const step of plan.steps) {
      if (stepViews(step)[0] !== 'top') continue;
      for (const piece of step.parts ?? [step]) {
        if (piece.motion.hands.length === 0) continue;
        for (let k = 0; k < 40; k++) {
          const m = momentAt(plan, piece.start + ((k + 0.5) / 40) * piece.duration, map);
          const pose = momentPose(m);
          if (pose.place !== 'left' && pose.place !== 'right') continue;
          const position = m.step.position === 'supine' ? 'supine' : 'prone';
          const zones = {
            neverPress: neverPressAreas(map),
            excluded: excludedAreaPolygons(map, plan.excludedRegions),
          };
          const drawn = drawnHandsTop(m.hands, { position, ...zones });
          const arms = drawnArmsTop(drawn, pose, { surface: surfaceForPosition(position), ...zones });
          const view = viewLayout({ ...size, position });
          for (const arm of arms)
            for (const p of arm.pieces)
              for (const [q, w] of [
                [p.from, p.w0],
                [p.to, p.w1],
              ] as const) {
                const s = screenFromBody(view, q);
                // The band's round end reaches its half-width beyond its end point, every way.
                const over = Math.max(s.y + w * view.scale - view.captionTop, w * view.scale - s.y);
                if (over > worst.over)
                  worst = { over, at: `${step.id}/${piece.id} phase ${m.phase.toFixed(2)} ${arm.arm} arm` };
              }
        }
      }
    }
  return worst;
}

describe('the arms from above stay in the picture', () => {
  it('standing at a side, no arm runs under the captions or off the canvas (1280×720 and 640×360)', () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 640, height: 360 },
    ]) {
      const worst = worstOverCaptions(size);
      expect(worst.over, `${size.width}×${size.height}: ${worst.at}`).toBeLessThanOrEqual(0);
    }
  });
});
