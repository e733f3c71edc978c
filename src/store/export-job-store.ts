import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PlanResult } from '../core/plan-types.js';
import type { Database, ExportJobsTable } from './database.js';

/** What an export job makes. */
export type ExportKind = 'video' | 'handout';

/** Where a job is: waiting its turn, being made, finished (done, failed or cancelled). */
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** The statuses of a job that is over. */
export const FINISHED_STATUSES: readonly ExportStatus[] = ['done', 'failed', 'cancelled'];

/** An export job as its owner sees it. */
export interface ExportJob {
  readonly id: string;
  readonly userId: string;
  readonly planId: string;
  readonly clientId: string | null;
  readonly kind: ExportKind;
  readonly options: Record<string, unknown>;
  readonly status: ExportStatus;
  /** How far it is: the exporter's phase, and done of total in that phase (fraction: 0–1 over the whole job). */
  readonly progress: { readonly phase: string; readonly done: number; readonly total: number };
  /** True once the owner asked a running job to stop (the worker stops at its next progress step). */
  readonly isCancelAsked: boolean;
  readonly error: string | null;
  /** The finished file: its name, media type and size. */
  readonly result: { readonly name: string; readonly type: string; readonly bytes: number } | null;
  readonly worker: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** How a job ended. */
export type ExportOutcome =
  | { readonly status: 'done'; readonly name: string; readonly type: string; readonly bytes: number }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'cancelled' };

/** The size of one stored chunk of a result file. */
export const RESULT_CHUNK_BYTES = 1024 * 1024;

/** A running job put back in the queue: no worker, no progress, to be handed out again. */
const BACK_IN_QUEUE = {
  status: 'queued',
  phase: 'queued',
  done: 0,
  total: 0,
  worker: null,
  dispatched_at: null,
  started_at: null,
} as const satisfies Updateable<ExportJobsTable>;

