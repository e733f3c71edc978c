import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GroupCommit } from './event-groups.js';
import { GroupedEventWriter, storeGroupCommit } from './grouped-event-writer.js';
import type { RecordsStore } from './records-store.js';
import { openSqliteStore } from './sqlite-store.js';

const AT = '2026-12-02T17:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'grouped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const audit = (sessionId: string) => ({
  at: AT,
  userId: null,
  action: 'session.events',
  target: `session:${sessionId}`,
  clientId: null,
});

describe('GroupedEventWriter', () => {
  it('writes concurrent batches in few transactions, answers each with its own counts, and a bad batch fails alone', async () => {
    const store = await openSqliteStore(join(dir, 'g.sqlite'));
    const user = await store.addUser({
      email: 'a@x',
      name: 'A',
      role: 'owner',
      createdAt: AT,
      passwordHash: 'h',
    });
    const session = await store.addSession({ userId: user!.id, planId: null, clientId: null, createdAt: AT });
    let transactions = 0;
    const counted: RecordsStore = Object.assign(Object.create(store) as RecordsStore, {
      transaction: <T>(work: (s: RecordsStore) => Promise<T>) => {
        transactions++;
        return store.transaction(work);
      },
    });
    const writer = new GroupedEventWriter(storeGroupCommit(counted));
    const batch = (id: string) => [{ id, kind: 'next' as const, t: 1, at: AT, stepId: null, side: null }];
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) =>
        writer.saveEvents(session.id, batch(`e${i}`), AT, audit(session.id)),
      ),
      writer.saveEvents(session.id, batch('e0'), AT, audit(session.id)),
    ]);
    expect(results.slice(0, 50).every((r) => r.stored === 1)).toBe(true);
    expect(results[50]).toEqual({ stored: 0, duplicates: 1 });
    // 51 batches that arrived together share a few commits, not 51.
    expect(transactions).toBeLessThanOrEqual(3);
    const mixed = await Promise.allSettled([
      writer.saveEvents(session.id, batch('f1'), AT, audit(session.id)),
      writer.saveEvents('no-such-session', batch('x'), AT, audit('none')),
      writer.saveEvents(session.id, batch('f2'), AT, audit(session.id)),
    ]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.events(session.id)).length).toBe(52);
    await store.close();
  });

  it('commits on the SQLite writer thread: one audit line per session and group, a bad batch fails alone', async () => {
    const store = await openSqliteStore(join(dir, 'thread.sqlite'));
    expect(store.eventGroupCommit).toBeTypeOf('function');
    const user = await store.addUser({
      email: 'b@x',
      name: 'B',
      role: 'owner',
      createdAt: AT,
      passwordHash: 'h',
    });
    const session = await store.addSession({ userId: user!.id, planId: null, clientId: null, createdAt: AT });
    const writer = new GroupedEventWriter(store);
    const batch = (id: string) => [{ id, kind: 'next' as const, t: 1, at: AT, stepId: null, side: null }];
    const results = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, i) =>
        writer.saveEvents(session.id, batch(`e${i}`), AT, audit(session.id)),
      ),
      writer.saveEvents(session.id, batch('e0'), AT, audit(session.id)),
    ]);
    expect(results.slice(0, 40).every((r) => r.status === 'fulfilled' && r.value.stored === 1)).toBe(true);
    expect(results[40]).toEqual({ status: 'fulfilled', value: { stored: 0, duplicates: 1 } });
    const mixed = await Promise.allSettled([
      writer.saveEvents(session.id, batch('f1'), AT, audit(session.id)),
      writer.saveEvents('no-such-session', batch('x'), AT, audit('none')),
    ]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    // The main connection reads what the thread committed.
    expect((await store.events(session.id)).length).toBe(41);
    const lines = (await store.audit()).filter((a) => a.target === `session:${session.id}`);
    const counted = lines.map((a) => /^(\d+) new, (\d+) again/.exec(a.detail)!.slice(1).map(Number));
    expect(counted.reduce((s, [n]) => s + n!, 0)).toBe(41);
    expect(counted.reduce((s, [, d]) => s + d!, 0)).toBe(1);
    // 41 requests that arrived together: a few lines, each counting several requests.
    expect(lines.length).toBeLessThan(10);
    await store.close();
  });
});

describe('GroupedEventWriter in flight', () => {
  it('hands the next group over while one commits, at most maxInFlight, and answers each only after its commit', async () => {
    const commits: { size: number; finish: () => void }[] = [];
    const commit: GroupCommit = (batches) =>
      new Promise((resolve) => {
        commits.push({
          size: batches.length,
          finish: () => resolve(batches.map(() => ({ ok: true, saved: { stored: 1, duplicates: 0 } }))),
        });
      });
    const writer = new GroupedEventWriter(commit, { maxGroup: 256, maxInFlight: 2 });
    const answered: string[] = [];
    const sent = (id: string) =>
      writer
        .saveEvents('s', [{ id, kind: 'next', t: 1, at: AT, stepId: null, side: null }], AT, audit('s'))
        .then(() => answered.push(id));
    const turn = () => new Promise((next) => setImmediate(next));
    const a = sent('a');
    await turn();
    const b = sent('b');
    await turn();
    const c = sent('c');
    const d = sent('d');
    await turn();
    // Two groups under way, the third waits; nobody is answered before a commit.
    expect(commits.map((x) => x.size)).toEqual([1, 1]);
    expect(answered).toEqual([]);
    commits[0]!.finish();
    await a;
    await turn();
    expect(answered).toEqual(['a']);
    expect(commits.map((x) => x.size)).toEqual([1, 1, 2]);
    commits[1]!.finish();
    commits[2]!.finish();
    await Promise.all([b, c, d]);
    expect(answered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects every batch of a group whose commit failed, and goes on with the next', async () => {
    let calls = 0;
    const commit: GroupCommit = async (batches) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return batches.map(() => ({ ok: true, saved: { stored: 1, duplicates: 0 } }));
    };
    const writer = new GroupedEventWriter(commit);
    const batch = (id: string) => [{ id, kind: 'next' as const, t: 1, at: AT, stepId: null, side: null }];
    const first = await Promise.allSettled([
      writer.saveEvents('s', batch('x'), AT, audit('s')),
      writer.saveEvents('s', batch('y'), AT, audit('s')),
    ]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await writer.saveEvents('s', batch('z'), AT, audit('s'))).toEqual({ stored: 1, duplicates: 0 });
  });
});
