// The export jobs' API: make a video or a handout of a stored plan as a queued job, follow its progress, cancel it,
// download the file. Only the job's owner sees it.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ExportJobRequest, jobOptionsProblem } from '../jobs/export-exporters.js';
import { type ExportQueue, jobFraction } from '../jobs/export-queue.js';
import type { ExportJob } from '../store/export-job-store.js';
import type { RecordsStore, User } from '../store/records-store.js';
import { userRequired } from './auth.js';
import { ProblemError, parsedWith } from './problem.js';

const IdParams = z.object({ id: z.string().min(1).max(100) }).strict();

/** What the routes need from the app. */
export interface ExportRoutesOptions {
  readonly store: RecordsStore;
  readonly queue: ExportQueue;
  readonly audit: (
    user: User,
    action: string,
    target: string,
    clientId: string | null,
    detail?: string,
  ) => Promise<void>;
}

/** A job as the API shows it: progress with its fraction, the place in the owner's queue, the download link. */
async function jobView(store: RecordsStore, job: ExportJob) {
  const { userId: _user, worker: _worker, ...shown } = job;
  return {
    ...shown,
    progress: { ...job.progress, fraction: Number(jobFraction(job).toFixed(3)) },
    ahead: job.status === 'queued' ? await store.exportJobs.aheadOf(job) : 0,
    result: job.result ? { ...job.result, url: `/api/export-jobs/${job.id}/result` } : null,
  };
}

/** Adds the export job routes to the records app. */
export function registerExportRoutes(app: FastifyInstance, options: ExportRoutesOptions): void {
  const { store, queue, audit } = options;

  const jobOr404 = async (user: User, id: string) => {
    const job = await store.exportJobs.get(user.id, id);
    if (!job) throw new ProblemError(404, `you have no export job ${id}`, { field: 'id' });
    return job;
  };

  app.post('/api/export-jobs', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const body = parsedWith(ExportJobRequest, request.body);
    const plan = await store.plan(user.id, body.planId);
    if (!plan) throw new ProblemError(404, `you have no plan ${body.planId}`, { field: 'planId' });
    if (plan.plan.refused)
      throw new ProblemError(422, 'the plan is a refusal: there is nothing to export', { field: 'planId' });
    const jobOptions = (body.options ?? {}) as Record<string, unknown>;
    const wrong = jobOptionsProblem(body.kind, jobOptions, plan.plan);
    if (wrong) throw new ProblemError(400, `${wrong.field}: ${wrong.message}`, { field: wrong.field });
    const job = await queue.submit({
      userId: user.id,
      planId: plan.id,
      clientId: plan.clientId,
      kind: body.kind,
      options: jobOptions,
    });
    await audit(user, 'export.add', `export:${job.id}`, job.clientId, `${job.kind} of plan:${plan.id}`);
    // The job may have started (or, quick, even finished) meanwhile: show it as it is now.
    const now = (await store.exportJobs.get(user.id, job.id)) ?? job;
    return reply
      .code(202)
      .header('location', `/api/export-jobs/${job.id}`)
      .send({ job: await jobView(store, now) });
  });

  app.get('/api/export-jobs', async (request) => {
    const user = userRequired(request, request.auth);
    const jobs = await store.exportJobs.forUser(user.id);
    return { jobs: await Promise.all(jobs.map((j) => jobView(store, j))) };
  });

  app.get('/api/export-jobs/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    return { job: await jobView(store, await jobOr404(user, id)) };
  });

  app.post('/api/export-jobs/:id/cancel', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const before = await jobOr404(user, id);
    if (before.status === 'done' || before.status === 'failed') {
      throw new ProblemError(
        409,
        `the job has ${before.status === 'done' ? 'finished' : 'failed'}: nothing to cancel`,
        {
          field: 'id',
        },
      );
    }
    const job = (await queue.cancel(user.id, id)) ?? before;
    await audit(user, 'export.cancel', `export:${id}`, job.clientId, before.status);
    return { job: await jobView(store, job) };
  });

  app.get('/api/export-jobs/:id/result', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const job = await jobOr404(user, id);
    if (job.status !== 'done' || !job.result) {
      throw new ProblemError(409, `the job is ${job.status}: its file is there once it is done`, {
        field: 'id',
      });
    }
    await audit(user, 'export.download', `export:${id}`, job.clientId);
    return reply
      .type(job.result.type)
      .header('content-length', String(job.result.bytes))
      .header('content-disposition', `attachment; filename="${job.result.name}"`)
      .send(Readable.from(store.exportJobs.resultChunks(job.id)));
  });
}
