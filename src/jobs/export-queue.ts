// The export queue: jobs recorded in the database (export_jobs), each account's oldest unfinished job handed to a
// transport (in-process for SQLite, pg-boss on PostgreSQL), run by workers in the server or on other machines.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportJob, ExportKind } from '../store/export-job-store.js';
import { RESULT_CHUNK_BYTES } from '../store/export-job-store.js';
import type { RecordsStore } from '../store/records-store.js';
import { EXPORTERS, type ExporterProgress, type Exporters } from './export-exporters.js';

/** How jobs reach workers: `send` hands over a job id, `work` takes them (at most `concurrency` at once). */
export interface JobTransport {
  readonly name: string;
  send(jobId: string): Promise<void>;
  work(handler: (jobId: string) => Promise<void>, concurrency: number): Promise<void>;
  stop(): Promise<void>;
}

/** The transport inside one process (SQLite): a list in memory, rebuilt from the table at start-up. */
export class InProcessTransport implements JobTransport {
  readonly name = 'in-process';
  private readonly waiting: string[] = [];
  private handler: ((jobId: string) => Promise<void>) | null = null;
  private concurrency = 0;
  private running = 0;
  private readonly active = new Set<Promise<void>>();

  async send(jobId: string): Promise<void> {
    if (!this.waiting.includes(jobId)) this.waiting.push(jobId);
    this.pump();
  }

  async work(handler: (jobId: string) => Promise<void>, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = concurrency;
    this.pump();
  }

  private pump(): void {
    while (this.handler && this.running < this.concurrency && this.waiting.length > 0) {
      const jobId = this.waiting.shift()!;
      this.running++;
      const run = this.handler(jobId)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.active.delete(run);
          this.pump();
        });
      this.active.add(run);
    }
  }

  async stop(): Promise<void> {
    this.handler = null;
    await Promise.all([...this.active]);
  }
}

/** The pg-boss queue's name. */
export const PG_BOSS_QUEUE = 'massage-coach-export';

