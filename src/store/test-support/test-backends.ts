// The two databases a test file runs its suite against: a SQLite file in a temporary folder and a database in a
// throw-away PostgreSQL cluster, both made before the file's tests and removed after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../postgres-store.js';
import type { RecordsStore } from '../records-store.js';
import { openSqliteStore } from '../sqlite-store.js';
import { type PostgresCluster, postgresClusterStarted } from './postgres-cluster.js';

/** An opened test database: the store, and the PostgreSQL URL (null for SQLite). */
export interface TestBackend {
  readonly store: RecordsStore;
  readonly url: string | null;
}

/** A backend's name (`sqlite`, `postgres`) and how to open a new, empty database on it. */
export type TestBackendOpener = readonly [name: string, opened: () => Promise<TestBackend>];

/** A test file's databases: both backends for `describe.each`, and its temporary folder for files of its own. */
export interface TestBackends {
  readonly backends: TestBackendOpener[];
  /** The temporary folder (made in `beforeAll`). */
  folder(): string;
}

/**
 * Registers the file's set-up (a temporary folder, a PostgreSQL cluster) and clean-up. Each call of an opener makes
 * a new database named after `prefix`.
 */
export function testBackends(prefix: string): TestBackends {
  let dir = '';
  let cluster: PostgresCluster | undefined;
  let count = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-test-`));
    cluster = await postgresClusterStarted();
  }, 120_000);
  afterAll(() => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const backends: TestBackendOpener[] = [
    [
      'sqlite',
      async () => ({ store: await openSqliteStore(join(dir, `${prefix}_${++count}.sqlite`)), url: null }),
    ],
    [
      'postgres',
      async () => {
        if (!cluster) throw new Error('the PostgreSQL cluster did not start');
        const url = await cluster.databaseCreated(`${prefix}_${++count}`);
        return { store: await openPostgresStore(url), url };
      },
    ],
  ];
  return { backends, folder: () => dir };
}
