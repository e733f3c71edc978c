import { z } from 'zod';

/**
 * The Plan JSON of `plan --json` as kept with a record: checked for its outline (a refusal with reasons, or steps
 * with ids and times), the rest kept as written.
 */
export const PlanSnapshot = z.union([
  z.looseObject({
    refused: z.literal(true),
    reasons: z.array(z.looseObject({ reason: z.string() })),
  }),
  z.looseObject({
    refused: z.literal(false),
    routineId: z.string(),
    steps: z.array(z.looseObject({ id: z.string(), start: z.number(), duration: z.number() })),
    totalSeconds: z.number(),
  }),
]);
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;
