import type { UiLanguage } from './i18n.js';

/** Speaks cues with the Web Speech API; silent where the browser has none. */
export class Narrator {
  private rate = 1;
  private muted = false;

  /** True when the browser can speak. */
  get isAvailable(): boolean {
    return (
      typeof globalThis.speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined'
    );
  }

  /** Sets the speaking rate (0.5…2). */
  rateSet(rate: number): void {
    this.rate = Math.min(2, Math.max(0.5, rate));
  }

  /** Mutes or unmutes; muting stops what is being said. */
  mutedSet(isMuted: boolean): void {
    this.muted = isMuted;
    if (isMuted) this.cancel();
  }

  /** Says a text at once, cutting off what was being said. */
  say(text: string, language: UiLanguage): void {
    if (this.muted || !this.isAvailable || text.trim() === '') return;
    const synth = globalThis.speechSynthesis;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const tag = language === 'ru' ? 'ru' : 'en';
    utterance.lang = language === 'ru' ? 'ru-RU' : 'en-GB';
    const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(tag));
    if (voice) utterance.voice = voice;
    utterance.rate = this.rate;
    synth.speak(utterance);
  }

  /** Stops speaking. */
  cancel(): void {
    if (this.isAvailable) globalThis.speechSynthesis.cancel();
  }
}
