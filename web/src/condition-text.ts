import type { RegionId } from '../../src/core/ids.js';
import type { ConditionId } from '../../src/core/intake.js';
import type { UiLanguage } from './i18n.js';

/** A condition's name and one plain sentence saying what it is. */
export interface ConditionText {
  readonly name: string;
  readonly sentence: string;
}

/** Every condition id of the intake, in the order the form lists them (checked against the core by a test). */
export const CONDITION_ORDER = [
  'varicose-veins',
  'dvt-history',
  'anticoagulants',
  'osteoporosis',
  'neck-injury',
  'cannot-arch-back',
  'cannot-lie-prone',
  'pregnancy',
  'oil-allergy',
  'local-lesion',
  'fever',
  'contagious-illness',
  'suspected-dvt',
  'acute-inflammation-flare',
  'unexplained-pain',
] as const satisfies readonly ConditionId[];

/** The extra answers a condition takes. */
export type ConditionField = 'side' | 'severity' | 'weeks' | 'region' | 'kind' | 'isCleared';

/** Which extra answers each condition asks for (CATALOGUE.md "Conditions"). */
export const CONDITION_FIELDS: Readonly<Record<ConditionId, readonly ConditionField[]>> = {
  'varicose-veins': ['side', 'severity'],
  'dvt-history': ['side', 'isCleared'],
  'local-lesion': ['region', 'side', 'kind'],
  pregnancy: ['weeks'],
  anticoagulants: [],
  osteoporosis: [],
  'neck-injury': [],
  'cannot-arch-back': [],
  'cannot-lie-prone': [],
  'oil-allergy': [],
  fever: [],
  'contagious-illness': [],
  'suspected-dvt': [],
  'acute-inflammation-flare': [],
  'unexplained-pain': [],
};

/** Plain names and sentences for each condition, in English and Russian. */
export const CONDITION_TEXT: Readonly<Record<UiLanguage, Readonly<Record<ConditionId, ConditionText>>>> = {
  en: {
    'varicose-veins': { name: 'Varicose veins', sentence: 'Swollen, twisted veins in the legs.' },
    'dvt-history': {
      name: 'Past blood clot in a leg (DVT)',
      sentence: 'A deep vein thrombosis in the past, now treated.',
    },
    anticoagulants: {
      name: 'Blood thinners',
      sentence: 'Takes medicine against clotting (warfarin, apixaban, heparin …); bruises easily.',
    },
    osteoporosis: { name: 'Osteoporosis', sentence: 'Thin, fragile bones that break easily.' },
    'neck-injury': {
      name: 'Neck injury',
      sentence: 'A past or present injury of the neck (whiplash, disc).',
    },
    'cannot-arch-back': {
      name: 'Cannot arch the back',
      sentence: 'Lifting the chest while lying on the back hurts or is not possible.',
    },
    'cannot-lie-prone': {
      name: 'Cannot lie face down',
      sentence: 'Lying on the front is painful or not possible.',
    },
    pregnancy: { name: 'Pregnancy', sentence: 'Pregnant now; give the number of weeks.' },
    'oil-allergy': { name: 'Allergy to oil', sentence: 'Skin reacts to massage oil.' },
    'local-lesion': {
      name: 'A wound or injury in one place',
      sentence: 'A wound, bruise, fracture, recent operation or skin infection on one area.',
    },
    fever: { name: 'Fever', sentence: 'A raised temperature today.' },
    'contagious-illness': {
      name: 'Contagious illness',
      sentence: 'A cold, flu or other illness that can pass to others.',
    },
    'suspected-dvt': {
      name: 'Possible blood clot now',
      sentence: 'A leg that is swollen, warm, red or painful for no clear reason.',
    },
    'acute-inflammation-flare': {
      name: 'Inflammation flare',
      sentence: 'A joint or area that is hot, swollen and painful right now (arthritis flare, bursitis).',
    },
    'unexplained-pain': { name: 'Unexplained pain', sentence: 'Pain with no known cause.' },
  },
  ru: {
    'varicose-veins': { name: 'Варикоз', sentence: 'Расширенные, извитые вены на ногах.' },
    'dvt-history': {
      name: 'Тромбоз вен ноги в прошлом',
      sentence: 'Был тромбоз глубоких вен, сейчас пролечен.',
    },
    anticoagulants: {
      name: 'Препараты, разжижающие кровь',
      sentence:
        'Принимает средства против свёртывания (варфарин, апиксабан, гепарин …); легко появляются синяки.',
    },
    osteoporosis: { name: 'Остеопороз', sentence: 'Тонкие, хрупкие кости, которые легко ломаются.' },
    'neck-injury': {
      name: 'Травма шеи',
      sentence: 'Травма шеи сейчас или в прошлом (хлыстовая травма, грыжа диска).',
    },
    'cannot-arch-back': {
      name: 'Не может прогнуть спину',
      sentence: 'Приподнять грудь лёжа на спине больно или невозможно.',
    },
    'cannot-lie-prone': {
      name: 'Не может лежать на животе',
      sentence: 'Лежать лицом вниз больно или невозможно.',
    },
    pregnancy: { name: 'Беременность', sentence: 'Беременна сейчас; укажите срок в неделях.' },
    'oil-allergy': { name: 'Аллергия на масло', sentence: 'Кожа реагирует на массажное масло.' },
    'local-lesion': {
      name: 'Рана или травма на одном месте',
      sentence: 'Рана, ушиб, перелом, недавняя операция или кожная инфекция на одной области.',
    },
    fever: { name: 'Температура', sentence: 'Сегодня повышена температура.' },
    'contagious-illness': {
      name: 'Заразная болезнь',
      sentence: 'Простуда, грипп или другая болезнь, которая передаётся другим.',
    },
    'suspected-dvt': {
      name: 'Возможный тромб сейчас',
      sentence: 'Нога отекла, горячая, красная или болит без понятной причины.',
    },
    'acute-inflammation-flare': {
      name: 'Обострение воспаления',
      sentence: 'Сустав или область сейчас горячие, отёкшие и болят (обострение артрита, бурсит).',
    },
    'unexplained-pain': { name: 'Необъяснимая боль', sentence: 'Боль без известной причины.' },
  },
};

