import { CONDITION_ORDER, CONDITION_TEXT } from './condition-text.js';
import type { UiLanguage, UiStrings } from './i18n.js';
import { intakeStrings } from './intake-text.js';

/** The label a field error is shown under in the summary at the top (the control's own label, with its group). */
export function fieldLabel(id: string, s: UiStrings, language: UiLanguage): string {
  const body: Record<string, string> = {
    'client-height': `${s.client} — ${s.heightCm}`,
    'client-weight': `${s.client} — ${s.weightKg}`,
    'client-age': `${s.client} — ${intakeStrings(language).age}`,
    'practitioner-height': `${s.practitioner} — ${s.heightCm}`,
    'practitioner-weight': `${s.practitioner} — ${s.weightKg}`,
    minutes: s.minutes,
    pressure: s.pressure,
    language: s.language,
  };
  if (body[id]) return body[id];
  const condition = CONDITION_ORDER.find((c) => id === `cond-${c}` || id.startsWith(`cond-${c}-`));
  if (condition) return CONDITION_TEXT[language][condition].name;
  if (id.startsWith('avoid')) return s.avoidRegions;
  return s.conditions;
}

/** Russian for the intake schema's own messages (src/core/intake.ts). */
const ISSUES_RU: Readonly<Record<string, string>> = {
  'a height under 50 cm is not an adult’s': 'рост меньше 50 см — не взрослый',
  'a height over 250 cm is unlikely': 'рост больше 250 см маловероятен',
  'a weight under 20 kg is not an adult’s': 'вес меньше 20 кг — не взрослый',
  'a weight over 350 kg is unlikely': 'вес больше 350 кг маловероятен',
  'a local lesion needs the region it is on': 'укажите, где находится повреждение',
  'a recent surgery needs the region it is on': 'укажите, где была операция',
  'an age over 120 years is unlikely': 'возраст больше 120 лет маловероятен',
  'pregnancy needs the number of weeks': 'укажите срок беременности в неделях',
  'sessions run 10 to 120 minutes': 'сеанс длится от 10 до 120 минут',
};

/**
 * A schema message in plain words: "expected a number; got NaN" becomes "please enter a number", and
 * "expected at least 10; got 5 (sessions run 10 to 120 minutes)" keeps only the schema's own reason.
 */
export function issueText(message: string, s: UiStrings, language: UiLanguage): string {
  if (/^expected (a )?number/i.test(message)) return s.enterNumber;
  const own = /^expected .*\(([^()]+)\)$/.exec(message)?.[1] ?? message;
  const text = (language === 'ru' ? ISSUES_RU[own] : undefined) ?? own;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
