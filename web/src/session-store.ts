import type { Side } from '../../src/core/ids.js';
import type { Intake } from '../../src/core/intake.js';
import type { PlanResult } from '../../src/core/plan-types.js';
import type { Consent } from '../../src/core/records/client.js';
import type { UiLanguage } from './i18n.js';
import type { IntakeFormValues } from './intake-values.js';
import type { PainParams } from './pain.js';
import type { StepRetries } from './step-retry.js';

/** The screen the session is on. */
export type Stage = 'intake' | 'plan' | 'player' | 'summary';

/** What happened during a session, at a session time `t` (seconds) and a wall-clock time `at` (ISO). */
export interface SessionEvent {
  readonly kind:
    | 'start'
    | 'pause'
    | 'resume'
    | 'next'
    | 'previous'
    | 'pain'
    | 'pressure-lowered'
    | 'go-on'
    | 'no-relaxation'
    | 'retry'
    | 'give-up'
    | 'stop'
    | 'finish';
  readonly t: number;
  readonly at: string;
  readonly stepId: string | null;
  readonly side: Side | null;
  readonly region?: string;
  readonly level?: number;
  readonly pressure?: number | null;
  /** Where a seek (next, previous, retry, give-up) went, session seconds. */
  readonly to?: number;
  /** Which try of a step's bounded retry this was (1, 2 …). */
  readonly attempt?: number;
}

/** The therapist's notes, under SOAP headings. */
export interface SoapNotes {
  readonly subjective: string;
  readonly objective: string;
  readonly assessment: string;
  readonly plan: string;
}

/** Why the session ended. */
export type EndReason = 'finished' | 'stopped' | 'pain';

/** The whole session as saved in the browser: enough to reload into the same screen, step and time. */
export interface SessionState {
  readonly version: 1;
  readonly id: string;
  readonly stage: Stage;
  readonly form: IntakeFormValues;
  readonly intake: Intake | null;
  readonly plan: PlanResult | null;
  /** Safety-check problems of the plan (none for a planner that works). */
  readonly violations: readonly string[];
  readonly painParams: PainParams | null;
  /** The routine's step retries (missing in sessions saved before they existed). */
  readonly retries?: StepRetries;
  readonly acknowledged: readonly string[];
  readonly events: readonly SessionEvent[];
  /** Session time, seconds. */
  readonly t: number;
  readonly endReason: EndReason | null;
  readonly notes: SoapNotes;
  readonly savedRecordId: string | null;
  /** The previous session's answers, offered on a new session's empty form (never applied by themselves). */
  readonly lastAnswers?: { readonly form: IntakeFormValues; readonly at: string } | null;
  /** Set when the form holds the previous client's answers by the user's choice: whose they are. */
  readonly reusedFrom?: string | null;
  /** The client this session is recorded for on the records server (absent: kept in this browser only). */
  readonly recordsClient?: RecordsClientLink | null;
}

/** The client a session records to, and the consent taken for it. */
export interface RecordsClientLink {
  readonly id: string;
  readonly name: string;
  readonly consent: Consent;
}

/** A finished session as kept in the records (until the records server exists, in localStorage). */
export interface SessionRecord {
  readonly version: 1;
  readonly id: string;
  readonly savedAt: string;
  readonly intake: Intake | null;
  readonly plan: PlanResult | null;
  readonly events: readonly SessionEvent[];
  readonly endReason: EndReason | null;
  readonly notes: SoapNotes;
}

const SESSION_KEY = 'massage-coach.session.v1';
const POSITION_KEY = 'massage-coach.position.v1';
const RECORDS_KEY = 'massage-coach.records.v1';

/** Empty SOAP notes. */
export const EMPTY_NOTES: SoapNotes = { subjective: '', objective: '', assessment: '', plan: '' };

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Saves the session (on every event); a full or missing storage is not an error for the massage. */
export function sessionSaved(state: SessionState): void {
  try {
    storage()?.setItem(SESSION_KEY, JSON.stringify(state));
    storage()?.setItem(POSITION_KEY, JSON.stringify({ id: state.id, t: state.t }));
  } catch {
    // Quota exceeded or storage disabled: the session goes on unsaved.
  }
}

/** Saves only the playback position (every few seconds while playing). */
export function positionSaved(id: string, t: number): void {
  try {
    storage()?.setItem(POSITION_KEY, JSON.stringify({ id, t }));
  } catch {
    // As above.
  }
}

function isSessionState(value: unknown): value is SessionState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    typeof v.id === 'string' &&
    typeof v.stage === 'string' &&
    typeof v.form === 'object' &&
    Array.isArray(v.events) &&
    typeof v.t === 'number'
  );
}

/** The saved session, with the newest saved position, or null when there is none (or it is unreadable). */
export function sessionLoaded(): SessionState | null {
  try {
    const raw = storage()?.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isSessionState(parsed)) return null;
    const position: unknown = JSON.parse(storage()?.getItem(POSITION_KEY) ?? 'null');
    if (
      typeof position === 'object' &&
      position !== null &&
      (position as { id?: unknown }).id === parsed.id &&
      typeof (position as { t?: unknown }).t === 'number'
    ) {
      return { ...parsed, t: Math.max(parsed.t, (position as { t: number }).t) };
    }
    return parsed;
  } catch {
    return null;
  }
}

/** Forgets the current session (a new one starts). */
export function sessionCleared(): void {
  storage()?.removeItem(SESSION_KEY);
  storage()?.removeItem(POSITION_KEY);
}

/** Every record saved on this device, oldest first. */
export function recordsLoaded(): SessionRecord[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(RECORDS_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SessionRecord[]) : [];
  } catch {
    return [];
  }
}

/** Adds (or replaces, by id) a record; returns false when storage refused it. */
export function recordSaved(record: SessionRecord): boolean {
  try {
    const records = recordsLoaded().filter((r) => r.id !== record.id);
    records.push(record);
    storage()?.setItem(RECORDS_KEY, JSON.stringify(records));
    return true;
  } catch {
    return false;
  }
}

/** A fresh session id. */
export function sessionIdNew(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  );
}

/** A new session on the intake screen. */
export function sessionInitial(form: IntakeFormValues): SessionState {
  return {
    version: 1,
    id: sessionIdNew(),
    stage: 'intake',
    form,
    intake: null,
    plan: null,
    violations: [],
    painParams: null,
    acknowledged: [],
    events: [],
    t: 0,
    endReason: null,
    notes: EMPTY_NOTES,
    savedRecordId: null,
  };
}

/** The language a new visitor most likely reads. */
export function languageGuessed(): UiLanguage {
  return globalThis.navigator?.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}
