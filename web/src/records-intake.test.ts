import { describe, expect, it } from 'vitest';
import { Intake } from '../../src/core/intake.js';
import { intakeInputFromForm } from './intake-values.js';
import { intakeFormFromIntake } from './records-intake.js';

describe('intakeFormFromIntake', () => {
  it('gives back the same intake through the form', () => {
    const intake = Intake.parse({
      client: { heightCm: 180, weightKg: 95 },
      conditions: [
        { id: 'varicose-veins', side: 'left', severity: 'severe' },
        { id: 'pregnancy', weeks: 20 },
      ],
      avoidRegions: [{ region: 'head.scalp' }],
      pressurePreference: 2,
      minutes: 30,
      language: 'ru',
    });
    const form = intakeFormFromIntake(intake, 'en');
    expect(form.minutes).toBe('30');
    expect(Intake.parse(intakeInputFromForm(form).input)).toEqual(intake);
  });
});
