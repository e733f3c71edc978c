import { z } from 'zod';
import { Language, Pressure, REGION_IDS, RegionId, Side } from './ids.js';
import { issueMessage, issuesFlattened, nearestName, schemaKeysAt } from './zod-messages.js';

/** Condition ids of CATALOGUE.md: the first catalogue, then those added after the reviews. */
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
  'high-blood-pressure',
  'cancer-treatment',
  'diabetes',
  'recent-surgery',
  'herniated-disc',
  'low-blood-pressure',
  'heart-or-kidney-failure',
  'recent-heart-attack-or-stroke',
  'inflammatory-arthritis',
  'hypermobility',
  'dizziness-with-neck-movement',
  'postpartum',
  'implanted-device',
  'joint-replacement',
  'sedated-or-intoxicated',
] as const;
/** A condition id a client can report at intake. */
export const ConditionId = z.enum(CONDITION_IDS);
export type ConditionId = z.infer<typeof ConditionId>;

/** The groups an intake form and the conditions document list the conditions in (CATALOGUE order within each). */
export const CONDITION_GROUPS = [
  {
    id: 'circulation',
    title: { en: 'Circulation', ru: 'Кровообращение' },
    conditions: [
      'varicose-veins',
      'dvt-history',
      'suspected-dvt',
      'high-blood-pressure',
      'low-blood-pressure',
    ],
  },
  {
    id: 'heart',
    title: { en: 'Heart', ru: 'Сердце' },
    conditions: ['heart-or-kidney-failure', 'recent-heart-attack-or-stroke', 'implanted-device'],
  },
  {
    id: 'bones-and-joints',
    title: { en: 'Bones and joints', ru: 'Кости и суставы' },
    conditions: [
      'osteoporosis',
      'inflammatory-arthritis',
      'acute-inflammation-flare',
      'hypermobility',
      'joint-replacement',
    ],
  },
  {
    id: 'neck-and-back',
    title: { en: 'Neck and back', ru: 'Шея и спина' },
    conditions: [
      'neck-injury',
      'herniated-disc',
      'dizziness-with-neck-movement',
      'cannot-arch-back',
      'cannot-lie-prone',
    ],
  },
  {
    id: 'pregnancy',
    title: { en: 'Pregnancy', ru: 'Беременность' },
    conditions: ['pregnancy', 'postpartum'],
  },
  {
    id: 'skin-and-wounds',
    title: { en: 'Skin and wounds', ru: 'Кожа и раны' },
    conditions: ['local-lesion', 'recent-surgery', 'oil-allergy'],
  },
  {
    id: 'medicines',
    title: { en: 'Medicines and treatment', ru: 'Лекарства и лечение' },
    conditions: ['anticoagulants', 'cancer-treatment', 'sedated-or-intoxicated'],
  },
  {
    id: 'other',
    title: { en: 'Other', ru: 'Другое' },
    conditions: ['fever', 'contagious-illness', 'diabetes', 'unexplained-pain'],
  },
] as const satisfies readonly {
  id: string;
  title: { en: string; ru: string };
  conditions: readonly ConditionId[];
}[];

/** Which side(s) a condition affects. */
export const ConditionSide = z.enum(['left', 'right', 'both']);
export type ConditionSide = z.infer<typeof ConditionSide>;

/** Every severity word a condition may take; which ones a condition accepts is in CONDITION_VALUES. */
export const SEVERITIES = ['mild', 'severe', 'controlled', 'uncontrolled'] as const;
/** Every kind a condition may take (a lesion's or a device's). */
export const CONDITION_KINDS = [
  'wound',
  'bruise',
  'fracture',
  'recent-surgery',
  'skin-infection',
  'pacemaker',
  'port',
  'other',
] as const;
/** The joints a joint replacement names in its `region`. */
export const REPLACED_JOINTS = ['hip', 'knee'] as const;

/** The detail fields a condition object may carry besides its id. */
export type ConditionField =
  | 'side'
  | 'severity'
  | 'weeks'
  | 'region'
  | 'kind'
  | 'isCleared'
  | 'level'
  | 'hasRedFlags'
  | 'hasNeuropathy'
  | 'isHighRisk'
  | 'lymphNodesRemovedSide';

/**
 * Which details each condition takes (CATALOGUE.md); any other detail is an error, so a typo or a detail
 * meant for another condition is never silently ignored. A detail left out takes the cautious reading.
 */
export const CONDITION_FIELDS: Readonly<Record<ConditionId, readonly ConditionField[]>> = {
  'varicose-veins': ['side', 'severity', 'isCleared'],
  'dvt-history': ['side', 'isCleared'],
  'local-lesion': ['region', 'side', 'kind'],
  pregnancy: ['weeks', 'isHighRisk', 'isCleared'],
  'neck-injury': ['weeks', 'isCleared'],
  'high-blood-pressure': ['severity'],
  'cancer-treatment': ['isCleared', 'lymphNodesRemovedSide'],
  diabetes: ['hasNeuropathy'],
  'recent-surgery': ['region', 'side', 'weeks'],
  'herniated-disc': ['level', 'hasRedFlags'],
  'heart-or-kidney-failure': ['isCleared'],
  postpartum: ['weeks'],
  'implanted-device': ['kind', 'side'],
  'joint-replacement': ['region', 'side', 'weeks'],
  anticoagulants: [],
  osteoporosis: [],
  'cannot-arch-back': [],
  'cannot-lie-prone': [],
  'oil-allergy': [],
  fever: [],
  'contagious-illness': [],
  'suspected-dvt': [],
  'acute-inflammation-flare': [],
  'unexplained-pain': [],
  'low-blood-pressure': [],
  'recent-heart-attack-or-stroke': [],
  'inflammatory-arthritis': [],
  hypermobility: [],
  'dizziness-with-neck-movement': [],
  'sedated-or-intoxicated': [],
};

