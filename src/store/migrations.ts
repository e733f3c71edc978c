import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/** The databases the store runs on. */
export type Dialect = 'sqlite' | 'postgres';

// Migrations are append-only: never edit one that has shipped; add the next.
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    '0001-records': {
      async up(db: Kysely<unknown>) {
        const serial = (table: string) =>
          db.schema
            .createTable(table)
            .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
              dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
            );
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('auth_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('clients')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('clients_owner').on('clients').column('owner_id').execute();
        await db.schema
          .createTable('intakes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
          .addColumn('series_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('intake', 'text', (c) => c.notNull())
          .addColumn('consent', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('intakes_series_version', ['series_id', 'version'])
          .execute();
        await db.schema.createIndex('intakes_client').on('intakes').column('client_id').execute();
        await db.schema
          .createTable('plans')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('cascade'))
          .addColumn('intake_id', 'text')
          .addColumn('routine_id', 'text', (c) => c.notNull())
          .addColumn('routine_version', 'integer', (c) => c.notNull())
          .addColumn('is_refused', 'integer', (c) => c.notNull())
          .addColumn('intake', 'text', (c) => c.notNull())
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('plan_id', 'text', (c) => c.references('plans.id').onDelete('cascade'))
          .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('cascade'))
          .addColumn('source_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('sessions_user_source', ['user_id', 'source_id'])
          .execute();
        await db.schema.createIndex('sessions_client').on('sessions').column('client_id').execute();
        await serial('session_events')
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('t', sql.raw(real), (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('session_events_session_id', ['session_id', 'id'])
          .execute();
        await db.schema
          .createTable('notes')
          .addColumn('session_id', 'text', (c) =>
            c.primaryKey().references('sessions.id').onDelete('cascade'),
          )
          .addColumn('subjective', 'text', (c) => c.notNull())
          .addColumn('objective', 'text', (c) => c.notNull())
          .addColumn('assessment', 'text', (c) => c.notNull())
          .addColumn('plan', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await serial('audit_log')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('client_id', 'text')
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_log_client').on('audit_log').column('client_id').execute();
      },
    },
    '0002-export-jobs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('export_jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
          .addColumn('client_id', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('phase', 'text', (c) => c.notNull())
          .addColumn('done', 'integer', (c) => c.notNull())
          .addColumn('total', 'integer', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('is_cancel_asked', 'integer', (c) => c.notNull())
          .addColumn('dispatched_at', 'text')
          .addColumn('heartbeat_at', 'text')
          .addColumn('worker', 'text')
          .addColumn('result_name', 'text')
          .addColumn('result_type', 'text')
          .addColumn('result_bytes', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .execute();
        await db.schema
          .createIndex('export_jobs_user')
          .on('export_jobs')
          .columns(['user_id', 'status'])
          .execute();
        // One running export per account, whatever the number of workers: a second claim fails on this index.
        await sql`CREATE UNIQUE INDEX export_jobs_one_running ON export_jobs (user_id) WHERE status = 'running'`.execute(
          db,
        );
        await db.schema
          .createTable('export_job_chunks')
          .addColumn('job_id', 'text', (c) => c.notNull().references('export_jobs.id').onDelete('cascade'))
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .addPrimaryKeyConstraint('export_job_chunks_pk', ['job_id', 'seq'])
          .execute();
      },
    },
  };
}

/** Runs every migration the database has not had yet; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
