import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { LoginRequest, SetupRequest, UserInput } from '../core/records/account.js';
import {
  ClientInput,
  ClientPatch,
  IntakeRecordInput,
  PlanRequest,
  SessionStart,
} from '../core/records/client.js';
import { endReasonOf, SessionEventBatch } from '../core/records/session-event.js';
import { sessionRecordMigrated } from '../core/records/session-record.js';
import { notesPrefilled, SoapNotes } from '../core/records/soap-notes.js';
import { ExportQueue, InProcessTransport } from '../jobs/export-queue.js';
import { GroupedEventWriter } from '../store/grouped-event-writer.js';
import type { AuthSession, RecordsStore, SessionRow, User } from '../store/records-store.js';
import {
  isSameSecret,
  requestSession,
  SESSION_COOKIE,
  startSession,
  tokenHash,
  userRequired,
} from './auth.js';
import { registerExportRoutes } from './export-routes.js';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottleLimits } from './login-throttle.js';
import { openApiDocument } from './openapi.js';
import { DUMMY_HASH, isPasswordCorrect, passwordHashed } from './passwords.js';
import { PlanService } from './plan-service.js';
import { ProblemError, parsedWith, problemOf, sendProblem } from './problem.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { staticHandler } from './static-server.js';

/** What the records app is built from. */
export interface RecordsAppOptions {
  readonly store: RecordsStore;
  /** The built web app to serve at `/` (dist/web); none: the API only. */
  readonly webRoot?: string | null;
  /** When set, `POST /api/setup` needs this one-time token (the server prints the set-up link). */
  readonly setupToken?: string | null;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
  readonly throttle?: ThrottleLimits;
  /** Mark cookies Secure (behind TLS). */
  readonly isSecure?: boolean;
  /** The largest request body, bytes. */
  readonly bodyLimit?: number;
  readonly logger?: boolean;
  /** The export jobs' queue (default: an in-process queue with no worker: jobs wait). */
  readonly exportQueue?: ExportQueue;
}

/** The largest request body by default: 500 events with room to spare. */
export const DEFAULT_BODY_LIMIT = 512 * 1024;

const IdParams = z.object({ id: z.string().min(1).max(100) }).strict();
const IntakeParams = z
  .object({ id: z.string().min(1).max(100), intakeId: z.string().min(1).max(100) })
  .strict();
const SessionsQuery = z.object({ clientId: z.string().min(1).max(100).optional() }).strict();
const ImportRequest = z
  .object({
    records: z.array(z.unknown()).min(1).max(200),
    clientId: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();

declare module 'fastify' {
  interface FastifyRequest {
    auth: { session: AuthSession; token: string } | null;
  }
  interface FastifyInstance {
    /** Every route of the records app, as `METHOD /path` (for the authorisation matrix test). */
    recordsRoutes: readonly string[];
  }
}

function userView(user: User): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt };
}

