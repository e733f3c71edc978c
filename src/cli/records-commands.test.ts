import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, sqliteIntegrity } from '../store/sqlite-store.js';
import { main } from './main.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'records-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], password?: string) {
  let stdout = '';
  let stderr = '';
  const previous = process.env.MASSAGE_COACH_PASSWORD;
  if (password !== undefined) process.env.MASSAGE_COACH_PASSWORD = password;
  try {
    const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    if (previous === undefined) delete process.env.MASSAGE_COACH_PASSWORD;
    else process.env.MASSAGE_COACH_PASSWORD = previous;
  }
}

describe('user add', () => {
  it('adds an account to a new database, and refuses the same e-mail or a short password', async () => {
    const db = join(dir, 'users', 'records.sqlite');
    const ok = await run(
      ['user', 'add', '--db', db, '--role', 'owner', '--email', 'Olga@Example.org', '--name', 'Olga'],
      'a-long-password',
    );
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('added owner olga@example.org');
    const again = await run(
      ['user', 'add', '--db', db, '--email', 'olga@example.org', '--name', 'O'],
      'a-long-password',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists');
    const short = await run(['user', 'add', '--db', db, '--email', 'b@example.org', '--name', 'B'], 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: a password has at least 10 characters');
    const badRole = await run(
      ['user', 'add', '--db', db, '--email', 'b@example.org', '--name', 'B', '--role', 'admin'],
      'a-long-password',
    );
    expect(badRole.code).toBe(2);
    const store = await openSqliteStore(db);
    expect((await store.users()).map((u) => [u.email, u.role])).toEqual([['olga@example.org', 'owner']]);
    await store.close();
  });
});

describe('backup and restore', () => {
  it('copies a live database, checks it, and the copy restores by replacing the file', async () => {
    const db = join(dir, 'live', 'records.sqlite');
    const live = await openSqliteStore(db);
    const user = await live.addUser({
      email: 'a@example.org',
      name: 'A',
      role: 'owner',
      createdAt: '2026-12-02T00:00:00Z',
      passwordHash: 'h',
    });
    await live.addClient(user!.id, { name: 'Kept client' }, '2026-12-02T00:00:00Z');
    // The server keeps its database open while the backup runs.
    const backup = join(dir, 'backups', 'records-1.sqlite');
    const r = await run(['backup', '--db', db, '-o', backup]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('integrity ok');
    await live.addClient(user!.id, { name: 'After the backup' }, '2026-12-02T01:00:00Z');
    await live.close();
    expect(sqliteIntegrity(backup)).toBe('ok');

    // Restore (docs/operations.md): stop the server, replace the file and drop its -wal and -shm, start again.
    const restored = join(dir, 'restored', 'records.sqlite');
    await openSqliteStore(restored).then((s) => s.close());
    for (const suffix of ['-wal', '-shm']) rmSync(`${restored}${suffix}`, { force: true });
    copyFileSync(backup, restored);
    const store = await openSqliteStore(restored);
    expect((await store.clients(user!.id)).map((c) => c.name)).toEqual(['Kept client']);
    await store.close();
  });

  it('refuses to overwrite, a missing database, and PostgreSQL (with the pg_dump command)', async () => {
    const db = join(dir, 'b', 'records.sqlite');
    await openSqliteStore(db).then((s) => s.close());
    const existing = join(dir, 'b', 'exists.sqlite');
    writeFileSync(existing, 'x');
    expect((await run(['backup', '--db', db, '-o', existing])).code).toBe(1);
    expect((await run(['backup', '--db', db, '-o', existing, '--force'])).code).toBe(0);
    expect(sqliteIntegrity(existing)).toBe('ok');
    const missing = await run(['backup', '--db', join(dir, 'nothing.sqlite'), '-o', join(dir, 'x.sqlite')]);
    expect(missing.code).toBe(1);
    expect(existsSync(join(dir, 'nothing.sqlite'))).toBe(false);
    const pg = await run(['backup', '--db', 'postgres://u@127.0.0.1/db', '-o', join(dir, 'pg.dump')]);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('pg_dump');
  });
});
