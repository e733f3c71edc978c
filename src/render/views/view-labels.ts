import type { Language } from '../../core/ids.js';
import type { HandShape } from '../../core/pose/pose-types.js';

/** The words the side, head-end and close-up views write on their pictures. */
export interface ViewLabels {
  readonly side: string;
  readonly head: string;
  readonly closeup: string;
  readonly start: string;
  readonly movement: string;
  /** A lifted way back (dashed, open head). */
  readonly return: string;
  readonly under: string;
  /** The dashed circle: circles worked on the far side of the limb, out of sight. */
  readonly farSide: string;
  readonly head_: string;
  readonly feet: string;
  /** What touches, per hand shape: the close-up's label at the contact. */
  readonly contact: Readonly<Record<HandShape, string>>;
}

const VIEW_LABELS: Readonly<Record<Language, ViewLabels>> = {
  en: {
    side: 'From the side',
    head: 'From the head end',
    closeup: 'Close-up of the contact',
    start: 'start (ghosted)',
    movement: 'the movement',
    return: '2: lifted way back, after 1',
    under: 'hand under the body (cut away)',
    farSide: 'circles on the far side',
    head_: 'head',
    feet: 'feet',
    contact: {
      'flat-palm': 'the flat of the palm',
      'palm-on-palm': 'palm on palm',
      'two-fingertips': 'index and middle fingertips',
      'thumb-pad': 'the pad of the thumb',
      grasp: 'the whole hand round the limb',
      'forearm-flat': 'the flat of the forearm',
      pinch: 'fingertips and thumb',
      'spread-fingers': 'the pads of spread fingers',
    },
  },
  ru: {
    side: 'Вид сбоку',
    head: 'Вид со стороны головы',
    closeup: 'Крупно: чем касаться',
    start: 'начало (бледно)',
    movement: 'движение',
    return: '2: обратно, не касаясь, после 1',
    under: 'рука под телом (в разрезе)',
    farSide: 'круги с дальней стороны',
    head_: 'голова',
    feet: 'ноги',
    contact: {
      'flat-palm': 'вся ладонь',
      'palm-on-palm': 'ладонь на ладони',
      'two-fingertips': 'подушечки указательного и среднего',
      'thumb-pad': 'подушечка большого пальца',
      grasp: 'вся кисть обхватывает',
      'forearm-flat': 'плоская часть предплечья',
      pinch: 'пальцы и большой палец',
      'spread-fingers': 'подушечки расставленных пальцев',
    },
  },
};

/** The view words in a language. */
export function viewLabels(language: Language): ViewLabels {
  return VIEW_LABELS[language];
}
