import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import type { ClientPosition, ContactTool } from '../ids.js';
import type { HandState } from '../moment.js';
import type { Plan } from '../plan-types.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { momentAt } from '../timeline.js';
import { momentPose, poseOf } from './pose.js';
import type { Pose } from './pose-types.js';
import type { Vec3 } from './vec3.js';

/*
 * Issue 10 part 1: the practitioner's arms reach from where they stand or sit. Their left shoulder is on their own
 * left wherever that is and however the client lies (the body frame's x is the client's left and right, so face
 * down it is mirrored against face up), and through a repetition each hand stays on one arm.
 */

const map = builtinBodyMap();

type Place = 'left' | 'right' | 'head' | 'feet';

/**
 * A point of the body frame on the room's compass (east, north, up), with the client's head to the north: face down
 * their left is to the west, face up to the east.
 */
function compass(position: ClientPosition, [x, y, z]: Vec3): Vec3 {
  // (+ 0: no −0 in what a test compares.)
  return [(position === 'prone' ? x : -x) + 0, -y + 0, z + 0];
}

/** Which way the practitioner faces at a place, on the compass: from the head south, from the feet north, … */
function facingOf(position: ClientPosition, place: Place): Vec3 {
  if (place === 'head') return [0, -1, 0];
  if (place === 'feet') return [0, 1, 0];
  // Standing at the client's left side, they face across the table toward the client's right, and the other way.
  return compass(position, [place === 'left' ? 1 : -1, 0, 0]);
}

/** Facing `f` with up (0, 0, 1), one's right is f × up. */
function rightOf(f: Vec3): Vec3 {
  return [f[1] + 0, -f[0] + 0, 0];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function minus(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function handAt(hand: 'left' | 'right', tool: ContactTool, x: number, y: number, angle: number): HandState {
  return {
    hand,
    tool,
    x,
    y,
    surface: 'posterior',
    angle,
    pressure: 2,
    isLifted: false,
    isHolding: false,
  };
}

function poseAt(position: ClientPosition, place: Place, hands: readonly HandState[]): Pose {
  const surface = position === 'prone' ? 'posterior' : 'anterior';
  return poseOf({
    step: { position, technique: 'glide', side: null, place },
    phase: 0.5,
    extent: 0,
    repetition: 1,
    hands: hands.map((h) => ({ ...h, surface })),
  });
}

const PLACES: readonly Place[] = ['left', 'right', 'head', 'feet'];
const POSITIONS: readonly ClientPosition[] = ['prone', 'supine'];

describe("the practitioner's left and right", () => {
  it('reads the compass as the room does: face down the client’s left is west, face up east', () => {
    expect(compass('prone', [-0.1, 0.5, 0])[0]).toBeLessThan(0);
    expect(compass('supine', [-0.1, 0.5, 0])[0]).toBeGreaterThan(0);
    // Standing at the client's left, face down: in the west, facing east; their right is south, toward the feet.
    expect(facingOf('prone', 'left')).toEqual([1, 0, 0]);
    expect(rightOf(facingOf('prone', 'left'))).toEqual([0, -1, 0]);
    expect(facingOf('supine', 'left')).toEqual([-1, 0, 0]);
  });

  it('puts the left shoulder on their own left at every place, face down and face up', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...POSITIONS),
        fc.constantFrom(...PLACES),
        fc.double({ min: -0.12, max: 0.12, noNaN: true }),
        fc.double({ min: 0.2, max: 0.9, noNaN: true }),
        (position, place, x, y) => {
          const pose = poseAt(position, place, [
            handAt('left', 'palm', x, y, Math.PI / 2),
            handAt('right', 'palm', -x, y + 0.05, Math.PI / 2),
          ]);
          const leftToRight = minus(
            compass(position, pose.practitioner['shoulder-right']!),
            compass(position, pose.practitioner['shoulder-left']!),
          );
          const right = rightOf(facingOf(position, place));
          expect(dot(leftToRight, right), `${position} at the ${place}`).toBeGreaterThan(0.2);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives each hand, palm down, its thumb on the side of that hand: the right thumb left of the fingers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...POSITIONS),
        fc.constantFrom(...PLACES),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (position, place, angle) => {
          const pose = poseAt(position, place, [handAt('left', 'palm', 0.06, 0.35, angle)]);
          const arm = pose.hands[0]!.arm;
          const p = (joint: string) => compass(position, pose.practitioner[`${joint}-${arm}`]!);
          const fingers = minus(p('fingertip'), p('wrist'));
          const thumb = minus(p('thumb-tip'), p('wrist'));
          // Seen from above, (fingers × thumb)·up > 0: the thumb lies to the left of the fingers.
          const leftness = fingers[0] * thumb[1] - fingers[1] * thumb[0];
          if (arm === 'right') expect(leftness, `${position} at the ${place}`).toBeGreaterThan(0);
          else expect(leftness, `${position} at the ${place}`).toBeLessThan(0);
        },
      ),
      { numRuns: 120 },
    );
  });
});

/** Every running piece of a plan (a step, or each part of a step in parts) with the step it belongs to. */
function piecesOf(plan: Plan) {
  return plan.steps.flatMap((step) =>
    (step.parts ?? [step]).map((piece) => ({
      name: `${step.id}${piece === step ? '' : `/${piece.id}`}${step.side ? ` ${step.side}` : ''}`,
      start: piece.start,
      duration: piece.duration,
      reps: Math.max(1, piece.reps),
    })),
  );
}

const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];
const pieces = plans.flatMap((plan) => piecesOf(plan).map((piece) => ({ plan, ...piece })));

describe('each hand keeps its arm', () => {
  it('through a repetition, at any two phases, in every step, part and side of both routines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pieces.length - 1 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (index, repFraction, phases) => {
          const piece = pieces[index]!;
          const rep = Math.floor(repFraction * piece.reps);
          const repSeconds = piece.duration / piece.reps;
          const arms = new Map<string, string>();
          for (const phase of phases) {
            const m = momentAt(piece.plan, piece.start + (rep + phase) * repSeconds, map);
            for (const h of momentPose(m).hands) {
              const seen = arms.get(h.hand) ?? h.arm;
              expect(h.arm, `${piece.name} rep ${rep + 1} phase ${m.phase.toFixed(3)}: ${h.hand} hand`).toBe(
                seen,
              );
              arms.set(h.hand, h.arm);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
