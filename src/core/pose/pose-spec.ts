import { z } from 'zod';
import type { TechniqueKind } from '../ids.js';

/**
 * A window of a repetition (phase 0…1) in which a move happens: it eases in over the first quarter of the window
 * and out over the last quarter. Absent: the move follows the technique's own extent (the lift's height, the
 * traction's pull).
 */
export const PoseWindow = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .describe('From and to, as phases of one repetition (0…1); the move eases in and out inside it.');
export type PoseWindow = z.infer<typeof PoseWindow>;

/**
 * What a technique does to the client's body, as data (BODY-PROPORTIONS.md "In depth", ranges of motion).
 * Each field is one move; a step's `pose` replaces its technique kind's default whole.
 */
export const PoseSpec = z
  .object({
    legLift: z
      .object({
        hipDegrees: z
          .number()
          .min(0)
          .max(20)
          .describe('Hip extension of the straight leg at the top (10–20°).'),
        kneeDegrees: z
          .number()
          .min(0)
          .max(30)
          .optional()
          .describe(
            'How far the knee straightens as the leg rises (the bend the ankle bolster gives, taken out: the seed lifts the "elongated" leg).',
          ),
        during: PoseWindow.optional(),
      })
      .strict()
      .optional()
      .describe('The worked leg rises straight from the hip; the other stays down.'),
    kneeBend: z
      .object({
        degrees: z.number().min(0).max(120).describe('How far the knee bends (90: the shank upright).'),
      })
      .strict()
      .optional()
      .describe('The worked knee bent for the whole step, so the sole faces up for foot work.'),
    ankle: z
      .object({
        degrees: z
          .array(z.number().min(-45).max(20))
          .min(1)
          .max(4)
          .describe(
            'Ankle turns, one per equal slice of the window: positive toward the shin (dorsiflexion, at most 20°), negative away (plantar flexion, at most 45°).',
          ),
        during: PoseWindow.optional(),
      })
      .strict()
      .optional()
      .describe(
        'The worked foot bent at the ankle, in order (Figure 115 toward the shin, 116 the other way).',
      ),
    ankleCircle: z
      .object({
        degrees: z.number().min(0).max(25).describe('The circle the big toe draws, in degrees (about 20).'),
      })
      .strict()
      .optional()
      .describe(
        'The worked foot turned in circles at the ankle, one way on odd repetitions, the other on even.',
      ),
    headLift: z
      .object({
        lift: z.number().min(0).max(0.02).describe('How far the head rises, in body heights (0.01–0.02).'),
        pull: z
          .number()
          .min(0)
          .max(0.01)
          .describe('How far the head is drawn toward the practitioner, in body heights (0.005–0.01).'),
        during: PoseWindow.optional(),
      })
      .strict()
      .optional()
      .describe('The head lifted and drawn toward the practitioner (neck traction).'),
    backArch: z
      .object({
        rise: z.number().min(0).max(0.05).describe('How far the mid-back rises off the table (0.02–0.05).'),
        during: PoseWindow.optional(),
        ease: z
          .enum(['in-out', 'in', 'out'])
          .optional()
          .describe(
            'in-out (default): rises and settles inside the window; in: rises over the window and stays up to the end of the repetition; out: up from the start, settles over the window.',
          ),
      })
      .strict()
      .optional()
      .describe('The client arches the back (spine extension); the shoulders and the pelvis stay down.'),
  })
  .strict();
export type PoseSpec = z.infer<typeof PoseSpec>;

/**
 * Each technique kind's default effect on the body. A step's `pose` in the routine replaces it (the spine
 * extension is a stretch of the back, not of the ankle; `pose: {}` says the body stays at rest).
 */
export const TECHNIQUE_POSES: Readonly<Record<TechniqueKind, PoseSpec>> = {
  glide: {},
  press: {},
  knead: {},
  friction: {},
  drain: {},
  squeeze: {},
  // BODY-PROPORTIONS "In depth": head lifted 0.01–0.02 H, drawn 0.005–0.01 H toward the practitioner.
  traction: { headLift: { lift: 0.015, pull: 0.008 } },
  // Toward the shin to resistance (dorsiflexion 0–20°), then the other way (plantar flexion 0–45°).
  stretch: { ankle: { degrees: [18, -35] } },
  // The knee bent 90° so the sole faces the ceiling; the big toe draws circles of about 20°.
  rotate: { kneeBend: { degrees: 90 }, ankleCircle: { degrees: 20 } },
  // Prone straight-leg lift: hip extension 10–20°, the heel rises about 0.08–0.15 H; the knee straightens off the
  // ankle bolster, so the leg rises straight ("the elongated leg").
  lift: { legLift: { hipDegrees: 20, kneeDegrees: 20 } },
  rub: {},
  tug: {},
  rest: {},
};
