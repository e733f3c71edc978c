import { describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import type { Side } from '../ids.js';
import { Intake } from '../intake.js';
import type { Moment } from '../moment.js';
import { isRefusal, type Plan } from '../plan-types.js';
import { planFromIntake } from '../planner.js';
import { momentAt } from '../timeline.js';
import { momentPose, poseOf } from './pose.js';
import { restClientJoints } from './rest-body.js';
import { type Vec3, vecAngleDegrees, vecDifference, vecLength } from './vec3.js';

const map = builtinBodyMap();

function planOf(routine = 'spinal-column', minutes = 60): Plan {
  const plan = planFromIntake(builtinRoutine(routine), builtinRules(), Intake.parse({ minutes }), {
    bodyMap: map,
  });
  if (isRefusal(plan)) throw new Error('refused');
  return plan;
}

const plan = planOf();

/** The moment at `phase` of the first repetition of a planned step. */
function momentOf(id: string, phase: number, side: Side | null = null, rep = 0): Moment {
  const step = plan.steps.find((s) => s.id === id && (side === null || s.side === side));
  if (!step) throw new Error(`no ${id}`);
  return momentAt(plan, step.start + ((rep + phase) * step.duration) / step.reps, map);
}

/** The moment `phase` into the first repetition of one part of a step in parts. */
function partMomentOf(id: string, part: string, phase: number, side: Side | null = null): Moment {
  const step = plan.steps.find((s) => s.id === id && (side === null || s.side === side));
  const found = step?.parts?.find((p) => p.id === part);
  if (!found) throw new Error(`no ${id}/${part}`);
  return momentAt(plan, found.start + (phase * found.duration) / found.reps, map);
}

function joint(m: Moment, name: string): Vec3 {
  const p = momentPose(m).client[name];
  if (!p) throw new Error(`no joint ${name}`);
  return p;
}

/** The ankle's angle, shank to foot (degrees). */
function ankleAngle(m: Moment, side: Side): number {
  const ankle = joint(m, `ankle-${side}`);
  return vecAngleDegrees(
    vecDifference(joint(m, `knee-${side}`), ankle),
    vecDifference(joint(m, `toes-${side}`), ankle),
  );
}

describe('the posed body (BODY-PROPORTIONS "In depth")', () => {
  it('names every joint of the contract, client and practitioner', () => {
    const m = momentOf('spine-thumb-knead', 0.3);
    const client = Object.keys(momentPose(m).client);
    for (const j of ['crown', 'occiput', 'chin', 'c7', 't7', 't12', 'sacrum']) expect(client).toContain(j);
    for (const j of ['shoulder', 'hip', 'knee', 'ankle', 'heel', 'toes'])
      for (const s of ['left', 'right']) expect(client).toContain(`${j}-${s}`);
    const practitioner = Object.keys(momentPose(m).practitioner);
    for (const j of ['shoulder', 'elbow', 'wrist', 'palm', 'fingertip', 'thumb-tip'])
      for (const s of ['left', 'right']) expect(practitioner).toContain(`${j}-${s}`);
  });

  it.each(['left', 'right'] as const)(
    'leg-passive-lift (%s): the heel rises ≥ 0.06 H and above the knee, the other leg stays down',
    (side) => {
      const other = side === 'left' ? 'right' : 'left';
      const rest = momentOf('leg-passive-lift', 0, side);
      const top = momentOf('leg-passive-lift', 0.45, side);
      const heelRise = joint(top, `heel-${side}`)[2] - joint(rest, `heel-${side}`)[2];
      expect(heelRise).toBeGreaterThanOrEqual(0.06);
      expect(heelRise).toBeLessThanOrEqual(0.16);
      expect(joint(top, `heel-${side}`)[2]).toBeGreaterThan(joint(top, `knee-${side}`)[2]);
      for (const j of ['hip', 'knee', 'ankle', 'heel', 'toes'])
        expect(joint(top, `${j}-${other}`)).toEqual(joint(rest, `${j}-${other}`));
      // The hand under the knee and the hand at the ankle rise with the leg.
      const hands = momentPose(top).hands;
      expect(Math.min(...hands.map((h) => h.contact[2]))).toBeGreaterThan(0.02);
    },
  );

  it.each(['left', 'right'] as const)(
    'leg-passive-lift (%s): the seed\'s "elongated" leg rises straight, the hand under the knee rises with the knee',
    (side) => {
      // At rest the ankle bolster bends the knee about 26°; lifted, the leg is all but straight (not a knee bend).
      const top = momentOf('leg-passive-lift', 0.45, side);
      const knee = joint(top, `knee-${side}`);
      const kneeAngle = vecAngleDegrees(
        vecDifference(joint(top, `hip-${side}`), knee),
        vecDifference(joint(top, `ankle-${side}`), knee),
      );
      expect(kneeAngle).toBeGreaterThanOrEqual(170);
      // The thigh rises too, off the table, not left lying on it.
      expect(knee[2] - restClientJoints('prone')[`knee-${side}`]![2]).toBeGreaterThanOrEqual(0.04);
      for (const phase of [0.1, 0.3, 0.45, 0.7]) {
        const m = momentOf('leg-passive-lift', phase, side);
        const under = momentPose(m).hands.find((h) => h.isUnder)!;
        expect(vecLength(vecDifference(under.contact, joint(m, `knee-${side}`))), `${phase}`).toBeLessThan(
          0.05,
        );
      }
    },
  );

  it.each(['left', 'right'] as const)(
    'foot-flex-stretch (%s): the ankle turns ≥ 25° between Figure 115 and 116, toward the shin then away',
    (side) => {
      // The step is in two parts: toward the shin (Figure 115), then the other way (Figure 116).
      const rest = ankleAngle(partMomentOf('foot-flex-stretch', 'toward-shin', 0, side), side);
      const fig115 = ankleAngle(partMomentOf('foot-flex-stretch', 'toward-shin', 0.4, side), side);
      const fig116 = ankleAngle(partMomentOf('foot-flex-stretch', 'away-from-shin', 0.4, side), side);
      expect(Math.abs(fig116 - fig115)).toBeGreaterThanOrEqual(25);
      // Toward the shin closes the angle between shank and foot; the other way opens it.
      expect(fig115).toBeLessThan(rest - 10);
      expect(fig116).toBeGreaterThan(rest + 10);
    },
  );

  it.each<Side>(['left', 'right'])(
    'foot-flex-stretch (%s): the arms reach in from beyond the foot, never folded over it or into the table',
    (side) => {
      for (const part of ['toward-shin', 'away-from-shin']) {
        for (const phase of [0.05, 0.25, 0.5, 0.75, 0.95]) {
          const m = partMomentOf('foot-flex-stretch', part, phase, side);
          const pose = momentPose(m);
          const ankleY = joint(m, `ankle-${side}`)[1];
          for (const arm of ['left', 'right']) {
            const elbow = pose.practitioner[`elbow-${arm}`]!;
            const wrist = pose.practitioner[`wrist-${arm}`]!;
            // Seen from the side, an elbow or a wrist on the head's side of the ankle lies over the foot.
            expect(elbow[1], `${part} ${phase} elbow-${arm}`).toBeGreaterThanOrEqual(ankleY + 0.025);
            expect(wrist[1], `${part} ${phase} wrist-${arm}`).toBeGreaterThanOrEqual(ankleY - 0.015);
            expect(wrist[2], `${part} ${phase} wrist-${arm} above the table top`).toBeGreaterThanOrEqual(0);
          }
        }
      }
    },
  );

  /**
   * A moment of the foot flex stretch's part: its pose, the foot's heel, toes and ankle, which side of the sole's
   * line (heel → toes, seen from the side) a point lies on (the ankle's is the top's), and the one working hand.
   */
  function footStretchAt(part: string, phase: number, side: Side) {
    const m = partMomentOf('foot-flex-stretch', part, phase, side);
    const pose = momentPose(m);
    const heel = joint(m, `heel-${side}`);
    const toes = joint(m, `toes-${side}`);
    const ankle = joint(m, `ankle-${side}`);
    const across = (q: Vec3) =>
      (toes[1] - heel[1]) * (q[2] - heel[2]) - (toes[2] - heel[2]) * (q[1] - heel[1]);
    const working = pose.hands.filter((h) => !h.isHolding);
    expect(working.length, `${part} ${phase}`).toBe(1);
    return { pose, heel, toes, ankle, across, hand: working[0]! };
  }

  it.each<Side>(['left', 'right'])(
    'foot-flex-stretch (%s): the other way, the working hand lies on the top of the foot (Figure 116), not the sole',
    (side) => {
      for (const phase of [0.05, 0.25, 0.5, 0.75, 0.95]) {
        const { pose, heel, toes, ankle, across, hand } = footStretchAt('away-from-shin', phase, side);
        const soleLength = Math.hypot(toes[1] - heel[1], toes[2] - heel[2]);
        expect(Math.sign(across(hand.contact)), `${phase}: on the ankle's side of the sole`).toBe(
          Math.sign(across(ankle)),
        );
        // Through the foot from the sole by about a forefoot's depth, off the table under it.
        expect(Math.abs(across(hand.contact)) / soleLength, `${phase}: the foot's depth`).toBeGreaterThan(
          0.015,
        );
        expect(hand.contact[2], `${phase}: off the table`).toBeGreaterThan(0.02);
        // The fingers along the top of the foot toward the shin (the step's "toward-head"), the wrist on the
        // practitioner's side of the hand (it pulls the foot toward them), not under the shin.
        expect(hand.direction[1], `${phase}: fingers toward the shin`).toBeLessThan(0);
        const wrist = pose.practitioner[`wrist-${hand.arm}`]!;
        expect(wrist[1], `${phase}: the wrist beyond the hand`).toBeGreaterThan(hand.contact[1] - 0.015);
      }
    },
  );

  it.each<Side>(['left', 'right'])(
    'foot-flex-stretch (%s): toward the shin, the working hand cups the sole (Figure 115), its fingers up it, none through the foot',
    (side) => {
      for (const phase of [0.05, 0.25, 0.5, 0.75, 0.95]) {
        const { pose, ankle, across, hand } = footStretchAt('toward-shin', phase, side);
        // The sole's side of its line is the one away from the ankle: the palm, the fingertips, the thumb and the
        // wrist all lie there (a hand curled round the forefoot put its fingers through the foot to its top).
        const soleSide = -Math.sign(across(ankle));
        for (const j of ['palm', 'fingertip', 'thumb-tip', 'wrist']) {
          const q = pose.practitioner[`${j}-${hand.arm}`]!;
          expect(Math.sign(across(q)), `${phase}: ${j} on the sole's side`).toBe(soleSide);
        }
        // Up the sole toward the heel, off the table, not under the toes at its level.
        const fingertip = pose.practitioner[`fingertip-${hand.arm}`]!;
        expect(fingertip[2] - hand.contact[2], `${phase}: fingers up the sole`).toBeGreaterThan(0.03);
        expect(hand.contact[2], `${phase}: the contact off the table`).toBeGreaterThan(0.015);
      }
    },
  );

  it('a hand lifted off the skin under the body (face up, the return under the neck) lowers toward the table, never into the body', () => {
    let seen = 0;
    for (const step of plan.steps)
      for (let k = 0; k < 60; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 60) * step.duration, map);
        const lifted = momentPose(m);
        const onSkin = momentPose({ ...m, hands: m.hands.map((h) => ({ ...h, isLifted: false })) });
        lifted.hands.forEach((h, i) => {
          if (!m.hands[i]!.isLifted || !h.isUnder) return;
          seen++;
          expect(h.contact[2], `${step.id} ${k}`).toBeLessThanOrEqual(onSkin.hands[i]!.contact[2]);
          expect(h.contact[2], `${step.id} ${k}: on or above the table`).toBeGreaterThanOrEqual(0);
        });
      }
    expect(seen).toBeGreaterThan(0);
  });

  it('no joint of the client goes below the table top, in any step (the toes of a flexed foot rest on it)', () => {
    for (const step of plan.steps)
      for (let k = 0; k < 80; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 80) * step.duration, map);
        for (const [joint, q] of Object.entries(momentPose(m).client))
          expect(q[2], `${step.id} ${step.side ?? ''} ${k}: ${joint}`).toBeGreaterThanOrEqual(0);
      }
  });

  it('neck-traction: the head rises and moves toward the practitioner at the head', () => {
    const rest = momentOf('neck-traction', 0);
    const pulled = momentOf('neck-traction', 0.6);
    expect(momentPose(pulled).place).toBe('head');
    for (const j of ['crown', 'occiput', 'chin']) {
      expect(joint(pulled, j)[2] - joint(rest, j)[2]).toBeGreaterThanOrEqual(0.01);
      expect(joint(pulled, j)[1]).toBeLessThan(joint(rest, j)[1] - 0.004);
    }
    // The trunk stays where it was.
    expect(joint(pulled, 't7')).toEqual(joint(rest, 't7'));
  });

  it('spine-extension: the mid-back rises off the table while the pelvis stays down', () => {
    const rest = restClientJoints('supine');
    // The client arches while the palms slide in (the first part), then relaxes onto them.
    const arched = partMomentOf('spine-extension', 'slide-in', 0.5);
    expect(joint(arched, 't7')[2] - rest.t7![2]).toBeGreaterThanOrEqual(0.02);
    expect(joint(arched, 'sacrum')[2]).toBeCloseTo(rest.sacrum![2], 5);
    // Settled again by the end of the run up to the head.
    const settled = partMomentOf('spine-extension', 'draw-up', 0.9);
    expect(joint(settled, 't7')[2]).toBeCloseTo(rest.t7![2], 5);
  });

  it('spine-extension (Figure 120): the back stays arched while the palms slide in, the palms on the table under it', () => {
    const rest = restClientJoints('supine');
    // The figure's moment (the palms as far in as they go) still shows the arch; the client relaxes in the next part.
    for (const phase of [0.5, 0.9, 0.99]) {
      const m = partMomentOf('spine-extension', 'slide-in', phase);
      expect(joint(m, 't7')[2] - rest.t7![2], `slide-in ${phase}`).toBeGreaterThanOrEqual(0.03);
      // Under the risen back, on the table: the gap between the back and the table is the lesson.
      for (const h of momentPose(m).hands) {
        expect(h.isUnder).toBe(true);
        expect(h.contact[2], `slide-in ${phase}`).toBeLessThan(0.015);
      }
    }
    expect(joint(partMomentOf('spine-extension', 'draw-up', 0.01), 't7')[2] - rest.t7![2]).toBeGreaterThan(
      0.03,
    );
    expect(joint(partMomentOf('spine-extension', 'draw-up', 0.3), 't7')[2]).toBeCloseTo(rest.t7![2], 5);
  });

  it('spine-extension: seated at the head, the arms reach past the head and under the upper back, never into the table or over the face', () => {
    for (const part of ['slide-in', 'draw-up'])
      for (const phase of [0.02, 0.25, 0.5, 0.75, 0.98]) {
        const m = partMomentOf('spine-extension', part, phase);
        const pose = momentPose(m);
        const at = `${part} ${phase}`;
        for (const arm of ['left', 'right']) {
          const shoulder = pose.practitioner[`shoulder-${arm}`]!;
          const elbow = pose.practitioner[`elbow-${arm}`]!;
          // The shoulders stay beyond the crown (y 0): the trunk never leans over the client's face.
          expect(shoulder[1], `${at} shoulder-${arm}`).toBeLessThan(0);
          // An elbow over the table top rests on it at most, never inside it.
          expect(elbow[2], `${at} elbow-${arm}`).toBeGreaterThanOrEqual(0.015);
          // Beside the head and neck (half-width 0.045), not through them.
          if (elbow[1] > 0 && elbow[1] < 0.17)
            expect(Math.abs(elbow[0]), `${at} elbow-${arm}`).toBeGreaterThan(0.09);
        }
      }
  });

  it('ankle-rotation: the toe circles one way in the first part and the other way in the second', () => {
    const side = 'left';
    const toe = (part: string, phase: number) =>
      joint(partMomentOf('ankle-rotation', part, phase, side), `toes-${side}`);
    const rest = toe('one-way', 0);
    // A quarter of the way round the circle the toe has turned to one side; the other way, to the other side.
    const one = vecDifference(toe('one-way', 0.25), rest);
    const other = vecDifference(toe('other-way', 0.25), rest);
    expect(Math.abs(one[0])).toBeGreaterThan(0.005);
    expect(Math.sign(one[0])).toBe(-Math.sign(other[0]));
  });

  it('ankle-rotation: the knee bends so the sole faces up, and the big toe draws a circle', () => {
    const side = 'left';
    const a = momentOf('ankle-rotation', 0.25, side);
    const b = momentOf('ankle-rotation', 0.75, side);
    // The shank stands up from the knee.
    expect(joint(a, `ankle-${side}`)[2] - joint(a, `knee-${side}`)[2]).toBeGreaterThan(0.2);
    expect(vecLength(vecDifference(joint(a, `toes-${side}`), joint(b, `toes-${side}`)))).toBeGreaterThan(
      0.02,
    );
  });

  it('a stroke on the back leaves the body at rest and puts the hands on its surface', () => {
    const m = momentOf('spine-reinforced-palm', 0.3);
    expect(momentPose(m).client).toEqual(restClientJoints('prone'));
    for (const h of momentPose(m).hands) {
      expect(h.contact[2]).toBeGreaterThan(0.1);
      expect(h.isUnder).toBe(false);
    }
    expect(
      momentPose(m)
        .hands.map((h) => h.shape)
        .sort(),
    ).toEqual(['flat-palm', 'palm-on-palm']);
  });

  it('the practitioner reaches from their place: arms of real length, elbows not inside the client', () => {
    for (const id of [
      'spine-fingertip-press',
      'back-forearm-spread',
      'leg-knead',
      'neck-traction',
      'sole-thumb',
    ]) {
      const m = momentOf(id, 0.3, id.startsWith('leg') || id.startsWith('sole') ? 'left' : null);
      const p = momentPose(m).practitioner;
      for (const side of ['left', 'right'] as const) {
        const upper = vecLength(vecDifference(p[`elbow-${side}`]!, p[`shoulder-${side}`]!));
        expect(upper, `${id} ${side} upper arm`).toBeCloseTo(0.186, 2);
        expect(p[`elbow-${side}`]![2], `${id} ${side} elbow`).toBeGreaterThan(-0.4);
      }
    }
  });

  it('sits or stands as the step says: the lift seated beside the leg (the seed), the glide standing', () => {
    const lift = momentOf('leg-passive-lift', 0, 'left');
    const glide = momentOf('leg-glide', 0, 'left');
    const seated = momentPose(lift);
    expect([seated.place, seated.posture]).toEqual(['left', 'seated']);
    expect([momentPose(glide).place, momentPose(glide).posture]).toEqual(['left', 'standing']);
    // The same moment with the step's posture taken out: standing, the shoulders higher (0.40 vs 0.20 above the
    // table top before leaning in; standing leans down further to reach).
    const { posture: _posture, ...standingStep } = lift.step;
    const standing = poseOf({ ...lift, step: standingStep });
    expect(standing.posture).toBe('standing');
    const z = (p: typeof seated) => p.practitioner['shoulder-left']![2];
    expect(z(standing) - z(seated)).toBeGreaterThan(0.05);
    expect(z(seated)).toBeLessThanOrEqual(0.2);
  });

  it('hands under the body are marked as under it (the chest stroke round the shoulders, the traction)', () => {
    const traction = momentOf('neck-traction', 0.5);
    expect(momentPose(traction).hands.every((h) => h.isUnder)).toBe(true);
    expect(momentPose(traction).hands.every((h) => h.shape === 'two-fingertips')).toBe(true);
  });

  it('is the data a step names: a step pose of {} keeps the body at rest', () => {
    const m = momentOf('leg-passive-lift', 0.45, 'left');
    const still = poseOf({
      step: { ...m.step, pose: {} },
      phase: m.phase,
      extent: m.extent,
      repetition: m.repetition,
      hands: m.hands,
    });
    expect(still.client).toEqual(restClientJoints('prone'));
  });
});
