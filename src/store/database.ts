import type { Generated } from 'kysely';

/** Accounts. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
}

/** Logged-in sessions: the cookie's token is kept only as its SHA-256. */
export interface AuthSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A therapist's clients; `details` is JSON (birth year, phone, e-mail, notes). */
export interface ClientsTable {
  id: string;
  owner_id: string;
  name: string;
  details: string;
  created_at: string;
  updated_at: string;
}

/** Intakes, versioned: an edit adds a row with the same `series_id` and the next `version`. */
export interface IntakesTable {
  id: string;
  client_id: string;
  series_id: string;
  version: number;
  intake: string;
  consent: string;
  created_by: string;
  created_at: string;
}

/** Plans with the routine they came from; `plan` is the Plan JSON (or the refusal). */
export interface PlansTable {
  id: string;
  user_id: string;
  client_id: string | null;
  intake_id: string | null;
  routine_id: string;
  routine_version: number;
  is_refused: number;
  intake: string;
  plan: string;
  created_at: string;
}

/** Sessions as run. */
export interface SessionsTable {
  id: string;
  user_id: string;
  plan_id: string | null;
  client_id: string | null;
  source_id: string | null;
  created_at: string;
}

/** The player's events; (session_id, id) is unique, so a resent event is stored once. */
export interface SessionEventsTable {
  seq: Generated<number>;
  session_id: string;
  id: string;
  kind: string;
  t: number;
  at: string;
  body: string;
  received_at: string;
}

/** SOAP notes, one row per session. */
export interface NotesTable {
  session_id: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  updated_by: string;
  updated_at: string;
}

/** Who read or changed what: ids and actions, never the content. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  target: string;
  client_id: string | null;
  detail: string;
}

/** Export jobs (video, handout): the queue's record of each job, its progress and its result's name and size. */
export interface ExportJobsTable {
  id: string;
  user_id: string;
  plan_id: string;
  client_id: string | null;
  kind: string;
  options: string;
  status: string;
  phase: string;
  done: number;
  total: number;
  error: string | null;
  is_cancel_asked: number;
  dispatched_at: string | null;
  heartbeat_at: string | null;
  worker: string | null;
  result_name: string | null;
  result_type: string | null;
  result_bytes: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A finished export's file, in chunks (so a worker on another machine hands it to the server through the database). */
export interface ExportJobChunksTable {
  job_id: string;
  seq: number;
  data: Uint8Array;
}

/** Every table of the records database. */
export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  clients: ClientsTable;
  intakes: IntakesTable;
  plans: PlansTable;
  sessions: SessionsTable;
  session_events: SessionEventsTable;
  notes: NotesTable;
  audit_log: AuditLogTable;
  export_jobs: ExportJobsTable;
  export_job_chunks: ExportJobChunksTable;
}
