// The records server's API as the browser calls it: same-origin cookies, the CSRF header on writes, problems as
// values. Used only when someone logs in; the app works without it.
import type { Intake } from '../../src/core/intake.js';
import type { PlanResult } from '../../src/core/plan-types.js';
import type { Consent } from '../../src/core/records/client.js';
import type { SessionEvent, SessionEventInput } from '../../src/core/records/session-event.js';
import type { SoapNotes } from '../../src/core/records/soap-notes.js';

/** An account as the server shows it. */
export interface RecordsUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: 'owner' | 'therapist';
}

/** A client as the server shows it. */
export interface RecordsClient {
  readonly id: string;
  readonly name: string;
  readonly birthYear?: number | null;
  readonly phone?: string | null;
  readonly notes?: string;
  readonly createdAt: string;
}

/** One version of a client's intake. */
export interface RecordsIntake {
  readonly id: string;
  readonly seriesId: string;
  readonly version: number;
  readonly intake: Intake;
  readonly consent: Consent;
  readonly createdAt: string;
}

/** A session with its events and notes. */
export interface RecordsSession {
  readonly id: string;
  readonly planId: string | null;
  readonly clientId: string | null;
  readonly createdAt: string;
  readonly endReason: 'finished' | 'stopped' | 'pain' | null;
  readonly events: readonly SessionEvent[];
  readonly notes: (SoapNotes & { updatedAt: string }) | null;
  readonly notesPrefilled: SoapNotes;
}

/** A refused request: the status and what the server said (the field at fault, when it named one). */
export class RecordsProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

/** True when the request never got an answer (offline, server down): worth retrying later. */
export function isNetworkFailure(error: unknown): boolean {
  return (
    !(error instanceof RecordsProblem) || error.status === 503 || error.status === 502 || error.status === 504
  );
}

/** The browser side of the records API. */
export class RecordsApi {
  private csrfToken: string | null = null;

  constructor(private readonly fetcher: typeof fetch = (...args) => globalThis.fetch(...args)) {}

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.fetcher(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const value: unknown = text ? JSON.parse(text) : null;
    if (!response.ok && response.status !== 422) {
      const problem = (value ?? {}) as { detail?: string; field?: string };
      throw new RecordsProblem(response.status, problem.detail ?? response.statusText, problem.field);
    }
    return value as T;
  }

  /** Fetches the CSRF token when this page has none yet (after a reload). */
  async ensureSession(): Promise<void> {
    if (this.csrfToken === null) await this.session();
  }

  /** Who is logged in (and the CSRF token for writes), or null; whether the owner must still be set up. */
  async session(): Promise<{ user: RecordsUser | null; setupNeeded: boolean }> {
    const r = await this.request<{
      user: RecordsUser | null;
      csrfToken: string | null;
      setupNeeded: boolean;
    }>('GET', '/api/session');
    this.csrfToken = r.csrfToken;
    return { user: r.user, setupNeeded: r.setupNeeded };
  }

  async login(email: string, password: string): Promise<RecordsUser> {
    const r = await this.request<{ user: RecordsUser; csrfToken: string }>('POST', '/api/login', {
      email,
      password,
    });
    this.csrfToken = r.csrfToken;
    return r.user;
  }

  async setup(body: { email: string; name: string; password: string; token?: string }): Promise<RecordsUser> {
    const r = await this.request<{ user: RecordsUser; csrfToken: string }>('POST', '/api/setup', body);
    this.csrfToken = r.csrfToken;
    return r.user;
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/logout');
    this.csrfToken = null;
  }

  async clients(): Promise<RecordsClient[]> {
    return (await this.request<{ clients: RecordsClient[] }>('GET', '/api/clients')).clients;
  }

  async addClient(name: string): Promise<RecordsClient> {
    return (await this.request<{ client: RecordsClient }>('POST', '/api/clients', { name })).client;
  }

  async deleteClient(id: string): Promise<void> {
    await this.request('DELETE', `/api/clients/${encodeURIComponent(id)}`);
  }

  async intakes(clientId: string): Promise<RecordsIntake[]> {
    return (
      await this.request<{ intakes: RecordsIntake[] }>(
        'GET',
        `/api/clients/${encodeURIComponent(clientId)}/intakes`,
      )
    ).intakes;
  }

  async addIntake(clientId: string, intake: Intake, consent: Consent): Promise<RecordsIntake> {
    return (
      await this.request<{ intake: RecordsIntake }>(
        'POST',
        `/api/clients/${encodeURIComponent(clientId)}/intakes`,
        {
          intake,
          consent,
        },
      )
    ).intake;
  }

  async clientSessions(clientId: string): Promise<RecordsSession[]> {
    return (
      await this.request<{ sessions: RecordsSession[] }>(
        'GET',
        `/api/clients/${encodeURIComponent(clientId)}/sessions`,
      )
    ).sessions;
  }

  async plan(body: {
    intake: Intake;
    clientId: string;
    intakeId: string;
  }): Promise<{ id: string; plan: PlanResult }> {
    return this.request('POST', '/api/plans', body);
  }

  async startSession(planId: string): Promise<{ id: string }> {
    return this.request('POST', '/api/sessions', { planId });
  }

  async sendEvents(
    sessionId: string,
    events: readonly SessionEventInput[],
  ): Promise<{ stored: number; duplicates: number }> {
    return this.request('POST', `/api/sessions/${encodeURIComponent(sessionId)}/events`, { events });
  }

  async saveNotes(sessionId: string, notes: SoapNotes): Promise<void> {
    await this.request('PUT', `/api/sessions/${encodeURIComponent(sessionId)}/notes`, notes);
  }

  async importRecords(
    records: readonly unknown[],
    clientId: string,
  ): Promise<{ imported: number; alreadyImported: number }> {
    return this.request('POST', '/api/records/import', { records, clientId });
  }
}
