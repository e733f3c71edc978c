// Clients and their records, for a therapist with an account on the records server: log in (or set up the
// owner), the clients list, a client's page (intakes, sessions, pain reports, notes) and a new session for a client.
import { useCallback, useEffect, useState } from 'react';
import type { Consent } from '../../src/core/records/client.js';
import type { SoapNotes } from '../../src/core/records/soap-notes.js';
import { regionName } from './condition-text.js';
import type { UiLanguage } from './i18n.js';
import { type IntakeFormValues, intakeFormInitial } from './intake-values.js';
import { painMapSvg, painMarks } from './pain-map.js';
import {
  type RecordsApi,
  type RecordsClient,
  type RecordsIntake,
  RecordsProblem,
  type RecordsSession,
  type RecordsUser,
} from './records-api.js';
import { intakeFormFromIntake } from './records-intake.js';
import { recordsText } from './records-text.js';
import { recordsLoaded } from './session-store.js';
import './records.css';

const IMPORTED_KEY = 'massage-coach.imported.v1';

/** What starting a session for a client hands to the app. */
export interface SessionForClient {
  readonly client: RecordsClient;
  readonly form: IntakeFormValues;
  readonly consent: Consent;
}

function problemText(error: unknown, language: UiLanguage): string {
  if (error instanceof RecordsProblem) return error.field ? `${error.field}: ${error.detail}` : error.detail;
  return recordsText(language).unreachable;
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

function LoginForm(props: {
  api: RecordsApi;
  isSetup: boolean;
  language: UiLanguage;
  onUser: (user: RecordsUser) => void;
}) {
  const t = recordsText(props.language);
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
          (err: unknown) => setError(problemText(err, props.language)),
        );
      }}
    >
      <h2>{props.isSetup ? t.setupTitle : t.loginTitle}</h2>
      <label>
        {t.email}{' '}
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
          {t.name} <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
      ) : null}
      <label>
        {t.password}{' '}
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
      <button type="submit">{props.isSetup ? t.createOwner : t.logIn}</button>
    </form>
  );
}

