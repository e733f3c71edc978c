import { z } from 'zod';
import type { Intake } from '../intake.js';
import { endReasonOf, eventsOrdered, type SessionEvent } from './session-event.js';

const NoteText = z.string().max(20_000, 'a note has at most 20,000 characters');

/** The therapist's notes under SOAP headings (subjective, objective, assessment, plan). */
export const SoapNotes = z
  .object({ subjective: NoteText, objective: NoteText, assessment: NoteText, plan: NoteText })
  .strict();
export type SoapNotes = z.infer<typeof SoapNotes>;

/** Empty SOAP notes. */
export const EMPTY_NOTES: SoapNotes = { subjective: '', objective: '', assessment: '', plan: '' };

function clockText(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The drafted notes' phrases in each language the app speaks (ids of conditions and areas stay as they are). */
const PHRASES = {
  en: {
    weeks: (n: number) => `${n} weeks`,
    cleared: 'cleared by a doctor',
    condition: (id: string, details: string) => `Condition: ${id}${details ? ` (${details})` : ''}.`,
    noConditions: 'No conditions reported.',
    avoid: (region: string, side: string) => `Asked not to be touched: ${region}${side ? ` (${side})` : ''}.`,
    pressure: (p: number, minutes: number) =>
      `Pressure: no more than ${p} of 5. Session of ${minutes} minutes.`,
    pain: (at: string, level: string, region: string) =>
      `${at}: pain ${level}/10${region ? ` at ${region}` : ''}.`,
    lowered: (at: string, to: string) => `${at}: pressure lowered${to ? ` to ${to}` : ''}.`,
    noRelaxation: (at: string) => `${at}: the client did not relax; moved on.`,
    retry: (at: string, attempt: string) => `${at}: tried again${attempt ? ` (try ${attempt})` : ''}.`,
    skip: (at: string) => `${at}: step skipped.`,
    stop: (at: string) => `${at}: session stopped.`,
    ran: (time: string, ended: 'finished' | 'stopped' | 'pain' | null) =>
      `Session ran ${time}, ${ended === 'pain' ? 'ended for pain' : ended === null ? 'not ended' : ended}.`,
  },
  ru: {
    weeks: (n: number) => `${n} нед.`,
    cleared: 'врач разрешил массаж',
    condition: (id: string, details: string) => `Состояние: ${id}${details ? ` (${details})` : ''}.`,
    noConditions: 'Ограничений по здоровью не названо.',
    avoid: (region: string, side: string) => `Просит не трогать: ${region}${side ? ` (${side})` : ''}.`,
    pressure: (p: number, minutes: number) => `Давление: не больше ${p} из 5. Сеанс на ${minutes} мин.`,
    pain: (at: string, level: string, region: string) =>
      `${at}: боль ${level} из 10${region ? `, ${region}` : ''}.`,
    lowered: (at: string, to: string) => `${at}: давление снижено${to ? ` до ${to}` : ''}.`,
    noRelaxation: (at: string) => `${at}: клиент не расслабился; перешли дальше.`,
    retry: (at: string, attempt: string) => `${at}: повтор${attempt ? ` (попытка ${attempt})` : ''}.`,
    skip: (at: string) => `${at}: приём пропущен.`,
    stop: (at: string) => `${at}: сеанс остановлен.`,
    ran: (time: string, ended: 'finished' | 'stopped' | 'pain' | null) =>
      `Сеанс длился ${time}, ${ended === 'pain' ? 'прекращён из-за боли' : ended === 'finished' ? 'проведён до конца' : ended === 'stopped' ? 'остановлен' : 'не закончен'}.`,
  },
};
type Phrases = (typeof PHRASES)['en'];

function subjectiveOf(intake: Intake | null, t: Phrases): string {
  if (!intake) return '';
  const lines: string[] = [];
  for (const c of intake.conditions) {
    const details = [
      c.side,
      c.severity,
      c.region,
      c.kind,
      c.weeks === undefined ? undefined : t.weeks(c.weeks),
    ]
      .concat(c.isCleared ? [t.cleared] : [])
      .filter((d): d is string => typeof d === 'string');
    lines.push(t.condition(c.id, details.join(', ')));
  }
  if (intake.conditions.length === 0) lines.push(t.noConditions);
  for (const a of intake.avoidRegions) lines.push(t.avoid(a.region, a.side ?? ''));
  lines.push(t.pressure(intake.pressurePreference, intake.minutes));
  return lines.join('\n');
}

function eventLine(e: SessionEvent, t: Phrases): string | null {
  const where = [e.stepId, e.side].filter((p): p is string => typeof p === 'string').join(', ');
  const at = `${clockText(e.t)}${where ? ` (${where})` : ''}`;
  switch (e.kind) {
    case 'pain':
      return t.pain(at, e.level === undefined ? '?' : String(e.level), e.region ?? '');
    case 'pressure-lowered':
      return t.lowered(at, e.pressure ? String(e.pressure) : '');
    case 'no-relaxation':
    case 'give-up':
      return t.noRelaxation(at);
    case 'retry':
      return t.retry(at, e.attempt ? String(e.attempt) : '');
    case 'skip':
      return t.skip(at);
    case 'stop':
      return t.stop(at);
    default:
      return null;
  }
}

function objectiveOf(events: readonly SessionEvent[], t: Phrases): string {
  if (events.length === 0) return '';
  const ordered = eventsOrdered(events);
  const last = ordered.at(-1);
  const lines = [t.ran(clockText(last?.t ?? 0), endReasonOf(ordered))];
  for (const e of ordered) {
    const line = eventLine(e, t);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Notes drafted from the intake (subjective) and the session's events (objective), in the intake's language; the
 * rest left to the therapist.
 */
export function notesPrefilled(intake: Intake | null, events: readonly SessionEvent[]): SoapNotes {
  const t = PHRASES[intake?.language === 'ru' ? 'ru' : 'en'];
  return { subjective: subjectiveOf(intake, t), objective: objectiveOf(events, t), assessment: '', plan: '' };
}
