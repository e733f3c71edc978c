// The player's events on their way to the records server: kept in localStorage until the server has them, so a
// dropped network or a reload loses nothing; each event carries its own id, so a resend is never stored twice.
import type { Intake } from '../../src/core/intake.js';
import type { Consent } from '../../src/core/records/client.js';
import type { SessionEventInput } from '../../src/core/records/session-event.js';

const OUTBOX_KEY = 'massage-coach.outbox.v1';
/** The most events sent in one request. */
export const OUTBOX_BATCH = 200;

/** What a local session needs to become a session on the server. */
export interface SessionLink {
  readonly clientId: string;
  readonly intake: Intake;
  readonly consent: Consent;
  /** The server's session id once it exists. */
  readonly serverId: string | null;
}

/** The outbox as stored. */
export interface OutboxState {
  readonly links: Readonly<Record<string, SessionLink>>;
  readonly pending: readonly { readonly localId: string; readonly event: SessionEventInput }[];
}

/** How the outbox reaches the server. */
export interface OutboxTransport {
  /** Creates the server's session (intake, plan, session) and returns its id. */
  sessionCreated(link: SessionLink): Promise<string>;
  /** Sends events; throws on failure. */
  eventsSent(serverId: string, events: readonly SessionEventInput[]): Promise<void>;
  /** True when a failure may pass (offline, server down); false when the server refused for good. */
  isRetryable(error: unknown): boolean;
}

/** Where the outbox keeps its state (localStorage in the browser). */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const EMPTY: OutboxState = { links: {}, pending: [] };

/** Queues events per local session and sends them when it can. */
export class EventOutbox {
  private isSending = false;

  constructor(
    private readonly storage: OutboxStorage | null,
    private readonly transport: OutboxTransport,
  ) {}

  /** The stored state (empty when storage is missing or unreadable). */
  state(): OutboxState {
    try {
      const raw = this.storage?.getItem(OUTBOX_KEY);
      return raw ? (JSON.parse(raw) as OutboxState) : EMPTY;
    } catch {
      return EMPTY;
    }
  }

  private save(state: OutboxState): void {
    try {
      this.storage?.setItem(OUTBOX_KEY, JSON.stringify(state));
    } catch {
      // A full storage keeps the events in memory only for this page.
    }
  }

  /** Says which client, intake and consent a local session records to. */
  link(localId: string, link: Omit<SessionLink, 'serverId'>): void {
    const state = this.state();
    if (state.links[localId]) return;
    this.save({ ...state, links: { ...state.links, [localId]: { ...link, serverId: null } } });
  }

  /** True when the local session records to a client. */
  isLinked(localId: string): boolean {
    return this.state().links[localId] !== undefined;
  }

  /** Queues one event of a linked local session (an event id already queued is kept once). */
  enqueue(localId: string, event: SessionEventInput): void {
    const state = this.state();
    if (!state.links[localId]) return;
    if (state.pending.some((p) => p.localId === localId && p.event.id === event.id)) return;
    this.save({ ...state, pending: [...state.pending, { localId, event }] });
  }

  /** How many events wait for the server. */
  pendingCount(): number {
    return this.state().pending.length;
  }

  /** Sends what it can: creates missing server sessions, then the events in order; stops at the first failure. */
  async flush(): Promise<{ sent: number; isDone: boolean }> {
    if (this.isSending) return { sent: 0, isDone: false };
    this.isSending = true;
    let sent = 0;
    try {
      for (const [localId, link] of Object.entries(this.state().links)) {
        if (link.serverId !== null) continue;
        const serverId = await this.transport.sessionCreated(link);
        const state = this.state();
        const current = state.links[localId];
        if (current) this.save({ ...state, links: { ...state.links, [localId]: { ...current, serverId } } });
      }
      for (;;) {
        const state = this.state();
        const first = state.pending[0];
        if (!first) return { sent, isDone: true };
        const serverId = state.links[first.localId]?.serverId;
        const batch = state.pending.filter((p) => p.localId === first.localId).slice(0, OUTBOX_BATCH);
        const ids = new Set(batch.map((p) => p.event.id));
        const isSent = (p: { localId: string; event: SessionEventInput }) =>
          p.localId === first.localId && ids.has(p.event.id);
        if (serverId) {
          try {
            await this.transport.eventsSent(
              serverId,
              batch.map((p) => p.event),
            );
          } catch (error) {
            if (this.transport.isRetryable(error)) throw error;
            // Refused for good (a malformed event): waiting would block every later event behind it.
          }
        }
        const after = this.state();
        this.save({ ...after, pending: after.pending.filter((p) => !isSent(p)) });
        sent += batch.length;
      }
    } catch {
      return { sent, isDone: false };
    } finally {
      this.isSending = false;
    }
  }
}
