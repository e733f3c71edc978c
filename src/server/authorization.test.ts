// The authorisation matrix: for every route, an anonymous caller and a second therapist are refused what is not
// theirs (no cross-account read or write), and a therapist is refused what only the owner may do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsStore } from '../store/records-store.js';
import { testBackends } from '../store/test-support/test-backends.js';
import { recordsApp } from './records-app.js';
import { ANNA_AND_BORIS, type ApiCaller, apiCaller, therapistsLoggedIn } from './test-support/api-client.js';

const REPO = join(import.meta.dirname, '..', '..');
const sample = JSON.parse(readFileSync(join(REPO, 'examples/intakes/sample.json'), 'utf8')) as unknown;
const AT = '2026-12-02T16:30:00Z';
const consent = { agreed: true, at: AT, takenBy: 'Anna' };
const notes = { subjective: 'B was here', objective: '', assessment: '', plan: '' };

/** Ids of therapist A's records. */
interface Ids {
  client: string;
  intake: string;
  plan: string;
  session: string;
  job: string;
}

type Who = 'public' | 'user' | 'owner';

/** Every route: who may call it, and the request a stranger sends at therapist A's records. */
const MATRIX: readonly {
  route: string;
  who: Who;
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
}[] = [
  { route: 'GET /api/health', who: 'public', url: () => '/api/health' },
  { route: 'GET /api/docs', who: 'public', url: () => '/api/docs' },
  { route: 'GET /api/setup', who: 'public', url: () => '/api/setup' },
  {
    route: 'POST /api/setup',
    who: 'public',
    url: () => '/api/setup',
    body: () => ({ email: 'x@y.z', name: 'X', password: 'long-enough-1' }),
  },
  { route: 'GET /api/session', who: 'public', url: () => '/api/session' },
  {
    route: 'POST /api/login',
    who: 'public',
    url: () => '/api/login',
    body: () => ({ email: 'a@example.org', password: 'nope' }),
  },
  { route: 'POST /api/logout', who: 'user', url: () => '/api/logout' },
  { route: 'GET /api/users', who: 'owner', url: () => '/api/users' },
  {
    route: 'POST /api/users',
    who: 'owner',
    url: () => '/api/users',
    body: () => ({ email: 'new@example.org', name: 'N', password: 'long-enough-1' }),
  },
  { route: 'GET /api/audit', who: 'owner', url: () => '/api/audit' },
  { route: 'GET /api/clients', who: 'user', url: () => '/api/clients' },
  { route: 'POST /api/clients', who: 'user', url: () => '/api/clients', body: () => ({ name: 'Mine' }) },
  { route: 'GET /api/clients/:id', who: 'user', url: (i) => `/api/clients/${i.client}` },
  {
    route: 'PATCH /api/clients/:id',
    who: 'user',
    url: (i) => `/api/clients/${i.client}`,
    body: () => ({ name: 'Stolen' }),
  },
  { route: 'DELETE /api/clients/:id', who: 'user', url: (i) => `/api/clients/${i.client}` },
  { route: 'GET /api/clients/:id/export', who: 'user', url: (i) => `/api/clients/${i.client}/export` },
  { route: 'GET /api/clients/:id/intakes', who: 'user', url: (i) => `/api/clients/${i.client}/intakes` },
  {
    route: 'POST /api/clients/:id/intakes',
    who: 'user',
    url: (i) => `/api/clients/${i.client}/intakes`,
    body: () => ({ intake: sample, consent }),
  },
  {
    route: 'PUT /api/clients/:id/intakes/:intakeId',
    who: 'user',
    url: (i) => `/api/clients/${i.client}/intakes/${i.intake}`,
    body: () => ({ intake: sample, consent }),
  },
  { route: 'GET /api/clients/:id/sessions', who: 'user', url: (i) => `/api/clients/${i.client}/sessions` },
  {
    route: 'POST /api/plans',
    who: 'user',
    url: () => '/api/plans',
    body: (i) => ({ intake: sample, clientId: i.client }),
  },
  { route: 'GET /api/plans/:id', who: 'user', url: (i) => `/api/plans/${i.plan}` },
  { route: 'POST /api/sessions', who: 'user', url: () => '/api/sessions', body: (i) => ({ planId: i.plan }) },
  { route: 'GET /api/sessions', who: 'user', url: (i) => `/api/sessions?clientId=${i.client}` },
  { route: 'GET /api/sessions/:id', who: 'user', url: (i) => `/api/sessions/${i.session}` },
  {
    route: 'POST /api/sessions/:id/events',
    who: 'user',
    url: (i) => `/api/sessions/${i.session}/events`,
    body: () => ({ events: [{ id: 'intruder', kind: 'stop', t: 1, at: AT }] }),
  },
  {
    route: 'PUT /api/sessions/:id/notes',
    who: 'user',
    url: (i) => `/api/sessions/${i.session}/notes`,
    body: () => notes,
  },
  {
    route: 'POST /api/records/import',
    who: 'user',
    url: () => '/api/records/import',
    body: (i) => ({
      records: [
        { version: 1, id: 'x', savedAt: AT, intake: null, plan: null, events: [], endReason: null, notes },
      ],
      clientId: i.client,
    }),
  },
  {
    route: 'POST /api/export-jobs',
    who: 'user',
    url: () => '/api/export-jobs',
    body: (i) => ({ planId: i.plan, kind: 'handout' }),
  },
  { route: 'GET /api/export-jobs', who: 'user', url: () => '/api/export-jobs' },
  { route: 'GET /api/export-jobs/:id', who: 'user', url: (i) => `/api/export-jobs/${i.job}` },
  { route: 'POST /api/export-jobs/:id/cancel', who: 'user', url: (i) => `/api/export-jobs/${i.job}/cancel` },
  { route: 'GET /api/export-jobs/:id/result', who: 'user', url: (i) => `/api/export-jobs/${i.job}/result` },
];

