import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Plan } from '../../src/core/plan-types.js';
import { CONDITION_ORDER, CONDITION_TEXT } from './condition-text.js';
import { uiStrings } from './i18n.js';
import { type FieldErrors, IntakeForm, ruleCheckLoaded } from './intake-form.js';
import { issueText } from './intake-issues.js';
import { intakeStrings } from './intake-text.js';
import {
  fieldIdForIssue,
  type IntakeFormValues,
  intakeFormInitial,
  intakeFormNormalized,
  intakeInputFromForm,
  isIntakeFormEmpty,
} from './intake-values.js';
import {
  type EndReason,
  languageGuessed,
  type SessionEvent,
  type SessionState,
  type Stage,
  sessionCleared,
  sessionInitial,
  sessionLoaded,
  sessionSaved,
} from './session-store.js';

const PlanView = lazy(() => import('./plan-view.js').then((m) => ({ default: m.PlanView })));
const Player = lazy(() => import('./player.js').then((m) => ({ default: m.Player })));
const Summary = lazy(() => import('./summary.js').then((m) => ({ default: m.Summary })));

type RecordsSync = typeof import('./records-sync.js');
let recordsSync: Promise<RecordsSync> | null = null;
/**
 * The records link (the API client and the event outbox), loaded after the first screen rather than with it. One
 * promise for the page, so queued calls run in the order they were made.
 */
function recordsSyncLoaded(): Promise<RecordsSync> {
  recordsSync ??= import('./records-sync.js');
  return recordsSync;
}

type RecordsScreenProps = React.ComponentProps<typeof import('./records-screen.js').RecordsScreen>;
const RecordsScreen = lazy(() =>
  Promise.all([import('./records-screen.js'), recordsSyncLoaded()]).then(([screen, sync]) => ({
    default: (props: Omit<RecordsScreenProps, 'api'>) => (
      <screen.RecordsScreen api={sync.recordsApi} {...props} />
    ),
  })),
);

/** Runs `work` once the page has loaded and the browser is idle (what the first screen does not need). */
function afterLoadWhenIdle(work: () => void): () => void {
  let isCancelled = false;
  let timer = 0;
  const hasIdle = 'requestIdleCallback' in window;
  const guarded = () => {
    if (!isCancelled) work();
  };
  const run = () => {
    if (isCancelled) return;
    timer = hasIdle ? requestIdleCallback(guarded, { timeout: 2000 }) : window.setTimeout(guarded, 50);
  };
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run, { once: true });
  return () => {
    isCancelled = true;
    window.removeEventListener('load', run);
    if (hasIdle) cancelIdleCallback(timer);
    else clearTimeout(timer);
  };
}

function stateInitial(): SessionState {
  const loaded = sessionLoaded();
  if (!loaded) return sessionInitial(intakeFormInitial(languageGuessed()));
  // A save from an older version: bring the form up to today's conditions, never carrying a pre-filled answer.
  return { ...loaded, form: intakeFormNormalized(loaded.form) };
}

