import stepTitlesJson from './generated/step-titles.json';
import type { UiLanguage } from './i18n.js';

// Written by web/scripts/compile-content.ts from the routine.
const stepTitles = stepTitlesJson as Record<string, { en: string; ru?: string }>;

/** A step's title by id in a language (the id itself for an unknown step). */
export function stepTitle(language: UiLanguage, id: string): string {
  const t = stepTitles[id];
  return (language === 'ru' ? t?.ru : undefined) ?? t?.en ?? id;
}
