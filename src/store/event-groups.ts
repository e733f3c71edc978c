// What a group commit of session events writes, shared by the Kysely path and the SQLite writer thread: the rows of
// an event and the audit lines of a group.
import type { SessionEvent } from '../core/records/session-event.js';
import type { AuditInput, EventsSaved } from './records-store.js';

/** One request's events for a session, with who sent them (its audit line, less the counts). */
export interface EventBatch {
  readonly sessionId: string;
  readonly events: readonly SessionEvent[];
  readonly receivedAt: string;
  readonly audit: Omit<AuditInput, 'detail'>;
}

/** How a batch of a group fared. */
export type BatchOutcome =
  | { readonly ok: true; readonly saved: EventsSaved }
  | { readonly ok: false; readonly error: string };

/** Writes a group of batches durably (one commit when it can); answers each batch in order. */
export type GroupCommit = (batches: readonly EventBatch[]) => Promise<BatchOutcome[]>;

/** The audit line's words for a number of events written. */
export function eventsDetail(saved: EventsSaved, requests = 1): string {
  return `${saved.stored} new, ${saved.duplicates} again${requests > 1 ? ` (${requests} requests)` : ''}`;
}

/**
 * The audit lines of a group: one per account, action and session (the batches' counts added up), not one per
 * request, so a burst of small batches does not double the writes. Each line still says who wrote how much where.
 */
export function auditMerged(batches: readonly EventBatch[], saved: readonly EventsSaved[]): AuditInput[] {
  const merged = new Map<
    string,
    { first: EventBatch; stored: number; duplicates: number; requests: number }
  >();
  for (const [i, b] of batches.entries()) {
    const key = `${b.audit.userId ?? ''}|${b.audit.action}|${b.audit.target}|${b.audit.clientId ?? ''}`;
    const m = merged.get(key) ?? { first: b, stored: 0, duplicates: 0, requests: 0 };
    m.stored += saved[i]!.stored;
    m.duplicates += saved[i]!.duplicates;
    m.requests++;
    merged.set(key, m);
  }
  return [...merged.values()].map((m) => ({
    ...m.first.audit,
    detail: eventsDetail({ stored: m.stored, duplicates: m.duplicates }, m.requests),
  }));
}

/** An event as a session_events row's values (the whole event kept as JSON in `body`). */
export function eventRow(sessionId: string, e: SessionEvent, receivedAt: string) {
  return {
    session_id: sessionId,
    id: e.id,
    kind: e.kind,
    t: e.t,
    at: e.at,
    body: JSON.stringify(e),
    received_at: receivedAt,
  };
}