/** Whose answers these are, in words: when they were given, the client's age and the first conditions ticked. */
function answersOwner(form: IntakeFormValues, at: string, language: IntakeFormValues['language']): string {
  const t = intakeStrings(language);
  const time = new Date(at).toLocaleTimeString(language === 'ru' ? 'ru-RU' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  const ticked = CONDITION_ORDER.filter((id) => form.conditions[id]?.isChecked).map(
    (id) => CONDITION_TEXT[language][id].name,
  );
  const conditions =
    ticked.length === 0 ? t.noConditions : `${ticked.slice(0, 3).join(', ')}${ticked.length > 3 ? ' …' : ''}`;
  const details = [form.clientAge.trim() ? t.ageShort(form.clientAge.trim()) : '', conditions].filter(
    Boolean,
  );
  return t.lastClient(time, details.join('; '));
}

const STAGE_ORDER: readonly Stage[] = ['intake', 'plan', 'player', 'summary'];

function stageFromHistory(value: unknown): Stage {
  const stage = (value as { stage?: unknown } | null)?.stage;
  return STAGE_ORDER.includes(stage as Stage) ? (stage as Stage) : 'intake';
}

/** Where Back goes from a screen: one step back along intake ← plan ← player; a summary goes back to the plan. */
function backStage(from: Stage, to: Stage): Stage {
  if (from === 'summary') return 'plan';
  return STAGE_ORDER.indexOf(to) < STAGE_ORDER.indexOf(from) ? to : from;
}

/** A session started and neither ended nor restarted: the plan offers to continue it. */
function isSessionUnderWay(state: SessionState): boolean {
  return state.events.length > 0 && state.endReason === null;
}

/** Keeps the browser's history in step with the screen: forward pushes an entry, so Back has one to return to. */
function historyFollowed(stage: Stage): void {
  const current = (history.state as { stage?: unknown } | null)?.stage;
  if (current === stage) return;
  if (current === undefined) {
    // A fresh load (or a reload mid-session): lay down the screens before this one, so Back walks through them.
    history.replaceState({ stage: 'intake' }, '');
    const laid: Stage[] = stage === 'plan' ? ['plan'] : stage === 'player' ? ['plan', 'player'] : [];
    if (stage === 'summary') laid.push('plan', 'summary');
    for (const s of laid) history.pushState({ stage: s }, '');
    return;
  }
  if (stage === 'summary') history.replaceState({ stage }, '');
  else if (STAGE_ORDER.indexOf(stage) > STAGE_ORDER.indexOf(stageFromHistory(history.state))) {
    history.pushState({ stage }, '');
  } else history.replaceState({ stage }, '');
}

/** The app: intake, plan, player and summary, one screen at a time, saved on every change. */
export function App() {
  const [state, setState] = useState<SessionState>(stateInitial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [isBusy, setBusy] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const language = state.form.language;
  const s = uiStrings(language);
  // The clients and records screen (with an account on the records server), over the session screens.
  const [view, setView] = useState<'session' | 'records'>(() =>
    /^#(setup=|records$)/.test(globalThis.location?.hash ?? '') ? 'records' : 'session',
  );
  // The outbox loop (and the intake form's rule test) start once the first screen is up.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let isStopped = false;
    const cancel = afterLoadWhenIdle(() => {
      void ruleCheckLoaded();
      void recordsSyncLoaded().then((sync) => {
        if (!isStopped) stop = sync.outboxLoopStarted();
      });
    });
    return () => {
      isStopped = true;
      cancel();
      stop?.();
    };
  }, []);

  const update = useCallback((next: (prev: SessionState) => SessionState) => setState(next), []);
  // Saved after each change, from an effect: a state updater stays pure (React may call it twice).
  useEffect(() => sessionSaved(state), [state]);

  // Browser Back moves back within the app (player → plan → intake); the player pauses as it closes.
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const to = stageFromHistory(e.state);
      setState((prev) => (to === prev.stage ? prev : { ...prev, stage: backStage(prev.stage, to) }));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => historyFollowed(state.stage), [state.stage]);

  // Move focus to the new screen's heading, so keyboard and screen-reader users start at the top.
  const shownStage = useRef<Stage>(state.stage);
  useEffect(() => {
    if (shownStage.current === state.stage) return;
    shownStage.current = state.stage;
    window.scrollTo(0, 0);
    const focusTitle = () => document.getElementById('screen-title')?.focus();
    requestAnimationFrame(focusTitle);
  }, [state.stage]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = s.appName;
  }, [language, s.appName]);

  const submitIntake = async () => {
    setBusy(true);
    try {
      const planning = await import('./planning.js');
      const form = stateRef.current.form;
      const { input, conditionOrder } = intakeInputFromForm(form);
      const checked = planning.intakeChecked(input);
      if (!checked.ok) {
        const next: Record<string, string> = {};
        for (const issue of checked.issues) {
          const id = fieldIdForIssue(issue.field, conditionOrder, form.avoid);
          next[id] ??= issueText(issue.message, uiStrings(form.language), form.language);
        }
        setErrors(next);
        return;
      }
      setErrors({});
      const { plan, violations, painParams, retries } = planning.planMade(checked.intake);
      update((prev) => ({
        ...prev,
        stage: 'plan',
        intake: checked.intake,
        plan,
        violations,
        painParams,
        retries,
        acknowledged: [],
        events: [],
        t: 0,
        endReason: null,
        savedRecordId: null,
      }));
    } finally {
      setBusy(false);
    }
  };

  const onEvent = useCallback(
    (event: SessionEvent, t: number) => {
      const id = stateRef.current.id;
      void recordsSyncLoaded().then((sync) => sync.eventRecorded(id, event));
      update((prev) => ({ ...prev, t, events: [...prev.events, event] }));
    },
    [update],
  );
  const onPlanChange = useCallback((plan: Plan) => update((prev) => ({ ...prev, plan })), [update]);
  const onEnd = useCallback(
    (reason: EndReason, t: number) => update((prev) => ({ ...prev, stage: 'summary', endReason: reason, t })),
    [update],
  );

  let screen: React.ReactNode;
  if (state.stage === 'intake' || !state.plan || !state.intake) {
    screen = (
      <IntakeForm
        values={state.form}
        errors={errors}
        isBusy={isBusy}
        lastAnswers={
          state.lastAnswers && isIntakeFormEmpty(state.form)
            ? {
                form: state.lastAnswers.form,
                who: answersOwner(state.lastAnswers.form, state.lastAnswers.at, language),
              }
            : null
        }
        reusedFrom={state.reusedFrom ?? null}
        onReuse={() =>
          update((prev) =>
            prev.lastAnswers
              ? {
                  ...prev,
                  form: intakeFormNormalized({ ...prev.lastAnswers.form, language: prev.form.language }),
                  reusedFrom: answersOwner(prev.lastAnswers.form, prev.lastAnswers.at, prev.form.language),
                  lastAnswers: null,
                }
              : prev,
          )
        }
        onChange={(form) => update((prev) => ({ ...prev, form }))}
        onSubmit={() => {
          void submitIntake();
        }}
      />
    );
  } else if (state.stage === 'plan') {
    screen = (
      <PlanView
        plan={state.plan}
        violations={state.violations}
        acknowledged={state.acknowledged}
        language={language}
        onAcknowledge={(rule, isChecked) =>
          update((prev) => ({
            ...prev,
            acknowledged: isChecked
              ? [...new Set([...prev.acknowledged, rule])]
              : prev.acknowledged.filter((r) => r !== rule),
          }))
        }
        onBack={() => update((prev) => ({ ...prev, stage: 'intake' }))}
        resumeAt={isSessionUnderWay(state) ? state.t : null}
        onStart={(options) => {
          const current = stateRef.current;
          const isContinued = options.isContinued && isSessionUnderWay(current);
          const { id, recordsClient, intake } = current;
          if (!isContinued && recordsClient && intake) {
            void recordsSyncLoaded().then((sync) =>
              sync.sessionRecordingStarted(id, recordsClient, intake, recordsClient.consent),
            );
          }
          update((prev) =>
            options.isContinued && isSessionUnderWay(prev)
              ? { ...prev, stage: 'player' }
              : { ...prev, stage: 'player', t: 0, events: [], endReason: null },
          );
        }}
      />
    );
  } else if (state.stage === 'player' && !state.plan.refused) {
    screen = (
      <Player
        sessionId={state.id}
        plan={state.plan}
        initialT={state.t}
        events={state.events}
        painParams={state.painParams}
        retries={state.retries ?? {}}
        language={language}
        onEvent={onEvent}
        onPlanChange={onPlanChange}
        onEnd={onEnd}
      />
    );
  } else {
    screen = (
      <Summary
        state={state}
        language={language}
        onNotes={(notes) => update((prev) => ({ ...prev, notes }))}
        onSaved={(id) => update((prev) => ({ ...prev, savedRecordId: id }))}
        onNew={() => {
          sessionCleared();
          setErrors({});
          // A new session starts from an empty intake; the last answers are only offered, saying whose they are.
          update((prev) => ({
            ...sessionInitial(intakeFormInitial(prev.form.language)),
            lastAnswers: { form: prev.form, at: new Date().toISOString() },
          }));
        }}
      />
    );
  }

  if (view === 'records') {
    screen = (
      <RecordsScreen
        language={language}
        onClose={() => setView('session')}
        onStartSession={(start) => {
          setErrors({});
          update(() => ({
            ...sessionInitial(start.form),
            recordsClient: { id: start.client.id, name: start.client.name, consent: start.consent },
          }));
          setView('session');
        }}
      />
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {s.skipToMain}
      </a>
      <header className="app-header">
        <span className="app-name">{s.appName}</span>
        {state.recordsClient ? <span className="app-client"> · {state.recordsClient.name}</span> : null}
        {view === 'session' ? (
          <button type="button" className="app-records" onClick={() => setView('records')}>
            {s.clientsButton}
          </button>
        ) : null}
      </header>
      <main id="main" className={`stage-${state.stage}`}>
        <Suspense fallback={<p className="loading">{s.loading}</p>}>{screen}</Suspense>
      </main>
    </>
  );
}
