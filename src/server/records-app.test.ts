import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordsStore } from '../store/records-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { testBackends } from '../store/test-support/test-backends.js';
import { recordsApp } from './records-app.js';
import { type ApiCaller, apiCaller, cookieOf, loggedIn, ownerSetUp } from './test-support/api-client.js';

const REPO = join(import.meta.dirname, '..', '..');
const sample = JSON.parse(readFileSync(join(REPO, 'examples/intakes/sample.json'), 'utf8')) as unknown;
const fever = JSON.parse(readFileSync(join(REPO, 'examples/intakes/fever.json'), 'utf8')) as unknown;
const AT = '2026-12-02T16:30:00Z';
const consent = { agreed: true, at: AT, takenBy: 'Olga Owner' };

const { backends, folder } = testBackends('api');

function event(id: string, t: number, kind = 'next', extra: Record<string, unknown> = {}) {
  return { id, kind, t, at: AT, stepId: null, side: null, ...extra };
}

describe.each(backends)('records API on %s', (backend, opened) => {
  let store: RecordsStore;
  let app: FastifyInstance;
  let owner: ApiCaller;
  let therapist: ApiCaller;
  const anonymous = () => apiCaller(app);

  beforeAll(async () => {
    ({ store } = await opened());
    app = await recordsApp({ store, throttle: { perEmail: 3, perAddress: 1000, windowMs: 60_000 } });
    owner = await ownerSetUp(app);
    const added = await owner.call('POST', '/api/users', {
      email: 'tanya@example.org',
      name: 'Tanya',
      password: 'therapist-pass-1',
      role: 'therapist',
    });
    expect(added.statusCode).toBe(201);
    therapist = await loggedIn(app, 'tanya@example.org', 'therapist-pass-1');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('reports its health and database', async () => {
    const r = await anonymous().call('GET', '/api/health');
    expect(r.json()).toEqual({ ok: true, database: backend });
  });

  it('keeps the whole record of a session: client, intake with consent, plan, session, events, notes, export', async () => {
    const c = await therapist.call('POST', '/api/clients', { name: 'Ivan Petrov', birthYear: 1970 });
    expect(c.statusCode).toBe(201);
    const clientId = c.json().client.id as string;
    const i = await therapist.call('POST', `/api/clients/${clientId}/intakes`, { intake: sample, consent });
    expect(i.statusCode).toBe(201);
    const intake = i.json().intake;
    expect(intake).toMatchObject({ version: 1, consent });
    const p = await therapist.call('POST', '/api/plans', { intake: sample, clientId, intakeId: intake.id });
    expect(p.statusCode).toBe(201);
    expect(p.json().plan).toMatchObject({ refused: false, routineId: 'spinal-column' });
    expect(p.json().routineVersion).toBeGreaterThanOrEqual(1);
    const s = await therapist.call('POST', '/api/sessions', { planId: p.json().id });
    expect(s.statusCode).toBe(201);
    const sessionId = s.json().id as string;
    const batch = [
      event('e1', 0, 'start'),
      event('e2', 12.5, 'pain', { level: 4, region: 'back.paraspinal', side: 'left' }),
    ];
    expect(
      (await therapist.call('POST', `/api/sessions/${sessionId}/events`, { events: batch })).json(),
    ).toEqual({
      stored: 2,
      duplicates: 0,
    });
    // The same batch again (a retry after a dropped answer) stores nothing twice.
    const again = await therapist.call('POST', `/api/sessions/${sessionId}/events`, {
      events: [...batch, event('e3', 30, 'finish')],
    });
    expect(again.json()).toEqual({ stored: 1, duplicates: 2 });
    const read = (await therapist.call('GET', `/api/sessions/${sessionId}`)).json();
    expect(read.events.map((e: { id: string }) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(read.endReason).toBe('finished');
    expect(read.notesPrefilled.objective).toContain('pain 4/10 at back.paraspinal');
    expect(read.notes).toBeNull();
    const notes = { subjective: 'tired', objective: 'tight left', assessment: 'ok', plan: 'again in a week' };
    expect((await therapist.call('PUT', `/api/sessions/${sessionId}/notes`, notes)).statusCode).toBe(200);
    expect((await therapist.call('GET', `/api/sessions/${sessionId}`)).json().notes).toMatchObject(notes);
    const edit = await therapist.call('PUT', `/api/clients/${clientId}/intakes/${intake.id}`, {
      intake: { ...(sample as object), minutes: 30 },
      consent,
    });
    expect(edit.json().intake).toMatchObject({ version: 2, seriesId: intake.seriesId });
    const exported = await therapist.call('GET', `/api/clients/${clientId}/export`);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const doc = exported.json();
    expect(doc.client.name).toBe('Ivan Petrov');
    expect(doc.intakes).toHaveLength(2);
    expect(doc.sessions[0].events).toHaveLength(3);
    expect(doc.sessions[0].notes).toMatchObject(notes);
    expect(doc.plans).toHaveLength(1);
    const listed = (await therapist.call('GET', `/api/clients/${clientId}/sessions`)).json();
    expect(listed.sessions[0].events).toHaveLength(3);
  });

  it('deletes a client for real and audits it without the content', async () => {
    const c = await therapist.call('POST', '/api/clients', { name: 'Secret Name', notes: 'secret note' });
    const id = c.json().client.id as string;
    await therapist.call('POST', `/api/clients/${id}/intakes`, { intake: sample, consent });
    const d = await therapist.call('DELETE', `/api/clients/${id}`);
    expect(d.json().deleted).toMatchObject({ intakes: 1 });
    expect((await therapist.call('GET', `/api/clients/${id}`)).statusCode).toBe(404);
    const audit = (await owner.call('GET', `/api/audit?clientId=${id}`)).json().entries as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toContain('client.delete');
    expect(JSON.stringify(audit)).not.toMatch(/Secret Name|secret note/);
  });

  it('answers a refusal with 422 and the reasons, and starts no session of it', async () => {
    const p = await therapist.call('POST', '/api/plans', { intake: fever });
    expect(p.statusCode).toBe(422);
    expect(p.json().plan.refused).toBe(true);
    expect(p.json().plan.reasons.length).toBeGreaterThan(0);
    const s = await therapist.call('POST', '/api/sessions', { planId: p.json().id });
    expect(s.statusCode).toBe(422);
  });

  it('sets httpOnly SameSite cookies and needs the CSRF header on writes', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { email: 'tanya@example.org', password: 'therapist-pass-1' },
    });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const noCsrf = apiCaller(app, cookieOf(r), null);
    const w = await noCsrf.call('POST', '/api/clients', { name: 'X' });
    expect(w.statusCode).toBe(403);
    expect(w.json().field).toBe('x-csrf-token');
    const wrong = await apiCaller(app, cookieOf(r), 'not-the-token').call('POST', '/api/clients', {
      name: 'X',
    });
    expect(wrong.statusCode).toBe(403);
    const session = (await noCsrf.call('GET', '/api/session')).json();
    expect(session.user.email).toBe('tanya@example.org');
    const withCsrf = apiCaller(app, cookieOf(r), session.csrfToken);
    expect((await withCsrf.call('POST', '/api/clients', { name: 'X' })).statusCode).toBe(201);
    expect((await withCsrf.call('POST', '/api/logout')).statusCode).toBe(204);
    expect((await withCsrf.call('GET', '/api/clients')).statusCode).toBe(401);
  });

  it('sends security headers on every answer', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const r = await anonymous().call('GET', url);
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
  });

  describe('bad input: a clear 4xx naming the field, nothing stored, the server stays up', () => {
    const clientCount = async () =>
      (await therapist.call('GET', '/api/clients')).json().clients.length as number;

    it.each([
      ['malformed JSON', '{"name": "x",', 400, '(body)'],
      ['a wrong type', { name: 42 }, 400, 'name'],
      ['an unknown field', { name: 'x', diagnosis: 'y' }, 400, 'diagnosis'],
      ['an empty name', { name: '  ' }, 400, 'name'],
      ['a body that is not an object', [1, 2], 400, '(body)'],
      ['prototype poisoning', '{"name":"x","__proto__":{"isAdmin":true}}', 400, '(body)'],
    ])('%s', async (_what, body, status, field) => {
      const before = await clientCount();
      const r = await therapist.call('POST', '/api/clients', body, { 'content-type': 'application/json' });
      expect(r.statusCode).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().field).toBe(field);
      expect(await clientCount()).toBe(before);
    });

    it('an oversized body (413)', async () => {
      const before = await clientCount();
      const r = await therapist.call('POST', '/api/clients', { name: 'x', notes: 'y'.repeat(600_000) });
      expect(r.statusCode).toBe(413);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(await clientCount()).toBe(before);
    });

    it('a wrong event names its place in the batch', async () => {
      const p = await therapist.call('POST', '/api/plans', { intake: sample });
      const s = await therapist.call('POST', '/api/sessions', { planId: p.json().id });
      const id = s.json().id as string;
      const r = await therapist.call('POST', `/api/sessions/${id}/events`, {
        events: [event('ok', 1), event('bad', 2, 'dance')],
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe('events[1].kind');
      const pain = await therapist.call('POST', `/api/sessions/${id}/events`, {
        events: [event('p', 2, 'pain')],
      });
      expect(pain.json().field).toBe('events[0].level');
      expect((await therapist.call('GET', `/api/sessions/${id}`)).json().events).toEqual([]);
    });

    it('stores SQL-ish strings as text and nothing else happens', async () => {
      const name = 'Robert\'); DROP TABLE clients;-- " OR 1=1';
      const c = await therapist.call('POST', '/api/clients', { name });
      expect(c.statusCode).toBe(201);
      const id = c.json().client.id as string;
      expect((await therapist.call('GET', `/api/clients/${id}`)).json().client.name).toBe(name);
      expect(
        (await therapist.call('GET', `/api/clients/${encodeURIComponent("x' OR '1'='1")}`)).statusCode,
      ).toBe(404);
    });

    it('a flood of logins is throttled (429 with Retry-After) and the server stays up', async () => {
      const tries = await Promise.all(
        Array.from({ length: 20 }, () =>
          app.inject({
            method: 'POST',
            url: '/api/login',
            payload: { email: 'owner@example.org', password: 'wrong-password' },
          }),
        ),
      );
      const statuses = tries.map((t) => t.statusCode);
      expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
      const throttled = tries.filter((t) => t.statusCode === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(Number(throttled[0]!.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password waits out the throttle.
      const right = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { email: 'owner@example.org', password: 'owner-password-1' },
      });
      expect(right.statusCode).toBe(429);
      expect((await anonymous().call('GET', '/api/health')).statusCode).toBe(200);
    });
  });

  it('imports sessions a browser saved before it had an account, once each', async () => {
    const c = await therapist.call('POST', '/api/clients', { name: 'From the browser' });
    const clientId = c.json().client.id as string;
    const legacy = {
      version: 1,
      id: 'local-1',
      savedAt: AT,
      intake: null,
      plan: null,
      events: [
        { kind: 'start', t: 0, at: AT, stepId: null, side: null },
        { kind: 'finish', t: 60, at: AT, stepId: null, side: null },
      ],
      endReason: 'finished',
      notes: { subjective: 'old', objective: '', assessment: '', plan: '' },
    };
    const first = await therapist.call('POST', '/api/records/import', { records: [legacy], clientId });
    expect(first.json()).toMatchObject({ imported: 1, alreadyImported: 0 });
    const second = await therapist.call('POST', '/api/records/import', { records: [legacy], clientId });
    expect(second.json()).toMatchObject({ imported: 0, alreadyImported: 1 });
    const sessions = (await therapist.call('GET', `/api/clients/${clientId}/sessions`)).json().sessions;
    expect(sessions).toHaveLength(1);
    expect(sessions[0].events.map((e: { id: string }) => e.id)).toEqual(['local-1:0', 'local-1:1']);
    expect(sessions[0].notes.subjective).toBe('old');
    const bad = await therapist.call('POST', '/api/records/import', {
      records: [{ ...legacy, events: [{ kind: 'x' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^records\[0\]\.events/);
  });

  it('describes itself as OpenAPI at /api/docs', async () => {
    const doc = (await anonymous().call('GET', '/api/docs')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/sessions/{id}/events');
    expect(
      doc.paths['/api/clients'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('name');
  });
});

describe('first start', () => {
  it('needs the printed set-up token, then sets up the owner once', async () => {
    const store = await openSqliteStore(join(folder(), 'setup.sqlite'));
    const app = await recordsApp({ store, setupToken: 'one-time-token' });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ isNeeded: true });
      const body = { email: 'Owner@Example.org', name: 'Olga', password: 'owner-password-1' };
      const missing = await app.inject({ method: 'POST', url: '/api/setup', payload: body });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().field).toBe('token');
      const short = await app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { ...body, password: 'short', token: 'one-time-token' },
      });
      expect(short.json().field).toBe('password');
      const ok = await app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { ...body, token: 'one-time-token' },
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().user).toMatchObject({ email: 'owner@example.org', role: 'owner' });
      const again = await app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { ...body, token: 'one-time-token' },
      });
      expect(again.statusCode).toBe(409);
      expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({
        user: null,
        csrfToken: null,
        setupNeeded: false,
      });
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('the web app', () => {
  it('is served at / with the security headers, and unknown paths get index.html', async () => {
    const web = join(folder(), 'web');
    rmSync(web, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');
    const store = await openSqliteStore(join(folder(), 'web.sqlite'));
    const app = await recordsApp({ store, webRoot: web });
    try {
      for (const url of ['/', '/clients/123']) {
        const r = await app.inject({ method: 'GET', url });
        expect(r.statusCode).toBe(200);
        expect(r.body).toContain('<title>app</title>');
        expect(r.headers['content-security-policy']).toContain("default-src 'self'");
        expect(r.headers['x-frame-options']).toBe('DENY');
      }
      expect((await app.inject({ method: 'GET', url: '/missing.js' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/missing' })).headers['content-type']).toMatch(
        /problem\+json/,
      );
    } finally {
      await app.close();
      await store.close();
    }
  });
});
