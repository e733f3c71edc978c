import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOREFOOT_DEPTH,
  restClientJoints,
  restSurfaceHeight,
  restSurfaceNormal,
  restSurfacePoint,
} from './rest-body.js';
import { type Vec3, vecDifference, vecDot } from './vec3.js';

const positions = fc.constantFrom('prone' as const, 'supine' as const);
const surfaces = fc.constantFrom('anterior' as const, 'posterior' as const);

describe('restSurfacePoint', () => {
  it("is restSurfaceHeight's point everywhere but on the top of a prone foot", () => {
    fc.assert(
      fc.property(
        positions,
        surfaces,
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (position, surface, x, y) => {
          fc.pre(!(position === 'prone' && surface === 'anterior' && y > 0.955));
          expect(restSurfacePoint(position, surface, x, y)).toEqual([
            x,
            y,
            restSurfaceHeight(position, surface, x, y),
          ]);
        },
      ),
    );
  });

  it("puts a prone foot's top a forefoot's depth through the foot from the sole, toward the ankle, off the table", () => {
    fc.assert(
      // Along the foot, from the heel's station to the toes' (the sole's line runs between them).
      fc.property(fc.constantFrom(-1, 1), fc.double({ min: 0.965, max: 1, noNaN: true }), (sign, y) => {
        const x = sign * 0.055;
        const side = sign < 0 ? 'left' : 'right';
        const joints = restClientJoints('prone');
        const heel = joints[`heel-${side}`]!;
        const toes = joints[`toes-${side}`]!;
        const ankle = joints[`ankle-${side}`]!;
        const top = restSurfacePoint('prone', 'anterior', x, y);
        const sole = restSurfacePoint('prone', 'posterior', x, y);
        // Measured across the sole's line (heel → toes), in the plane the foot hangs in.
        const along = vecDifference(toes, heel);
        const length = Math.hypot(along[1], along[2]);
        const across = (q: Vec3) => (along[1] * (q[2] - heel[2]) - along[2] * (q[1] - heel[1])) / length;
        expect(Math.sign(across(top))).toBe(Math.sign(across(ankle)));
        expect(Math.sign(across(sole))).toBe(-Math.sign(across(ankle)));
        expect(Math.abs(across(top))).toBeCloseTo(FOREFOOT_DEPTH, 6);
        // Not the table height a hand under the trunk is given.
        expect(top).not.toEqual([x, y, restSurfaceHeight('prone', 'anterior', x, y)]);
        // The skin there faces away from the sole.
        expect(
          vecDot(restSurfaceNormal('prone', 'anterior', x, y), vecDifference(top, sole)),
        ).toBeGreaterThan(0);
      }),
    );
  });
});
