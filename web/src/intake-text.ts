import type { ConditionId } from '../../src/core/intake.js';
import type { UiLanguage } from './i18n.js';

// The intake form's follow-up questions and explanations, per language (the rest of the UI is in i18n.ts).

const en = {
  age: 'Age, years',
  ageHint: 'From 70 the plan is gentler and shorter face down; under 18 a parent or guardian must agree.',
  practitionerHint:
    'Your own height and weight. A client much heavier or taller than you makes the straight-leg lift and the spine extension a strain on your back, so the plan leaves them out; without both sizes it cannot check, and says so.',
  notSure: 'not sure',
  yes: 'yes',
  no: 'no',
  unansweredHint: 'Left unanswered, the plan takes the careful answer.',
  sideNotSaid: 'both / not sure',
  severityNotSaidHint: 'Not sure counts as severe.',
  bpNotSaidHint: 'Not sure counts as not under control.',
  severityMild: 'mild',
  severitySevere: 'severe',
  bpControlled: 'under control with treatment',
  bpUncontrolled: 'not under control',
  levelQuestion: 'Where is the disc?',
  levelNotSaid: 'Not sure counts as both, the low back and the neck.',
  levelLumbar: 'low back',
  levelCervical: 'neck',
  jointQuestion: 'Which joint?',
  jointHip: 'hip',
  jointKnee: 'knee',
  deviceQuestion: 'Which device?',
  devicePacemaker: 'pacemaker',
  devicePort: 'port (for chemotherapy or drips)',
  deviceOther: 'other',
  kindNotSaid: 'not sure',
  lymphQuestion: 'Lymph nodes removed under an arm, on which side?',
  lymphNone: 'none / not sure',
  weeksQuestion: {
    pregnancy: 'Weeks pregnant',
    postpartum: 'Weeks since the birth',
    'neck-injury': 'Weeks since the injury',
    'recent-surgery': 'Weeks since the operation',
    'joint-replacement': 'Weeks since the operation',
  } as Partial<Record<ConditionId, string>>,
  weeksHint: 'Leave empty if not known: it then counts as recent.',
  clearedQuestion: {
    'dvt-history': 'A doctor has said massage is safe',
    'varicose-veins': 'A doctor has looked at the veins and said massage is safe',
    'neck-injury': 'A doctor has said massage is safe',
    pregnancy: 'Her midwife or doctor has said massage is safe',
    'cancer-treatment': 'The treating team has agreed to massage',
    'heart-or-kidney-failure': 'A doctor has said massage is safe',
  } as Partial<Record<ConditionId, string>>,
  redFlagsQuestion: 'Any numbness between the legs, changes in the bladder or bowel, or a weak leg?',
  neuropathyQuestion: 'Are the feet numb (neuropathy)?',
  highRiskQuestion: 'A high-risk pregnancy (pre-eclampsia, bleeding, placenta problems, early labour)?',
  newSessionEmpty: 'A new session starts with empty answers.',
  reuseLast: (who: string) => `Use the last client's answers (${who})`,
  reusedNotice: (who: string) =>
    `These are the last client's answers (${who}). Check each one with today's client.`,
  lastClient: (time: string, details: string) => `${time}${details ? `: ${details}` : ''}`,
  noConditions: 'no conditions',
  ageShort: (years: string) => `age ${years}`,
} as const;

type Strings = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K] };

const ru: Strings = {
  age: 'Возраст, лет',
  ageHint:
    'С 70 лет план мягче, а на животе — меньше времени; до 18 лет нужно согласие родителя или опекуна.',
  practitionerHint:
    'Ваш собственный рост и вес. Если клиент намного тяжелее или выше вас, подъём прямой ноги и вытяжение позвоночника перегружают вашу спину, и план их пропускает; без обоих размеров это не проверить, и план так и скажет.',
  notSure: 'не знаю',
  yes: 'да',
  no: 'нет',
  unansweredHint: 'Если не ответить, план выберет осторожный ответ.',
  sideNotSaid: 'обе / не знаю',
  severityNotSaidHint: 'Если не знаете, считаем выраженным.',
  bpNotSaidHint: 'Если не знаете, считаем, что давление не под контролем.',
  severityMild: 'слабо',
  severitySevere: 'сильно',
  bpControlled: 'под контролем лечения',
  bpUncontrolled: 'не под контролем',
  levelQuestion: 'Где грыжа?',
  levelNotSaid: 'Если не знаете, учитываем и поясницу, и шею.',
  levelLumbar: 'поясница',
  levelCervical: 'шея',
  jointQuestion: 'Какой сустав?',
  jointHip: 'тазобедренный',
  jointKnee: 'коленный',
  deviceQuestion: 'Какое устройство?',
  devicePacemaker: 'кардиостимулятор',
  devicePort: 'порт (для химиотерапии или капельниц)',
  deviceOther: 'другое',
  kindNotSaid: 'не знаю',
  lymphQuestion: 'Удалены лимфоузлы под мышкой — с какой стороны?',
  lymphNone: 'нет / не знаю',
  weeksQuestion: {
    pregnancy: 'Срок беременности, недель',
    postpartum: 'Недель после родов',
    'neck-injury': 'Недель после травмы',
    'recent-surgery': 'Недель после операции',
    'joint-replacement': 'Недель после операции',
  },
  weeksHint: 'Если неизвестно, оставьте пустым: тогда срок считается недавним.',
  clearedQuestion: {
    'dvt-history': 'Врач разрешил массаж',
    'varicose-veins': 'Врач осмотрел вены и разрешил массаж',
    'neck-injury': 'Врач разрешил массаж',
    pregnancy: 'Акушерка или врач разрешили массаж',
    'cancer-treatment': 'Лечащие врачи согласны на массаж',
    'heart-or-kidney-failure': 'Врач разрешил массаж',
  },
  redFlagsQuestion: 'Есть онемение в промежности, нарушения мочеиспускания или стула, слабость в ноге?',
  neuropathyQuestion: 'Стопы онемели (нейропатия)?',
  highRiskQuestion:
    'Беременность высокого риска (преэклампсия, кровотечение, проблемы с плацентой, угроза преждевременных родов)?',
  newSessionEmpty: 'Новый сеанс начинается с пустой анкеты.',
  reuseLast: (who: string) => `Взять ответы прошлого клиента (${who})`,
  reusedNotice: (who: string) =>
    `Это ответы прошлого клиента (${who}). Проверьте каждый с сегодняшним клиентом.`,
  lastClient: (time: string, details: string) => `${time}${details ? `: ${details}` : ''}`,
  noConditions: 'без состояний',
  ageShort: (years: string) => `возраст ${years}`,
};

/** The intake form's own strings. */
export type IntakeStrings = Strings;

/** The intake form's strings for a language. */
export function intakeStrings(language: UiLanguage): IntakeStrings {
  return language === 'ru' ? ru : en;
}
