// An API caller for tests: keeps the session cookie and sends the CSRF header, through app.inject (no port).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A caller of the API: anonymous, or logged in with a cookie and a CSRF token. */
export interface ApiCaller {
  readonly cookie: string | null;
  readonly csrfToken: string | null;
  call(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A caller with a cookie (or none) and a CSRF token (or none). */
export function apiCaller(
  app: FastifyInstance,
  cookie: string | null = null,
  csrfToken: string | null = null,
): ApiCaller {
  return {
    cookie,
    csrfToken,
    call(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
    },
  };
}

/** The `name=value` part of a response's session cookie. */
export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const line = Array.isArray(header) ? header[0] : header;
  if (!line) throw new Error(`no cookie set (status ${response.statusCode}: ${response.body})`);
  return line.split(';')[0]!;
}

/** Logs in and returns the caller. */
export async function loggedIn(app: FastifyInstance, email: string, password: string): Promise<ApiCaller> {
  const response = await app.inject({ method: 'POST', url: '/api/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return apiCaller(app, cookieOf(response), (response.json() as { csrfToken: string }).csrfToken);
}

/** Sets up the owner (no set-up token) and returns the caller. */
export async function ownerSetUp(
  app: FastifyInstance,
  email = 'owner@example.org',
  password = 'owner-password-1',
): Promise<ApiCaller> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { email, name: 'Olga Owner', password },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return apiCaller(app, cookieOf(response), (response.json() as { csrfToken: string }).csrfToken);
}

/** Two therapists of one clinic, for tests that need a second account beside the first. */
export const ANNA_AND_BORIS = [
  ['anna@example.org', 'Anna'],
  ['boris@example.org', 'Boris'],
] as const;

/** The owner sets up the app and adds therapists (`[email, name]`, one password); returns them logged in. */
export async function therapistsLoggedIn<const P extends readonly (readonly [email: string, name: string])[]>(
  app: FastifyInstance,
  people: P,
  password = 'therapist-pass-1',
): Promise<{ -readonly [K in keyof P]: ApiCaller }> {
  const owner = await ownerSetUp(app);
  const callers: ApiCaller[] = [];
  for (const [email, name] of people) {
    const r = await owner.call('POST', '/api/users', { email, name, password, role: 'therapist' });
    if (r.statusCode !== 201) throw new Error(`adding ${email} failed: ${r.statusCode} ${r.body}`);
    callers.push(await loggedIn(app, email, password));
  }
  // One caller per person, in order: the tuple's shape.
  return callers as { -readonly [K in keyof P]: ApiCaller };
}
