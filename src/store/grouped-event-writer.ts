import type { SessionEvent } from '../core/records/session-event.js';
import type { AuditInput, EventsSaved, RecordsStore } from './records-store.js';

interface Pending {
  readonly sessionId: string;
  readonly events: readonly SessionEvent[];
  readonly receivedAt: string;
  readonly audit: (saved: EventsSaved) => AuditInput;
  resolve(saved: EventsSaved): void;
  reject(error: unknown): void;
}

/**
 * Saves event batches with group commit: the batches that arrive while a transaction commits are written together
 * in the next one, so many writers share one fsync; each is answered only after its transaction has committed.
 *
 * @remarks A failing group is retried batch by batch, so one bad batch (a session deleted meanwhile) fails alone.
 */
export class GroupedEventWriter {
  private queue: Pending[] = [];
  private isFlushing = false;

  constructor(
    private readonly store: RecordsStore,
    private readonly maxGroup = 256,
  ) {}

  /** Saves one batch of a session's events with its audit line; resolves once both are durable. */
  saveEvents(
    sessionId: string,
    events: readonly SessionEvent[],
    receivedAt: string,
    audit: (saved: EventsSaved) => AuditInput,
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
        // better-sqlite3 commits synchronously: the requests that arrive meanwhile wait for the next group.
        try {
          const results = await this.store.transaction(async (tx) => {
            const out: EventsSaved[] = [];
            for (const p of group) {
              const saved = await tx.saveEvents(p.sessionId, p.events, p.receivedAt);
              await tx.addAudit(p.audit(saved));
              out.push(saved);
            }
            return out;
          });
          for (const [i, p] of group.entries()) p.resolve(results[i]!);
          await new Promise((next) => setImmediate(next));
        } catch {
          for (const p of group) {
            try {
              p.resolve(
                await this.store.transaction(async (tx) => {
                  const saved = await tx.saveEvents(p.sessionId, p.events, p.receivedAt);
                  await tx.addAudit(p.audit(saved));
                  return saved;
                }),
              );
            } catch (error) {
              p.reject(error);
            }
          }
        }
      }
    } finally {
      this.isFlushing = false;
    }
  }
}
