import { z } from 'zod';
import { Intake } from '../intake.js';

const Name = z.string().trim().min(1, 'a name cannot be empty').max(200, 'a name has at most 200 characters');

/** What a therapist keeps about a client besides intakes and sessions. */
export const ClientInput = z
  .object({
    name: Name,
    birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
    phone: z.string().max(50).nullable().optional(),
    email: z.string().max(200).nullable().optional(),
    notes: z.string().max(5000, 'at most 5,000 characters').optional(),
  })
  .strict();
export type ClientInput = z.infer<typeof ClientInput>;

/** The body of `PATCH /api/clients/:id`: any of the client's fields. */
export const ClientPatch = ClientInput.partial().strict();
export type ClientPatch = z.infer<typeof ClientPatch>;

/** The client's informed consent, as massage intake forms record it: agreed, when, and who took it. */
export const Consent = z
  .object({
    agreed: z.boolean(),
    at: z.iso.datetime({ offset: true, error: 'an ISO date and time, such as 2026-12-02T16:30:00Z' }),
    takenBy: z.string().trim().min(1, 'who took the consent').max(200),
  })
  .strict();
export type Consent = z.infer<typeof Consent>;

/** The body of `POST /api/clients/:id/intakes`: the intake and the consent given with it. */
export const IntakeRecordInput = z.object({ intake: Intake, consent: Consent }).strict();
export type IntakeRecordInput = z.infer<typeof IntakeRecordInput>;

/** The body of `POST /api/plans`: an intake to plan, for a client (and from one of their intakes) or none. */
export const PlanRequest = z
  .object({
    intake: Intake,
    clientId: z.string().min(1).max(100).optional(),
    intakeId: z.string().min(1).max(100).optional(),
    routineId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type PlanRequest = z.infer<typeof PlanRequest>;

/** The body of `POST /api/sessions`. */
export const SessionStart = z.object({ planId: z.string().min(1).max(100) }).strict();
export type SessionStart = z.infer<typeof SessionStart>;