/** Region ids in head-to-foot order, as the form lists them (checked against the core by a test). */
export const REGION_ORDER = [
  'head.scalp',
  'head.hair',
  'head.skull-base',
  'neck.posterior',
  'neck.anterior',
  'chest.infraclavicular',
  'shoulder.joint',
  'back.whole',
  'back.scapula',
  'back.paraspinal',
  'back.spine',
  'back.kidney-band',
  'hip.gluteal',
  'leg.thigh.posterior',
  'leg.thigh.inner-upper',
  'leg.knee.popliteal',
  'leg.knee.patella',
  'leg.lower',
  'foot.ankle',
  'foot.heel',
  'foot.sole',
] as const satisfies readonly RegionId[];

/** Plain names of the body regions, in English and Russian. */
export const REGION_TEXT: Readonly<Record<UiLanguage, Readonly<Record<RegionId, string>>>> = {
  en: {
    'head.scalp': 'scalp',
    'head.hair': 'hair',
    'head.skull-base': 'base of the skull',
    'neck.posterior': 'back of the neck',
    'neck.anterior': 'front of the neck (throat)',
    'chest.infraclavicular': 'upper chest, below the collarbones',
    'shoulder.joint': 'shoulder joint',
    'back.whole': 'whole back',
    'back.scapula': 'shoulder blade',
    'back.paraspinal': 'muscles beside the spine',
    'back.spine': 'the spine itself',
    'back.kidney-band': 'lower back at the kidneys',
    'hip.gluteal': 'buttock',
    'leg.thigh.posterior': 'back of the thigh',
    'leg.thigh.inner-upper': 'upper inner thigh',
    'leg.knee.popliteal': 'back of the knee',
    'leg.knee.patella': 'kneecap',
    'leg.lower': 'lower leg (calf and shin)',
    'foot.ankle': 'ankle',
    'foot.heel': 'heel',
    'foot.sole': 'sole of the foot',
  },
  ru: {
    'head.scalp': 'кожа головы',
    'head.hair': 'волосы',
    'head.skull-base': 'основание черепа',
    'neck.posterior': 'задняя поверхность шеи',
    'neck.anterior': 'передняя поверхность шеи (горло)',
    'chest.infraclavicular': 'верх груди под ключицами',
    'shoulder.joint': 'плечевой сустав',
    'back.whole': 'вся спина',
    'back.scapula': 'лопатка',
    'back.paraspinal': 'мышцы вдоль позвоночника',
    'back.spine': 'сам позвоночник',
    'back.kidney-band': 'поясница в области почек',
    'hip.gluteal': 'ягодица',
    'leg.thigh.posterior': 'задняя поверхность бедра',
    'leg.thigh.inner-upper': 'верх внутренней поверхности бедра',
    'leg.knee.popliteal': 'подколенная ямка',
    'leg.knee.patella': 'надколенник',
    'leg.lower': 'голень (икра и передняя поверхность)',
    'foot.ankle': 'лодыжка',
    'foot.heel': 'пятка',
    'foot.sole': 'подошва',
  },
};

/** The plain name of a region id (or the id itself when unknown). */
export function regionName(language: UiLanguage, id: string): string {
  const table: Readonly<Record<string, string>> = REGION_TEXT[language];
  return table[id] ?? id;
}
