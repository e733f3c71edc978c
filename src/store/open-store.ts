import { join } from 'node:path';
import { openPostgresStore } from './postgres-store.js';
import type { RecordsStore } from './records-store.js';
import { openSqliteStore } from './sqlite-store.js';

/** The SQLite file used when neither `--db` nor `DATABASE_URL` names a database. */
export const DEFAULT_DB_FILE = join('data', 'records.sqlite');

/** True when a `--db` value names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The database a command uses: `--db`, else `DATABASE_URL`, else ./data/records.sqlite. */
export function dbTarget(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? (env.DATABASE_URL || undefined) ?? DEFAULT_DB_FILE;
}

/** Opens the records store a `--db` value names: a postgres:// URL or a SQLite file. */
export function openStore(target: string): Promise<RecordsStore> {
  return isPostgresUrl(target) ? openPostgresStore(target) : openSqliteStore(target);
}
