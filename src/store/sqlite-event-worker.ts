// The SQLite writer thread: commits groups of session-event batches on its own connection, so the fsync of each
// commit (synchronous=FULL) blocks this thread and never the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { auditMerged, type BatchOutcome, type EventBatch, eventRow, eventsDetail } from './event-groups.js';
import type { EventsSaved } from './records-store.js';

const db = new SqliteDatabase((workerData as { file: string }).file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');

const insertEvent = db.prepare(
  'INSERT INTO session_events (session_id, id, kind, t, at, body, received_at) VALUES (@session_id, @id, @kind, @t, @at, @body, @received_at) ON CONFLICT (session_id, id) DO NOTHING',
);
const insertAudit = db.prepare(
  'INSERT INTO audit_log (at, user_id, action, target, client_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
);

function saved(b: EventBatch): EventsSaved {
  let stored = 0;
  for (const e of b.events) stored += insertEvent.run(eventRow(b.sessionId, e, b.receivedAt)).changes;
  return { stored, duplicates: b.events.length - stored };
}

function audited(entry: ReturnType<typeof auditMerged>[number]): void {
  insertAudit.run(entry.at, entry.userId, entry.action, entry.target, entry.clientId, entry.detail);
}

const group = db.transaction((batches: readonly EventBatch[]) => {
  const out = batches.map(saved);
  for (const entry of auditMerged(batches, out)) audited(entry);
  return out;
});

const single = db.transaction((b: EventBatch) => {
  const s = saved(b);
  audited({ ...b.audit, detail: eventsDetail(s) });
  return s;
});

parentPort?.on('message', (message: { id: number; batches: EventBatch[] } | { close: true }) => {
  if ('close' in message) {
    db.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  let outcomes: BatchOutcome[];
  try {
    outcomes = group(message.batches).map((s) => ({ ok: true, saved: s }));
  } catch {
    // One bad batch (its session deleted meanwhile, say) fails alone.
    outcomes = message.batches.map((b) => {
      try {
        return { ok: true, saved: single(b) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });
  }
  parentPort?.postMessage({ id: message.id, outcomes });
});

// Ready: the server starts taking writes only now.
parentPort?.postMessage({ ready: true });
