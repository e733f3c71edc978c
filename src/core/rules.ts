import { z } from 'zod';
import { ClientPosition, Pressure, TechniqueKind } from './ids.js';
import { ConditionId } from './intake.js';
import { LocalizedText } from './routine.js';

const RuleId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is lower-case words joined by hyphens');

/** Derived conditions the planner computes from the intake rather than reads from it. */
export const DerivedCondition = z.enum(['heavy-or-tall-client']);
export type DerivedCondition = z.infer<typeof DerivedCondition>;

/** When a rule fires: always, on an intake condition (optionally narrowed), or on a derived condition. */
export const RuleWhen = z.union([
  z.object({ always: z.literal(true) }).strict(),
  z
    .object({
      condition: ConditionId,
      severity: z.enum(['mild', 'severe']).optional(),
      weeksOver: z.number().int().min(0).optional().describe('Pregnancy: fires only after this many weeks.'),
      isCleared: z
        .boolean()
        .optional()
        .describe('DVT history: fires only when cleared (true) or not (false).'),
    })
    .strict(),
  z.object({ derived: DerivedCondition }).strict(),
]);
export type RuleWhen = z.infer<typeof RuleWhen>;

/**
 * Which planned steps an effect applies to. Every given criterion must hold; an empty match is every step.
 * `side: condition` narrows per-side steps to the side(s) the condition names.
 */
export const StepMatch = z
  .object({
    ids: z.array(z.string().min(1)).optional(),
    techniques: z.array(TechniqueKind).optional(),
    tags: z.array(z.string().min(1)).optional(),
    regions: z
      .array(z.string().min(1))
      .optional()
      .describe('Region ids or prefixes the step touches (leg, leg.knee).'),
    positions: z.array(ClientPosition).optional(),
    side: z.literal('condition').optional(),
  })
  .strict();
export type StepMatch = z.infer<typeof StepMatch>;

const EffectBase = {
  reason: LocalizedText.describe('Shown to the user: why.'),
  match: StepMatch.optional(),
};

/** What a rule does, in order of precedence: refuse > skip > exclude-region > replace > soften > warn. */
export const RuleEffect = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refuse'), reason: LocalizedText }).strict(),
  z.object({ kind: z.literal('skip'), ...EffectBase }).strict(),
  z
    .object({
      kind: z.literal('exclude-region'),
      region: z
        .string()
        .min(1)
        .describe('A region id or prefix (leg.lower) or "condition" for the lesion’s own.'),
      side: z.enum(['condition', 'left', 'right']).optional(),
      reason: LocalizedText,
    })
    .strict(),
  z
    .object({
      kind: z.literal('replace'),
      ...EffectBase,
      cue: z
        .object({ en: z.string().min(1), ru: z.string().min(1).optional() })
        .strict()
        .describe('The safety cue that replaces the step’s own.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('soften'),
      ...EffectBase,
      maxPressure: Pressure,
      region: z
        .string()
        .min(1)
        .optional()
        .describe('Cap only where the step touches this region (or prefix).'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('limit-reps'),
      ...EffectBase,
      maxReps: z.number().int().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('limit-position'),
      position: ClientPosition.describe('The position the limit is for (prone: face down).'),
      maxMinutes: z.number().min(1).max(240).describe('The most minutes in that position in one session.'),
      reason: LocalizedText,
    })
    .strict(),
  z
    .object({
      kind: z.literal('warn'),
      reason: LocalizedText,
      mustAcknowledge: z.boolean().optional(),
    })
    .strict(),
]);
export type RuleEffect = z.infer<typeof RuleEffect>;

/** A safety rule: when it fires, what it does, and why (CATALOGUE.md). */
export const Rule = z
  .object({
    id: RuleId,
    title: LocalizedText,
    when: RuleWhen,
    /** `session` rules act while the session runs (pain, relaxation): the planner only cites them. */
    appliesAt: z.enum(['plan', 'session']).default('plan'),
    source: z.string().optional().describe('Where the rule comes from: the seed passage or a reference.'),
    params: z
      .record(z.string(), z.number())
      .optional()
      .describe('Numbers a session rule uses (e.g. the pain level that ends the session).'),
    effects: z.array(RuleEffect),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

/** A rules file: a list of rules. */
export const RuleFile = z
  .object({
    $schema: z.string().optional(),
    rules: z.array(Rule).min(1),
  })
  .strict();
export type RuleFile = z.infer<typeof RuleFile>;

/** Options that tune derived conditions (CATALOGUE.md: both configurable). */
export interface RuleOptions {
  /** The client is "heavy" above this multiple of the practitioner's weight. */
  readonly heavyRatio: number;
  /** The client is "tall" above this multiple of the practitioner's height. */
  readonly tallRatio: number;
}

/** The default ratios of CATALOGUE.md. */
export const DEFAULT_RULE_OPTIONS: RuleOptions = { heavyRatio: 1.3, tallRatio: 1.1 };