function NotesEditor(props: {
  api: RecordsApi;
  session: RecordsSession;
  language: UiLanguage;
  onSaved: () => void;
}) {
  const t = recordsText(props.language);
  const initial: SoapNotes = props.session.notes ?? props.session.notesPrefilled;
  const [notes, setNotes] = useState<SoapNotes>(initial);
  const [status, setStatus] = useState<string>(props.session.notes ? t.notesSaved : t.notesDrafted);
  const fields = ['subjective', 'objective', 'assessment', 'plan'] as const;
  return (
    <form
      className="records-notes"
      onSubmit={(e) => {
        e.preventDefault();
        props.api.saveNotes(props.session.id, notes).then(
          () => {
            setStatus(t.notesSaved);
            props.onSaved();
          },
          (err: unknown) => setStatus(problemText(err, props.language)),
        );
      }}
    >
      {fields.map((field) => (
        <label key={field}>
          {t.notesFields[field]}
          <textarea
            rows={3}
            value={notes[field]}
            onChange={(e) => setNotes({ ...notes, [field]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit">{t.saveNotes}</button> <span className="records-status">{status}</span>
    </form>
  );
}

/** A session's pain reports on the body outline: the back and the front, each when it has a report. */
function PainPictures(props: { events: RecordsSession['events']; language: UiLanguage }) {
  const t = recordsText(props.language);
  const marks = painMarks(props.events);
  const sides = { left: t.clientLeft, right: t.clientRight };
  const pictures = (
    [
      ['posterior', t.painBack],
      ['anterior', t.painFront],
    ] as const
  )
    .map(([surface, label]) => ({
      surface,
      label,
      svg: painMapSvg(marks, { surface, language: props.language, label, sides }),
    }))
    .filter((p) => p.svg !== null);
  if (pictures.length === 0) return null;
  return (
    <div className="records-pain-map">
      {pictures.map((p) => (
        <figure key={p.surface} data-surface={p.surface}>
          {/* The SVG is built by our own renderer from the body map and numbers, never from typed text. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our renderer's SVG */}
          <div dangerouslySetInnerHTML={{ __html: p.svg ?? '' }} />
          <figcaption>{p.label}</figcaption>
        </figure>
      ))}
    </div>
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
  const { api, client, language } = props;
  const t = recordsText(language);
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
      (err: unknown) => setError(problemText(err, language)),
    );
  }, [api, client.id, language]);
  useEffect(reload, [reload]);
  const last = intakes.at(-1);
  return (
    <section className="records-client" aria-labelledby="client-title">
      <h2 id="client-title">{client.name}</h2>
      {error ? <p className="records-error">{error}</p> : null}
      <h3>{t.newSession}</h3>
      <label>
        <input type="checkbox" checked={hasConsent} onChange={(e) => setConsent(e.target.checked)} />{' '}
        {t.consent(client.name, props.user.name)}
      </label>
      {last ? (
        <label>
          <input type="checkbox" checked={isFromLast} onChange={(e) => setFromLast(e.target.checked)} />{' '}
          {t.fromLast(new Date(last.createdAt).toLocaleDateString(language))}
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
        {t.startIntake(client.name)}
      </button>
      <h3>{t.intakes}</h3>
      {intakes.length === 0 ? <p>{t.noIntakes}</p> : null}
      <ul>
        {intakes.map((i) => (
          <li key={i.id}>
            {t.intakeLine({
              when: new Date(i.createdAt).toLocaleString(language),
              version: i.version,
              minutes: i.intake.minutes,
              pressure: i.intake.pressurePreference,
              conditions: i.intake.conditions.map((c) => c.id).join(', '),
              consent: i.consent.agreed,
              consentAt: new Date(i.consent.at).toLocaleString(language),
              takenBy: i.consent.takenBy,
            })}
          </li>
        ))}
      </ul>
      <h3>{t.sessions}</h3>
      {sessions.length === 0 ? <p>{t.noSessions}</p> : null}
      {sessions.map((s) => {
        const pains = s.events.filter((e) => e.kind === 'pain');
        return (
          <article key={s.id} className="records-session" data-session-id={s.id}>
            <h4>
              {new Date(s.createdAt).toLocaleString(language)} — {t.endReason(s.endReason)},{' '}
              {t.eventCount(s.events.length)}
            </h4>
            {pains.length > 0 ? (
              <>
                <h5>{t.painReports}</h5>
                <PainPictures events={s.events} language={language} />
                <ul className="records-pain">
                  {pains.map((e) => (
                    <li key={e.id}>
                      {t.painItem(
                        timeText(e.t),
                        e.level ?? 0,
                        e.region ? regionName(language, e.region) : t.noRegion,
                        t.sideWord(e.side ?? null),
                      )}
                      {e.stepId ? ` (${e.stepId})` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <details>
              <summary>{t.events}</summary>
              <ol className="records-events">
                {s.events.map((e) => (
                  <li key={e.id}>
                    {timeText(e.t)} {t.eventKind(e.kind)} {e.stepId ?? ''}
                  </li>
                ))}
              </ol>
            </details>
            <NotesEditor api={api} session={s} language={language} onSaved={reload} />
          </article>
        );
      })}
      <h3>{t.privacy}</h3>
      <p>
        <a href={`/api/clients/${encodeURIComponent(client.id)}/export`} download>
          {t.exportAll(client.name)}
        </a>
      </p>
      <button
        type="button"
        className="records-delete"
        onClick={() => {
          if (!globalThis.confirm?.(t.deleteConfirm(client.name))) return;
          api
            .deleteClient(client.id)
            .then(props.onDeleted, (err: unknown) => setError(problemText(err, language)));
        }}
      >
        {t.deleteAll(client.name)}
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
  const { api, language } = props;
  const t = recordsText(language);
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
        setMessage(problemText(err, language));
        setReady(true);
      },
    );
  }, [api, language]);

  const reloadClients = useCallback(() => {
    api.clients().then(setClients, (err: unknown) => setMessage(problemText(err, language)));
  }, [api, language]);
  useEffect(() => {
    if (user) reloadClients();
  }, [user, reloadClients]);

  const local = recordsLoaded().filter((r) => !importedIds().includes(r.id));

  let body: React.ReactNode;
  if (!isReady) body = <p>{t.connecting}</p>;
  else if (!user) body = <LoginForm api={api} isSetup={isSetup} language={language} onUser={setUser} />;
  else if (selected)
    body = (
      <>
        <button type="button" onClick={() => setSelected(null)}>
          {t.allClients}
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
          {t.loggedInAs(user.name, user.role)}{' '}
          <button
            type="button"
            onClick={() => {
              api.logout().finally(() => setUser(null));
            }}
          >
            {t.logOut}
          </button>
        </p>
        {local.length > 0 ? (
          <p>
            {t.localSessions(local.length)}{' '}
            <button
              type="button"
              onClick={async () => {
                try {
                  const client = await api.addClient(t.importClientName);
                  const r = await api.importRecords(local, client.id);
                  localStorage.setItem(
                    IMPORTED_KEY,
                    JSON.stringify([...importedIds(), ...local.map((x) => x.id)]),
                  );
                  setMessage(t.imported(r.imported, client.name));
                  reloadClients();
                } catch (err) {
                  setMessage(problemText(err, language));
                }
              }}
            >
              {t.importInto}
            </button>
          </p>
        ) : null}
        <h2>{t.clients}</h2>
        <ul className="records-clients">
          {clients.map((c) => (
            <li key={c.id}>
              <button type="button" className="link-button" onClick={() => setSelected(c)}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
        {clients.length === 0 ? <p>{t.noClients}</p> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            api.addClient(newName).then(
              (c) => {
                setNewName('');
                reloadClients();
                setSelected(c);
              },
              (err: unknown) => setMessage(problemText(err, language)),
            );
          }}
        >
          <label>
            {t.newClientName} <input value={newName} onChange={(e) => setNewName(e.target.value)} required />
          </label>{' '}
          <button type="submit">{t.addClient}</button>
        </form>
      </>
    );

  return (
    <section className="records" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t.title}
      </h1>
      <button type="button" onClick={props.onClose}>
        {t.back}
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
