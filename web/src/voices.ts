import type { UiLanguage } from './i18n.js';

/** A voice the browser offers, as the settings list it. */
export interface VoiceChoice {
  readonly name: string;
  readonly lang: string;
  readonly isDefault: boolean;
}

/** The voices for a language (by BCP 47 prefix), the browser's default first. */
export function voicesFor(voices: readonly VoiceChoice[], language: UiLanguage): VoiceChoice[] {
  const tag = language === 'ru' ? 'ru' : 'en';
  return voices
    .filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith(tag))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}
