// The records screens' words in English and Russian (the rest of the app's are in i18n.ts).
import type { UiLanguage } from './i18n.js';

const en = {
  title: 'Clients and records',
  back: 'Back to the session',
  connecting: 'Connecting to the records server…',
  unreachable: 'The records server cannot be reached. The player still works without it.',
  setupTitle: 'Set up the owner account',
  loginTitle: 'Log in to keep client records',
  email: 'E-mail',
  name: 'Name',
  password: 'Password',
  createOwner: 'Create the owner account',
  logIn: 'Log in',
  loggedInAs: (name: string, role: string) =>
    `Logged in as ${name} (${role === 'owner' ? 'owner' : 'therapist'}).`,
  logOut: 'Log out',
  localSessions: (n: number) => `${n} session(s) saved in this browser before you logged in.`,
  importInto: 'Import them into your records',
  importClientName: 'Sessions saved in this browser',
  imported: (n: number, client: string) => `Imported ${n} session(s) into “${client}”.`,
  clients: 'Clients',
  noClients: 'No clients yet.',
  newClientName: 'New client’s name',
  addClient: 'Add client',
  allClients: '← All clients',
  newSession: 'New session',
  consent: (client: string, by: string) =>
    `${client} has given informed consent to the massage (taken by ${by})`,
  fromLast: (date: string) => `Start from the last intake (${date})`,
  startIntake: (client: string) => `Start the intake for ${client}`,
  intakes: 'Intakes',
  noIntakes: 'No intakes yet.',
  intakeLine: (o: {
    when: string;
    version: number;
    minutes: number;
    pressure: number;
    conditions: string;
    consent: boolean;
    consentAt: string;
    takenBy: string;
  }) =>
    `${o.when} — version ${o.version}: ${o.minutes} min, pressure ≤ ${o.pressure}, ${o.conditions || 'no conditions'}; consent ${o.consent ? 'given' : 'refused'} ${o.consentAt} to ${o.takenBy}`,
  sessions: 'Sessions',
  noSessions: 'No sessions yet.',
  endReason: (reason: string | null): string =>
    reason === 'finished'
      ? 'finished'
      : reason === 'stopped'
        ? 'stopped early'
        : reason === 'pain'
          ? 'ended for pain'
          : 'not ended',
  eventCount: (n: number) => `${n} events`,
  painReports: 'Pain reports',
  painBack: 'Pain reported on the back',
  painFront: 'Pain reported on the front',
  clientLeft: 'client’s left',
  clientRight: 'client’s right',
  painItem: (time: string, level: number, region: string, side: string) =>
    `${time}: ${level}/10 — ${region}${side ? `, ${side}` : ''}`,
  sideWord: (side: string | null): string =>
    side === 'left' ? 'left side' : side === 'right' ? 'right side' : '',
  noRegion: 'no area given',
  events: 'Events',
  eventKind: (kind: string) => kind,
  notesFields: {
    subjective: 'Subjective',
    objective: 'Objective',
    assessment: 'Assessment',
    plan: 'Plan',
  } as Readonly<Record<'subjective' | 'objective' | 'assessment' | 'plan', string>>,
  saveNotes: 'Save notes',
  notesSaved: 'saved',
  notesDrafted: 'drafted from the intake and the events',
  privacy: 'Privacy',
  exportAll: (client: string) => `Export everything kept about ${client} (JSON)`,
  deleteAll: (client: string) => `Delete ${client} and all their records`,
  deleteConfirm: (client: string) => `Delete ${client} and every record of them? This cannot be undone.`,
};

type RecordsStrings = typeof en;

const EVENT_KINDS_RU: Readonly<Record<string, string>> = {
  start: 'начало',
  pause: 'пауза',
  resume: 'продолжение',
  next: 'дальше',
  previous: 'назад',
  skip: 'пропуск',
  pain: 'боль',
  'pressure-lowered': 'давление снижено',
  'go-on': 'продолжили',
  'no-relaxation': 'нет расслабления',
  stop: 'стоп',
  finish: 'конец',
  retry: 'повтор',
  'give-up': 'отказ от приёма',
};

