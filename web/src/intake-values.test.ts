import { describe, expect, it } from 'vitest';
import { REGION_IDS } from '../../src/core/ids.js';
import { CONDITION_IDS, intakeParsed } from '../../src/core/intake.js';
import {
  CONDITION_FIELDS,
  CONDITION_ORDER,
  CONDITION_TEXT,
  REGION_ORDER,
  REGION_TEXT,
} from './condition-text.js';
import {
  conditionFromForm,
  EMPTY_CONDITION,
  fieldIdForIssue,
  type IntakeFormValues,
  intakeFormInitial,
  intakeFormNormalized,
  intakeInputFromForm,
  isIntakeFormEmpty,
} from './intake-values.js';

describe('condition and region tables', () => {
  it('list every condition of the core exactly once, with text in both languages', () => {
    expect([...CONDITION_ORDER].sort()).toEqual([...CONDITION_IDS].sort());
    for (const id of CONDITION_IDS) {
      expect(CONDITION_TEXT.en[id].sentence.length).toBeGreaterThan(5);
      expect(CONDITION_TEXT.ru[id].sentence.length).toBeGreaterThan(5);
      expect(CONDITION_FIELDS[id]).toBeDefined();
    }
  });

  it('list every region of the core exactly once, named in both languages', () => {
    expect([...REGION_ORDER].sort()).toEqual([...REGION_IDS].sort());
    for (const id of REGION_IDS) {
      expect(REGION_TEXT.en[id]).toBeTruthy();
      expect(REGION_TEXT.ru[id]).toBeTruthy();
    }
  });
});

describe('intakeInputFromForm', () => {
  it('turns an empty form into a valid intake of 45 minutes', () => {
    const { input } = intakeInputFromForm(intakeFormInitial('en'));
    const parsed = intakeParsed(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.intake.minutes).toBe(45);
      expect(parsed.intake.conditions).toEqual([]);
      expect(parsed.intake.client).toBeUndefined();
    }
  });

  it('keeps only the fields a condition takes, and the order of the ticked conditions', () => {
    const base = intakeFormInitial('ru');
    const values = {
      ...base,
      clientHeight: '180',
      clientWeight: '95,5',
      conditions: {
        ...base.conditions,
        'varicose-veins': {
          ...EMPTY_CONDITION,
          isChecked: true,
          side: 'left',
          severity: 'severe',
          weeks: '12',
        },
        fever: { ...EMPTY_CONDITION, isChecked: true, side: 'right' },
      },
      avoid: [
        { region: '', side: '' },
        { region: 'head.scalp', side: '' },
      ],
    } as const;
    const { input, conditionOrder } = intakeInputFromForm(values);
    expect(conditionOrder).toEqual(['varicose-veins', 'fever']);
    expect(input.conditions).toEqual([
      { id: 'varicose-veins', side: 'left', severity: 'severe' },
      { id: 'fever' },
    ]);
    expect(input.client).toEqual({ heightCm: 180, weightKg: 95.5 });
    expect(input.avoidRegions).toEqual([{ region: 'head.scalp' }]);
    expect(input.language).toBe('ru');
    expect(intakeParsed(input).ok).toBe(true);
  });

  it('lets the schema reject what is wrong, and maps each issue to its field', () => {
    const base = intakeFormInitial('en');
    const values = {
      ...base,
      clientHeight: 'tall',
      minutes: '5',
      conditions: { ...base.conditions, pregnancy: { ...EMPTY_CONDITION, isChecked: true } },
      avoid: [
        { region: '', side: '' },
        { region: 'leg.nowhere', side: 'left' },
      ],
    } as const;
    const { input, conditionOrder } = intakeInputFromForm(values);
    const parsed = intakeParsed(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const ids = parsed.issues.map((i) => fieldIdForIssue(i.field, conditionOrder, values.avoid)).sort();
    expect(ids).toEqual(['avoid-1-region', 'client-height', 'cond-pregnancy-weeks', 'minutes']);
  });
});

