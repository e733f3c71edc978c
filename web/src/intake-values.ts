import type { Side } from '../../src/core/ids.js';
import type { ConditionId, IntakeInput } from '../../src/core/intake.js';
import { CONDITION_FIELDS, CONDITION_ORDER, type ConditionField } from './condition-text.js';
import type { UiLanguage } from './i18n.js';

/** A yes/no question left unanswered (''): the plan takes the cautious reading. */
export type YesNo = '' | 'yes' | 'no';

/**
 * What the form holds for one condition; text fields stay strings until the intake is built. Nothing is
 * pre-filled toward less caution: clearance unticked, severity, side, level and yes/no questions unanswered.
 */
export interface ConditionValues {
  readonly isChecked: boolean;
  readonly side: '' | 'left' | 'right' | 'both';
  readonly severity: '' | 'mild' | 'severe' | 'controlled' | 'uncontrolled';
  readonly weeks: string;
  readonly region: string;
  readonly kind: string;
  readonly isCleared: boolean;
  readonly level: '' | 'lumbar' | 'cervical';
  readonly hasRedFlags: YesNo;
  readonly hasNeuropathy: YesNo;
  readonly isHighRisk: YesNo;
  readonly lymphNodesRemovedSide: '' | 'left' | 'right' | 'both';
}

/** One "do not touch" row of the form. */
export interface AvoidValues {
  readonly region: string;
  readonly side: '' | Side;
}

/** Everything the intake form holds. */
export interface IntakeFormValues {
  readonly clientHeight: string;
  readonly clientWeight: string;
  readonly clientAge: string;
  readonly practitionerHeight: string;
  readonly practitionerWeight: string;
  readonly conditions: Readonly<Record<ConditionId, ConditionValues>>;
  readonly avoid: readonly AvoidValues[];
  readonly pressure: number;
  readonly minutes: string;
  readonly language: UiLanguage;
}

/** An unticked condition with every detail unanswered (never a less cautious answer). */
export const EMPTY_CONDITION: ConditionValues = {
  isChecked: false,
  side: '',
  severity: '',
  weeks: '',
  region: '',
  kind: '',
  isCleared: false,
  level: '',
  hasRedFlags: '',
  hasNeuropathy: '',
  isHighRisk: '',
  lymphNodesRemovedSide: '',
};

/** A fresh form: no conditions, pressure 3, 45 minutes. */
export function intakeFormInitial(language: UiLanguage): IntakeFormValues {
  const conditions = {} as Record<ConditionId, ConditionValues>;
  for (const id of CONDITION_ORDER) conditions[id] = EMPTY_CONDITION;
  return {
    clientHeight: '',
    clientWeight: '',
    clientAge: '',
    practitionerHeight: '',
    practitionerWeight: '',
    conditions,
    avoid: [],
    pressure: 3,
    minutes: '45',
    language,
  };
}

/**
 * A saved form brought up to today's shape: new conditions and details added unanswered, and every unticked
 * condition reset, so an older save can never carry a pre-filled answer (such as a ticked clearance) forward.
 */
export function intakeFormNormalized(
  saved: Partial<IntakeFormValues> & { language: UiLanguage },
): IntakeFormValues {
  const fresh = intakeFormInitial(saved.language);
  const conditions = {} as Record<ConditionId, ConditionValues>;
  for (const id of CONDITION_ORDER) {
    const c = saved.conditions?.[id];
    conditions[id] = c?.isChecked ? { ...EMPTY_CONDITION, ...c } : EMPTY_CONDITION;
  }
  return { ...fresh, ...saved, conditions };
}

/** True when nothing has been answered yet (a new session's form). */
export function isIntakeFormEmpty(values: IntakeFormValues): boolean {
  const fresh = intakeFormInitial(values.language);
  return (
    CONDITION_ORDER.every((id) => !values.conditions[id].isChecked) &&
    values.avoid.length === 0 &&
    values.clientHeight === fresh.clientHeight &&
    values.clientWeight === fresh.clientWeight &&
    values.clientAge === fresh.clientAge &&
    values.pressure === fresh.pressure &&
    values.minutes === fresh.minutes
  );
}

function yesNo(value: YesNo): boolean | undefined {
  return value === '' ? undefined : value === 'yes';
}

