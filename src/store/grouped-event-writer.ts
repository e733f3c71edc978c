import type { SessionEvent } from '../core/records/session-event.js';
import {
  auditMerged,
  type BatchOutcome,
  type EventBatch,
  eventsDetail,
  type GroupCommit,
} from './event-groups.js';
import type { AuditInput, EventsSaved, RecordsStore } from './records-store.js';

interface Pending extends EventBatch {
  resolve(saved: EventsSaved): void;
  reject(error: unknown): void;
}

/** Group commit through the store's own transactions (PostgreSQL, or SQLite kept in memory). */
export function storeGroupCommit(store: RecordsStore): GroupCommit {
  const one = (tx: RecordsStore, b: EventBatch) => tx.saveEvents(b.sessionId, b.events, b.receivedAt);
  return async (batches) => {
    try {
      const saved = await store.transaction(async (tx) => {
        const out: EventsSaved[] = [];
        for (const b of batches) out.push(await one(tx, b));
        for (const entry of auditMerged(batches, out)) await tx.addAudit(entry);
        return out;
      });
      return saved.map((s) => ({ ok: true, saved: s }));
    } catch {
      // One bad batch (its session deleted meanwhile, say) fails alone: the others are written one by one.
      const outcomes: BatchOutcome[] = [];
      for (const b of batches) {
        try {
          const saved = await store.transaction(async (tx) => {
            const s = await one(tx, b);
            await tx.addAudit({ ...b.audit, detail: eventsDetail(s) });
            return s;
          });
          outcomes.push({ ok: true, saved });
        } catch (error) {
          outcomes.push({ ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return outcomes;
    }
  };
}

/**
 * Saves event batches with group commit: the batches that arrive while a group commits are written together in the
 * next one, so many writers share one fsync; each is answered only after its group has committed.
 */
export class GroupedEventWriter {
  private queue: Pending[] = [];
  private isFlushing = false;
  private readonly commit: GroupCommit;

  constructor(
    target: RecordsStore | GroupCommit,
    private readonly maxGroup = 256,
  ) {
    this.commit =
      typeof target === 'function' ? target : (target.eventGroupCommit ?? storeGroupCommit(target));
  }

  /** Saves one batch of a session's events with its audit line; resolves once both are durable. */
  saveEvents(
    sessionId: string,
    events: readonly SessionEvent[],
    receivedAt: string,
    audit: Omit<AuditInput, 'detail'>,
  ): Promise<EventsSaved> {
    return new Promise((resolve, reject) => {
      this.queue.push({ sessionId, events, receivedAt, audit, resolve, reject });
      if (!this.isFlushing) {
        this.isFlushing = true;
        // Let the requests already received reach the queue first: they join this group.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.isFlushing = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxGroup);
        let outcomes: BatchOutcome[];
        try {
          outcomes = await this.commit(group);
        } catch (error) {
          for (const p of group) p.reject(error);
          continue;
        }
        for (const [i, p] of group.entries()) {
          const o = outcomes[i];
          if (o?.ok) p.resolve(o.saved);
          else p.reject(new Error(o ? o.error : 'the write was not answered'));
        }
        // The requests read while this group committed join the next one.
        await new Promise((next) => setImmediate(next));
      }
    } finally {
      this.isFlushing = false;
    }
  }
}
