import { useEffect, useState } from 'react';
import type { UiLanguage } from './i18n.js';
import { type VoiceChoice, voicesFor } from './voices.js';

export type { VoiceChoice } from './voices.js';

function synth(): SpeechSynthesis | null {
  return typeof globalThis.speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined'
    ? globalThis.speechSynthesis
    : null;
}

/** Speaks cues with the Web Speech API; silent where the browser has none. */
export class Narrator {
  private rate = 1;
  private muted = false;
  private voiceName: string | null = null;

  /** True when the browser can speak at all. */
  get isAvailable(): boolean {
    return synth() !== null;
  }

  /** Sets the speaking rate (0.5…2). */
  rateSet(rate: number): void {
    this.rate = Math.min(2, Math.max(0.5, rate));
  }

  /** Chooses a voice by name (null: the first voice for the language). */
  voiceSet(name: string | null): void {
    this.voiceName = name;
  }

  /** Mutes or unmutes; muting stops what is being said. */
  mutedSet(isMuted: boolean): void {
    this.muted = isMuted;
    if (isMuted) this.cancel();
  }

  /** Says a text at once, cutting off what was being said. */
  say(text: string, language: UiLanguage, options: { isTest?: boolean } = {}): void {
    const s = synth();
    if ((this.muted && !options.isTest) || !s || text.trim() === '') return;
    s.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language === 'ru' ? 'ru-RU' : 'en-GB';
    const all = s.getVoices();
    const forLanguage = voicesFor(
      all.map((v) => ({ name: v.name, lang: v.lang, isDefault: v.default })),
      language,
    );
    const chosen = forLanguage.find((v) => v.name === this.voiceName) ?? forLanguage[0];
    const voice = all.find((v) => v.name === chosen?.name);
    if (voice) utterance.voice = voice;
    utterance.rate = this.rate;
    s.speak(utterance);
  }

  /** Stops speaking. */
  cancel(): void {
    synth()?.cancel();
  }
}

/** The browser's voices for a language, updated when the browser loads them (they often arrive late). */
export function useVoices(language: UiLanguage): { voices: VoiceChoice[]; isLoaded: boolean } {
  const [all, setAll] = useState<VoiceChoice[] | null>(null);
  useEffect(() => {
    const s = synth();
    if (!s) {
      setAll([]);
      return;
    }
    const read = () =>
      setAll(s.getVoices().map((v) => ({ name: v.name, lang: v.lang, isDefault: v.default })));
    read();
    s.addEventListener?.('voiceschanged', read);
    // Some browsers never fire voiceschanged when they have no voice: after a moment, what is there is all.
    const timer = setTimeout(read, 1500);
    return () => {
      s.removeEventListener?.('voiceschanged', read);
      clearTimeout(timer);
    };
  }, []);
  return { voices: voicesFor(all ?? [], language), isLoaded: all !== null };
}
