import { z } from 'zod';
import { Intake } from '../core/intake.js';
import { LoginRequest, SetupRequest, UserInput } from '../core/records/account.js';
import {
  ClientInput,
  ClientPatch,
  IntakeRecordInput,
  PlanRequest,
  SessionStart,
} from '../core/records/client.js';
import { SessionEventBatch } from '../core/records/session-event.js';
import { SoapNotes } from '../core/records/soap-notes.js';
import { ExportJobRequest } from '../jobs/export-exporters.js';

type Operation = {
  summary: string;
  body?: z.ZodType;
  auth?: 'user' | 'owner' | 'none';
  ok?: number;
};

const ROUTES: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>> = {
  '/api/health': { get: { summary: 'The server is up; which database it uses.', auth: 'none' } },
  '/api/docs': { get: { summary: 'This OpenAPI document.', auth: 'none' } },
  '/api/setup': {
    get: { summary: 'Whether the owner still has to be set up.', auth: 'none' },
    post: {
      summary: 'First start only: create the owner account (with the printed set-up token).',
      body: SetupRequest,
      auth: 'none',
      ok: 201,
    },
  },
  '/api/session': {
    get: { summary: 'The logged-in user and the CSRF token writes need ({user, csrfToken}).', auth: 'none' },
  },
  '/api/login': {
    post: {
      summary: 'Log in; sets the httpOnly session cookie. Throttled after failures (429).',
      body: LoginRequest,
      auth: 'none',
    },
  },
  '/api/logout': { post: { summary: 'Log out.', auth: 'user', ok: 204 } },
  '/api/users': {
    get: { summary: 'Every account (owner only).', auth: 'owner' },
    post: { summary: 'Add an account (owner only).', body: UserInput, auth: 'owner', ok: 201 },
  },
  '/api/audit': { get: { summary: 'The audit log, newest first (owner only; ?clientId=).', auth: 'owner' } },
  '/api/clients': {
    get: { summary: 'Your clients.' },
    post: { summary: 'Add a client.', body: ClientInput, ok: 201 },
  },
  '/api/clients/{id}': {
    get: { summary: 'One of your clients.' },
    patch: { summary: 'Change a client’s fields.', body: ClientPatch },
    delete: { summary: 'Delete the client and everything kept about them (audited without the content).' },
  },
  '/api/clients/{id}/export': { get: { summary: 'Everything kept about a client, as one JSON document.' } },
  '/api/clients/{id}/intakes': {
    get: { summary: 'The client’s intakes, every version.' },
    post: { summary: 'Add an intake with the client’s informed consent.', body: IntakeRecordInput, ok: 201 },
  },
  '/api/clients/{id}/intakes/{intakeId}': {
    put: {
      summary: 'Edit an intake: stores the next version, the older ones stay.',
      body: IntakeRecordInput,
      ok: 201,
    },
  },
  '/api/clients/{id}/sessions': { get: { summary: 'The client’s sessions with their events and notes.' } },
  '/api/plans': {
    post: {
      summary: 'Plan an intake: 201 {id, plan}, or 422 {id, plan} when the plan is a refusal.',
      body: PlanRequest,
      ok: 201,
    },
  },
  '/api/plans/{id}': { get: { summary: 'A stored plan with its routine id and version.' } },
  '/api/sessions': {
    get: { summary: 'Your sessions (?clientId=).' },
    post: { summary: 'Start a session of a plan.', body: SessionStart, ok: 201 },
  },
  '/api/sessions/{id}': { get: { summary: 'A session with its events, notes and drafted notes.' } },
  '/api/sessions/{id}/events': {
    post: { summary: 'Store player events; an event id sent twice is stored once.', body: SessionEventBatch },
  },
  '/api/sessions/{id}/notes': { put: { summary: 'Save the SOAP notes.', body: SoapNotes } },
  '/api/records/import': {
    post: { summary: 'Import sessions a browser saved before it had an account (once each).' },
  },
  '/api/export-jobs': {
    get: { summary: 'Your export jobs, newest first, with their progress.' },
    post: {
      summary: 'Queue a video or handout export of a plan (one runs at a time per account).',
      body: ExportJobRequest,
      ok: 202,
    },
  },
  '/api/export-jobs/{id}': {
    get: { summary: 'An export job: status, progress, place in your queue, result.' },
  },
  '/api/export-jobs/{id}/cancel': { post: { summary: 'Cancel a queued or running export job.' } },
  '/api/export-jobs/{id}/result': { get: { summary: 'Download a finished export (PDF or MP4).' } },
};

let cached: unknown = null;

/** The OpenAPI 3.1 description of the records API, its bodies from the core's zod schemas. */
export function openApiDocument(): unknown {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(ROUTES)) {
    const item: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(operations)) {
      const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const auth = op.auth ?? 'user';
      item[method] = {
        summary: op.summary,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        ...(auth === 'none' ? { security: [] } : {}),
        ...(auth === 'owner' ? { description: 'Owner accounts only.' } : {}),
        responses: {
          [String(op.ok ?? 200)]: { description: 'Done.' },
          default: {
            description: 'A problem',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      };
    }
    paths[path] = item;
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'massage-coach records API',
      version: '1',
      description:
        'Clients, intakes, plans, sessions and notes. Log in with POST /api/login (a cookie); writes also send the ' +
        'x-csrf-token header with the csrfToken of GET /api/session. Errors are application/problem+json naming the field.',
    },
    paths,
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'mc_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
      schemas: {
        Intake: z.toJSONSchema(Intake, { io: 'input', unrepresentable: 'any' }),
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            field: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    security: [{ cookie: [], csrf: [] }],
  };
  return cached;
}
