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

function subjectiveOf(intake: Intake | null): string {
  if (!intake) return '';
  const lines: string[] = [];
  for (const c of intake.conditions) {
    const details = [
      c.side,
      c.severity,
      c.region,
      c.kind,
      c.weeks === undefined ? undefined : `${c.weeks} weeks`,
    ]
      .concat(c.isCleared ? ['cleared by a doctor'] : [])
      .filter((d): d is string => typeof d === 'string');
    lines.push(`Condition: ${c.id}${details.length > 0 ? ` (${details.join(', ')})` : ''}.`);
  }
  if (intake.conditions.length === 0) lines.push('No conditions reported.');
  for (const a of intake.avoidRegions)
    lines.push(`Asked not to be touched: ${a.region}${a.side ? ` (${a.side})` : ''}.`);
  lines.push(
    `Pressure: no more than ${intake.pressurePreference} of 5. Session of ${intake.minutes} minutes.`,
  );
  return lines.join('\n');
}

function eventLine(e: SessionEvent): string | null {
  const where = [e.stepId, e.side].filter((p): p is string => typeof p === 'string').join(', ');
  const at = `${clockText(e.t)}${where ? ` (${where})` : ''}`;
  switch (e.kind) {
    case 'pain':
      return `${at}: pain ${e.level ?? '?'}/10${e.region ? ` at ${e.region}` : ''}.`;
    case 'pressure-lowered':
      return `${at}: pressure lowered${e.pressure ? ` to ${e.pressure}` : ''}.`;
    case 'no-relaxation':
    case 'give-up':
      return `${at}: the client did not relax; moved on.`;
    case 'retry':
      return `${at}: tried again${e.attempt ? ` (try ${e.attempt})` : ''}.`;
    case 'skip':
      return `${at}: step skipped.`;
    case 'stop':
      return `${at}: session stopped.`;
    default:
      return null;
  }
}

function objectiveOf(events: readonly SessionEvent[]): string {
  if (events.length === 0) return '';
  const ordered = eventsOrdered(events);
  const last = ordered.at(-1);
  const ended = endReasonOf(ordered);
  const lines = [
    `Session ran ${clockText(last?.t ?? 0)}${ended ? `, ${ended === 'pain' ? 'ended for pain' : ended}` : ', not ended'}.`,
  ];
  for (const e of ordered) {
    const line = eventLine(e);
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

/** Notes drafted from the intake (subjective) and the session's events (objective); the rest left to the therapist. */
export function notesPrefilled(intake: Intake | null, events: readonly SessionEvent[]): SoapNotes {
  return { subjective: subjectiveOf(intake), objective: objectiveOf(events), assessment: '', plan: '' };
}
