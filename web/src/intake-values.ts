import type { Side } from '../../src/core/ids.js';
import type { ConditionId, IntakeInput } from '../../src/core/intake.js';
import { CONDITION_FIELDS, CONDITION_ORDER } from './condition-text.js';
import type { UiLanguage } from './i18n.js';

/** What the form holds for one condition; text fields stay strings until the intake is built. */
export interface ConditionValues {
  readonly isChecked: boolean;
  readonly side: '' | 'left' | 'right' | 'both';
  readonly severity: 'mild' | 'severe';
  readonly weeks: string;
  readonly region: string;
  readonly kind: '' | 'wound' | 'bruise' | 'fracture' | 'recent-surgery' | 'skin-infection';
  readonly isCleared: boolean;
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
  readonly practitionerHeight: string;
  readonly practitionerWeight: string;
  readonly conditions: Readonly<Record<ConditionId, ConditionValues>>;
  readonly avoid: readonly AvoidValues[];
  readonly pressure: number;
  readonly minutes: string;
  readonly language: UiLanguage;
}

/** An unticked condition with its fields at their defaults. */
export const EMPTY_CONDITION: ConditionValues = {
  isChecked: false,
  side: '',
  severity: 'mild',
  weeks: '',
  region: '',
  kind: '',
  isCleared: true,
};

/** A fresh form: no conditions, pressure 3, 45 minutes. */
export function intakeFormInitial(language: UiLanguage): IntakeFormValues {
  const conditions = {} as Record<ConditionId, ConditionValues>;
  for (const id of CONDITION_ORDER) conditions[id] = EMPTY_CONDITION;
  return {
    clientHeight: '',
    clientWeight: '',
    practitionerHeight: '',
    practitionerWeight: '',
    conditions,
    avoid: [],
    pressure: 3,
    minutes: '45',
    language,
  };
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
    const fields = CONDITION_FIELDS[id];
    const entry: Record<string, unknown> = { id };
    if (fields.includes('side') && c.side !== '') entry.side = c.side;
    if (fields.includes('severity')) entry.severity = c.severity;
    if (fields.includes('weeks')) {
      const weeks = numberFrom(c.weeks);
      if (weeks !== undefined) entry.weeks = weeks;
    }
    if (fields.includes('region') && c.region !== '') entry.region = c.region;
    if (fields.includes('kind') && c.kind !== '') entry.kind = c.kind;
    if (fields.includes('isCleared')) entry.isCleared = c.isCleared;
    conditions.push(entry as NonNullable<IntakeInput['conditions']>[number]);
    conditionOrder.push(id);
  }
  const client = bodyFrom(values.clientHeight, values.clientWeight);
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
  const bodyField = (who: string) => (second === 'weightKg' ? `${who}-weight` : `${who}-height`);
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
