import { describe, expect, it } from 'vitest';
import { LookupCache } from './lookup-cache.js';
import type { AuthSession, SessionRow } from './records-store.js';

const user = {
  id: 'u1',
  email: 'a@x',
  name: 'A',
  role: 'therapist' as const,
  createdAt: '2026-12-01T00:00:00Z',
};
const auth: AuthSession = { user, csrfToken: 'c', expiresAt: '2026-12-02T12:00:00.000Z' };
const row: SessionRow = {
  id: 's1',
  userId: 'u1',
  planId: null,
  clientId: 'c1',
  createdAt: '2026-12-01T00:00:00Z',
};
const BEFORE = '2026-12-02T11:00:00.000Z';
const AFTER = '2026-12-02T12:00:00.000Z';

/** A read that counts its calls and answers what it is given. */
function counted<T>(value: T | null) {
  const read = {
    calls: 0,
    fn: async () => {
      read.calls++;
      return value;
    },
  };
  return read;
}

/** A read that waits until released (a query still under way). */
function held<T>(value: T) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    fn: async () => {
      await gate;
      return value;
    },
    release: () => release(),
  };
}

describe('LookupCache', () => {
  it('reads a logged-in session once, then answers from memory until it expires', async () => {
    const cache = new LookupCache();
    const read = counted(auth);
    expect(await cache.authSession('h', BEFORE, read.fn)).toBe(auth);
    expect(await cache.authSession('h', BEFORE, read.fn)).toBe(auth);
    expect(read.calls).toBe(1);
    // At its expiry the database would no longer find it: neither does the cache.
    expect(await cache.authSession('h', AFTER, read.fn)).toBeNull();
  });

  it('keeps nothing that was not found', async () => {
    const cache = new LookupCache();
    const read = counted<SessionRow>(null);
    expect(await cache.session('u1', 's1', read.fn)).toBeNull();
    expect(await cache.session('u1', 's1', read.fn)).toBeNull();
    expect(read.calls).toBe(2);
  });

  it('forgets a session at logout and every session row at a client’s deletion', async () => {
    const cache = new LookupCache();
    await cache.authSession('h', BEFORE, counted(auth).fn);
    await cache.session('u1', 's1', counted(row).fn);
    cache.dropAuthSession('h');
    cache.dropSessions();
    expect(await cache.authSession('h', BEFORE, counted<AuthSession>(null).fn)).toBeNull();
    expect(await cache.session('u1', 's1', counted<SessionRow>(null).fn)).toBeNull();
  });

  it('keys a session row by its owner: another user’s read is its own', async () => {
    const cache = new LookupCache();
    await cache.session('u1', 's1', counted(row).fn);
    expect(await cache.session('u2', 's1', counted<SessionRow>(null).fn)).toBeNull();
  });

  it('does not keep a read that was under way when something was dropped', async () => {
    const cache = new LookupCache();
    const slow = held(auth);
    const answer = cache.authSession('h', BEFORE, slow.fn);
    cache.dropAuthSession('h');
    slow.release();
    // The caller gets what was read (the request began before the logout) …
    expect(await answer).toBe(auth);
    // … but the next one reads the database again.
    expect(await cache.authSession('h', BEFORE, counted<AuthSession>(null).fn)).toBeNull();
  });

  it('keeps at most its limit, dropping the oldest', async () => {
    const cache = new LookupCache(2);
    for (const id of ['s1', 's2', 's3']) await cache.session('u1', id, counted({ ...row, id }).fn);
    const again = counted<SessionRow>(null);
    expect(await cache.session('u1', 's1', again.fn)).toBeNull();
    expect(await cache.session('u1', 's3', again.fn)).toMatchObject({ id: 's3' });
    expect(again.calls).toBe(1);
  });
});
