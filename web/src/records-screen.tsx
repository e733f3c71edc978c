// Clients and their records, for a therapist with an account on the records server: log in (or set up the
// owner), the clients list, a client's page (intakes, sessions, pain reports, notes) and a new session for a client.
import { useCallback, useEffect, useState } from 'react';
import type { Consent } from '../../src/core/records/client.js';
import type { SoapNotes } from '../../src/core/records/soap-notes.js';
import type { UiLanguage } from './i18n.js';
import { type IntakeFormValues, intakeFormInitial } from './intake-values.js';
import {
  type RecordsApi,
  type RecordsClient,
  type RecordsIntake,
  RecordsProblem,
  type RecordsSession,
  type RecordsUser,
} from './records-api.js';
import { intakeFormFromIntake } from './records-intake.js';
import { recordsLoaded } from './session-store.js';
import './records.css';

const IMPORTED_KEY = 'massage-coach.imported.v1';

/** What starting a session for a client hands to the app. */
export interface SessionForClient {
  readonly client: RecordsClient;
  readonly form: IntakeFormValues;
  readonly consent: Consent;
}

function problemText(error: unknown): string {
  if (error instanceof RecordsProblem) return error.field ? `${error.field}: ${error.detail}` : error.detail;
  return 'The records server cannot be reached. The player still works without it.';
}

