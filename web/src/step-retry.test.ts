import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Routine } from '../../src/core/routine.js';
import { stepRetriesFrom, triesUsed } from './step-retry.js';

describe('stepRetriesFrom', () => {
  it('reads neck traction’s retry from the routine file, in the session’s language', () => {
    const routine = JSON.parse(
      readFileSync(new URL('./generated/routine.json', import.meta.url), 'utf8'),
    ) as Routine;
    expect(stepRetriesFrom(routine, 'en')).toEqual({
      'neck-traction': { label: 'Neck will not relax', tries: 3 },
    });
    expect(stepRetriesFrom(routine, 'ru')['neck-traction']?.label).toBe('Шея не расслабляется');
  });
});

describe('triesUsed', () => {
  const e = (kind: string, stepId: string | null = 'neck-traction') => ({ kind, stepId, side: null });
  it('counts the retries of the step since the practitioner last moved, pauses and pain between them', () => {
    expect(triesUsed([], 'neck-traction', null)).toBe(0);
    expect(
      triesUsed([e('start'), e('retry'), e('pause'), e('resume'), e('retry')], 'neck-traction', null),
    ).toBe(2);
    expect(triesUsed([e('retry'), e('next'), e('previous'), e('retry')], 'neck-traction', null)).toBe(1);
    expect(triesUsed([e('retry'), e('retry', 'scalp-shampoo')], 'neck-traction', null)).toBe(0);
  });
});
