// Export jobs through the API on SQLite (in-process queue) and PostgreSQL (pg-boss): a handout runs to done and
// downloads, a running video is cancelled, a second job of the same account waits while another account's runs,
// bad requests name their field; on PostgreSQL a separate `massage-coach worker` process takes a job.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exporters } from '../jobs/export-exporters.js';
import { EXPORTERS } from '../jobs/export-exporters.js';
import { ExportQueue, InProcessTransport, type JobTransport, pgBossTransport } from '../jobs/export-queue.js';
import { openPostgresStore } from '../store/postgres-store.js';
import type { RecordsStore } from '../store/records-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { testBackends } from '../store/test-support/test-backends.js';
import { recordsApp } from './records-app.js';
import {
  ANNA_AND_BORIS,
  type ApiCaller,
  loggedIn,
  ownerSetUp,
  therapistsLoggedIn,
} from './test-support/api-client.js';

const REPO = join(import.meta.dirname, '..', '..');
const TEN_MINUTES = { minutes: 10, language: 'en' };

const { backends, folder } = testBackends('jobs');

type Job = {
  id: string;
  status: string;
  ahead: number;
  progress: { phase: string; fraction: number };
  result: { name: string; type: string; bytes: number; url: string } | null;
  error: string | null;
};

async function jobWhen(
  caller: ApiCaller,
  id: string,
  until: (job: Job) => boolean,
  ms = 60_000,
): Promise<Job> {
  const end = Date.now() + ms;
  for (;;) {
    const job = (await caller.call('GET', `/api/export-jobs/${id}`)).json().job as Job;
    if (until(job)) return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function planned(caller: ApiCaller, intake: unknown = TEN_MINUTES): Promise<string> {
  const r = await caller.call('POST', '/api/plans', { intake });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

/** A quick job: a few seconds of one step's video, small and at 1 frame per second. */
async function quickVideo(caller: ApiCaller): Promise<Record<string, unknown>> {
  const r = await caller.call('POST', '/api/plans', { intake: TEN_MINUTES });
  const plan = r.json();
  return { planId: plan.id, kind: 'video', options: { size: '160x90', fps: 1, step: plan.plan.steps[0].id } };
}

describe.each(backends)('export jobs on %s', (backend, opened) => {
  let store: RecordsStore;
  let url: string | null;
  let app: FastifyInstance;
  let queue: ExportQueue;
  let anna: ApiCaller;
  let boris: ApiCaller;

  beforeAll(async () => {
    ({ store, url } = await opened());
    const transport: JobTransport = url ? await pgBossTransport(url) : new InProcessTransport();
    // Two at a time: one account's second job must still wait, while another account's runs.
    queue = new ExportQueue({ store, transport, workerName: 'server' });
    await queue.startWorking(2, { isRestart: !url });
    app = await recordsApp({ store, exportQueue: queue });
    [anna, boris] = await therapistsLoggedIn(app, ANNA_AND_BORIS);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await queue.stop().catch(() => undefined);
    await store.close();
  });

  it('runs a handout to done and downloads its PDF', async () => {
    const planId = await planned(anna);
    const r = await anna.call('POST', '/api/export-jobs', { planId, kind: 'handout' });
    expect(r.statusCode).toBe(202);
    expect(r.headers.location).toBe(`/api/export-jobs/${r.json().job.id}`);
    const done = await jobWhen(anna, r.json().job.id, (j) => j.status !== 'queued' && j.status !== 'running');
    expect(done).toMatchObject({ status: 'done', error: null, progress: { fraction: 1 } });
    expect(done.result).toMatchObject({ type: 'application/pdf' });
    const file = await anna.call('GET', done.result!.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(done.result!.name);
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.rawPayload.length).toBe(done.result!.bytes);
    // Another account sees none of it.
    expect((await boris.call('GET', done.result!.url)).statusCode).toBe(404);
    expect((await boris.call('GET', '/api/export-jobs')).json().jobs).toEqual([]);
    const docs = (await boris.call('GET', '/api/docs')).json();
    expect(docs.paths['/api/export-jobs'].post.requestBody).toBeDefined();
  }, 90_000);

  it('keeps an account to one job at a time, cancels a running video and a queued job, runs the next', async () => {
    const planId = await planned(anna);
    // A whole 10-minute session as video: long enough to be running when it is cancelled.
    const video = (
      await anna.call('POST', '/api/export-jobs', {
        planId,
        kind: 'video',
        options: { size: '160x90', fps: 5 },
      })
    ).json().job as Job;
    await jobWhen(anna, video.id, (j) => j.status === 'running');
    const second = (await anna.call('POST', '/api/export-jobs', { planId, kind: 'handout' })).json()
      .job as Job;
    const third = (await anna.call('POST', '/api/export-jobs', { planId, kind: 'handout' })).json()
      .job as Job;
    expect(second).toMatchObject({ status: 'queued', ahead: 1 });
    expect(third).toMatchObject({ status: 'queued', ahead: 2 });
    // Boris's job is not held up by Anna's queue: it starts while her video runs.
    const borisJob = (await boris.call('POST', '/api/export-jobs', await quickVideo(boris))).json()
      .job as Job;
    await jobWhen(boris, borisJob.id, (j) => j.status !== 'queued');
    expect((await anna.call('GET', `/api/export-jobs/${video.id}`)).json().job.status).toBe('running');
    expect((await anna.call('GET', `/api/export-jobs/${second.id}`)).json().job.status).toBe('queued');

    const cancelledQueued = await anna.call('POST', `/api/export-jobs/${third.id}/cancel`);
    expect(cancelledQueued.json().job.status).toBe('cancelled');
    const cancel = await anna.call('POST', `/api/export-jobs/${video.id}/cancel`);
    expect(cancel.statusCode).toBe(200);
    const stopped = await jobWhen(anna, video.id, (j) => j.status !== 'running');
    expect(stopped.status).toBe('cancelled');
    expect(stopped.result).toBeNull();
    const result = await anna.call('GET', `/api/export-jobs/${video.id}/result`);
    expect(result.statusCode).toBe(409);
    expect(result.json()).toMatchObject({ field: 'id' });

    const next = await jobWhen(anna, second.id, (j) => j.status === 'done' || j.status === 'failed');
    expect(next.status).toBe('done');
    expect((await anna.call('GET', `/api/export-jobs/${third.id}`)).json().job.status).toBe('cancelled');
    expect((await anna.call('POST', `/api/export-jobs/${second.id}/cancel`)).statusCode).toBe(409);
    expect((await jobWhen(boris, borisJob.id, (j) => j.status !== 'running')).status).toBe('done');
  }, 120_000);

  it.each([
    [{ planId: 'x', kind: 'gif' }, 400, 'kind'],
    [{ kind: 'handout' }, 400, 'planId'],
    [{ planId: 'no-such-plan', kind: 'handout' }, 404, 'planId'],
    [{ planId: '$PLAN', kind: 'video', options: { fps: 0 } }, 400, 'options.fps'],
    [{ planId: '$PLAN', kind: 'video', options: { size: '161x90' } }, 400, 'options.size'],
    [{ planId: '$PLAN', kind: 'video', options: { side: 'left' } }, 400, 'options.side'],
    [{ planId: '$PLAN', kind: 'video', options: { step: 'no-such-step' } }, 400, 'options.step'],
    [{ planId: '$PLAN', kind: 'handout', options: { fps: 5 } }, 400, 'options.fps'],
    [{ planId: '$PLAN', kind: 'handout', extra: 1 }, 400, 'extra'],
  ])('refuses %j with %i naming %s, and stores no job', async (body, status, field) => {
    const planId = await planned(boris);
    const before = (await boris.call('GET', '/api/export-jobs')).json().jobs.length as number;
    const r = await boris.call(
      'POST',
      '/api/export-jobs',
      JSON.parse(JSON.stringify(body).replace('$PLAN', planId)),
    );
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toMatch(/problem\+json/);
    expect(r.json().field).toBe(field);
    expect((await boris.call('GET', '/api/export-jobs')).json().jobs.length).toBe(before);
  });

  it('refuses to export a refused plan (422)', async () => {
    const r = await boris.call('POST', '/api/plans', {
      intake: { minutes: 30, conditions: [{ id: 'fever' }] },
    });
    expect(r.statusCode).toBe(422);
    const job = await boris.call('POST', '/api/export-jobs', { planId: r.json().id, kind: 'handout' });
    expect(job.statusCode).toBe(422);
    expect(job.json().field).toBe('planId');
  });

  it.runIf(backend === 'postgres')(
    'a separate worker process takes a job from PostgreSQL',
    async () => {
      // A server that runs no job itself: only the worker can.
      const own = await openPostgresStore(url!);
      const serverQueue = new ExportQueue({ store: own, transport: await pgBossTransport(url!) });
      await serverQueue.startWorking(0);
      const server = await recordsApp({ store: own, exportQueue: serverQueue });
      await queue.stop();
      let worker: ChildProcess | null = null;
      try {
        const carol = await loggedIn(server, 'boris@example.org', 'therapist-pass-1');
        const job = (await carol.call('POST', '/api/export-jobs', await quickVideo(carol))).json().job as Job;
        await new Promise((r) => setTimeout(r, 1500));
        expect((await carol.call('GET', `/api/export-jobs/${job.id}`)).json().job.status).toBe('queued');
        worker = spawn(process.execPath, [join(REPO, 'bin/massage-coach.js'), 'worker', '--db', url!], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        worker.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        worker.stderr?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        const done = await jobWhen(
          carol,
          job.id,
          (j) => j.status === 'done' || j.status === 'failed',
          90_000,
        );
        expect(done.status, out).toBe('done');
        expect(out).toMatch(/taking export jobs/);
        const row = await own.exportJobs.byId(job.id);
        expect(row?.worker).toMatch(new RegExp(`:${worker.pid}$`));
        const file = await carol.call('GET', done.result!.url);
        expect(file.headers['content-type']).toBe('video/mp4');
        expect(file.rawPayload.subarray(4, 8).toString('latin1')).toBe('ftyp');
      } finally {
        worker?.kill('SIGTERM');
        if (worker && worker.exitCode === null) await new Promise((r) => worker!.once('exit', r));
        await server.close();
        await serverQueue.stop();
        await own.close();
      }
    },
    150_000,
  );
});

describe('export queue on SQLite across a restart', () => {
  const quick: Exporters = {
    ...EXPORTERS,
    async handout({ dir: out, job }) {
      const file = join(out, 'h.pdf');
      writeFileSync(file, '%PDF-1.4 quick');
      return { file, name: `${job.id}.pdf`, type: 'application/pdf' };
    },
  };

  it('keeps a queued job through a restart and runs it once a worker starts', async () => {
    const file = join(folder(), 'restart.sqlite');
    let store = await openSqliteStore(file);
    let queue = new ExportQueue({ store, transport: new InProcessTransport(), exporters: quick });
    await queue.startWorking(0, { isRestart: true });
    let app = await recordsApp({ store, exportQueue: queue });
    const owner = await ownerSetUp(app);
    const plan = (await owner.call('POST', '/api/plans', { intake: TEN_MINUTES })).json().id as string;
    const id = (await owner.call('POST', '/api/export-jobs', { planId: plan, kind: 'handout' })).json().job
      .id as string;
    // A job claimed by a process that then died: running, with no worker left.
    await store.exportJobs.claim(id, 'gone', '2026-12-02T00:00:00Z');
    await app.close();
    await queue.stop();
    await store.close();

    store = await openSqliteStore(file);
    queue = new ExportQueue({ store, transport: new InProcessTransport(), exporters: quick });
    await queue.startWorking(1, { isRestart: true });
    app = await recordsApp({ store, exportQueue: queue });
    const job = await (async () => {
      for (let i = 0; i < 100; i++) {
        const row = await store.exportJobs.byId(id);
        if (row?.status === 'done') return row;
        await new Promise((r) => setTimeout(r, 50));
      }
      return store.exportJobs.byId(id);
    })();
    expect(job?.status).toBe('done');
    expect(job?.result?.bytes).toBe('%PDF-1.4 quick'.length);
    await app.close();
    await queue.stop();
    await store.close();
  });
});
