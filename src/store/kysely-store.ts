import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Intake } from '../core/intake.js';
import type { PlanResult } from '../core/plan-types.js';
import type { Role } from '../core/records/account.js';
import type { ClientInput, ClientPatch, Consent } from '../core/records/client.js';
import type { SessionEvent } from '../core/records/session-event.js';
import type { SoapNotes } from '../core/records/soap-notes.js';
import type {
  ClientsTable,
  Database,
  IntakesTable,
  PlansTable,
  SessionsTable,
  UsersTable,
} from './database.js';
import { eventRow } from './event-groups.js';
import { ExportJobStore } from './export-job-store.js';
import type { LookupCache } from './lookup-cache.js';
import type { Dialect } from './migrations.js';
import type {
  AuditEntry,
  AuditInput,
  AuthSession,
  Client,
  ClientDeleted,
  EventsSaved,
  EventsToSave,
  IntakeRecord,
  PlanRecord,
  RecordsStore,
  SessionRow,
  User,
} from './records-store.js';

function userOf(row: Selectable<UsersTable>): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role, createdAt: row.created_at };
}

function clientOf(row: Selectable<ClientsTable>): Client {
  const details = JSON.parse(row.details) as Omit<ClientInput, 'name'>;
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    ...details,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function detailsOf(input: ClientPatch): string {
  const { name: _name, ...details } = input;
  return JSON.stringify(details);
}

function intakeOf(row: Selectable<IntakesTable>): IntakeRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    seriesId: row.series_id,
    version: Number(row.version),
    intake: JSON.parse(row.intake) as Intake,
    consent: JSON.parse(row.consent) as Consent,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function planOf(row: Selectable<PlansTable>): PlanRecord {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    intakeId: row.intake_id,
    routineId: row.routine_id,
    routineVersion: Number(row.routine_version),
    intake: JSON.parse(row.intake) as Intake,
    plan: JSON.parse(row.plan) as PlanResult,
    createdAt: row.created_at,
  };
}

function sessionOf(row: Selectable<SessionsTable>): SessionRow {
  return {
    id: row.id,
    userId: row.user_id,
    planId: row.plan_id,
    clientId: row.client_id,
    createdAt: row.created_at,
  };
}

/**
 * The most event rows in one INSERT: 7 values a row stays under SQLite's 32,766 and PostgreSQL's 65,535 bound
 * parameters.
 */
const ROWS_PER_INSERT = 1000;

function eventKey(sessionId: string, id: string): string {
  return `${sessionId}\n${id}`;
}

const SESSION_COLUMNS = ['id', 'user_id', 'plan_id', 'client_id', 'source_id', 'created_at'] as const;

