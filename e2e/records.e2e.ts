// A therapist logs in, adds a client, plans, plays a session with the network cut half-way, and finds every event
// and the notes on the client's page. The records server runs in-process on 127.0.0.1 with a temp SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHashed } from '../src/server/passwords.js';
import { type RunningServer, recordsServerStarted } from '../src/server/serve.js';
import { browserLaunched, contextNew, intakeSubmitted, screenshotSaved, WEB_ROOT } from './browser.js';

let browser: Browser;
let server: RunningServer;
let setupLink = '';
const dir = mkdtempSync(join(tmpdir(), 'records-e2e-'));

beforeAll(async () => {
  browser = await browserLaunched();
  server = await recordsServerStarted({
    host: '127.0.0.1',
    port: 0,
    db: join(dir, 'records.sqlite'),
    webRoot: WEB_ROOT,
    print: (line) => {
      const m = /(http:\/\/\S+#setup=\S+)/.exec(line);
      if (m) setupLink = m[1]!;
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('records in the browser', () => {
  it('keeps every event of a session played through a network cut, and the notes, on the client’s page', async () => {
    expect(setupLink).toMatch(/#setup=/);
    const context = await contextNew(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The set-up link, with the player sped up so the session ends within the test.
    await page.goto(setupLink.replace('/#', '/?speed=20#'));
    await page.waitForSelector('form.records-login');
    await page.fill('form.records-login input[type=email]', 'olga@example.org');
    await page.fill('form.records-login label:has-text("Name") input', 'Olga');
    await page.fill('form.records-login input[type=password]', 'a-long-password-1');
    await page.click('form.records-login button[type=submit]');
    await page.waitForSelector('text=Logged in as Olga');

    await page.fill('label:has-text("New client’s name") input', 'Maria Ivanova');
    await page.click('button:has-text("Add client")');
    await page.waitForSelector('#client-title:has-text("Maria Ivanova")');
    await page.check('label:has-text("has given informed consent") input');
    await page.click('button:has-text("Start the intake for Maria Ivanova")');
    await page.waitForSelector('form.intake h1');
    expect(await page.textContent('.app-header')).toContain('Maria Ivanova');
    await intakeSubmitted(page, { minutes: 10 });
    await page.waitForSelector('section.plan .step-card');
    await page.click('button:has-text("Start the session")');
    await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');

    // The start event reaches the server; then the network drops.
    const sessionEvents = async () => {
      const r = await page.evaluate(async () => {
        const c = await (await fetch('/api/clients')).json();
        const id = c.clients[0].id;
        return (await fetch(`/api/clients/${id}/sessions`)).json();
      });
      return (r.sessions[0]?.events ?? []) as { id: string; kind: string }[];
    };
    await expect
      .poll(async () => (await sessionEvents()).map((e) => e.kind), { timeout: 20_000 })
      .toContain('start');
    await context.setOffline(true);
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const queued = await page.evaluate(
      () => JSON.parse(localStorage.getItem('massage-coach.outbox.v1') ?? '{}').pending?.length ?? 0,
    );
    expect(queued).toBeGreaterThanOrEqual(3);
    await screenshotSaved(page, 'records-player-offline');
    await context.setOffline(false);
    await page.waitForSelector('section.summary', { timeout: 60_000 });

    // Every event the player logged is on the server, once.
    const local = await page.evaluate(() =>
      (JSON.parse(localStorage.getItem('massage-coach.session.v1') ?? '{}').events ?? []).map(
        (e: { kind: string }) => e.kind,
      ),
    );
    await expect
      .poll(async () => (await sessionEvents()).map((e) => e.kind), { timeout: 20_000 })
      .toEqual(local);
    expect(local).toEqual(expect.arrayContaining(['start', 'pause', 'resume', 'next', 'finish']));
    const ids = (await sessionEvents()).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);

    // The client's page: the session, its events and notes drafted from them; the therapist saves the notes.
    await screenshotSaved(page, 'records-summary', { fullPage: true });
    await page.click('header button.app-records');
    await page.waitForSelector('.records-clients');
    await screenshotSaved(page, 'records-clients', { fullPage: true });
    await page.click('button:has-text("Maria Ivanova")');
    await page.waitForSelector('.records-session');
    expect(await page.textContent('.records-session h4')).toContain('finished');
    const objective = page.locator('.records-notes label:has-text("Objective") textarea');
    expect(await objective.inputValue()).toContain('Session ran');
    await page.fill('.records-notes label:has-text("Assessment") textarea', 'Relaxed well.');
    await page.click('button:has-text("Save notes")');
    await page.waitForSelector('.records-status:has-text("saved")');
    await page.reload();
    await page.click('header button.app-records');
    await page.click('button:has-text("Maria Ivanova")');
    await page.waitForSelector('.records-session');
    expect(await page.locator('.records-notes label:has-text("Assessment") textarea').inputValue()).toBe(
      'Relaxed well.',
    );
    expect(await page.textContent('.records-client')).toContain('consent given');
    await screenshotSaved(page, 'records-client', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows a client’s pain reports on the body map, in Russian for a Russian browser', async () => {
    await server.store.addUser({
      email: 'irina@example.org',
      name: 'Ирина',
      role: 'therapist',
      createdAt: new Date().toISOString(),
      passwordHash: await passwordHashed('a-long-password-2'),
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.click('header button.app-records');
    await page.waitForSelector('form.records-login');
    expect(await page.textContent('form.records-login h2')).toBe('Войдите, чтобы вести записи клиентов');
    await page.fill('form.records-login input[type=email]', 'irina@example.org');
    await page.fill('form.records-login input[type=password]', 'a-long-password-2');
    await page.click('form.records-login button[type=submit]');
    await page.waitForSelector('text=Вы вошли как Ирина');
    // A session with two pain reports, sent as the player sends them.
    await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/session')).json();
      const post = async (url: string, body: unknown) =>
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
            body: JSON.stringify(body),
          })
        ).json();
      const { client } = await post('/api/clients', { name: 'Мария Иванова' });
      const plan = await post('/api/plans', { intake: { minutes: 10, language: 'ru' }, clientId: client.id });
      const session = await post('/api/sessions', { planId: plan.id });
      const at = new Date().toISOString();
      await post(`/api/sessions/${session.id}/events`, {
        events: [
          { id: 'e1', kind: 'start', t: 0, at },
          { id: 'e2', kind: 'pain', t: 95, at, region: 'back.scapula', side: 'right', level: 3 },
          { id: 'e3', kind: 'pain', t: 200, at, region: 'neck.posterior', level: 7 },
          { id: 'e4', kind: 'stop', t: 200.5, at },
        ],
      });
    });
    await page.reload();
    await page.click('header button.app-records');
    await page.click('button:has-text("Мария Иванова")');
    await page.waitForSelector('.records-pain-map svg');
    expect(await page.textContent('.records-session h4')).toContain('прекращён из-за боли');
    expect(await page.textContent('.records-client')).toContain('Жалобы на боль');
    const back = page.locator('.records-pain-map figure[data-surface="posterior"]');
    expect(await back.locator('path.pain-region').count()).toBe(2);
    expect(await back.locator('figcaption').textContent()).toBe('Боль на спине и задней стороне тела');
    expect(await page.locator('.records-pain-map figure[data-surface="anterior"]').count()).toBe(0);
    expect(await page.textContent('.records-pain')).toContain('7 из 10');
    await page.locator('.records-pain-map').scrollIntoViewIfNeeded();
    await screenshotSaved(page, 'records-pain-map-ru', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
