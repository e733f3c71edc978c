import type { Language, Side } from '../core/ids.js';

/** Where hands the top view cuts away are: under the head, the neck or the back. */
export type HiddenUnder = 'head' | 'neck' | 'back';

/** The renderer's own words (the step titles and cues come translated in the plan). */
export interface RenderLabels {
  readonly repetition: string;
  readonly stepLeft: string;
  readonly sessionLeft: string;
  readonly pressure: string;
  readonly noPressure: string;
  readonly side: Readonly<Record<Side, string>>;
  readonly clientLeft: string;
  readonly clientRight: string;
  readonly leftLetter: string;
  readonly rightLetter: string;
  readonly practitioner: string;
  readonly excluded: string;
  readonly neverPress: string;
  readonly lift: string;
  readonly toResistance: string;
  readonly safety: string;
  readonly finished: string;
  /** Legend rows. */
  readonly legendWorking: string;
  readonly legendReturn: string;
  readonly legendReturnPressing: string;
  readonly legendHolding: string;
  readonly legendUnder: string;
  /** Hands cut away from the top view, by where they are under (the body map's region at the contact). */
  readonly legendHidden: Readonly<Record<HiddenUnder, string>>;
  readonly legendStart: string;
  /** The legend's rows in a word or two, for a small picture (one line above the table). */
  readonly legendShort: Readonly<
    Record<'working' | 'return' | 'returnPressing' | 'holding' | 'under' | 'start', string> & {
      hidden: Readonly<Record<HiddenUnder, string>>;
    }
  >;
  /** Rest steps drawn as what they are. */
  readonly talkSeated: string;
  readonly talkAfter: string;
  readonly restFirst: string;
  readonly turnUnderDrape: string;
  readonly pillow: string;
  readonly oil: string;
}

const LABELS: Readonly<Record<Language, RenderLabels>> = {
  en: {
    repetition: 'Repetition',
    stepLeft: 'Step left',
    sessionLeft: 'Session left',
    pressure: 'Pressure',
    noPressure: 'no pressure',
    side: { left: 'Left side', right: 'Right side' },
    clientLeft: 'client’s left',
    clientRight: 'client’s right',
    leftLetter: 'L',
    rightLetter: 'R',
    practitioner: 'you',
    excluded: 'not today',
    neverPress: 'never press',
    lift: 'lift',
    toResistance: 'to resistance',
    safety: 'Safety',
    finished: 'Session finished',
    legendWorking: 'working stroke, wider = firmer',
    legendReturn: 'hands lifted, back to the start',
    legendReturnPressing: 'back, pressing lightly',
    legendHolding: 'holding hand',
    legendUnder: 'hand underneath, seen through',
    legendHidden: {
      head: 'hands under the head: see the head-end view',
      neck: 'hands under the neck: see the head-end view',
      back: 'hands under the back: see the side view',
    },
    legendStart: 'where the stroke starts',
    legendShort: {
      working: 'stroke',
      return: 'lifted',
      returnPressing: 'back, light',
      holding: 'holding',
      under: 'underneath',
      hidden: { head: 'under the head', neck: 'under the neck', back: 'under the back' },
      start: 'start',
    },
    talkSeated: 'Talk first, both seated',
    talkAfter: 'Ask how they feel; then up slowly, sitting a minute',
    restFirst: 'rest a few minutes',
    turnUnderDrape: 'turn over slowly under the drape',
    pillow: 'small flat pillow if needed',
    oil: 'oil: chest, shoulders, neck',
  },
  ru: {
    repetition: 'Повтор',
    stepLeft: 'До конца приёма',
    sessionLeft: 'До конца сеанса',
    pressure: 'Давление',
    noPressure: 'без давления',
    side: { left: 'Левая сторона', right: 'Правая сторона' },
    clientLeft: 'левая сторона клиента',
    clientRight: 'правая сторона клиента',
    leftLetter: 'Л',
    rightLetter: 'П',
    practitioner: 'вы',
    excluded: 'не сегодня',
    neverPress: 'не давить',
    lift: 'поднять',
    toResistance: 'до сопротивления',
    safety: 'Осторожно',
    legendWorking: 'рабочее движение, шире = сильнее',
    legendReturn: 'руки подняты, назад к началу',
    legendReturnPressing: 'назад с лёгким нажимом',
    legendHolding: 'поддерживающая рука',
    legendUnder: 'рука снизу, видна насквозь',
    legendHidden: {
      head: 'руки под головой: см. вид от изголовья',
      neck: 'руки под шеей: см. вид от изголовья',
      back: 'руки под спиной: см. вид сбоку',
    },
    legendStart: 'где движение начинается',
    legendShort: {
      working: 'движение',
      return: 'без нажима',
      returnPressing: 'назад, легко',
      holding: 'держит',
      under: 'снизу',
      hidden: { head: 'под головой', neck: 'под шеей', back: 'под спиной' },
      start: 'начало',
    },
    talkSeated: 'Сначала разговор, сидя',
    talkAfter: 'Спросите о самочувствии; вставать медленно, посидев минуту',
    restFirst: 'несколько минут отдыха',
    turnUnderDrape: 'медленно повернуться под простынёй',
    pillow: 'плоская подушка, если нужно',
    oil: 'масло: грудь, плечи, шея',
    finished: 'Сеанс окончен',
  },
};

/** The smallest a label on a picture may be, in pixels of the canvas drawn (ILLUSTRATION.md "Reading it"). */
export const MIN_LABEL_PX = 12;

/**
 * A label's font size on a canvas of this `unit` (1 at 1280×720): `px` at 1280×720, scaled with the canvas, but
 * never under MIN_LABEL_PX, so a picture drawn at the size a phone shows it keeps its words readable.
 */
export function labelSize(unit: number, px: number): number {
  return Math.max(px * unit, MIN_LABEL_PX);
}

/** The renderer's labels in a language. */
export function renderLabels(language: Language): RenderLabels {
  return LABELS[language];
}

/** Seconds as m:ss (negative and fractional seconds round up to whole ones). */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds - 1e-9));
  const m = Math.floor(s / 60);
  const r = s % 60;
  return `${m}:${r < 10 ? '0' : ''}${r}`;
}
