// In-memory copies of the two reads every event write makes: the logged-in session of its cookie and the session
// row it writes to (its owner). Only for a database that this process alone changes (SQLite): a logout or a
// client's deletion in another process would not reach this cache. A cached session carries its user (role
// included): a store method that ever changes or deletes users or sessions must drop them here as well.
import type { AuthSession, SessionRow } from './records-store.js';

/** The most entries kept per kind; the oldest goes first. */
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Caches logged-in sessions by token hash and session rows by owner and id; every deletion through the store drops
 * what it deleted before and after it commits.
 *
 * @remarks A read that was under way while something was dropped is answered but not kept (the generation moved), so
 * a row read just before a logout or a deletion committed never comes back from the cache.
 */
export class LookupCache {
  private generation = 0;
  private readonly authSessions = new Map<string, AuthSession>();
  private readonly sessions = new Map<string, SessionRow>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** The logged-in session of a token hash, if it has not expired at `now`: from the cache, else read and kept. */
  async authSession(
    tokenHash: string,
    now: string,
    read: () => Promise<AuthSession | null>,
  ): Promise<AuthSession | null> {
    const hit = this.authSessions.get(tokenHash);
    if (hit === undefined) return this.readThrough(this.authSessions, tokenHash, read);
    // ISO strings of one format compare as the database compares them.
    if (hit.expiresAt > now) return hit;
    this.authSessions.delete(tokenHash);
    return null;
  }

  /** A session of a user: from the cache, else read and kept (a session of another user is another key). */
  session(userId: string, id: string, read: () => Promise<SessionRow | null>): Promise<SessionRow | null> {
    return this.readThrough(this.sessions, `${userId}\n${id}`, read);
  }

  /** Forgets a logged-in session (logout). */
  dropAuthSession(tokenHash: string): void {
    this.generation++;
    this.authSessions.delete(tokenHash);
  }

  /** Forgets every session row (a client's deletion removes its sessions). */
  dropSessions(): void {
    this.generation++;
    this.sessions.clear();
  }

  private async readThrough<T>(map: Map<string, T>, key: string, read: () => Promise<T | null>) {
    const cached = map.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const value = await read();
    if (value !== null && generation === this.generation) {
      if (map.size >= this.maxEntries) {
        const oldest = map.keys().next();
        if (!oldest.done) map.delete(oldest.value);
      }
      map.set(key, value);
    }
    return value;
  }
}