/** The values a condition accepts for `severity`, `kind` and `region` where it narrows the shared lists. */
export const CONDITION_VALUES: Readonly<
  Partial<Record<ConditionId, Partial<Record<'severity' | 'kind' | 'region', readonly string[]>>>>
> = {
  'varicose-veins': { severity: ['mild', 'severe'] },
  'high-blood-pressure': { severity: ['controlled', 'uncontrolled'] },
  'local-lesion': {
    kind: ['wound', 'bruise', 'fracture', 'recent-surgery', 'skin-infection'],
    region: REGION_IDS,
  },
  'recent-surgery': { region: REGION_IDS },
  'implanted-device': { kind: ['pacemaker', 'port', 'other'] },
  'joint-replacement': { region: REPLACED_JOINTS },
};

/** The conditions whose `weeks` is required (asked, never guessed): pregnancy. */
const WEEKS_LIMIT: Partial<Record<ConditionId, number>> = { pregnancy: 45 };

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

const ClientBody = z
  .object({
    ...Body.shape,
    ageYears: z
      .number()
      .int()
      .min(0)
      .max(120, 'an age over 120 years is unlikely')
      .describe(
        'The client’s age in whole years (older-client at 70 or over, a guardian’s consent under 18).',
      ),
  })
  .partial()
  .strict();

/** A condition reported at intake; which fields apply depends on the condition (CONDITION_FIELDS). */
export const IntakeCondition = z
  .object({
    id: ConditionId,
    side: ConditionSide.optional().describe(
      'For leg conditions, lesions, surgery, devices: left, right or both.',
    ),
    severity: z
      .enum(SEVERITIES)
      .optional()
      .describe('Varicose veins: mild or severe; high blood pressure: controlled or uncontrolled.'),
    weeks: z
      .number()
      .int()
      .min(0)
      .max(5200)
      .optional()
      .describe('Weeks pregnant, or weeks since the birth, the injury or the operation.'),
    region: z
      .enum([...REGION_IDS, ...REPLACED_JOINTS])
      .optional()
      .describe('A lesion’s or an operation’s region; a joint replacement’s joint (hip or knee).'),
    kind: z.enum(CONDITION_KINDS).optional().describe('A lesion’s kind, or an implanted device’s.'),
    isCleared: z.boolean().optional().describe('A doctor (or the treating team) has cleared massage.'),
    level: z.enum(['lumbar', 'cervical']).optional().describe('A herniated disc: low back or neck.'),
    hasRedFlags: z
      .boolean()
      .optional()
      .describe('A herniated disc with saddle numbness, bladder or bowel changes, or leg weakness.'),
    hasNeuropathy: z.boolean().optional().describe('Diabetes with numb feet.'),
    isHighRisk: z
      .boolean()
      .optional()
      .describe('A pregnancy with pre-eclampsia, bleeding, placenta problems or early labour.'),
    lymphNodesRemovedSide: ConditionSide.optional().describe(
      'Cancer treatment: the side lymph nodes were removed.',
    ),
  })
  .strict()
  .superRefine((c, ctx) => {
    const fields = CONDITION_FIELDS[c.id];
    for (const key of Object.keys(c) as (keyof typeof c)[]) {
      if (key === 'id' || c[key] === undefined || (fields as readonly string[]).includes(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `does not apply to ${c.id}, which takes ${fields.length === 0 ? 'no details' : fields.join(', ')}`,
      });
    }
    const values = CONDITION_VALUES[c.id] ?? {};
    for (const key of ['severity', 'kind', 'region'] as const) {
      const allowed = values[key];
      const value = c[key];
      if (value === undefined || !allowed || allowed.includes(value)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `expected one of ${allowed.join(', ')} for ${c.id}; got "${value}"`,
      });
    }
    if ((c.id === 'local-lesion' || c.id === 'recent-surgery') && !c.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `a ${c.id === 'local-lesion' ? 'local lesion' : 'recent surgery'} needs the region it is on`,
      });
    }
    if (c.id === 'pregnancy' && c.weeks === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'pregnancy needs the number of weeks' });
    }
    const limit = WEEKS_LIMIT[c.id];
    if (limit !== undefined && c.weeks !== undefined && c.weeks > limit) {
      ctx.addIssue({
        code: 'custom',
        path: ['weeks'],
        message: `expected at most ${limit} weeks for ${c.id}; got ${c.weeks}`,
      });
    }
  });
export type IntakeCondition = z.infer<typeof IntakeCondition>;

/** A client's intake (DESIGN.md "Contracts": everything but `minutes` may be left out). */
export const Intake = z
  .object({
    client: ClientBody.optional(),
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
      /^[^:]*: (?=expected|must|invalid|a |pregnancy|sessions|does not)/,
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