const ru: RecordsStrings = {
  title: 'Клиенты и записи',
  back: 'Вернуться к сеансу',
  connecting: 'Подключение к серверу записей…',
  unreachable: 'Сервер записей недоступен. Плеер работает и без него.',
  setupTitle: 'Создайте учётную запись владельца',
  loginTitle: 'Войдите, чтобы вести записи клиентов',
  email: 'Эл. почта',
  name: 'Имя',
  password: 'Пароль',
  createOwner: 'Создать учётную запись владельца',
  logIn: 'Войти',
  loggedInAs: (name, role) => `Вы вошли как ${name} (${role === 'owner' ? 'владелец' : 'массажист'}).`,
  logOut: 'Выйти',
  localSessions: (n) => `Сеансов, сохранённых в этом браузере до входа: ${n}.`,
  importInto: 'Перенести их в ваши записи',
  importClientName: 'Сеансы из этого браузера',
  imported: (n, client) => `Перенесено сеансов: ${n}, клиент «${client}».`,
  clients: 'Клиенты',
  noClients: 'Клиентов пока нет.',
  newClientName: 'Имя нового клиента',
  addClient: 'Добавить клиента',
  allClients: '← Все клиенты',
  newSession: 'Новый сеанс',
  consent: (client, by) => `${client} дал(а) информированное согласие на массаж (принял(а): ${by})`,
  fromLast: (date) => `Начать с последней анкеты (${date})`,
  startIntake: (client) => `Заполнить анкету: ${client}`,
  intakes: 'Анкеты',
  noIntakes: 'Анкет пока нет.',
  intakeLine: (o) =>
    `${o.when} — версия ${o.version}: ${o.minutes} мин, давление не больше ${o.pressure}, ${o.conditions || 'без ограничений по здоровью'}; согласие ${o.consent ? 'дано' : 'не дано'} ${o.consentAt}, принял(а): ${o.takenBy}`,
  sessions: 'Сеансы',
  noSessions: 'Сеансов пока нет.',
  endReason: (reason) =>
    reason === 'finished'
      ? 'проведён до конца'
      : reason === 'stopped'
        ? 'закончен раньше'
        : reason === 'pain'
          ? 'прекращён из-за боли'
          : 'не закончен',
  eventCount: (n) => `событий: ${n}`,
  painReports: 'Жалобы на боль',
  painBack: 'Боль на спине и задней стороне тела',
  painFront: 'Боль на передней стороне тела',
  clientLeft: 'левая сторона клиента',
  clientRight: 'правая сторона клиента',
  painItem: (time, level, region, side) => `${time}: ${level} из 10 — ${region}${side ? `, ${side}` : ''}`,
  sideWord: (side) => (side === 'left' ? 'слева' : side === 'right' ? 'справа' : ''),
  noRegion: 'место не указано',
  events: 'События',
  eventKind: (kind) => EVENT_KINDS_RU[kind] ?? kind,
  notesFields: {
    subjective: 'S — жалобы',
    objective: 'O — наблюдения',
    assessment: 'A — оценка',
    plan: 'P — план',
  },
  saveNotes: 'Сохранить заметки',
  notesSaved: 'сохранено',
  notesDrafted: 'черновик по анкете и событиям сеанса',
  privacy: 'Конфиденциальность',
  exportAll: (client) => `Выгрузить всё, что хранится о клиенте ${client} (JSON)`,
  deleteAll: (client) => `Удалить клиента ${client} и все его записи`,
  deleteConfirm: (client) => `Удалить клиента ${client} и все его записи? Это нельзя отменить.`,
};

/** The records screens' words for a language. */
export function recordsText(language: UiLanguage): RecordsStrings {
  return language === 'ru' ? ru : en;
}