/** The condition object the form's answers for one condition describe (unanswered details left out). */
export function conditionFromForm(id: ConditionId, c: ConditionValues): Record<string, unknown> {
  const fields = CONDITION_FIELDS[id];
  const entry: Record<string, unknown> = { id };
  const has = (f: ConditionField) => fields.includes(f);
  if (has('side') && c.side !== '') entry.side = c.side;
  if (has('severity') && c.severity !== '') entry.severity = c.severity;
  if (has('weeks')) {
    const weeks = numberFrom(c.weeks);
    if (weeks !== undefined) entry.weeks = weeks;
  }
  if (has('region') && c.region !== '') entry.region = c.region;
  if (has('kind') && c.kind !== '') entry.kind = c.kind;
  // Only a ticked box says "cleared": unticked is the cautious reading, the same as not said.
  if (has('isCleared') && c.isCleared) entry.isCleared = true;
  if (has('level') && c.level !== '') entry.level = c.level;
  for (const f of ['hasRedFlags', 'hasNeuropathy', 'isHighRisk'] as const) {
    const value = yesNo(c[f]);
    if (has(f) && value !== undefined) entry[f] = value;
  }
  if (has('lymphNodesRemovedSide') && c.lymphNodesRemovedSide !== '')
    entry.lymphNodesRemovedSide = c.lymphNodesRemovedSide;
  return entry;
}

/** A number from a text field: undefined when empty, NaN (which the schema rejects) when not a number. */
function numberFrom(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? undefined : Number(trimmed);
}

function bodyFrom(height: string, weight: string): { heightCm?: number; weightKg?: number } | undefined {
  const heightCm = numberFrom(height);
  const weightKg = numberFrom(weight);
  if (heightCm === undefined && weightKg === undefined) return undefined;
  return { ...(heightCm === undefined ? {} : { heightCm }), ...(weightKg === undefined ? {} : { weightKg }) };
}

/** The intake the form describes, plus which condition each entry of `conditions` came from. */
export function intakeInputFromForm(values: IntakeFormValues): {
  input: IntakeInput;
  conditionOrder: ConditionId[];
} {
  const conditions: NonNullable<IntakeInput['conditions']>[number][] = [];
  const conditionOrder: ConditionId[] = [];
  for (const id of CONDITION_ORDER) {
    const c = values.conditions[id];
    if (!c.isChecked) continue;
    conditions.push(conditionFromForm(id, c) as NonNullable<IntakeInput['conditions']>[number]);
    conditionOrder.push(id);
  }
  const clientBody = bodyFrom(values.clientHeight, values.clientWeight);
  const ageYears = numberFrom(values.clientAge);
  const client =
    clientBody || ageYears !== undefined
      ? { ...(clientBody ?? {}), ...(ageYears === undefined ? {} : { ageYears }) }
      : undefined;
  const practitioner = bodyFrom(values.practitionerHeight, values.practitionerWeight);
  const avoidRegions = values.avoid
    .filter((a) => a.region !== '')
    .map((a) => ({ region: a.region, ...(a.side === '' ? {} : { side: a.side }) }));
  const input = {
    ...(client ? { client } : {}),
    ...(practitioner ? { practitioner } : {}),
    conditions,
    avoidRegions,
    pressurePreference: values.pressure,
    minutes: numberFrom(values.minutes) ?? Number.NaN,
    language: values.language,
  } as IntakeInput;
  return { input, conditionOrder };
}

/** The id of the form control an intake issue's field path points at. */
export function fieldIdForIssue(
  field: string,
  conditionOrder: readonly ConditionId[],
  avoidRows: readonly AvoidValues[],
): string {
  const parts: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    parts.push(m[2] === undefined ? m[1]! : Number(m[2]));
  const [head, second, third] = parts;
  const bodyField = (who: string) =>
    second === 'weightKg' ? `${who}-weight` : second === 'ageYears' ? `${who}-age` : `${who}-height`;
  switch (head) {
    case 'client':
      return bodyField('client');
    case 'practitioner':
      return bodyField('practitioner');
    case 'conditions': {
      const id = typeof second === 'number' ? conditionOrder[second] : undefined;
      if (!id) return 'conditions';
      return typeof third === 'string' ? `cond-${id}-${third}` : `cond-${id}`;
    }
    case 'avoidRegions': {
      // Empty rows are dropped before validation: map the index back to the row it came from.
      const kept = avoidRows.map((row, i) => (row.region === '' ? -1 : i)).filter((i) => i >= 0);
      const row = typeof second === 'number' ? kept[second] : undefined;
      return row === undefined ? 'avoid' : `avoid-${row}-${third === 'side' ? 'side' : 'region'}`;
    }
    case 'pressurePreference':
      return 'pressure';
    case 'minutes':
      return 'minutes';
    case 'language':
      return 'language';
    default:
      return 'intake';
  }
}
