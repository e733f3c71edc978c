import { z } from 'zod';
import { Language, Pressure, RegionId, Side } from './ids.js';
import { issueMessage, issuesFlattened, nearestName, schemaKeysAt } from './zod-messages.js';

/** Condition ids of CATALOGUE.md "Conditions (intake)". */
export const CONDITION_IDS = [
  'varicose-veins',
  'cannot-arch-back',
  'fever',
  'contagious-illness',
  'suspected-dvt',
  'acute-inflammation-flare',
  'unexplained-pain',
  'dvt-history',
  'anticoagulants',
  'osteoporosis',
  'neck-injury',
  'pregnancy',
  'oil-allergy',
  'local-lesion',
  'cannot-lie-prone',
] as const;
/** A condition id a client can report at intake. */
export const ConditionId = z.enum(CONDITION_IDS);
export type ConditionId = z.infer<typeof ConditionId>;

/** Which side(s) a condition affects. */
export const ConditionSide = z.enum(['left', 'right', 'both']);
export type ConditionSide = z.infer<typeof ConditionSide>;

const Body = z
  .object({
    heightCm: z
      .number()
      .min(50, 'a height under 50 cm is not an adult’s')
      .max(250, 'a height over 250 cm is unlikely'),
    weightKg: z
      .number()
      .min(20, 'a weight under 20 kg is not an adult’s')
      .max(350, 'a weight over 350 kg is unlikely'),
  })
  .partial()
  .strict();

/** A condition reported at intake; which fields apply depends on the condition. */
export const IntakeCondition = z
  .object({
    id: ConditionId,
    side: ConditionSide.optional().describe('For leg conditions and lesions: left, right or both.'),
    severity: z.enum(['mild', 'severe']).optional(),
    weeks: z.number().int().min(0).max(45).optional().describe('For pregnancy: weeks pregnant.'),
    region: RegionId.optional().describe('For a local lesion: where it is.'),
    kind: z.enum(['wound', 'bruise', 'fracture', 'recent-surgery', 'skin-infection']).optional(),
    isCleared: z.boolean().optional().describe('For a DVT history: cleared by a doctor.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.id === 'local-lesion' && !c.region) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'a local lesion needs the region it is on' });
    }
    if (c.id === 'pregnancy' && c.weeks === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'pregnancy needs the number of weeks' });
    }
  });
export type IntakeCondition = z.infer<typeof IntakeCondition>;

/** A client's intake (DESIGN.md "Contracts": everything but `minutes` may be left out). */
export const Intake = z
  .object({
    client: Body.optional(),
    practitioner: Body.optional(),
    conditions: z.array(IntakeCondition).default([]),
    avoidRegions: z
      .array(z.object({ region: RegionId, side: Side.optional() }).strict())
      .default([])
      .describe('Regions the client asks not to be touched.'),
    pressurePreference: Pressure.default(3).describe('The client’s “no more than”: caps every step.'),
    minutes: z.number().min(10, 'sessions run 10 to 120 minutes').max(120, 'sessions run 10 to 120 minutes'),
    language: Language.default('en'),
  })
  .strict();
/** A parsed intake with defaults filled in. */
export type Intake = z.infer<typeof Intake>;
/** An intake as written (defaults may be missing). */
export type IntakeInput = z.input<typeof Intake>;

/** One problem with an intake: the field's path and why. */
export interface IntakeIssue {
  readonly field: string;
  readonly message: string;
}

/** Parses an intake; returns the value or every issue with the field path and a readable reason. */
export function intakeParsed(
  input: unknown,
): { ok: true; intake: Intake } | { ok: false; issues: IntakeIssue[] } {
  const r = Intake.safeParse(input);
  if (r.success) return { ok: true, intake: r.data };
  const issues: IntakeIssue[] = [];
  for (const flat of issuesFlattened(r.error.issues, [], input)) {
    const field = fieldPathText(flat.path);
    if (flat.issue.code === 'unrecognized_keys') {
      const allowed = schemaKeysAt(Intake, flat.path);
      for (const key of flat.issue.keys) {
        const near = nearestName(key, allowed);
        issues.push({
          field: fieldPathText([...flat.path, key]),
          message: `unknown field${near ? ` (did you mean "${near}"?)` : allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ''}`,
        });
      }
      continue;
    }
    // The message names the field itself; the issue carries it separately.
    const message = issueMessage(flat, input).replace(
      /^[^:]*: (?=expected|must|invalid|a |pregnancy|sessions)/,
      '',
    );
    const own = flat.issue.message;
    const isOwn =
      (flat.issue.code === 'too_small' || flat.issue.code === 'too_big') &&
      !/^(too|invalid|expected)/i.test(own);
    issues.push({ field, message: isOwn ? `${message} (${own})` : message });
  }
  return { ok: false, issues };
}

function fieldPathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}
