import { describe, expect, it } from 'vitest';
import { intakeParsed } from '../../src/core/intake.js';
import { uiStrings } from './i18n.js';
import { fieldLabel, issueText } from './intake-issues.js';

const en = uiStrings('en');
const ru = uiStrings('ru');

describe('issueText', () => {
  it('turns the schema messages for a bad form into plain words', () => {
    const parsed = intakeParsed({ client: { heightCm: Number.NaN }, minutes: 5 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const texts = Object.fromEntries(parsed.issues.map((i) => [i.field, issueText(i.message, en, 'en')]));
    expect(texts).toEqual({
      'client.heightCm': 'Please enter a number, for example 175.',
      minutes: 'Sessions run 10 to 120 minutes',
    });
  });

  it('says the schema’s own reasons in Russian', () => {
    expect(issueText('expected at least 10; got 5 (sessions run 10 to 120 minutes)', ru, 'ru')).toBe(
      'Сеанс длится от 10 до 120 минут',
    );
    expect(issueText('pregnancy needs the number of weeks', ru, 'ru')).toBe(
      'Укажите срок беременности в неделях',
    );
    expect(issueText('expected a number; got NaN', ru, 'ru')).toBe(ru.enterNumber);
  });

  it('keeps a message it does not know', () => {
    expect(issueText('something new', en, 'en')).toBe('Something new');
  });
});

describe('fieldLabel', () => {
  it.each([
    ['client-height', 'Client (massaged) — Height, cm'],
    ['minutes', 'Session length, minutes'],
    ['cond-pregnancy-weeks', 'Pregnancy'],
    ['avoid-2-region', 'Areas not to touch'],
    ['conditions', 'Health conditions'],
  ])('%s → %s', (id, label) => {
    expect(fieldLabel(id, en, 'en')).toBe(label);
  });
});
