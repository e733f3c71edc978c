import { describe, expect, it } from 'vitest';
import { CONDITION_GROUPS, CONDITION_IDS, intakeParsed } from './intake.js';

describe('intakeParsed', () => {
  it('fills the defaults of DESIGN.md: no conditions, pressure 3, language en', () => {
    const r = intakeParsed({ minutes: 45 });
    expect(r).toEqual({
      ok: true,
      intake: { minutes: 45, conditions: [], avoidRegions: [], pressurePreference: 3, language: 'en' },
    });
  });

  it('names every bad field and why, with suggestions for typos', () => {
    const r = intakeParsed({
      minutes: 5,
      conditions: [{ id: 'varicose-vein', side: 'up' }, { id: 'local-lesion' }, { id: 'pregnancy' }],
      pressurePreference: 7,
      colour: 1,
      client: { heightCm: 'tall' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.issues.map((i) => [i.field, i.message]));
    expect(byField['conditions[0].id']).toMatch(/did you mean "varicose-veins"/);
    expect(byField['conditions[0].side']).toBe('expected one of left, right, both; got "up"');
    expect(byField['conditions[1].region']).toBe('a local lesion needs the region it is on');
    expect(byField['conditions[2].weeks']).toBe('pregnancy needs the number of weeks');
    expect(byField.pressurePreference).toBe('expected at most 5; got 7');
    expect(byField.minutes).toBe('expected at least 10; got 5 (sessions run 10 to 120 minutes)');
    expect(byField['client.heightCm']).toBe('expected a number; got "tall"');
    expect(byField.colour).toMatch(/^unknown field/);
  });

  it('an unknown condition id never silently drops the condition', () => {
    const r = intakeParsed({ minutes: 30, conditions: [{ id: 'bad-back' }] });
    expect(r.ok).toBe(false);
  });

  it('minutes is the one required field', () => {
    const r = intakeParsed({});
    expect(r).toEqual({
      ok: false,
      issues: [{ field: 'minutes', message: 'missing required key "minutes" (a number)' }],
    });
  });
});

describe('intakeParsed: the conditions added after the reviews', () => {
  const issuesOf = (input: unknown) => {
    const r = intakeParsed(input);
    return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.field, i.message]));
  };

  it('accepts every new condition with its details, and the client’s age', () => {
    const r = intakeParsed({
      minutes: 45,
      client: { ageYears: 72 },
      conditions: [
        { id: 'high-blood-pressure', severity: 'controlled' },
        { id: 'cancer-treatment', isCleared: true, lymphNodesRemovedSide: 'left' },
        { id: 'diabetes', hasNeuropathy: false },
        { id: 'recent-surgery', region: 'abdomen', weeks: 8 },
        { id: 'herniated-disc', level: 'lumbar', hasRedFlags: false },
        { id: 'implanted-device', kind: 'pacemaker', side: 'left' },
        { id: 'joint-replacement', region: 'knee', side: 'right', weeks: 30 },
        { id: 'pregnancy', weeks: 24, isHighRisk: false },
        { id: 'neck-injury', weeks: 3, isCleared: true },
        { id: 'postpartum', weeks: 6 },
        { id: 'local-lesion', region: 'chest.sternum', kind: 'bruise' },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('a detail the condition does not take is an error naming what it takes', () => {
    const byField = issuesOf({
      minutes: 45,
      conditions: [
        { id: 'fever', side: 'left' },
        { id: 'diabetes', isCleared: true },
      ],
    });
    expect(byField['conditions[0].side']).toBe('does not apply to fever, which takes no details');
    expect(byField['conditions[1].isCleared']).toBe('does not apply to diabetes, which takes hasNeuropathy');
  });

  it('a value meant for another condition is an error', () => {
    const byField = issuesOf({
      minutes: 45,
      conditions: [
        { id: 'varicose-veins', severity: 'controlled' },
        { id: 'joint-replacement', region: 'leg.lower' },
        { id: 'implanted-device', kind: 'fracture' },
        { id: 'local-lesion', region: 'hip' },
        { id: 'recent-surgery' },
      ],
    });
    expect(byField['conditions[0].severity']).toBe(
      'expected one of mild, severe for varicose-veins; got "controlled"',
    );
    expect(byField['conditions[1].region']).toBe(
      'expected one of hip, knee for joint-replacement; got "leg.lower"',
    );
    expect(byField['conditions[2].kind']).toBe(
      'expected one of pacemaker, port, other for implanted-device; got "fracture"',
    );
    expect(byField['conditions[3].region']).toMatch(
      /^expected one of back.spine, .* for local-lesion; got "hip"$/,
    );
    expect(byField['conditions[4].region']).toBe('a recent surgery needs the region it is on');
  });

  it('weeks of pregnancy stay under 46; an age over 120 is unlikely', () => {
    const byField = issuesOf({
      minutes: 45,
      client: { ageYears: 130 },
      conditions: [{ id: 'pregnancy', weeks: 50 }],
    });
    expect(byField['conditions[0].weeks']).toBe('expected at most 45 weeks for pregnancy; got 50');
    expect(byField['client.ageYears']).toMatch(/an age over 120 years is unlikely/);
  });

  it('every condition is in exactly one group of the form and the document', () => {
    const grouped = CONDITION_GROUPS.flatMap((g) => [...g.conditions]);
    expect([...grouped].sort()).toEqual([...CONDITION_IDS].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });
});
