import { describe, expect, it } from 'vitest';
import { playerKeyAction } from './key-action.js';
import { voicesFor } from './voices.js';

describe('playerKeyAction', () => {
  it.each([
    [' ', 'BODY', 'toggle'],
    [' ', 'BUTTON', null],
    [' ', 'INPUT', null],
    ['ArrowRight', 'BODY', 'next'],
    ['PageDown', 'BUTTON', 'next'],
    ['ArrowRight', 'SELECT', null],
    ['ArrowLeft', 'BODY', 'previous'],
    ['PageUp', 'BODY', 'previous'],
    ['Enter', 'BODY', null],
  ] as const)('%j on %s → %s', (key, targetTag, action) => {
    expect(playerKeyAction({ key, targetTag, hasModifier: false })).toBe(action);
  });

  it('leaves keys with a modifier to the browser', () => {
    expect(playerKeyAction({ key: 'ArrowLeft', targetTag: 'BODY', hasModifier: true })).toBeNull();
  });
});

describe('voicesFor', () => {
  const voices = [
    { name: 'Zoe', lang: 'en-US', isDefault: false },
    { name: 'Ivan', lang: 'ru_RU', isDefault: false },
    { name: 'Amy', lang: 'en-GB', isDefault: false },
    { name: 'Kate', lang: 'EN-AU', isDefault: true },
    { name: 'Hans', lang: 'de-DE', isDefault: false },
  ];
  it('keeps the voices of the language, the default first, then by name', () => {
    expect(voicesFor(voices, 'en').map((v) => v.name)).toEqual(['Kate', 'Amy', 'Zoe']);
    expect(voicesFor(voices, 'ru').map((v) => v.name)).toEqual(['Ivan']);
    expect(voicesFor([], 'en')).toEqual([]);
  });
});
