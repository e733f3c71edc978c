import type { Intake } from '../core/intake.js';
import type { PlanResult } from '../core/plan-types.js';
import type { Role } from '../core/records/account.js';
import type { ClientInput, ClientPatch, Consent } from '../core/records/client.js';
import type { SessionEvent } from '../core/records/session-event.js';
import type { SoapNotes } from '../core/records/soap-notes.js';
import type { GroupCommit } from './event-groups.js';
import type { ExportJobStore } from './export-job-store.js';
import type { Dialect } from './migrations.js';

/** An account, without its password hash. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
}

/** A client of one therapist. */
export interface Client extends ClientInput {
  readonly id: string;
  readonly ownerId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One version of a client's intake, with the consent given with it. */
export interface IntakeRecord {
  readonly id: string;
  readonly clientId: string;
  readonly seriesId: string;
  readonly version: number;
  readonly intake: Intake;
  readonly consent: Consent;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A stored plan, with the routine (id and version) and the intake it came from. */
export interface PlanRecord {
  readonly id: string;
  readonly userId: string;
  readonly clientId: string | null;
  readonly intakeId: string | null;
  readonly routineId: string;
  readonly routineVersion: number;
  readonly intake: Intake;
  readonly plan: PlanResult;
  readonly createdAt: string;
}

/** A session (the plan as run); its events and notes are read apart. */
export interface SessionRow {
  readonly id: string;
  readonly userId: string;
  readonly planId: string | null;
  readonly clientId: string | null;
  readonly createdAt: string;
}

/** A line of the audit log: who did what to which record, never the content. */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly target: string;
  readonly clientId: string | null;
  readonly detail: string;
}

/** What an audit line records. */
export type AuditInput = Omit<AuditEntry, 'seq'>;

/** A logged-in session found by its token. */
export interface AuthSession {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** The result of saving a batch of events: how many were new, how many had been stored before. */
export interface EventsSaved {
  readonly stored: number;
  readonly duplicates: number;
}

/** One batch of a session's events to save. */
export interface EventsToSave {
  readonly sessionId: string;
  readonly events: readonly SessionEvent[];
  readonly receivedAt: string;
}

/** What a client's deletion removed. */
export interface ClientDeleted {
  readonly intakes: number;
  readonly plans: number;
  readonly sessions: number;
  readonly events: number;
}

/**
 * The records store: one interface, one implementation over Kysely for SQLite and PostgreSQL.
 *
 * @remarks Every read and write of a client's data takes the owner's user id and matches it in the query, so a
 * record of another account is simply not found.
 */
export interface RecordsStore {
  readonly dialect: Dialect;
  /** Where the data lives, without any password (for messages). */
  readonly location: string;
  /** A faster way to commit groups of event batches, when the database has one (SQLite: a writer thread). */
  readonly eventGroupCommit?: GroupCommit;
  /** The export jobs' queue table (video and handout exports run by workers). */
  readonly exportJobs: ExportJobStore;

  userCount(): Promise<number>;
  /** Adds an account; null when the e-mail address is taken. */
  addUser(user: Omit<User, 'id'> & { passwordHash: string }): Promise<User | null>;
  /** The account and its password hash by e-mail, or null. */
  userWithHash(email: string): Promise<(User & { passwordHash: string }) | null>;
  users(): Promise<User[]>;

  addAuthSession(session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The session for a token hash that has not expired at `now`, or null. */
  authSession(tokenHash: string, now: string): Promise<AuthSession | null>;
  deleteAuthSession(tokenHash: string): Promise<void>;

  addClient(ownerId: string, input: ClientInput, at: string): Promise<Client>;
  clients(ownerId: string): Promise<Client[]>;
  client(ownerId: string, id: string): Promise<Client | null>;
  updateClient(ownerId: string, id: string, patch: ClientPatch, at: string): Promise<Client | null>;
  /** Deletes the client and everything kept about them; null when there is no such client of this owner. */
  deleteClient(ownerId: string, id: string): Promise<ClientDeleted | null>;

  /** Adds an intake: a new series, or the next version of `seriesId` (the older versions stay). */
  addIntake(
    ownerId: string,
    clientId: string,
    input: { intake: Intake; consent: Consent; seriesId?: string },
    at: string,
  ): Promise<IntakeRecord | null>;
  intakes(ownerId: string, clientId: string): Promise<IntakeRecord[] | null>;
  intake(ownerId: string, id: string): Promise<IntakeRecord | null>;

  addPlan(plan: Omit<PlanRecord, 'id'>): Promise<PlanRecord>;
  plan(userId: string, id: string): Promise<PlanRecord | null>;

  addSession(session: Omit<SessionRow, 'id'> & { sourceId?: string }): Promise<SessionRow>;
  session(userId: string, id: string): Promise<SessionRow | null>;
  /** The session imported from a browser record with this id, if any. */
  sessionBySource(userId: string, sourceId: string): Promise<SessionRow | null>;
  sessions(userId: string, options?: { clientId?: string }): Promise<SessionRow[]>;

  /** Saves events of a session; an event id already stored for the session is skipped. */
  saveEvents(sessionId: string, events: readonly SessionEvent[], receivedAt: string): Promise<EventsSaved>;
  /**
   * Saves the events of several batches with few statements; answers each batch's counts in order (an event id
   * stored before, or sent by an earlier batch of the same call, counts as a duplicate).
   */
  saveEventBatches(batches: readonly EventsToSave[]): Promise<EventsSaved[]>;
  events(sessionId: string): Promise<SessionEvent[]>;

  saveNotes(sessionId: string, notes: SoapNotes, userId: string, at: string): Promise<void>;
  notes(sessionId: string): Promise<(SoapNotes & { updatedAt: string }) | null>;

  addAudit(entry: AuditInput): Promise<void>;
  audit(options?: { clientId?: string; limit?: number }): Promise<AuditEntry[]>;

  /** Runs the callbacks' writes in one transaction (all or none). */
  transaction<T>(work: (store: RecordsStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
