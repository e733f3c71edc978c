import { describe, expect, it } from 'vitest';
import { Intake } from '../../src/core/intake.js';
import { EventOutbox, type OutboxStorage, type OutboxTransport } from './event-outbox.js';

const AT = '2026-12-02T17:00:00Z';
const link = {
  clientId: 'c1',
  intake: Intake.parse({ minutes: 30 }),
  consent: { agreed: true, at: AT, takenBy: 'T' },
};
const ev = (id: string) => ({ id, kind: 'next' as const, t: 1, at: AT });

function memoryStorage(): OutboxStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function fakeServer() {
  const stored = new Map<string, Set<string>>();
  let isOnline = true;
  let created = 0;
  const transport: OutboxTransport = {
    async sessionCreated() {
      if (!isOnline) throw new Error('offline');
      created++;
      const id = `server-${created}`;
      stored.set(id, new Set());
      return id;
    },
    async eventsSent(serverId, events) {
      if (!isOnline) throw new Error('offline');
      for (const e of events) stored.get(serverId)?.add(e.id);
    },
    isRetryable: () => true,
  };
  return {
    transport,
    stored,
    setOnline: (value: boolean) => {
      isOnline = value;
    },
    created: () => created,
  };
}

describe('EventOutbox', () => {
  it('keeps events through a dropped network and a reload, and sends each once when the network is back', async () => {
    const storage = memoryStorage();
    const server = fakeServer();
    const outbox = new EventOutbox(storage, server.transport);
    outbox.link('local-1', link);
    outbox.enqueue('local-1', ev('a'));
    expect(await outbox.flush()).toEqual({ sent: 1, isDone: true });
    server.setOnline(false);
    outbox.enqueue('local-1', ev('b'));
    outbox.enqueue('local-1', ev('c'));
    outbox.enqueue('local-1', ev('c'));
    expect(await outbox.flush()).toEqual({ sent: 0, isDone: false });
    expect(outbox.pendingCount()).toBe(2);
    // The page reloads: a new outbox on the same storage.
    const reloaded = new EventOutbox(storage, server.transport);
    server.setOnline(true);
    expect(await reloaded.flush()).toEqual({ sent: 2, isDone: true });
    expect([...(server.stored.get('server-1') ?? [])]).toEqual(['a', 'b', 'c']);
    expect(server.created()).toBe(1);
    expect(reloaded.pendingCount()).toBe(0);
  });

  it('creates the server session only when the network allows, and ignores sessions that record nowhere', async () => {
    const server = fakeServer();
    server.setOnline(false);
    const outbox = new EventOutbox(memoryStorage(), server.transport);
    outbox.enqueue('not-linked', ev('x'));
    expect(outbox.pendingCount()).toBe(0);
    outbox.link('local-2', link);
    outbox.enqueue('local-2', ev('a'));
    expect((await outbox.flush()).isDone).toBe(false);
    server.setOnline(true);
    expect(await outbox.flush()).toEqual({ sent: 1, isDone: true });
    expect(server.created()).toBe(1);
  });
});
