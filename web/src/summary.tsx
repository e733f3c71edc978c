import { useMemo, useState } from 'react';
import { regionName } from './condition-text.js';
import { clockText, sideText, type UiLanguage, uiStrings } from './i18n.js';
import { sessionOutcome } from './session-outcome.js';
import { recordSaved, type SessionRecord, type SessionState, type SoapNotes } from './session-store.js';
import { stepTitle } from './step-text.js';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The end of a session: what was done, skipped, changed and reported, the SOAP notes, and saving the record. */
export function Summary(props: {
  state: SessionState;
  language: UiLanguage;
  onNotes: (notes: SoapNotes) => void;
  onSaved: (id: string) => void;
  onNew: () => void;
}) {
  const { state, language, onNotes, onSaved, onNew } = props;
  const s = uiStrings(language);
  const plan = state.plan && !state.plan.refused ? state.plan : null;
  const outcome = useMemo(() => (plan ? sessionOutcome(plan, state) : null), [plan, state]);
  const [isSaved, setSaved] = useState(state.savedRecordId !== null);

  const record = (): SessionRecord => ({
    version: 1,
    id: state.id,
    savedAt: new Date().toISOString(),
    intake: state.intake,
    plan: state.plan,
    events: state.events,
    endReason: state.endReason,
    notes: state.notes,
  });

  const ended =
    state.endReason === 'pain'
      ? s.endedPain
      : state.endReason === 'stopped'
        ? s.endedStopped
        : s.endedFinished;
  const total = plan ? clockText(plan.totalSeconds) : '';
  const endLine =
    state.endReason === 'finished' || !plan
      ? `${ended} ${s.ranFor(clockText(state.t))}`
      : s.endedAt(ended, clockText(state.t), total);
  const startedAt = state.events[0]?.at;
  const dateText = startedAt
    ? new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
        dateStyle: 'full',
        timeStyle: 'short',
      }).format(new Date(startedAt))
    : null;
  const playedLine = (i: number) => {
    const step = plan?.steps[i];
    if (!step || !outcome) return '';
    return s.playedOf(clockText(outcome.playedSeconds[i] ?? 0), clockText(step.duration));
  };
  const label = (i: number) => {
    const step = plan?.steps[i];
    if (!step) return '';
    const side = sideText(language, step.side);
    return `${step.title}${side ? ` (${side})` : ''}`;
  };
  const notesField = (key: keyof SoapNotes, title: string) => (
    <div className="field">
      <label htmlFor={`notes-${key}`}>{title}</label>
      <textarea
        id={`notes-${key}`}
        rows={3}
        value={state.notes[key]}
        onChange={(e) => {
          setSaved(false);
          onNotes({ ...state.notes, [key]: e.target.value });
        }}
      />
    </div>
  );

  return (
    <section className="summary" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {s.summaryTitle}
      </h1>
      {dateText ? (
        <p className="session-date" data-testid="session-date">
          {s.sessionDate(dateText)}
        </p>
      ) : null}
      <p className="lead">{endLine}</p>
      {outcome && plan ? (
        <div className="summary-grid">
          <section aria-labelledby="done-title">
            <h2 id="done-title">{s.done}</h2>
            <p className="hint">{s.doneMeans}</p>
            {outcome.done.length === 0 ? (
              <p>{s.none}</p>
            ) : (
              <ul data-testid="done-list">
                {outcome.done.map((i) => (
                  <li key={i}>{label(i)}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="passed-title">
            <h2 id="passed-title">{s.passed}</h2>
            {outcome.passed.length === 0 ? (
              <p>{s.none}</p>
            ) : (
              <ul data-testid="passed-list">
                {outcome.passed.map((i) => (
                  <li key={i}>
                    {label(i)}: {playedLine(i)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {outcome.notReached.length > 0 ? (
            <section aria-labelledby="not-reached-title">
              <h2 id="not-reached-title">{s.notReached}</h2>
              <ul data-testid="not-reached-list">
                {outcome.notReached.map((i) => (
                  <li key={i}>{label(i)}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="skipped-title">
            <h2 id="skipped-title">{s.skippedByPlan}</h2>
            {plan.skipped.length === 0 ? (
              <p>{s.none}</p>
            ) : (
              <ul data-testid="skipped-list">
                {plan.skipped.map((k, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a step may be skipped on both sides
                  <li key={`plan-${i}`}>
                    {stepTitle(language, k.id)}
                    {k.side ? ` (${sideText(language, k.side)})` : ''}: {k.reason}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="changed-title">
            <h2 id="changed-title">{s.changed}</h2>
            {outcome.changed.length === 0 ? (
              <p>{s.none}</p>
            ) : (
              <ul data-testid="changed-list">
                {outcome.changed.map(({ step, i }) => (
                  <li key={i}>
                    {label(i)}: {step.changes.map((c) => c.reason).join(' ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="reported-title">
            <h2 id="reported-title">{s.reported}</h2>
            {outcome.pains.length === 0 ? (
              <p>{s.noneReported}</p>
            ) : (
              <ul className="pain-reports">
                {outcome.pains.map((e) => (
                  <li key={`${e.at}-${e.t}`}>
                    {s.painLineAt(clockText(e.t), regionName(language, e.region ?? ''), e.level ?? 0)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : null}

      <fieldset className="group notes">
        <legend>{s.notes}</legend>
        {notesField('subjective', s.soapS)}
        {notesField('objective', s.soapO)}
        {notesField('assessment', s.soapA)}
        {notesField('plan', s.soapP)}
      </fieldset>

      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            const r = record();
            if (recordSaved(r)) {
              setSaved(true);
              onSaved(r.id);
            }
          }}
        >
          {s.saveRecord}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            download(`massage-session-${state.id}.json`, `${JSON.stringify(record(), null, 2)}\n`)
          }
        >
          {s.download}
        </button>
        <button type="button" className="secondary" onClick={onNew}>
          {s.newSession}
        </button>
      </div>
      <p role="status" className="saved-status">
        {isSaved ? s.saved : ''}
      </p>
    </section>
  );
}