function jobOf(row: Selectable<ExportJobsTable>): ExportJob {
  return {
    id: row.id,
    userId: row.user_id,
    planId: row.plan_id,
    clientId: row.client_id,
    kind: row.kind as ExportKind,
    options: JSON.parse(row.options) as Record<string, unknown>,
    status: row.status as ExportStatus,
    progress: { phase: row.phase, done: Number(row.done), total: Number(row.total) },
    isCancelAsked: Number(row.is_cancel_asked) === 1,
    error: row.error,
    result:
      row.result_name && row.result_type
        ? { name: row.result_name, type: row.result_type, bytes: Number(row.result_bytes ?? 0) }
        : null,
    worker: row.worker,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const UNFINISHED = ['queued', 'running'] as const;

/**
 * The export jobs' table: the queue's durable record (a restart loses no queued job), the one-running-per-account
 * rule (a unique index), progress, cancellation, and the finished file in chunks.
 */
export class ExportJobStore {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  /** Adds a queued job. */
  async add(job: {
    id: string;
    userId: string;
    planId: string;
    clientId: string | null;
    kind: ExportKind;
    options: Record<string, unknown>;
    at: string;
  }): Promise<ExportJob> {
    const row = {
      id: job.id,
      user_id: job.userId,
      plan_id: job.planId,
      client_id: job.clientId,
      kind: job.kind,
      options: JSON.stringify(job.options),
      status: 'queued',
      phase: 'queued',
      done: 0,
      total: 0,
      error: null,
      is_cancel_asked: 0,
      dispatched_at: null,
      heartbeat_at: null,
      worker: null,
      result_name: null,
      result_type: null,
      result_bytes: null,
      created_at: job.at,
      started_at: null,
      finished_at: null,
    };
    await this.db.insertInto('export_jobs').values(row).execute();
    return jobOf(row);
  }

  /** An account's jobs, newest first. */
  async forUser(userId: string, limit = 100): Promise<ExportJob[]> {
    const rows = await this.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(jobOf);
  }

  /** One job of an account, or null (another account's job is not found). */
  async get(userId: string, id: string): Promise<ExportJob | null> {
    const row = await this.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? jobOf(row) : null;
  }

  /** A job by id alone (for the worker that runs it). */
  async byId(id: string): Promise<ExportJob | null> {
    const row = await this.db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? jobOf(row) : null;
  }

  /** The plan a job exports (for the worker; the job's owner was checked when it was made). */
  async planOf(job: ExportJob): Promise<{ plan: PlanResult; routineId: string } | null> {
    const row = await this.db
      .selectFrom('plans')
      .select(['plan', 'routine_id'])
      .where('id', '=', job.planId)
      .where('user_id', '=', job.userId)
      .executeTakeFirst();
    return row ? { plan: JSON.parse(row.plan) as PlanResult, routineId: row.routine_id } : null;
  }

  /** How many of the account's jobs are ahead of this queued one (0: it is next). */
  async aheadOf(job: ExportJob): Promise<number> {
    const row = await this.db
      .selectFrom('export_jobs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', job.userId)
      .where('status', 'in', UNFINISHED)
      .where((eb) =>
        eb.or([
          eb('created_at', '<', job.createdAt),
          eb.and([eb('created_at', '=', job.createdAt), eb('id', '<', job.id)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The account's next job to hand to a worker: its oldest unfinished job, when that is queued and not yet handed. */
  async nextToDispatch(userId: string): Promise<ExportJob | null> {
    const row = await this.db
      .selectFrom('export_jobs')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', 'in', UNFINISHED)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (row?.status !== 'queued' || row.dispatched_at !== null) return null;
    return jobOf(row);
  }

  /** Notes that a job went to the queue; false when it had already. */
  async markDispatched(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('export_jobs')
      .set({ dispatched_at: at })
      .where('id', '=', id)
      .where('dispatched_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The accounts that have a queued job (for the sweep that hands them out after a restart). */
  async usersWithQueued(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('export_jobs')
      .select('user_id')
      .distinct()
      .where('status', '=', 'queued')
      .execute();
    return rows.map((r) => r.user_id);
  }

  /**
   * Takes a queued job for a worker; null when it is not queued any more, or when its account already has a job
   * running (the unique index refuses a second).
   */
  async claim(id: string, worker: string, at: string): Promise<ExportJob | null> {
    try {
      const result = await this.db
        .updateTable('export_jobs')
        .set({ status: 'running', phase: 'starting', worker, started_at: at, heartbeat_at: at })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
    } catch (error) {
      if (/unique|duplicate/i.test(error instanceof Error ? error.message : String(error))) return null;
      throw error;
    }
    return this.byId(id);
  }

  /** Records progress (and the worker's heartbeat); says whether the owner asked to cancel, or the job is gone. */
  async progress(
    id: string,
    progress: { phase: string; done: number; total: number },
    at: string,
  ): Promise<{ isGone: boolean; isCancelAsked: boolean }> {
    await this.db
      .updateTable('export_jobs')
      .set({ phase: progress.phase, done: progress.done, total: progress.total, heartbeat_at: at })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
    const row = await this.db
      .selectFrom('export_jobs')
      .select(['status', 'is_cancel_asked'])
      .where('id', '=', id)
      .executeTakeFirst();
    return { isGone: row?.status !== 'running', isCancelAsked: Number(row?.is_cancel_asked) === 1 };
  }

  /**
   * Cancels an account's job: a queued one at once, a running one when its worker next reports progress.
   * Null when the account has no such job.
   */
  async cancel(userId: string, id: string, at: string): Promise<ExportJob | null> {
    await this.db
      .updateTable('export_jobs')
      .set({ status: 'cancelled', phase: 'cancelled', finished_at: at, is_cancel_asked: 1 })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
    await this.db
      .updateTable('export_jobs')
      .set({ is_cancel_asked: 1 })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
    return this.get(userId, id);
  }

  /** Stores a finished job's file (replacing any earlier try's) from its chunks. */
  async saveResult(id: string, chunks: Iterable<Uint8Array>): Promise<void> {
    await this.db.deleteFrom('export_job_chunks').where('job_id', '=', id).execute();
    let seq = 0;
    for (const data of chunks) {
      await this.db.insertInto('export_job_chunks').values({ job_id: id, seq: seq++, data }).execute();
    }
  }

  /** A finished job's file, chunk by chunk. */
  async *resultChunks(id: string): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const row = await this.db
        .selectFrom('export_job_chunks')
        .select('data')
        .where('job_id', '=', id)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (!row) return;
      yield row.data;
    }
  }

  /** Ends a running job. False when it was not running any more (deleted with its client, say). */
  async finish(id: string, outcome: ExportOutcome, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('export_jobs')
      .set({
        status: outcome.status,
        phase: outcome.status,
        finished_at: at,
        heartbeat_at: at,
        error: outcome.status === 'failed' ? outcome.error.slice(0, 2000) : null,
        ...(outcome.status === 'done'
          ? { result_name: outcome.name, result_type: outcome.type, result_bytes: outcome.bytes }
          : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Puts a running job back in the queue (its worker is stopping); the next sweep hands it out again. */
  async release(id: string): Promise<void> {
    await this.db
      .updateTable('export_jobs')
      .set(BACK_IN_QUEUE)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  /**
   * Puts back in the queue the running jobs whose worker has not been heard from since `staleBefore` (it died), and
   * un-hands the queued ones when `isRestart` (an in-process queue lost its memory). Returns the accounts touched.
   */
  async requeued(staleBefore: string, options: { isRestart?: boolean } = {}): Promise<string[]> {
    const stale = await this.db
      .selectFrom('export_jobs')
      .select('user_id')
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', staleBefore)
      .execute();
    await this.db
      .updateTable('export_jobs')
      .set(BACK_IN_QUEUE)
      .where('status', '=', 'running')
      .where('heartbeat_at', '<', staleBefore)
      .execute();
    if (options.isRestart) {
      await this.db
        .updateTable('export_jobs')
        .set({ dispatched_at: null })
        .where('status', '=', 'queued')
        .execute();
    }
    return [...new Set(stale.map((r) => r.user_id))];
  }
}
