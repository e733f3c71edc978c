import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { KyselyRecordsStore } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import type { RecordsStore } from './records-store.js';

/** A PostgreSQL URL with its password hidden, for messages and logs. */
export function urlRedacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** Connects to a PostgreSQL database (postgres://user:password@host:port/db) and brings its schema up to date. */
export async function openPostgresStore(
  url: string,
  options: { poolSize?: number } = {},
): Promise<RecordsStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>, 'postgres');
  } catch (error) {
    await db.destroy();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the PostgreSQL database ${urlRedacted(url)}: ${why}`);
  }
  return new KyselyRecordsStore(db, 'postgres', urlRedacted(url), () => db.destroy());
}
