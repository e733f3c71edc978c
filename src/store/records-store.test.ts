import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Intake } from '../core/intake.js';
import type { SessionEvent } from '../core/records/session-event.js';
import type { RecordsStore } from './records-store.js';
import { openSqliteStore, sqliteIntegrity } from './sqlite-store.js';
import { testBackends } from './test-support/test-backends.js';

const AT = '2026-12-02T16:00:00.000Z';
const intake = Intake.parse({ minutes: 30 });
const consent = { agreed: true, at: AT, takenBy: 'Anna' };

function event(id: string, t: number, extra: Partial<SessionEvent> = {}): SessionEvent {
  return { id, kind: 'next', t, at: AT, stepId: null, side: null, ...extra };
}

const { backends, folder } = testBackends('store');

describe.each(backends)('records store on %s', (_name, opened) => {
  let store: RecordsStore;
  let anna: string;
  let boris: string;
  beforeAll(async () => {
    ({ store } = await opened());
    const a = await store.addUser({
      email: 'anna@example.org',
      name: 'Anna',
      role: 'owner',
      createdAt: AT,
      passwordHash: 'h',
    });
    const b = await store.addUser({
      email: 'boris@example.org',
      name: 'Boris',
      role: 'therapist',
      createdAt: AT,
      passwordHash: 'h',
    });
    anna = a!.id;
    boris = b!.id;
  });
  afterAll(() => store.close());

  /** A (refused) plan of Anna's and a session of it. */
  const sessionStarted = async (clientId: string | null) => {
    const plan = await store.addPlan({
      userId: anna,
      clientId,
      intakeId: null,
      routineId: 'r',
      routineVersion: 1,
      intake,
      plan: { refused: true, reasons: [] },
      createdAt: AT,
    });
    return { plan, s: await store.addSession({ userId: anna, planId: plan.id, clientId, createdAt: AT }) };
  };

  it('refuses a second account with the same e-mail', async () => {
    expect(
      await store.addUser({
        email: 'anna@example.org',
        name: 'X',
        role: 'therapist',
        createdAt: AT,
        passwordHash: 'h',
      }),
    ).toBeNull();
    expect(await store.userCount()).toBe(2);
    expect((await store.userWithHash('anna@example.org'))?.passwordHash).toBe('h');
  });

  it('finds a client only for its owner', async () => {
    const c = await store.addClient(anna, { name: 'Client A', birthYear: 1980 }, AT);
    expect(await store.client(anna, c.id)).toMatchObject({ name: 'Client A', birthYear: 1980 });
    expect(await store.client(boris, c.id)).toBeNull();
    expect(await store.clients(boris)).toEqual([]);
    expect(await store.updateClient(boris, c.id, { name: 'stolen' }, AT)).toBeNull();
    expect(await store.deleteClient(boris, c.id)).toBeNull();
    expect(await store.intakes(boris, c.id)).toBeNull();
    expect(await store.addIntake(boris, c.id, { intake, consent }, AT)).toBeNull();
    const updated = await store.updateClient(anna, c.id, { phone: '123' }, '2026-12-02T17:00:00.000Z');
    expect(updated).toMatchObject({ name: 'Client A', phone: '123', birthYear: 1980 });
  });

  it('keeps every version of an edited intake', async () => {
    const c = await store.addClient(anna, { name: 'Client B' }, AT);
    const first = await store.addIntake(anna, c.id, { intake, consent }, AT);
    const second = await store.addIntake(
      anna,
      c.id,
      { intake: { ...intake, minutes: 45 }, consent, seriesId: first!.seriesId },
      AT,
    );
    expect(second).toMatchObject({ seriesId: first!.seriesId, version: 2 });
    const all = await store.intakes(anna, c.id);
    expect(all?.map((i) => [i.version, i.intake.minutes])).toEqual([
      [1, 30],
      [2, 45],
    ]);
    expect(await store.intake(boris, first!.id)).toBeNull();
    expect(await store.addIntake(anna, c.id, { intake, consent, seriesId: 'no-such-series' }, AT)).toBeNull();
  });

  it('stores an event id once, however often it is sent', async () => {
    const { plan, s } = await sessionStarted(null);
    expect(await store.saveEvents(s.id, [event('e1', 1), event('e2', 2)], AT)).toEqual({
      stored: 2,
      duplicates: 0,
    });
    expect(await store.saveEvents(s.id, [event('e2', 2), event('e3', 0.5)], AT)).toEqual({
      stored: 1,
      duplicates: 1,
    });
    expect((await store.events(s.id)).map((e) => e.id)).toEqual(['e3', 'e1', 'e2']);
    expect(await store.session(boris, s.id)).toBeNull();
    expect(await store.plan(boris, plan.id)).toBeNull();
    expect((await store.plan(anna, plan.id))?.plan).toEqual({ refused: true, reasons: [] });
  });

  it('saves several batches at once, each answered with its own counts', async () => {
    const { s } = await sessionStarted(null);
    const { s: other } = await sessionStarted(null);
    await store.saveEvents(s.id, [event('old', 1)], AT);
    const many = Array.from({ length: 1200 }, (_, i) => event(`m${i}`, i));
    expect(
      await store.saveEventBatches([
        { sessionId: s.id, events: [event('old', 1), event('x', 2)], receivedAt: AT },
        { sessionId: s.id, events: [event('x', 2), event('y', 3), event('y', 3)], receivedAt: AT },
        // The same id in another session is another event.
        { sessionId: other.id, events: [event('x', 2)], receivedAt: AT },
        // More rows than one statement takes.
        { sessionId: other.id, events: many, receivedAt: AT },
      ]),
    ).toEqual([
      { stored: 1, duplicates: 1 },
      { stored: 1, duplicates: 2 },
      { stored: 1, duplicates: 0 },
      { stored: 1200, duplicates: 0 },
    ]);
    expect((await store.events(s.id)).map((e) => e.id)).toEqual(['old', 'x', 'y']);
    expect(await store.events(other.id)).toHaveLength(1201);
  });

  it('deletes a client with everything kept about them', async () => {
    const c = await store.addClient(anna, { name: 'Client C' }, AT);
    await store.addIntake(anna, c.id, { intake, consent }, AT);
    const { s } = await sessionStarted(c.id);
    await store.saveEvents(s.id, [event('a', 1), event('b', 2)], AT);
    await store.saveNotes(s.id, { subjective: 's', objective: 'o', assessment: 'a', plan: 'p' }, anna, AT);
    expect(await store.notes(s.id)).toMatchObject({ subjective: 's' });
    // Read first: a store that keeps session rows in memory must forget them with the client.
    expect(await store.session(anna, s.id)).toMatchObject({ id: s.id });
    expect(await store.deleteClient(anna, c.id)).toEqual({ intakes: 1, plans: 1, sessions: 1, events: 2 });
    expect(await store.client(anna, c.id)).toBeNull();
    expect(await store.events(s.id)).toEqual([]);
    expect(await store.notes(s.id)).toBeNull();
    expect(await store.session(anna, s.id)).toBeNull();
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.addClient(anna, { name: 'Never' }, AT);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.clients(anna)).map((c) => c.name)).not.toContain('Never');
  });

  it('keeps auth sessions until they expire', async () => {
    await store.addAuthSession({
      tokenHash: 't1',
      userId: anna,
      csrfToken: 'c',
      createdAt: AT,
      expiresAt: '2026-12-03T00:00:00.000Z',
    });
    expect((await store.authSession('t1', AT))?.user.email).toBe('anna@example.org');
    expect(await store.authSession('t1', '2026-12-04T00:00:00.000Z')).toBeNull();
    expect((await store.authSession('t1', AT))?.csrfToken).toBe('c');
    await store.deleteAuthSession('t1');
    expect(await store.authSession('t1', AT)).toBeNull();
  });

  it('forgets what a committed transaction deleted, and keeps what a rolled-back one did not', async () => {
    const c = await store.addClient(anna, { name: 'Client T' }, AT);
    const s = await store.addSession({ userId: anna, planId: null, clientId: c.id, createdAt: AT });
    await store.addAuthSession({
      tokenHash: 't2',
      userId: anna,
      csrfToken: 'c2',
      createdAt: AT,
      expiresAt: '2026-12-03T00:00:00.000Z',
    });
    expect(await store.session(anna, s.id)).not.toBeNull();
    expect(await store.authSession('t2', AT)).not.toBeNull();
    await expect(
      store.transaction(async (tx) => {
        await tx.deleteClient(anna, c.id);
        await tx.deleteAuthSession('t2');
        // Read inside the transaction, after the deletes: nothing may be kept from it.
        expect(await tx.session(anna, s.id)).toBeNull();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A session added and read in a transaction that is rolled back is not found afterwards.
    let added = '';
    await expect(
      store.transaction(async (tx) => {
        added = (await tx.addSession({ userId: anna, planId: null, clientId: c.id, createdAt: AT })).id;
        expect(await tx.session(anna, added)).not.toBeNull();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.session(anna, added)).toBeNull();
    expect(await store.session(anna, s.id)).toMatchObject({ id: s.id });
    expect(await store.authSession('t2', AT)).not.toBeNull();
    await store.transaction(async (tx) => {
      await tx.deleteClient(anna, c.id);
      await tx.deleteAuthSession('t2');
    });
    expect(await store.session(anna, s.id)).toBeNull();
    expect(await store.authSession('t2', AT)).toBeNull();
  });

  it('writes the audit log newest first, filtered by client', async () => {
    await store.addAudit({
      at: AT,
      userId: anna,
      action: 'client.read',
      target: 'client:x',
      clientId: 'x',
      detail: '',
    });
    await store.addAudit({
      at: AT,
      userId: anna,
      action: 'client.update',
      target: 'client:x',
      clientId: 'x',
      detail: 'phone',
    });
    expect((await store.audit({ clientId: 'x' })).map((a) => a.action)).toEqual([
      'client.update',
      'client.read',
    ]);
  });
});

describe('sqlite store file', () => {
  it('is created with its folder on first use, migrates once, and passes integrity_check', async () => {
    const file = join(folder(), 'nested', 'deeper', 'records.sqlite');
    const first = await openSqliteStore(file);
    await first.addClient('nobody', { name: 'x' }, AT).catch(() => undefined);
    await first.close();
    const again = await openSqliteStore(file);
    expect(await again.userCount()).toBe(0);
    await again.backup(join(folder(), 'backup', 'copy.sqlite'));
    await again.close();
    expect(sqliteIntegrity(file)).toBe('ok');
    expect(sqliteIntegrity(join(folder(), 'backup', 'copy.sqlite'))).toBe('ok');
  });
});
