import { describe, expect, it } from 'vitest';
import { intakeParsed } from './intake.js';

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
