import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqlite, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { KyselyRecordsStore } from './kysely-store.js';
import { LookupCache } from './lookup-cache.js';
import { migrateToLatest } from './migrations.js';
import type { RecordsStore } from './records-store.js';
import { sqliteEventThread } from './sqlite-event-thread.js';

/** The most prepared statements kept per database (the store's queries are a few dozen shapes). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3 behind Kysely with its prepared statements kept: Kysely prepares every query it runs, and preparing
 * costs more than running the small queries of an event write. Safe: Kysely runs one query at a time on SQLite.
 */
function statementsCached(sqlite: KyselySqlite): KyselySqlite {
  const statements = new Map<string, ReturnType<KyselySqlite['prepare']>>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size < STATEMENT_CACHE_SIZE) statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Opens (creating it and its folder on first use) a SQLite records file and brings its schema up to date. */
export async function openSqliteStore(
  file: string,
): Promise<RecordsStore & { backup(to: string): Promise<void> }> {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  // WAL with synchronous=FULL: every committed transaction is fsync'd before the write is acknowledged, so a
  // crash or a kill never loses an acknowledged record; busy_timeout lets a backup or a second process wait.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statementsCached(sqlite) }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Event writes commit on a thread of their own (a file only: an in-memory database is this connection's alone).
  let thread: Awaited<ReturnType<typeof sqliteEventThread>> | null = null;
  try {
    thread = path === ':memory:' ? null : await sqliteEventThread(path);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // The server is the one process that changes a SQLite file's accounts and sessions: its lookups may be cached.
  const store = new KyselyRecordsStore(
    db,
    'sqlite',
    path,
    async () => {
      await thread?.close();
      await db.destroy();
    },
    new LookupCache(),
  );
  return Object.assign(store, {
    ...(thread ? { eventGroupCommit: thread.commit } : {}),
    async backup(to: string): Promise<void> {
      mkdirSync(dirname(resolve(to)), { recursive: true });
      await sqlite.backup(resolve(to));
    },
  });
}

/** Runs SQLite's `PRAGMA integrity_check` on a records file: "ok" or the problems it lists. */
export function sqliteIntegrity(file: string): string {
  const sqlite = new SqliteDatabase(file, { readonly: true });
  try {
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('\n');
  } finally {
    sqlite.close();
  }
}
