import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthSession, RecordsStore, User } from '../store/records-store.js';
import { ProblemError } from './problem.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'mc_session';
/** The header a cookie-authenticated write carries (the token of `GET /api/session`). */
export const CSRF_HEADER = 'x-csrf-token';
/** How long a login lasts. */
export const SESSION_HOURS = 12;

/** A new random token (256 bits, base64url). */
export function tokenNew(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token: what the database keeps, so a stolen database holds no usable cookie. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** True when two secrets are equal (compared in constant time). */
export function isSameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** The Set-Cookie value of a session cookie (httpOnly, SameSite=Strict; Secure behind TLS). */
export function sessionCookie(token: string, options: { maxAgeSeconds: number; isSecure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.isSecure ? ['Secure'] : []),
  ].join('; ');
}

/** Starts a logged-in session for a user: stores the token's hash and sets the cookie. */
export async function startSession(
  store: RecordsStore,
  reply: FastifyReply,
  user: User,
  options: { now: Date; isSecure: boolean },
): Promise<{ csrfToken: string }> {
  const token = tokenNew();
  const csrfToken = tokenNew();
  const expires = new Date(options.now.getTime() + SESSION_HOURS * 3600 * 1000);
  await store.addAuthSession({
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken,
    createdAt: options.now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  reply.header(
    'set-cookie',
    sessionCookie(token, { maxAgeSeconds: SESSION_HOURS * 3600, isSecure: options.isSecure }),
  );
  return { csrfToken };
}

/** The logged-in session of a request (from its cookie), or null. */
export async function requestSession(
  store: RecordsStore,
  request: FastifyRequest,
  now: Date,
): Promise<{ session: AuthSession; token: string } | null> {
  const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (!token) return null;
  const session = await store.authSession(tokenHash(token), now.toISOString());
  return session ? { session, token } : null;
}

/** The user of a logged-in request; a write also needs the CSRF header. Throws 401 or 403 problems. */
export function userRequired(
  request: FastifyRequest,
  auth: { session: AuthSession } | null,
  options: { role?: 'owner' } = {},
): User {
  if (!auth) throw new ProblemError(401, 'log in first (POST /api/login)');
  const isWrite = request.method !== 'GET' && request.method !== 'HEAD';
  if (isWrite) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !isSameSecret(header, auth.session.csrfToken)) {
      throw new ProblemError(
        403,
        `a write needs the ${CSRF_HEADER} header with the csrfToken of GET /api/session`,
        {
          field: CSRF_HEADER,
        },
      );
    }
  }
  if (options.role === 'owner' && auth.session.user.role !== 'owner') {
    throw new ProblemError(403, 'only the owner account may do this');
  }
  return auth.session.user;
}
