// The crash test: the server killed with SIGKILL in the middle of a write load, restarted, 20 times. Every event
// that got a 2xx answer must be in the database afterwards, and SQLite's integrity_check must say ok.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteIntegrity } from '../store/sqlite-store.js';
import { passwordHashed } from './passwords.js';

const REPO = join(import.meta.dirname, '..', '..');
const ROUNDS = 20;
const WRITERS = 8;
const dir = mkdtempSync(join(tmpdir(), 'crash-test-'));
const db = join(dir, 'records.sqlite');
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serverStarted(): Promise<{ process: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/server/main.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db, WEB_ROOT: join(dir, 'no-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 60_000);
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /web app: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ process: proc, url: m[1]!.replace(/\/$/, '') });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it started: ${out}${err}`));
    });
  });
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describe('a server killed during writes', () => {
  it(`keeps every acknowledged event across ${ROUNDS} SIGKILLs, and the file stays sound`, async () => {
    const store = await openSqliteStore(db);
    await store.addUser({
      email: 'crash@example.org',
      name: 'Crash',
      role: 'owner',
      createdAt: new Date().toISOString(),
      passwordHash: await passwordHashed('crash-password-1'),
    });
    await store.close();

    const acknowledged = new Set<string>();
    let sent = 0;
    let cookie = '';
    let csrf = '';
    let sessionId = '';
    for (let round = 0; round < ROUNDS; round++) {
      const { process: proc, url } = await serverStarted();
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
      if (round === 0) {
        const login = await post('/api/login', { email: 'crash@example.org', password: 'crash-password-1' });
        expect(login.status).toBe(200);
        cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
        csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
        const plan = await post('/api/plans', { intake: { minutes: 20 } });
        const session = await post('/api/sessions', { planId: ((await plan.json()) as { id: string }).id });
        sessionId = ((await session.json()) as { id: string }).id;
      }
      // The login survives the restarts: it is in the database, not in the server's memory.
      let isRunning = true;
      const writer = async (w: number) => {
        for (let n = 0; isRunning; n++) {
          const events = Array.from({ length: 3 }, (_, k) => ({
            id: `r${round}-w${w}-n${n}-k${k}`,
            kind: 'next',
            t: n,
            at: new Date().toISOString(),
          }));
          sent += events.length;
          try {
            const r = await post(`/api/sessions/${sessionId}/events`, { events });
            if (r.status >= 200 && r.status < 300) for (const e of events) acknowledged.add(e.id);
            else if (r.status !== 503) throw new Error(`unexpected ${r.status}: ${await r.text()}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
            return; // the connection died with the server
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      // Kill at a different moment each round, while the writes are in flight.
      await new Promise((r) => setTimeout(r, 150 + ((round * 37) % 200)));
      await killed(proc);
      isRunning = false;
      await Promise.all(writers);
    }

    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 10);
    expect(sqliteIntegrity(db)).toBe('ok');
    const after = await openSqliteStore(db);
    const stored = new Set((await after.events(sessionId)).map((e) => e.id));
    await after.close();
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    // Some writes were cut off by the kill: the test did kill mid-load.
    expect(sent).toBeGreaterThan(acknowledged.size);
  }, 600_000);
});
