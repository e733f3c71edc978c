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
import { EMPTY_CONDITION, fieldIdForIssue, intakeFormInitial, intakeInputFromForm } from './intake-values.js';

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
