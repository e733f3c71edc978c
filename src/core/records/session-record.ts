import { z } from 'zod';
import { Intake } from '../intake.js';
import { PlanSnapshot } from './plan-snapshot.js';
import { legacyEventId, SessionEvent } from './session-event.js';
import { EMPTY_NOTES, SoapNotes } from './soap-notes.js';
import { type Migration, recordMigrated } from './versioned.js';

/** The version a session record is written at. */
export const SESSION_RECORD_VERSION = 2;

/** A session as run: its intake and plan, the player's events and the therapist's notes. */
export const SessionRecord = z
  .object({
    version: z.literal(SESSION_RECORD_VERSION),
    id: z.string().min(1).max(100),
    savedAt: z.iso.datetime({ offset: true }),
    intake: Intake.nullable(),
    plan: PlanSnapshot.nullable(),
    events: z.array(SessionEvent).max(20_000),
    endReason: z.enum(['finished', 'stopped', 'pain']).nullable(),
    notes: SoapNotes,
  })
  .strict();
export type SessionRecord = z.infer<typeof SessionRecord>;

/** Migrations of a session record, one per older version. */
export const SESSION_RECORD_MIGRATIONS: readonly Migration[] = [
  {
    // Version 1 (the browser before the records server): events had no ids.
    from: 1,
    migrate(record) {
      const id = typeof record.id === 'string' ? record.id : '';
      const events = Array.isArray(record.events) ? record.events : [];
      return {
        ...record,
        events: events.map((e: unknown, index) =>
          typeof e === 'object' && e !== null && !('id' in e) ? { id: legacyEventId(id, index), ...e } : e,
        ),
        notes: record.notes ?? EMPTY_NOTES,
      };
    },
  },
];

/** A stored or sent session record at the current version, or the field that is wrong and why. */
export function sessionRecordMigrated(
  value: unknown,
): { ok: true; record: SessionRecord } | { ok: false; field: string; reason: string } {
  const migrated = recordMigrated(value, SESSION_RECORD_VERSION, SESSION_RECORD_MIGRATIONS);
  if (!migrated.ok) return { ok: false, field: 'version', reason: migrated.reason };
  const parsed = SessionRecord.safeParse(migrated.value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    field: issue ? issue.path.map(String).join('.') || '(root)' : '(root)',
    reason: issue?.message ?? 'invalid',
  };
}
