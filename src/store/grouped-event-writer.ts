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
      // One statement for the group's events (a round trip each on PostgreSQL), then its few audit lines.
      const saved = await store.transaction(async (tx) => {
        const out = await tx.saveEventBatches(batches);
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

/** How a GroupedEventWriter groups: the most batches in one commit, the most commits under way at once. */
export interface GroupLimits {
  readonly maxGroup: number;
  /**
   * Commits handed over before the last one is answered: with 2 the next group waits at the database while one
   * commits, so the fsyncs follow each other without the round trip to the server in between.
   */
  readonly maxInFlight: number;
}

const DEFAULT_LIMITS: GroupLimits = { maxGroup: 256, maxInFlight: 2 };

/**
 * Saves event batches with group commit: the batches that arrive while a group commits are written together in the
 * next one, so many writers share one fsync; each is answered only after its group has committed.
 */
export class GroupedEventWriter {
  private readonly queue: Pending[] = [];
  private isScheduled = false;
  private inFlight = 0;
  private readonly commit: GroupCommit;

  constructor(
    target: RecordsStore | GroupCommit,
    private readonly limits: GroupLimits = DEFAULT_LIMITS,
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
      this.schedule();
    });
  }

  /** Hands the queue over at the end of this turn of the event loop, when a commit may start. */
  private schedule(): void {
    if (this.isScheduled || this.queue.length === 0 || this.inFlight >= this.limits.maxInFlight) return;
    this.isScheduled = true;
    // Let the requests already received reach the queue first: they join this group.
    setImmediate(() => {
      this.isScheduled = false;
      this.commitNext();
    });
  }

  private commitNext(): void {
    if (this.queue.length === 0 || this.inFlight >= this.limits.maxInFlight) return;
    const group = this.queue.splice(0, this.limits.maxGroup);
    this.inFlight++;
    // Groups reach the database in order; SQLite's writer thread commits them one after another.
    void this.commit(group)
      .then(
        (outcomes) => {
          for (const [i, p] of group.entries()) {
            const o = outcomes[i];
            if (o?.ok) p.resolve(o.saved);
            else p.reject(new Error(o ? o.error : 'the write was not answered'));
          }
        },
        (error: unknown) => {
          for (const p of group) p.reject(error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
    this.schedule();
  }
}