/** Builds the records server (API, accounts, web app) as a value; nothing listens until the caller says so. */
export async function recordsApp(options: RecordsAppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const throttle = new LoginThrottle(options.throttle ?? DEFAULT_THROTTLE, () => now().getTime());
  const planner = new PlanService();
  const eventWriter = new GroupedEventWriter(store);
  const isSecure = options.isSecure ?? false;
  let setupToken = options.setupToken ?? null;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  app.decorateRequest('auth', null);
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  app.decorate('recordsRoutes', routes);

  const audit = (
    user: User | null,
    action: string,
    target: string,
    clientId: string | null,
    detail = '',
    into: RecordsStore = store,
  ) => into.addAudit({ at: now().toISOString(), userId: user?.id ?? null, action, target, clientId, detail });

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      request.auth = await requestSession(store, request, now());
    }
  });

  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.problem(), error.options.headers);
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(error);
      return sendProblem(reply, problemOf(500, 'the server failed; nothing was stored by this request'));
    }
    const detail =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the body is larger than ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'send the body as application/json'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'the body is empty; send a JSON object'
            : `the body is not valid JSON: ${error.message}`;
    return sendProblem(reply, problemOf(status, detail, { field: '(body)' }));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path === '/api' || !options.webRoot) {
      return sendProblem(reply, problemOf(404, `no route ${request.method} ${path}`));
    }
    // The web app: hand the raw request to the static server (its own caching and gzip).
    reply.hijack();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(name, value);
    staticHandler({ root: options.webRoot })(request.raw, reply.raw).catch((error: unknown) => {
      if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      reply.raw.end(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
    return reply;
  });

  const created = (reply: FastifyReply, body: unknown) => reply.code(201).send(body);

  // ---- health, docs, accounts --------------------------------------------------------------------------------

  app.get('/api/health', async () => ({ ok: true, database: store.dialect }));
  app.get('/api/docs', async () => openApiDocument());

  app.get('/api/setup', async () => ({ isNeeded: (await store.userCount()) === 0 }));

  app.post('/api/setup', async (request, reply) => {
    const body = parsedWith(SetupRequest, request.body);
    if ((await store.userCount()) > 0)
      throw new ProblemError(409, 'the owner is already set up; log in instead');
    if (setupToken !== null && (body.token === undefined || !isSameSecret(body.token, setupToken))) {
      throw new ProblemError(403, 'the set-up token is missing or wrong: use the link the server printed', {
        field: 'token',
      });
    }
    const user = await store.addUser({
      email: body.email,
      name: body.name,
      role: 'owner',
      createdAt: now().toISOString(),
      passwordHash: await passwordHashed(body.password),
    });
    if (!user) throw new ProblemError(409, 'the owner is already set up; log in instead');
    setupToken = null;
    await audit(user, 'user.setup', `user:${user.id}`, null);
    const { csrfToken } = await startSession(store, reply, user, { now: now(), isSecure });
    return created(reply, { user: userView(user), csrfToken });
  });

  app.get('/api/session', async (request) => {
    const auth = request.auth;
    return {
      user: auth ? userView(auth.session.user) : null,
      csrfToken: auth ? auth.session.csrfToken : null,
      setupNeeded: auth ? false : (await store.userCount()) === 0,
    };
  });

  app.post('/api/login', async (request, reply) => {
    const body = parsedWith(LoginRequest, request.body);
    const address = request.ip;
    const wait = throttle.retryAfterSeconds(body.email, address);
    if (wait > 0) {
      throw new ProblemError(429, `too many failed logins: try again in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
    }
    // Counted as a failure until the password proves right, so a burst of parallel tries is throttled too.
    throttle.recordFailure(body.email, address);
    const found = await store.userWithHash(body.email);
    const isCorrect = await isPasswordCorrect(body.password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !isCorrect) {
      await audit(null, 'login.failed', `email:${body.email}`, null);
      throw new ProblemError(401, 'wrong e-mail or password', { field: 'password' });
    }
    throttle.recordSuccess(body.email, address);
    const { passwordHash: _hash, ...user } = found;
    const { csrfToken } = await startSession(store, reply, user, { now: now(), isSecure });
    await audit(user, 'login', `user:${user.id}`, null);
    return { user: userView(user), csrfToken };
  });

  app.post('/api/logout', async (request, reply) => {
    const user = userRequired(request, request.auth);
    if (request.auth) await store.deleteAuthSession(tokenHash(request.auth.token));
    await audit(user, 'logout', `user:${user.id}`, null);
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.code(204).send();
  });

  app.get('/api/users', async (request) => {
    userRequired(request, request.auth, { role: 'owner' });
    return { users: (await store.users()).map(userView) };
  });

  app.post('/api/users', async (request, reply) => {
    const owner = userRequired(request, request.auth, { role: 'owner' });
    const body = parsedWith(UserInput, request.body);
    const user = await store.addUser({
      email: body.email,
      name: body.name,
      role: body.role,
      createdAt: now().toISOString(),
      passwordHash: await passwordHashed(body.password),
    });
    if (!user) throw new ProblemError(409, `an account with ${body.email} exists`, { field: 'email' });
    await audit(owner, 'user.add', `user:${user.id}`, null, user.role);
    return created(reply, { user: userView(user) });
  });

  app.get('/api/audit', async (request) => {
    userRequired(request, request.auth, { role: 'owner' });
    const query = parsedWith(
      z.object({ clientId: z.string().max(100).optional() }).strict(),
      request.query,
      '(query)',
    );
    return { entries: await store.audit(query.clientId === undefined ? {} : { clientId: query.clientId }) };
  });

  // ---- clients and intakes -------------------------------------------------------------------------------------

  const clientOr404 = async (user: User, id: string) => {
    const client = await store.client(user.id, id);
    if (!client) throw new ProblemError(404, `you have no client ${id}`, { field: 'id' });
    return client;
  };

  app.get('/api/clients', async (request) => {
    const user = userRequired(request, request.auth);
    const clients = await store.clients(user.id);
    await audit(user, 'client.list', 'clients', null, String(clients.length));
    return { clients };
  });

  app.post('/api/clients', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const body = parsedWith(ClientInput, request.body);
    const client = await store.transaction(async (tx) => {
      const added = await tx.addClient(user.id, body, now().toISOString());
      await audit(user, 'client.add', `client:${added.id}`, added.id, '', tx);
      return added;
    });
    return created(reply, { client });
  });

  app.get('/api/clients/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const client = await clientOr404(user, id);
    await audit(user, 'client.read', `client:${id}`, id);
    return { client };
  });

  app.patch('/api/clients/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const patch = parsedWith(ClientPatch, request.body);
    if (Object.keys(patch).length === 0)
      throw new ProblemError(400, 'send at least one field to change', { field: '(body)' });
    const client = await store.transaction(async (tx) => {
      const updated = await tx.updateClient(user.id, id, patch, now().toISOString());
      if (updated) await audit(user, 'client.update', `client:${id}`, id, Object.keys(patch).join(','), tx);
      return updated;
    });
    if (!client) throw new ProblemError(404, `you have no client ${id}`, { field: 'id' });
    return { client };
  });

  app.delete('/api/clients/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const deleted = await store.transaction(async (tx) => {
      const counts = await tx.deleteClient(user.id, id);
      // The audit line keeps the id and the counts, never what was deleted.
      if (counts) await audit(user, 'client.delete', `client:${id}`, id, JSON.stringify(counts), tx);
      return counts;
    });
    if (!deleted) throw new ProblemError(404, `you have no client ${id}`, { field: 'id' });
    return { deleted };
  });

  const sessionsWithRecords = async (sessions: readonly SessionRow[]) =>
    Promise.all(
      sessions.map(async (s) => {
        const events = await store.events(s.id);
        const plan = s.planId ? await store.plan(s.userId, s.planId) : null;
        return {
          ...s,
          endReason: endReasonOf(events),
          events,
          notes: await store.notes(s.id),
          notesPrefilled: notesPrefilled(plan?.intake ?? null, events),
        };
      }),
    );

  app.get('/api/clients/:id/export', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const client = await clientOr404(user, id);
    const sessions = await store.sessions(user.id, { clientId: id });
    const plans = await Promise.all(
      [...new Set(sessions.map((s) => s.planId).filter((p): p is string => p !== null))].map((p) =>
        store.plan(user.id, p),
      ),
    );
    await audit(user, 'client.export', `client:${id}`, id);
    const body = {
      format: 'massage-coach.client-export',
      version: 1,
      exportedAt: now().toISOString(),
      client,
      intakes: await store.intakes(user.id, id),
      plans: plans.filter((p) => p !== null),
      sessions: await sessionsWithRecords(sessions),
      audit: await store.audit({ clientId: id, limit: 10_000 }),
    };
    reply.header('content-disposition', `attachment; filename="client-${id}.json"`);
    return body;
  });

  app.get('/api/clients/:id/intakes', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const intakes = await store.intakes(user.id, id);
    if (!intakes) throw new ProblemError(404, `you have no client ${id}`, { field: 'id' });
    await audit(user, 'intake.list', `client:${id}`, id);
    return { intakes };
  });

  const addIntake = async (user: User, clientId: string, body: unknown, seriesOf?: string) => {
    const input = parsedWith(IntakeRecordInput, body);
    let seriesId: string | undefined;
    if (seriesOf !== undefined) {
      const older = await store.intake(user.id, seriesOf);
      if (!older || older.clientId !== clientId)
        throw new ProblemError(404, `client ${clientId} has no intake ${seriesOf}`, { field: 'intakeId' });
      seriesId = older.seriesId;
    }
    return store.transaction(async (tx) => {
      const intake = await tx.addIntake(
        user.id,
        clientId,
        { ...input, ...(seriesId ? { seriesId } : {}) },
        now().toISOString(),
      );
      if (!intake) throw new ProblemError(404, `you have no client ${clientId}`, { field: 'id' });
      await audit(
        user,
        seriesOf ? 'intake.edit' : 'intake.add',
        `intake:${intake.id}`,
        clientId,
        `v${intake.version}`,
        tx,
      );
      return intake;
    });
  };

  app.post('/api/clients/:id/intakes', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    return created(reply, { intake: await addIntake(user, id, request.body) });
  });

  app.put('/api/clients/:id/intakes/:intakeId', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const { id, intakeId } = parsedWith(IntakeParams, request.params, '(path)');
    return created(reply, { intake: await addIntake(user, id, request.body, intakeId) });
  });

  // ---- plans, sessions, events, notes -------------------------------------------------------------------------

  app.post('/api/plans', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const body = parsedWith(PlanRequest, request.body);
    if (body.clientId !== undefined) await clientOr404(user, body.clientId);
    if (body.intakeId !== undefined) {
      const intake = await store.intake(user.id, body.intakeId);
      if (!intake || (body.clientId !== undefined && intake.clientId !== body.clientId)) {
        throw new ProblemError(
          404,
          `you have no intake ${body.intakeId}${body.clientId ? ` for client ${body.clientId}` : ''}`,
          {
            field: 'intakeId',
          },
        );
      }
    }
    const made = planner.planMade(body.intake, body.routineId);
    if (!made) {
      throw new ProblemError(
        400,
        `no built-in routine "${body.routineId}" (built-in: ${planner.routineIds().join(', ')})`,
        {
          field: 'routineId',
        },
      );
    }
    if (made.violations.length > 0) {
      // The planner's output must pass checkPlan; never hand out a plan that does not.
      throw new ProblemError(500, `the plan failed its safety check: ${made.violations.join('; ')}`);
    }
    const record = await store.transaction(async (tx) => {
      const added = await tx.addPlan({
        userId: user.id,
        clientId: body.clientId ?? null,
        intakeId: body.intakeId ?? null,
        routineId: made.routineId,
        routineVersion: made.routineVersion,
        intake: body.intake,
        plan: made.plan,
        createdAt: now().toISOString(),
      });
      await audit(
        user,
        'plan.add',
        `plan:${added.id}`,
        added.clientId,
        made.plan.refused ? 'refused' : '',
        tx,
      );
      return added;
    });
    return reply.code(made.plan.refused ? 422 : 201).send({
      id: record.id,
      routineId: record.routineId,
      routineVersion: record.routineVersion,
      plan: made.plan,
    });
  });

  app.get('/api/plans/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const plan = await store.plan(user.id, id);
    if (!plan) throw new ProblemError(404, `you have no plan ${id}`, { field: 'id' });
    await audit(user, 'plan.read', `plan:${id}`, plan.clientId);
    return plan;
  });

  app.post('/api/sessions', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const { planId } = parsedWith(SessionStart, request.body);
    const plan = await store.plan(user.id, planId);
    if (!plan) throw new ProblemError(404, `you have no plan ${planId}`, { field: 'planId' });
    if (plan.plan.refused)
      throw new ProblemError(422, 'the plan is a refusal: no massage today', { field: 'planId' });
    const session = await store.transaction(async (tx) => {
      const added = await tx.addSession({
        userId: user.id,
        planId,
        clientId: plan.clientId,
        createdAt: now().toISOString(),
      });
      await audit(user, 'session.add', `session:${added.id}`, added.clientId, '', tx);
      return added;
    });
    return created(reply, session);
  });

  app.get('/api/sessions', async (request) => {
    const user = userRequired(request, request.auth);
    const query = parsedWith(SessionsQuery, request.query, '(query)');
    if (query.clientId !== undefined) await clientOr404(user, query.clientId);
    return {
      sessions: await store.sessions(
        user.id,
        query.clientId === undefined ? {} : { clientId: query.clientId },
      ),
    };
  });

  app.get('/api/clients/:id/sessions', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    await clientOr404(user, id);
    await audit(user, 'session.list', `client:${id}`, id);
    return { sessions: await sessionsWithRecords(await store.sessions(user.id, { clientId: id })) };
  });

  const sessionOr404 = async (user: User, id: string) => {
    const session = await store.session(user.id, id);
    if (!session) throw new ProblemError(404, `you have no session ${id}`, { field: 'id' });
    return session;
  };

  app.post('/api/sessions/:id/events', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const { events } = parsedWith(SessionEventBatch, request.body);
    const session = await sessionOr404(user, id);
    const at = now().toISOString();
    return eventWriter.saveEvents(session.id, events, at, {
      at,
      userId: user.id,
      action: 'session.events',
      target: `session:${id}`,
      clientId: session.clientId,
    });
  });

  app.get('/api/sessions/:id', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const session = await sessionOr404(user, id);
    const [withRecords] = await sessionsWithRecords([session]);
    const plan = session.planId ? await store.plan(user.id, session.planId) : null;
    await audit(user, 'session.read', `session:${id}`, session.clientId);
    return { ...withRecords, plan: plan?.plan ?? null, intake: plan?.intake ?? null };
  });

  app.put('/api/sessions/:id/notes', async (request) => {
    const user = userRequired(request, request.auth);
    const { id } = parsedWith(IdParams, request.params, '(path)');
    const notes = parsedWith(SoapNotes, request.body);
    const session = await sessionOr404(user, id);
    await store.transaction(async (tx) => {
      await tx.saveNotes(session.id, notes, user.id, now().toISOString());
      await audit(user, 'notes.save', `session:${id}`, session.clientId, '', tx);
    });
    return { notes };
  });

  // Sessions a browser saved before it had an account: imported once each (by their own id).
  app.post('/api/records/import', async (request, reply) => {
    const user = userRequired(request, request.auth);
    const body = parsedWith(ImportRequest, request.body);
    const clientId = body.clientId ?? null;
    if (clientId !== null) await clientOr404(user, clientId);
    const records = body.records.map((value, index) => {
      const migrated = sessionRecordMigrated(value);
      if (!migrated.ok) {
        const field = `records[${index}]${migrated.field === '(root)' ? '' : `.${migrated.field}`}`;
        throw new ProblemError(400, `${field}: ${migrated.reason}`, { field });
      }
      return migrated.record;
    });
    const results = await store.transaction(async (tx) => {
      const out: { sourceId: string; sessionId: string; isNew: boolean }[] = [];
      for (const record of records) {
        const existing = await tx.sessionBySource(user.id, record.id);
        if (existing) {
          out.push({ sourceId: record.id, sessionId: existing.id, isNew: false });
          continue;
        }
        const at = now().toISOString();
        const plan =
          record.plan && record.intake
            ? await tx.addPlan({
                userId: user.id,
                clientId,
                intakeId: null,
                routineId: record.plan.refused ? 'unknown' : String(record.plan.routineId),
                routineVersion: 1,
                intake: record.intake,
                plan: record.plan as never,
                createdAt: record.savedAt,
              })
            : null;
        const session = await tx.addSession({
          userId: user.id,
          planId: plan?.id ?? null,
          clientId,
          createdAt: record.savedAt,
          sourceId: record.id,
        });
        await tx.saveEvents(session.id, record.events, at);
        await tx.saveNotes(session.id, record.notes, user.id, at);
        await audit(
          user,
          'session.import',
          `session:${session.id}`,
          clientId,
          `${record.events.length} events`,
          tx,
        );
        out.push({ sourceId: record.id, sessionId: session.id, isNew: true });
      }
      return out;
    });
    return reply.code(200).send({
      imported: results.filter((r) => r.isNew).length,
      alreadyImported: results.filter((r) => !r.isNew).length,
      sessions: results,
    });
  });

  registerExportRoutes(app, {
    store,
    queue: options.exportQueue ?? new ExportQueue({ store, transport: new InProcessTransport(), now }),
    audit: (user, action, target, clientId, detail = '') => audit(user, action, target, clientId, detail),
  });

  return app;
}
