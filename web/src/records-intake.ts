// A client's stored intake back into the intake form, so a new session may start from the client's last intake.
import type { Intake } from '../../src/core/intake.js';
import type { UiLanguage } from './i18n.js';
import { type ConditionValues, type IntakeFormValues, intakeFormInitial } from './intake-values.js';

function text(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The form values that describe a stored intake (the inverse of `intakeInputFromForm`). */
export function intakeFormFromIntake(intake: Intake, language: UiLanguage): IntakeFormValues {
  const initial = intakeFormInitial(language);
  const conditions = { ...initial.conditions } as Record<string, ConditionValues>;
  for (const c of intake.conditions) {
    const base = conditions[c.id];
    if (!base) continue;
    conditions[c.id] = {
      ...base,
      isChecked: true,
      side: c.side ?? '',
      severity: c.severity ?? 'mild',
      weeks: text(c.weeks),
      region: c.region ?? '',
      kind: c.kind ?? '',
      isCleared: c.isCleared ?? base.isCleared,
    };
  }
  return {
    ...initial,
    clientHeight: text(intake.client?.heightCm),
    clientWeight: text(intake.client?.weightKg),
    practitionerHeight: text(intake.practitioner?.heightCm),
    practitionerWeight: text(intake.practitioner?.weightKg),
    conditions: conditions as IntakeFormValues['conditions'],
    avoid: intake.avoidRegions.map((a) => ({ region: a.region, side: a.side ?? '' })),
    pressure: intake.pressurePreference,
    minutes: String(intake.minutes),
    language: intake.language === 'ru' ? 'ru' : language,
  };
}