const { backends } = testBackends('authz');

function methodOf(route: string): 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' {
  return route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

describe.each(backends)('authorisation matrix on %s', (_backend, opened) => {
  let store: RecordsStore;
  let app: FastifyInstance;
  let anna: ApiCaller;
  let boris: ApiCaller;
  let ids: Ids;

  const annaSnapshot = async () => {
    const client = (await anna.call('GET', `/api/clients/${ids.client}`)).json();
    const intakes = (await anna.call('GET', `/api/clients/${ids.client}/intakes`)).json();
    const session = (await anna.call('GET', `/api/sessions/${ids.session}`)).json();
    const sessions = (await anna.call('GET', `/api/clients/${ids.client}/sessions`)).json();
    const jobs = (await anna.call('GET', '/api/export-jobs')).json();
    return JSON.stringify({
      jobs,
      client,
      intakes,
      events: session.events,
      notes: session.notes,
      sessions: sessions.sessions.length,
    });
  };

  beforeAll(async () => {
    ({ store } = await opened());
    app = await recordsApp({ store });
    [anna, boris] = await therapistsLoggedIn(app, ANNA_AND_BORIS);
    const client = (await anna.call('POST', '/api/clients', { name: 'Anna’s client' })).json().client
      .id as string;
    const intake = (
      await anna.call('POST', `/api/clients/${client}/intakes`, { intake: sample, consent })
    ).json().intake.id as string;
    const plan = (
      await anna.call('POST', '/api/plans', { intake: sample, clientId: client, intakeId: intake })
    ).json().id as string;
    const session = (await anna.call('POST', '/api/sessions', { planId: plan })).json().id as string;
    await anna.call('POST', `/api/sessions/${session}/events`, {
      events: [{ id: 'e1', kind: 'start', t: 0, at: AT }],
    });
    await anna.call('PUT', `/api/sessions/${session}/notes`, {
      subjective: 'Anna’s note',
      objective: '',
      assessment: '',
      plan: '',
    });
    // No worker runs in this app: Anna's export job stays queued.
    const job = (await anna.call('POST', '/api/export-jobs', { planId: plan, kind: 'handout' })).json().job
      .id as string;
    ids = { client, intake, plan, session, job };
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists every route of the app', () => {
    expect([...app.recordsRoutes].sort()).toEqual(MATRIX.map((m) => m.route).sort());
  });

  it.each(MATRIX.filter((m) => m.who !== 'public').map((m) => [m.route, m] as const))(
    'anonymous: %s is 401 and changes nothing',
    async (_route, m) => {
      const before = await annaSnapshot();
      const r = await apiCaller(app).call(methodOf(m.route), m.url(ids), m.body?.(ids));
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(await annaSnapshot()).toBe(before);
    },
  );

  it.each(
    MATRIX.filter((m) => m.who !== 'public' && m.route !== 'POST /api/logout').map(
      (m) => [m.route, m] as const,
    ),
  )('second therapist: %s shows or changes nothing of the first', async (_route, m) => {
    const before = await annaSnapshot();
    const r = await boris.call(methodOf(m.route), m.url(ids), m.body?.(ids));
    if (m.who === 'owner') expect(r.statusCode).toBe(403);
    else if (m.route === 'GET /api/clients') expect(r.json().clients).toEqual([]);
    else if (m.route === 'GET /api/export-jobs') expect(r.json().jobs).toEqual([]);
    else if (m.route === 'POST /api/clients') expect(r.statusCode).toBe(201);
    else expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('Anna’s');
    expect(await annaSnapshot()).toBe(before);
  });

  it('the second therapist’s own lists hold none of the first’s records', async () => {
    expect((await boris.call('GET', '/api/sessions')).json().sessions).toEqual([]);
    const clients = (await boris.call('GET', '/api/clients')).json().clients as { name: string }[];
    expect(clients.map((c) => c.name)).toEqual(['Mine']);
  });

  // The store keeps logged-in sessions and session rows in memory (SQLite): a logout, a deleted client or another
  // account must be refused exactly as when every request read the database. Last: Anna logs out.
  const sessionStarted = async (clientId?: string) => {
    const plan = (
      await anna.call('POST', '/api/plans', { intake: sample, ...(clientId ? { clientId } : {}) })
    ).json().id as string;
    return (await anna.call('POST', '/api/sessions', { planId: plan })).json().id as string;
  };
  const written = (caller: ApiCaller, session: string, id: string) =>
    caller.call('POST', `/api/sessions/${session}/events`, { events: [{ id, kind: 'next', t: 1, at: AT }] });

  it('refuses another therapist, a deleted client’s session and a logged-out cookie after they were remembered', async () => {
    const client = (await anna.call('POST', '/api/clients', { name: 'Kept in memory' })).json().client
      .id as string;
    const ofClient = await sessionStarted(client);
    const own = await sessionStarted();
    // Remembered: Anna's login and both sessions.
    expect((await written(anna, ofClient, 'a1')).statusCode).toBe(200);
    expect((await written(anna, own, 'a2')).statusCode).toBe(200);
    expect((await written(boris, ofClient, 'b1')).statusCode).toBe(404);
    expect((await boris.call('GET', `/api/sessions/${own}`)).statusCode).toBe(404);
    expect((await anna.call('DELETE', `/api/clients/${client}`)).statusCode).toBe(200);
    expect((await written(anna, ofClient, 'a3')).statusCode).toBe(404);
    expect((await written(anna, own, 'a4')).statusCode).toBe(200);
    expect((await anna.call('POST', '/api/logout')).statusCode).toBe(204);
    const after = await written(anna, own, 'a5');
    expect(after.statusCode).toBe(401);
    expect((await anna.call('GET', '/api/session')).json().user).toBeNull();
    // Boris is still logged in; nothing Anna sent after the deletion or the logout was stored.
    expect((await written(boris, own, 'b2')).statusCode).toBe(404);
    const events = (await store.events(own)).map((e) => e.id);
    expect(events).toEqual(['a2', 'a4']);
  });
});
