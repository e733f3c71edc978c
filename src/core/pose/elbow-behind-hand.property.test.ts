import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../../content/load.js';
import { builtinPlan } from '../test-support/builtin-plan.js';
import { momentAt } from '../timeline.js';
import { stepViews } from '../views.js';
import { momentPose } from './pose.js';
import type { Pose } from './pose-types.js';

/*
 * Issue 10's leftovers: standing at a side of the table, a hand pressing along the body has its forearm behind it.
 * Seen from above, the elbow is never farther along the hand's line (wrist to contact) than the contact itself:
 * an elbow out there would lay the forearm back over its own hand, a wrist bent double that no student can copy.
 */

const map = builtinBodyMap();
const plans = [builtinPlan('spinal-column'), builtinPlan('neck-and-shoulders')];

/** Every running piece of the plans drawn from above (a step, or each part of a step in parts) with its hands. */
const pieces = plans.flatMap((plan) =>
  plan.steps.flatMap((step) =>
    (step.parts ?? [step])
      .filter((piece) => piece.motion.hands.length > 0 && stepViews(step)[0] === 'top')
      .map((piece) => ({
        plan,
        name: `${step.id}${piece === step ? '' : `/${piece.id}`}${step.side ? ` ${step.side}` : ''}`,
        start: piece.start,
        duration: piece.duration,
      })),
  ),
);

/** The poses of `count` moments spread through each piece drawn from above, where the practitioner stands at a side. */
function* posesAtASide(count: number): Generator<{ name: string; pose: Pose }> {
  for (const piece of pieces)
    for (let k = 0; k < count; k++) {
      const pose = momentPose(momentAt(piece.plan, piece.start + ((k + 0.5) / count) * piece.duration, map));
      if (pose.place === 'left' || pose.place === 'right') yield { name: piece.name, pose };
    }
}

/**
 * The pressing hands (working, on the skin, not a forearm laid flat) whose elbow lies beyond the contact along the
 * hand's line, seen from above, and by how much (body heights).
 */
function foldedBack(pose: Pose): { hand: string; beyond: number }[] {
  const out: { hand: string; beyond: number }[] = [];
  for (const h of pose.hands) {
    if (h.isHolding || h.isLifted || h.shape === 'forearm-flat') continue;
    const wrist = pose.practitioner[`wrist-${h.arm}`]!;
    const elbow = pose.practitioner[`elbow-${h.arm}`]!;
    const hx = h.contact[0] - wrist[0];
    const hy = h.contact[1] - wrist[1];
    const length = Math.hypot(hx, hy);
    if (length < 1e-6) continue;
    const along = ((elbow[0] - wrist[0]) * hx + (elbow[1] - wrist[1]) * hy) / length;
    if (along > length) out.push({ hand: h.hand, beyond: along - length });
  }
  return out;
}

describe('the elbow behind the hand, at a side of the table', () => {
  it('finds steps drawn from above with the practitioner at a side', () => {
    const atSide = pieces.filter((p) => {
      const place = momentPose(momentAt(p.plan, p.start + p.duration / 2, map)).place;
      return place === 'left' || place === 'right';
    });
    expect(atSide.length).toBeGreaterThan(10);
  });

  it('every step drawn from above, 120 moments each: no pressing hand has its elbow beyond it', () => {
    const problems: string[] = [];
    for (const { name, pose } of posesAtASide(120))
      for (const f of foldedBack(pose))
        problems.push(`${name} ${f.hand} hand: elbow ${f.beyond.toFixed(3)} H beyond the contact`);
    // One line per step and hand: the worst moment's figure is not the point, the fold is.
    expect([...new Set(problems.map((p) => p.replace(/ [\d.]+ H /, ' ')))]).toEqual([]);
  });

  it('the check notices a forearm folded back over its hand', () => {
    const piece = pieces.find((p) => p.name === 'spine-reinforced-palm')!;
    // The first of its moments with a hand pressing (the others return lifted).
    const pose = Array.from({ length: 50 }, (_, k) =>
      momentPose(momentAt(piece.plan, piece.start + (k / 50) * piece.duration, map)),
    ).find((p) => p.hands.some((x) => !x.isHolding && !x.isLifted))!;
    const h = pose.hands.find((x) => !x.isHolding && !x.isLifted)!;
    const wrist = pose.practitioner[`wrist-${h.arm}`]!;
    // The elbow put a forearm's length past the contact, along the hand's own line.
    const folded = [
      h.contact[0] + (h.contact[0] - wrist[0]) * 3,
      h.contact[1] + (h.contact[1] - wrist[1]) * 3,
      wrist[2],
    ] as const;
    const bent: Pose = { ...pose, practitioner: { ...pose.practitioner, [`elbow-${h.arm}`]: folded } };
    expect(foldedBack(pose)).toEqual([]);
    expect(foldedBack(bent).map((f) => f.hand)).toContain(h.hand);
  });
});