function importedIds(): string[] {
  try {
    return JSON.parse(localStorage.getItem(IMPORTED_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function timeText(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function LoginForm(props: { api: RecordsApi; isSetup: boolean; onUser: (user: RecordsUser) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const token = /#setup=([\w-]+)/.exec(globalThis.location?.hash ?? '')?.[1];
  return (
    <form
      className="records-login"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const done = props.isSetup
          ? props.api.setup({ email, name, password, ...(token ? { token } : {}) })
          : props.api.login(email, password);
        done.then(
          (user) => {
            // The set-up token is spent: keep it out of the address bar and the history.
            if (token) globalThis.history?.replaceState(null, '', `${location.pathname}${location.search}`);
            props.onUser(user);
          },
          (err: unknown) => setError(problemText(err)),
        );
      }}
    >
      <h2>{props.isSetup ? 'Set up the owner account' : 'Log in to keep client records'}</h2>
      <label>
        E-mail{' '}
        <input
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </label>
      {props.isSetup ? (
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
      ) : null}
      <label>
        Password{' '}
        <input
          type="password"
          autoComplete={props.isSetup ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error ? (
        <p className="records-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit">{props.isSetup ? 'Create the owner account' : 'Log in'}</button>
    </form>
  );
}

function NotesEditor(props: { api: RecordsApi; session: RecordsSession; onSaved: () => void }) {
  const initial: SoapNotes = props.session.notes ?? props.session.notesPrefilled;
  const [notes, setNotes] = useState<SoapNotes>(initial);
  const [status, setStatus] = useState<string>(
    props.session.notes ? 'saved' : 'drafted from the intake and the events',
  );
  const fields = ['subjective', 'objective', 'assessment', 'plan'] as const;
  return (
    <form
      className="records-notes"
      onSubmit={(e) => {
        e.preventDefault();
        props.api.saveNotes(props.session.id, notes).then(
          () => {
            setStatus('saved');
            props.onSaved();
          },
          (err: unknown) => setStatus(problemText(err)),
        );
      }}
    >
      {fields.map((field) => (
        <label key={field}>
          {field[0]?.toUpperCase()}
          {field.slice(1)}
          <textarea
            rows={3}
            value={notes[field]}
            onChange={(e) => setNotes({ ...notes, [field]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit">Save notes</button> <span className="records-status">{status}</span>
    </form>
  );
}

function ClientPage(props: {
  api: RecordsApi;
  client: RecordsClient;
  user: RecordsUser;
  language: UiLanguage;
  onStartSession: (start: SessionForClient) => void;
  onDeleted: () => void;
}) {
  const { api, client } = props;
  const [intakes, setIntakes] = useState<RecordsIntake[]>([]);
  const [sessions, setSessions] = useState<RecordsSession[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [hasConsent, setConsent] = useState(false);
  const [isFromLast, setFromLast] = useState(false);
  const reload = useCallback(() => {
    Promise.all([api.intakes(client.id), api.clientSessions(client.id)]).then(
      ([i, s]) => {
        setIntakes(i);
        setSessions(s);
      },
      (err: unknown) => setError(problemText(err)),
    );
  }, [api, client.id]);
  useEffect(reload, [reload]);
  const last = intakes.at(-1);
  return (
    <section className="records-client" aria-labelledby="client-title">
      <h2 id="client-title">{client.name}</h2>
      {error ? <p className="records-error">{error}</p> : null}
      <h3>New session</h3>
      <label>
        <input type="checkbox" checked={hasConsent} onChange={(e) => setConsent(e.target.checked)} />{' '}
        {client.name} has given informed consent to the massage (taken by {props.user.name})
      </label>
      {last ? (
        <label>
          <input type="checkbox" checked={isFromLast} onChange={(e) => setFromLast(e.target.checked)} /> Start
          from the last intake ({new Date(last.createdAt).toLocaleDateString()})
        </label>
      ) : null}
      <button
        type="button"
        disabled={!hasConsent}
        onClick={() =>
          props.onStartSession({
            client,
            form:
              isFromLast && last
                ? intakeFormFromIntake(last.intake, props.language)
                : intakeFormInitial(props.language),
            consent: { agreed: true, at: new Date().toISOString(), takenBy: props.user.name },
          })
        }
      >
        Start the intake for {client.name}
      </button>
      <h3>Intakes</h3>
      {intakes.length === 0 ? <p>No intakes yet.</p> : null}
      <ul>
        {intakes.map((i) => (
          <li key={i.id}>
            {new Date(i.createdAt).toLocaleString()} — version {i.version}: {i.intake.minutes} min, pressure ≤{' '}
            {i.intake.pressurePreference},{' '}
            {i.intake.conditions.map((c) => c.id).join(', ') || 'no conditions'}; consent{' '}
            {i.consent.agreed ? 'given' : 'refused'} {new Date(i.consent.at).toLocaleString()} to{' '}
            {i.consent.takenBy}
          </li>
        ))}
      </ul>
      <h3>Sessions</h3>
      {sessions.length === 0 ? <p>No sessions yet.</p> : null}
      {sessions.map((s) => {
        const pains = s.events.filter((e) => e.kind === 'pain');
        return (
          <article key={s.id} className="records-session" data-session-id={s.id}>
            <h4>
              {new Date(s.createdAt).toLocaleString()} — {s.endReason ?? 'not ended'}, {s.events.length}{' '}
              events
            </h4>
            {pains.length > 0 ? (
              <>
                <h5>Pain reports</h5>
                <ul className="records-pain">
                  {pains.map((e) => (
                    <li key={e.id}>
                      {timeText(e.t)}: {e.level}/10 {e.region ?? ''} {e.side ?? ''}{' '}
                      {e.stepId ? `(${e.stepId})` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <details>
              <summary>Events</summary>
              <ol className="records-events">
                {s.events.map((e) => (
                  <li key={e.id}>
                    {timeText(e.t)} {e.kind} {e.stepId ?? ''}
                  </li>
                ))}
              </ol>
            </details>
            <NotesEditor api={api} session={s} onSaved={reload} />
          </article>
        );
      })}
      <h3>Privacy</h3>
      <p>
        <a href={`/api/clients/${encodeURIComponent(client.id)}/export`} download>
          Export everything kept about {client.name} (JSON)
        </a>
      </p>
      <button
        type="button"
        className="records-delete"
        onClick={() => {
          if (!globalThis.confirm?.(`Delete ${client.name} and every record of them? This cannot be undone.`))
            return;
          api.deleteClient(client.id).then(props.onDeleted, (err: unknown) => setError(problemText(err)));
        }}
      >
        Delete {client.name} and all their records
      </button>
    </section>
  );
}

/** The records screen: log in, clients, a client's page, and starting a session for a client. */
export function RecordsScreen(props: {
  api: RecordsApi;
  language: UiLanguage;
  onStartSession: (start: SessionForClient) => void;
  onClose: () => void;
}) {
  const { api } = props;
  const [user, setUser] = useState<RecordsUser | null>(null);
  const [isSetup, setIsSetup] = useState(false);
  const [isReady, setReady] = useState(false);
  const [clients, setClients] = useState<RecordsClient[]>([]);
  const [selected, setSelected] = useState<RecordsClient | null>(null);
  const [newName, setNewName] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    api.session().then(
      (s) => {
        setUser(s.user);
        setIsSetup(s.setupNeeded);
        setReady(true);
      },
      (err: unknown) => {
        setMessage(problemText(err));
        setReady(true);
      },
    );
  }, [api]);

  const reloadClients = useCallback(() => {
    api.clients().then(setClients, (err: unknown) => setMessage(problemText(err)));
  }, [api]);
  useEffect(() => {
    if (user) reloadClients();
  }, [user, reloadClients]);

  const local = recordsLoaded().filter((r) => !importedIds().includes(r.id));

  let body: React.ReactNode;
  if (!isReady) body = <p>Connecting to the records server…</p>;
  else if (!user) body = <LoginForm api={api} isSetup={isSetup} onUser={setUser} />;
  else if (selected)
    body = (
      <>
        <button type="button" onClick={() => setSelected(null)}>
          ← All clients
        </button>
        <ClientPage
          api={api}
          client={selected}
          user={user}
          language={props.language}
          onStartSession={props.onStartSession}
          onDeleted={() => {
            setSelected(null);
            reloadClients();
          }}
        />
      </>
    );
  else
    body = (
      <>
        <p>
          Logged in as {user.name} ({user.role}).{' '}
          <button
            type="button"
            onClick={() => {
              api.logout().finally(() => setUser(null));
            }}
          >
            Log out
          </button>
        </p>
        {local.length > 0 ? (
          <p>
            {local.length} session(s) saved in this browser before you logged in.{' '}
            <button
              type="button"
              onClick={async () => {
                try {
                  const client = await api.addClient('Sessions saved in this browser');
                  const r = await api.importRecords(local, client.id);
                  localStorage.setItem(
                    IMPORTED_KEY,
                    JSON.stringify([...importedIds(), ...local.map((x) => x.id)]),
                  );
                  setMessage(`Imported ${r.imported} session(s) into “${client.name}”.`);
                  reloadClients();
                } catch (err) {
                  setMessage(problemText(err));
                }
              }}
            >
              Import them into your records
            </button>
          </p>
        ) : null}
        <h2>Clients</h2>
        <ul className="records-clients">
          {clients.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => setSelected(c)}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
        {clients.length === 0 ? <p>No clients yet.</p> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            api.addClient(newName).then(
              (c) => {
                setNewName('');
                reloadClients();
                setSelected(c);
              },
              (err: unknown) => setMessage(problemText(err)),
            );
          }}
        >
          <label>
            New client’s name <input value={newName} onChange={(e) => setNewName(e.target.value)} required />
          </label>{' '}
          <button type="submit">Add client</button>
        </form>
      </>
    );

  return (
    <section className="records" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        Clients and records
      </h1>
      <button type="button" onClick={props.onClose}>
        Back to the session
      </button>
      {message ? (
        <p className="records-message" role="status">
          {message}
        </p>
      ) : null}
      {body}
    </section>
  );
}