describe('fieldIdForIssue', () => {
  it.each([
    ['client.weightKg', 'client-weight'],
    ['practitioner.heightCm', 'practitioner-height'],
    ['pressurePreference', 'pressure'],
    ['(root)', 'intake'],
    ['conditions[4].side', 'conditions'],
  ])('%s → %s', (field, id) => {
    expect(fieldIdForIssue(field, [], [])).toBe(id);
  });
});

describe('safe defaults (issue 7, item 3): nothing pre-filled toward less caution', () => {
  it('an empty condition has no clearance, severity, side, level or yes/no answer', () => {
    expect(EMPTY_CONDITION).toMatchObject({
      isCleared: false,
      severity: '',
      side: '',
      level: '',
      hasRedFlags: '',
      hasNeuropathy: '',
      isHighRisk: '',
      weeks: '',
    });
  });

  it.each(CONDITION_IDS)('%s ticked with nothing else answered sends no less-cautious detail', (id) => {
    const base = intakeFormInitial('en');
    const values = {
      ...base,
      conditions: { ...base.conditions, [id]: { ...EMPTY_CONDITION, isChecked: true } },
    };
    const entry = intakeInputFromForm(values).input.conditions?.[0] as Record<string, unknown>;
    expect(entry.id).toBe(id);
    for (const key of [
      'isCleared',
      'severity',
      'side',
      'level',
      'hasRedFlags',
      'hasNeuropathy',
      'isHighRisk',
    ])
      expect(entry[key]).toBeUndefined();
  });

  it('yes/no answers and a ticked clearance are sent as given', () => {
    const c = {
      ...EMPTY_CONDITION,
      isChecked: true,
      hasRedFlags: 'no',
      level: 'lumbar',
    } as const;
    expect(conditionFromForm('herniated-disc', c)).toEqual({
      id: 'herniated-disc',
      level: 'lumbar',
      hasRedFlags: false,
    });
    expect(
      conditionFromForm('dvt-history', { ...EMPTY_CONDITION, isChecked: true, isCleared: true }),
    ).toEqual({
      id: 'dvt-history',
      isCleared: true,
    });
  });

  it('an older save is brought up to date: unticked conditions reset, new conditions and details unanswered', () => {
    const old = {
      ...intakeFormInitial('en'),
      conditions: {
        'dvt-history': {
          isChecked: false,
          side: '',
          severity: 'mild',
          weeks: '',
          region: '',
          kind: '',
          isCleared: true,
        },
        'varicose-veins': {
          isChecked: true,
          side: 'left',
          severity: 'mild',
          weeks: '',
          region: '',
          kind: '',
          isCleared: true,
        },
      },
    } as unknown as IntakeFormValues;
    const form = intakeFormNormalized(old);
    expect(form.conditions['dvt-history']).toEqual(EMPTY_CONDITION);
    expect(form.conditions.diabetes).toEqual(EMPTY_CONDITION);
    expect(form.conditions['varicose-veins']).toMatchObject({
      isChecked: true,
      side: 'left',
      hasRedFlags: '',
    });
  });

  it('a new form is empty; one with a condition ticked is not', () => {
    const base = intakeFormInitial('en');
    expect(isIntakeFormEmpty(base)).toBe(true);
    expect(
      isIntakeFormEmpty({
        ...base,
        conditions: { ...base.conditions, fever: { ...EMPTY_CONDITION, isChecked: true } },
      }),
    ).toBe(false);
  });

  it('the client’s age is sent as client.ageYears, and its issue points at the age field', () => {
    const { input } = intakeInputFromForm({ ...intakeFormInitial('en'), clientAge: '130' });
    expect(input.client).toEqual({ ageYears: 130 });
    const parsed = intakeParsed(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(fieldIdForIssue(parsed.issues[0]!.field, [], [])).toBe('client-age');
  });
});