/*
 * Seen from above, an arm goes from the shoulder by the elbow to the wrist without a zig-zag: the elbow never lies
 * along the table beyond both the shoulder and the wrist, across the practitioner's front (before: leg-drainage's thigh hand and leg-glide's leading
 * palm, their shoulder level with the hand, had the elbow 0.1 H back toward the feet, the upper arm across the
 * practitioner's front and the forearm forward again).
 */

/** How far (body heights) an elbow may lie along the table beyond both its shoulder and its wrist: about 4 cm. */
const ZIGZAG_SLACK = 0.025;

/** The pressing hands whose arm, seen from above, zig-zags across the practitioner's front, and by how much (H). */
function zigzagged(pose: Pose): { hand: string; beyond: number }[] {
  const out: { hand: string; beyond: number }[] = [];
  for (const h of pose.hands) {
    if (h.isHolding || h.isLifted || h.shape === 'forearm-flat') continue;
    const shoulder = pose.practitioner[`shoulder-${h.arm}`]!;
    const elbow = pose.practitioner[`elbow-${h.arm}`]!;
    const wrist = pose.practitioner[`wrist-${h.arm}`]!;
    // Across the practitioner's front: toward their other shoulder (an elbow out beyond its own shoulder is not).
    const other = pose.practitioner[`shoulder-${h.arm === 'left' ? 'right' : 'left'}`]!;
    const inward = Math.sign(other[1] - shoulder[1]);
    const beyond = Math.min((elbow[1] - shoulder[1]) * inward, (elbow[1] - wrist[1]) * inward);
    if (beyond > ZIGZAG_SLACK) out.push({ hand: h.hand, beyond });
  }
  return out;
}

describe('an arm from above, at a side of the table: no zig-zag', () => {
  it('every step drawn from above, 120 moments each: no pressing hand’s elbow beyond both shoulder and wrist', () => {
    const problems: string[] = [];
    for (const { name, pose } of posesAtASide(120))
      for (const z of zigzagged(pose)) problems.push(`${name} ${z.hand} hand: elbow zig-zags`);
    expect([...new Set(problems)]).toEqual([]);
  });

  it('the check notices an elbow laid back along the table past shoulder and wrist', () => {
    const piece = pieces.find((p) => p.name === 'spine-reinforced-palm')!;
    const pose = Array.from({ length: 50 }, (_, k) =>
      momentPose(momentAt(piece.plan, piece.start + (k / 50) * piece.duration, map)),
    ).find((p) => p.hands.some((x) => !x.isHolding && !x.isLifted))!;
    const h = pose.hands.find((x) => !x.isHolding && !x.isLifted)!;
    const shoulder = pose.practitioner[`shoulder-${h.arm}`]!;
    const wrist = pose.practitioner[`wrist-${h.arm}`]!;
    const other = pose.practitioner[`shoulder-${h.arm === 'left' ? 'right' : 'left'}`]!;
    const inward = Math.sign(other[1] - shoulder[1]);
    const back = inward > 0 ? Math.max(shoulder[1], wrist[1]) + 0.1 : Math.min(shoulder[1], wrist[1]) - 0.1;
    const bent: Pose = {
      ...pose,
      practitioner: { ...pose.practitioner, [`elbow-${h.arm}`]: [wrist[0], back, wrist[2] + 0.1] },
    };
    expect(zigzagged(pose)).toEqual([]);
    expect(zigzagged(bent).map((z) => z.hand)).toContain(h.hand);
  });
});
