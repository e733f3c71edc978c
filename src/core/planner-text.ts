import type { Language } from './ids.js';

/** Texts the planner itself writes (reasons not owned by a rule file), per language. */
export const plannerText = {
  shortSession: {
    en: (minutes: number) => `Left out to fit a ${minutes}-minute session (optional steps go first).`,
    ru: (minutes: number) =>
      `Пропущено, чтобы уложиться в ${minutes} минут (сначала убираются необязательные приёмы).`,
  },
  shortSessionReps: {
    en: (minutes: number) => `Fewer repetitions to fit a ${minutes}-minute session.`,
    ru: (minutes: number) => `Меньше повторений, чтобы уложиться в ${minutes} минут.`,
  },
  noTransition: {
    en: () => 'Not needed today: nothing is planned in the position before it, or after it.',
    ru: () => 'Сегодня не нужно: ни до, ни после этого нет приёмов в нужном положении.',
  },
  pressurePreference: {
    // The intake's limit: the client's own choice, or the cautious default (3) nobody changed, so not "asked for".
    en: (cap: number) => `No more than pressure ${cap}, the limit on the client's intake.`,
    ru: (cap: number) => `Давление не больше ${cap} — предел, указанный в анкете клиента.`,
  },
  avoidRegion: {
    en: () => 'The client asked for this area not to be touched.',
    ru: () => 'Клиент попросил не трогать эту область.',
  },
  regionTolerance: {
    en: (region: string, cap: number) => `${region} takes at most pressure ${cap}.`,
    ru: (region: string, cap: number) => `${region}: давление не больше ${cap}.`,
  },
  lengthMismatch: {
    en: (planned: number, asked: number, why: string) =>
      `The plan runs ${planned} minutes, not the ${asked} asked: ${why}`,
    ru: (planned: number, asked: number, why: string) =>
      `План длится ${planned} мин вместо запрошенных ${asked}: ${why}`,
  },
  tooShortWhy: {
    en: () =>
      'this routine is shorter than that for this client: every step already has as many repetitions as a therapist would give it.',
    ru: () =>
      'для этого клиента программа короче: каждый приём уже получил столько повторений, сколько дал бы массажист.',
  },
  tooLongWhy: {
    en: () => 'the steps cannot be shortened below one repetition each.',
    ru: () => 'приёмы нельзя сократить меньше одного повторения.',
  },
} as const;

/** Picks the text of a language, falling back to English. */
export function textIn(language: Language, t: { en: string; ru?: string | undefined }): string {
  return (language === 'ru' ? t.ru : undefined) ?? t.en;
}