/** The records store over a Kysely database (SQLite or PostgreSQL). */
export class KyselyRecordsStore implements RecordsStore {
  readonly exportJobs: ExportJobStore;
  /** What this transaction's deletions dropped from the cache, dropped again once it has committed. */
  private readonly drops: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Database> | Transaction<Database>,
    readonly dialect: Dialect,
    readonly location: string,
    private readonly onClose: () => Promise<void>,
    /** Logged-in sessions and session rows kept in memory (only when this process alone changes the database). */
    private readonly cache: LookupCache | null = null,
  ) {
    this.exportJobs = new ExportJobStore(db);
  }

  /** The cache for a read, outside transactions only (a row a transaction wrote may still be rolled back). */
  private get readCache(): LookupCache | null {
    return this.db.isTransaction ? null : this.cache;
  }

  /** Drops from the cache now and, inside a transaction, again after the commit (a read in between saw the rows). */
  private dropCached(drop: (cache: LookupCache) => void): void {
    const { cache } = this;
    if (!cache) return;
    drop(cache);
    if (this.db.isTransaction) this.drops.push(() => drop(cache));
  }

  async userCount(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async addUser(user: Omit<User, 'id'> & { passwordHash: string }): Promise<User | null> {
    const id = randomUUID();
    const result = await this.db
      .insertInto('users')
      .values({
        id,
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    return { id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt };
  }

  async userWithHash(email: string): Promise<(User & { passwordHash: string }) | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { ...userOf(row), passwordHash: row.password_hash } : null;
  }

  async users(): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .orderBy('created_at')
      .orderBy('email')
      .execute();
    return rows.map(userOf);
  }

  async addAuthSession(session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('auth_sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async authSession(tokenHash: string, now: string): Promise<AuthSession | null> {
    return this.readCache
      ? this.readCache.authSession(tokenHash, now, () => this.authSessionRead(tokenHash, now))
      : this.authSessionRead(tokenHash, now);
  }

  private async authSessionRead(tokenHash: string, now: string): Promise<AuthSession | null> {
    const row = await this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        'users.password_hash',
        'users.created_at',
        'auth_sessions.csrf_token',
        'auth_sessions.expires_at',
      ])
      .where('auth_sessions.token_hash', '=', tokenHash)
      .where('auth_sessions.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    return { user: userOf(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async deleteAuthSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
    this.dropCached((cache) => cache.dropAuthSession(tokenHash));
  }

  async addClient(ownerId: string, input: ClientInput, at: string): Promise<Client> {
    const row = {
      id: randomUUID(),
      owner_id: ownerId,
      name: input.name,
      details: detailsOf(input),
      created_at: at,
      updated_at: at,
    };
    await this.db.insertInto('clients').values(row).execute();
    return clientOf(row);
  }

  async clients(ownerId: string): Promise<Client[]> {
    const rows = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .orderBy('name')
      .orderBy('created_at')
      .execute();
    return rows.map(clientOf);
  }

  async client(ownerId: string, id: string): Promise<Client | null> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? clientOf(row) : null;
  }

  async updateClient(ownerId: string, id: string, patch: ClientPatch, at: string): Promise<Client | null> {
    const current = await this.client(ownerId, id);
    if (!current) return null;
    const { id: _id, ownerId: _owner, createdAt: _created, updatedAt: _updated, ...fields } = current;
    const next: ClientInput = { ...fields, ...patch } as ClientInput;
    await this.db
      .updateTable('clients')
      .set({ name: next.name, details: detailsOf(next), updated_at: at })
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .execute();
    return { ...current, ...patch, name: next.name, updatedAt: at };
  }

  async deleteClient(ownerId: string, id: string): Promise<ClientDeleted | null> {
    return this.transaction(async (store) => {
      const self = store as KyselyRecordsStore;
      const db = self.db;
      const found = await db
        .selectFrom('clients')
        .select('id')
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!found) return null;
      const sessionIds = db.selectFrom('sessions').select('id').where('client_id', '=', id);
      const events = await db
        .deleteFrom('session_events')
        .where('session_id', 'in', sessionIds)
        .executeTakeFirst();
      await db.deleteFrom('notes').where('session_id', 'in', sessionIds).execute();
      const sessions = await db.deleteFrom('sessions').where('client_id', '=', id).executeTakeFirst();
      const plans = await db.deleteFrom('plans').where('client_id', '=', id).executeTakeFirst();
      const intakes = await db.deleteFrom('intakes').where('client_id', '=', id).executeTakeFirst();
      await db.deleteFrom('clients').where('id', '=', id).execute();
      self.dropCached((cache) => cache.dropSessions());
      return {
        events: Number(events.numDeletedRows),
        sessions: Number(sessions.numDeletedRows),
        plans: Number(plans.numDeletedRows),
        intakes: Number(intakes.numDeletedRows),
      };
    });
  }

  async addIntake(
    ownerId: string,
    clientId: string,
    input: { intake: Intake; consent: Consent; seriesId?: string },
    at: string,
  ): Promise<IntakeRecord | null> {
    return this.transaction(async (store) => {
      const self = store as KyselyRecordsStore;
      if (!(await self.client(ownerId, clientId))) return null;
      let version = 1;
      const seriesId = input.seriesId ?? randomUUID();
      if (input.seriesId) {
        const last = await self.db
          .selectFrom('intakes')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('series_id', '=', input.seriesId)
          .where('client_id', '=', clientId)
          .executeTakeFirst();
        if (last?.v === null || last?.v === undefined) return null;
        version = Number(last.v) + 1;
      }
      const row = {
        id: randomUUID(),
        client_id: clientId,
        series_id: seriesId,
        version,
        intake: JSON.stringify(input.intake),
        consent: JSON.stringify(input.consent),
        created_by: ownerId,
        created_at: at,
      };
      await self.db.insertInto('intakes').values(row).execute();
      return intakeOf(row);
    });
  }

  async intakes(ownerId: string, clientId: string): Promise<IntakeRecord[] | null> {
    if (!(await this.client(ownerId, clientId))) return null;
    const rows = await this.db
      .selectFrom('intakes')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('created_at')
      .orderBy('version')
      .execute();
    return rows.map(intakeOf);
  }

  async intake(ownerId: string, id: string): Promise<IntakeRecord | null> {
    const row = await this.db
      .selectFrom('intakes')
      .innerJoin('clients', 'clients.id', 'intakes.client_id')
      .selectAll('intakes')
      .where('clients.owner_id', '=', ownerId)
      .where('intakes.id', '=', id)
      .executeTakeFirst();
    return row ? intakeOf(row) : null;
  }

  async addPlan(plan: Omit<PlanRecord, 'id'>): Promise<PlanRecord> {
    const id = randomUUID();
    await this.db
      .insertInto('plans')
      .values({
        id,
        user_id: plan.userId,
        client_id: plan.clientId,
        intake_id: plan.intakeId,
        routine_id: plan.routineId,
        routine_version: plan.routineVersion,
        is_refused: plan.plan.refused ? 1 : 0,
        intake: JSON.stringify(plan.intake),
        plan: JSON.stringify(plan.plan),
        created_at: plan.createdAt,
      })
      .execute();
    return { id, ...plan };
  }

  async plan(userId: string, id: string): Promise<PlanRecord | null> {
    const row = await this.db
      .selectFrom('plans')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? planOf(row) : null;
  }

  async addSession(session: Omit<SessionRow, 'id'> & { sourceId?: string }): Promise<SessionRow> {
    const id = randomUUID();
    await this.db
      .insertInto('sessions')
      .values({
        id,
        user_id: session.userId,
        plan_id: session.planId,
        client_id: session.clientId,
        source_id: session.sourceId ?? null,
        created_at: session.createdAt,
      })
      .execute();
    return {
      id,
      userId: session.userId,
      planId: session.planId,
      clientId: session.clientId,
      createdAt: session.createdAt,
    };
  }

  async session(userId: string, id: string): Promise<SessionRow | null> {
    return this.readCache
      ? this.readCache.session(userId, id, () => this.sessionRead(userId, id))
      : this.sessionRead(userId, id);
  }

  private async sessionRead(userId: string, id: string): Promise<SessionRow | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(SESSION_COLUMNS)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? sessionOf(row) : null;
  }

  async sessionBySource(userId: string, sourceId: string): Promise<SessionRow | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(SESSION_COLUMNS)
      .where('user_id', '=', userId)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row ? sessionOf(row) : null;
  }

  async sessions(userId: string, options: { clientId?: string } = {}): Promise<SessionRow[]> {
    let query = this.db.selectFrom('sessions').select(SESSION_COLUMNS).where('user_id', '=', userId);
    if (options.clientId !== undefined) query = query.where('client_id', '=', options.clientId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(sessionOf);
  }

  async saveEvents(
    sessionId: string,
    events: readonly SessionEvent[],
    receivedAt: string,
  ): Promise<EventsSaved> {
    const [saved] = await this.saveEventBatches([{ sessionId, events, receivedAt }]);
    return saved ?? { stored: 0, duplicates: 0 };
  }

  async saveEventBatches(batches: readonly EventsToSave[]): Promise<EventsSaved[]> {
    const rows = batches.flatMap((b) => b.events.map((e) => eventRow(b.sessionId, e, b.receivedAt)));
    // Which (session, id) pairs this call stored: each is counted for the first batch that carries it.
    const stored = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const inserted = await this.db
        .insertInto('session_events')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) => oc.columns(['session_id', 'id']).doNothing())
        .returning(['session_id', 'id'])
        .execute();
      for (const r of inserted) stored.add(eventKey(r.session_id, r.id));
    }
    return batches.map((b) => {
      let n = 0;
      for (const e of b.events) if (stored.delete(eventKey(b.sessionId, e.id))) n++;
      return { stored: n, duplicates: b.events.length - n };
    });
  }

  async events(sessionId: string): Promise<SessionEvent[]> {
    const rows = await this.db
      .selectFrom('session_events')
      .select('body')
      .where('session_id', '=', sessionId)
      .orderBy('t')
      .orderBy('seq')
      .execute();
    return rows.map((r) => JSON.parse(r.body) as SessionEvent);
  }

  async saveNotes(sessionId: string, notes: SoapNotes, userId: string, at: string): Promise<void> {
    const values = {
      subjective: notes.subjective,
      objective: notes.objective,
      assessment: notes.assessment,
      plan: notes.plan,
      updated_by: userId,
      updated_at: at,
    };
    await this.db
      .insertInto('notes')
      .values({ session_id: sessionId, ...values })
      .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
      .execute();
  }

  async notes(sessionId: string): Promise<(SoapNotes & { updatedAt: string }) | null> {
    const row = await this.db
      .selectFrom('notes')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      subjective: row.subjective,
      objective: row.objective,
      assessment: row.assessment,
      plan: row.plan,
      updatedAt: row.updated_at,
    };
  }

  async addAudit(entry: AuditInput): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        user_id: entry.userId,
        action: entry.action,
        target: entry.target,
        client_id: entry.clientId,
        detail: entry.detail,
      })
      .execute();
  }

  async audit(options: { clientId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (options.clientId !== undefined) query = query.where('client_id', '=', options.clientId);
    const rows = await query
      .orderBy('seq', 'desc')
      .limit(options.limit ?? 200)
      .execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      userId: r.user_id,
      action: r.action,
      target: r.target,
      clientId: r.client_id,
      detail: r.detail,
    }));
  }

  async transaction<T>(work: (store: RecordsStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    const [result, drops] = await (this.db as Kysely<Database>).transaction().execute(async (trx) => {
      const inner = new KyselyRecordsStore(trx, this.dialect, this.location, async () => {}, this.cache);
      return [await work(inner), inner.drops] as const;
    });
    for (const drop of drops) drop();
    return result;
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
