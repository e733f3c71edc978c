import type { Language } from '../../core/ids.js';

/** The words the side, head-end and close-up views write on their pictures. */
export interface ViewLabels {
  readonly side: string;
  readonly head: string;
  readonly closeup: string;
  readonly start: string;
  readonly movement: string;
  readonly under: string;
  readonly head_: string;
  readonly feet: string;
}

const VIEW_LABELS: Readonly<Record<Language, ViewLabels>> = {
  en: {
    side: 'From the side',
    head: 'From the head end',
    closeup: 'Close-up of the contact',
    start: 'start (ghosted)',
    movement: 'the movement',
    under: 'hand under the body (cut away)',
    head_: 'head',
    feet: 'feet',
  },
  ru: {
    side: 'Вид сбоку',
    head: 'Вид со стороны головы',
    closeup: 'Крупно: чем касаться',
    start: 'начало (бледно)',
    movement: 'движение',
    under: 'рука под телом (в разрезе)',
    head_: 'голова',
    feet: 'ноги',
  },
};

/** The view words in a language. */
export function viewLabels(language: Language): ViewLabels {
  return VIEW_LABELS[language];
}