/** The transport over PostgreSQL: pg-boss, so workers on other machines take jobs with no other set-up. */
export async function pgBossTransport(url: string): Promise<JobTransport> {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: url, max: 4, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  if (!(await boss.getQueue(PG_BOSS_QUEUE))) {
    try {
      // Our own table decides what runs (one job per account, the oldest first); pg-boss only delivers, once.
      await boss.createQueue(PG_BOSS_QUEUE, {
        name: PG_BOSS_QUEUE,
        policy: 'standard',
        retryLimit: 0,
        expireInHours: 12,
      });
    } catch (error) {
      // Another process created it meanwhile.
      if (!(await boss.getQueue(PG_BOSS_QUEUE))) throw error;
    }
  }
  return {
    name: 'pg-boss',
    async send(jobId) {
      await boss.send(PG_BOSS_QUEUE, { jobId });
    },
    async work(handler, concurrency) {
      for (let i = 0; i < concurrency; i++) {
        await boss.work<{ jobId: string }>(
          PG_BOSS_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: 1 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data.jobId);
          },
        );
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/** Opens the transport that suits the database: pg-boss for a postgres:// URL, in-process otherwise. */
export async function transportFor(store: RecordsStore, url: string | null): Promise<JobTransport> {
  return store.dialect === 'postgres' && url ? pgBossTransport(url) : new InProcessTransport();
}

/** How often a running job reports (its heartbeat), and after how long without one its worker counts as gone. */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 60_000;

/** What the queue needs. */
export interface ExportQueueOptions {
  readonly store: RecordsStore;
  readonly transport: JobTransport;
  readonly now?: () => Date;
  /** The exporters (tests pass quick ones). */
  readonly exporters?: Exporters;
  /** How this worker is named in the jobs it runs. */
  readonly workerName?: string;
  /** The shortest time between two progress writes, ms. */
  readonly progressEveryMs?: number;
}

/**
 * Submits, cancels and runs export jobs. The table is the truth; the transport only carries "job X is next" to a
 * worker, and a worker claims the job in the table before running it, so a job sent twice runs once.
 */
export class ExportQueue {
  private readonly store: RecordsStore;
  private readonly now: () => Date;
  private readonly exporters: Exporters;
  private readonly workerName: string;
  private readonly progressEveryMs: number;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, AbortController>();
  private isStopping = false;

  constructor(private readonly options: ExportQueueOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.exporters = options.exporters ?? EXPORTERS;
    this.workerName = options.workerName ?? `${hostname()}:${process.pid}`;
    this.progressEveryMs = options.progressEveryMs ?? 250;
  }

  get transportName(): string {
    return this.options.transport.name;
  }

  /** Records a job and hands it to a worker when it is its account's turn. */
  async submit(job: {
    userId: string;
    planId: string;
    clientId: string | null;
    kind: ExportKind;
    options: Record<string, unknown>;
  }): Promise<ExportJob> {
    const added = await this.store.exportJobs.add({ id: randomUUID(), ...job, at: this.now().toISOString() });
    await this.dispatchNext(job.userId);
    return added;
  }

  /** Cancels an account's job (a running one stops at its next progress step); null when there is none. */
  async cancel(userId: string, id: string): Promise<ExportJob | null> {
    const job = await this.store.exportJobs.cancel(userId, id, this.now().toISOString());
    this.running.get(id)?.abort();
    if (job) await this.dispatchNext(userId);
    return job;
  }

  /** Hands the account's next job to the transport, when its turn has come. */
  async dispatchNext(userId: string): Promise<void> {
    const next = await this.store.exportJobs.nextToDispatch(userId);
    if (!next) return;
    await this.options.transport.send(next.id);
    await this.store.exportJobs.markDispatched(next.id, this.now().toISOString());
  }

  /**
   * Puts back the jobs of workers gone silent and hands out every account's next job. `isRestart`: this process
   * alone runs jobs (in-process queue) and has just started, so whatever was running was its own and stopped.
   */
  async sweep(options: { isRestart?: boolean } = {}): Promise<void> {
    const at = this.now().getTime();
    const staleBefore = new Date(options.isRestart ? at + 1 : at - STALE_MS).toISOString();
    await this.store.exportJobs.requeued(staleBefore, options);
    for (const userId of await this.store.exportJobs.usersWithQueued()) await this.dispatchNext(userId);
  }

  /** Starts taking jobs (`concurrency` at once) and sweeping every half minute. */
  async startWorking(concurrency: number, options: { isRestart?: boolean } = {}): Promise<void> {
    await this.sweep(options);
    if (concurrency > 0) await this.options.transport.work((jobId) => this.run(jobId), concurrency);
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 30_000);
    this.sweeper.unref();
  }

  /** Stops: running jobs are stopped and put back in the queue (another worker, or the next start, runs them). */
  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.isStopping = true;
    for (const controller of this.running.values()) controller.abort();
    await this.options.transport.stop();
  }

  /** Runs one job: claims it, exports into a temp folder, stores the file, records how it ended. */
  async run(jobId: string): Promise<void> {
    const jobs = this.store.exportJobs;
    const job = await jobs.claim(jobId, this.workerName, this.now().toISOString());
    if (!job) return;
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const dir = mkdtempSync(join(tmpdir(), 'massage-coach-job-'));
    let last: ExporterProgress = { phase: 'starting', done: 0, total: 0 };
    let lastWritten = 0;
    let writing: Promise<void> | null = null;
    const report = (progress: ExporterProgress, force = false) => {
      last = progress;
      const t = Date.now();
      if (writing || (!force && t - lastWritten < this.progressEveryMs)) return;
      lastWritten = t;
      writing = jobs
        .progress(job.id, last, this.now().toISOString())
        .then((state) => {
          if (state.isGone || state.isCancelAsked) controller.abort();
        })
        .catch(() => undefined)
        .finally(() => {
          writing = null;
        });
    };
    const heartbeat = setInterval(() => report(last, true), HEARTBEAT_MS);
    heartbeat.unref();
    const finish = async (outcome: Parameters<typeof jobs.finish>[1]) => {
      clearInterval(heartbeat);
      await writing;
      await jobs.finish(job.id, outcome, this.now().toISOString());
    };
    try {
      const planned = await jobs.planOf(job);
      if (!planned || planned.plan.refused) throw new Error('the plan is gone or is a refusal');
      if (job.isCancelAsked) controller.abort();
      const made = await this.exporters[job.kind]({
        job,
        plan: planned.plan,
        routineId: planned.routineId,
        dir,
        signal: controller.signal,
        onProgress: (p) => report(p),
      });
      if (controller.signal.aborted) throw new DOMException('export stopped', 'AbortError');
      report({ phase: 'saving', done: 0, total: 1 }, true);
      const bytes = statSync(made.file).size;
      await this.store.transaction((tx) => tx.exportJobs.saveResult(job.id, fileChunks(made.file)));
      await finish({ status: 'done', name: made.name, type: made.type, bytes });
    } catch (error) {
      if (this.isStopping) {
        clearInterval(heartbeat);
        await writing;
        await jobs.release(job.id);
      } else if (controller.signal.aborted) await finish({ status: 'cancelled' });
      else await finish({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      clearInterval(heartbeat);
      this.running.delete(job.id);
      rmSync(dir, { recursive: true, force: true });
      if (!this.isStopping) await this.dispatchNext(job.userId).catch(() => undefined);
    }
  }
}

/** A file read in chunks of RESULT_CHUNK_BYTES. */
function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(RESULT_CHUNK_BYTES);
      const n = readSync(fd, buffer, 0, RESULT_CHUNK_BYTES, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** The share of a job done, 0–1, from its phase (the video's frames are most of its time). */
export function jobFraction(job: ExportJob): number {
  if (job.status === 'done') return 1;
  const { phase, done, total } = job.progress;
  const part = total > 0 ? Math.min(1, done / total) : 0;
  switch (phase) {
    case 'narration':
      return 0.05 + 0.1 * part;
    case 'frames':
      return 0.15 + 0.8 * part;
    case 'printing':
      return 0.05 + 0.9 * part;
    case 'saving':
      return 0.97;
    default:
      return 0;
  }
}
