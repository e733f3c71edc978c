import type { RegionId } from '../../src/core/ids.js';
import type { ConditionField, ConditionId } from '../../src/core/intake.js';
import type { UiLanguage } from './i18n.js';
import { CONDITION_GROUPS, CONDITION_FIELDS as CORE_CONDITION_FIELDS } from './intake-data.js';

/** A condition's name and one plain sentence saying what it is. */
export interface ConditionText {
  readonly name: string;
  readonly sentence: string;
}

/** Every condition id of the intake, group by group, in the order the form lists them (checked by a test). */
export const CONDITION_ORDER: readonly ConditionId[] = CONDITION_GROUPS.flatMap((g) => [...g.conditions]);

/** Which extra answers each condition asks for: the core's table (CATALOGUE.md), so the form never drifts. */
export const CONDITION_FIELDS: Readonly<Record<ConditionId, readonly ConditionField[]>> =
  CORE_CONDITION_FIELDS;
export type { ConditionField };

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
    'high-blood-pressure': {
      name: 'High blood pressure',
      sentence: 'Blood pressure above normal, treated or not.',
    },
    'low-blood-pressure': {
      name: 'Low blood pressure',
      sentence: 'Often dizzy or faint on standing up.',
    },
    'heart-or-kidney-failure': {
      name: 'Heart or kidney failure',
      sentence: 'A weak heart or kidneys that do not clear fluid well (swollen ankles, short of breath).',
    },
    'recent-heart-attack-or-stroke': {
      name: 'Recent heart attack or stroke',
      sentence: 'A heart attack or a stroke in the last months.',
    },
    'implanted-device': {
      name: 'Pacemaker, port or other implant',
      sentence: 'A device under the skin of the chest, below the collarbone.',
    },
    'inflammatory-arthritis': {
      name: 'Inflammatory arthritis',
      sentence: 'Rheumatoid arthritis, ankylosing spondylitis or a similar joint disease.',
    },
    hypermobility: {
      name: 'Loose joints',
      sentence: 'Joints that bend further than usual or slip out (hypermobility, Ehlers–Danlos).',
    },
    'joint-replacement': {
      name: 'Hip or knee replacement',
      sentence: 'An artificial hip or knee joint.',
    },
    'herniated-disc': {
      name: 'Herniated (slipped) disc',
      sentence: 'A disc problem in the low back or the neck.',
    },
    'dizziness-with-neck-movement': {
      name: 'Dizzy when turning the head',
      sentence: 'Turning or tipping the head back makes the client dizzy.',
    },
    postpartum: {
      name: 'Gave birth recently',
      sentence: 'A baby born in the last months.',
    },
    'recent-surgery': {
      name: 'Recent operation',
      sentence: 'An operation in the last months, anywhere on the body.',
    },
    'cancer-treatment': {
      name: 'Cancer treatment',
      sentence: 'Chemotherapy, radiotherapy or cancer surgery now or recently.',
    },
    'sedated-or-intoxicated': {
      name: 'Alcohol or strong medicines today',
      sentence: 'Has had alcohol, strong painkillers, sleeping pills or muscle relaxants today.',
    },
    diabetes: { name: 'Diabetes', sentence: 'Type 1 or type 2 diabetes.' },
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
    'high-blood-pressure': {
      name: 'Повышенное давление',
      sentence: 'Артериальное давление выше нормы, с лечением или без.',
    },
    'low-blood-pressure': {
      name: 'Пониженное давление',
      sentence: 'Часто кружится голова или темнеет в глазах, когда встаёт.',
    },
    'heart-or-kidney-failure': {
      name: 'Сердечная или почечная недостаточность',
      sentence: 'Слабое сердце или почки плохо выводят жидкость (отёки ног, одышка).',
    },
    'recent-heart-attack-or-stroke': {
      name: 'Недавний инфаркт или инсульт',
      sentence: 'Инфаркт или инсульт в последние месяцы.',
    },
    'implanted-device': {
      name: 'Кардиостимулятор, порт или другой имплант',
      sentence: 'Устройство под кожей груди, под ключицей.',
    },
    'inflammatory-arthritis': {
      name: 'Воспалительный артрит',
      sentence: 'Ревматоидный артрит, болезнь Бехтерева или похожее заболевание суставов.',
    },
    hypermobility: {
      name: 'Гипермобильность суставов',
      sentence: 'Суставы сгибаются больше обычного или выскакивают (синдром Элерса — Данло).',
    },
    'joint-replacement': {
      name: 'Эндопротез бедра или колена',
      sentence: 'Искусственный тазобедренный или коленный сустав.',
    },
    'herniated-disc': {
      name: 'Грыжа межпозвонкового диска',
      sentence: 'Проблема с диском в пояснице или в шее.',
    },
    'dizziness-with-neck-movement': {
      name: 'Головокружение при поворотах головы',
      sentence: 'Когда поворачивает или запрокидывает голову, кружится голова.',
    },
    postpartum: {
      name: 'Недавние роды',
      sentence: 'Ребёнок родился в последние месяцы.',
    },
    'recent-surgery': {
      name: 'Недавняя операция',
      sentence: 'Операция в последние месяцы, на любой части тела.',
    },
    'cancer-treatment': {
      name: 'Лечение рака',
      sentence: 'Химиотерапия, лучевая терапия или операция по поводу рака сейчас или недавно.',
    },
    'sedated-or-intoxicated': {
      name: 'Алкоголь или сильные лекарства сегодня',
      sentence: 'Сегодня выпивал(а), принимал(а) сильные обезболивающие, снотворное или миорелаксанты.',
    },
    diabetes: { name: 'Диабет', sentence: 'Диабет 1 или 2 типа.' },
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
  'chest.sternum',
  'abdomen',
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
    'chest.sternum': 'breastbone',
    abdomen: 'belly',
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
    'chest.sternum': 'грудина',
    abdomen: 'живот',
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
