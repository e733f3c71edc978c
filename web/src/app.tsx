import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Plan } from '../../src/core/plan-types.js';
import { uiStrings } from './i18n.js';
import { type FieldErrors, IntakeForm } from './intake-form.js';
import { issueText } from './intake-issues.js';
import { fieldIdForIssue, intakeFormInitial, intakeInputFromForm } from './intake-values.js';
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

function stateInitial(): SessionState {
  return sessionLoaded() ?? sessionInitial(intakeFormInitial(languageGuessed()));
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
    (event: SessionEvent, t: number) => update((prev) => ({ ...prev, t, events: [...prev.events, event] })),
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
        onStart={(options) =>
          update((prev) =>
            options.isContinued && isSessionUnderWay(prev)
              ? { ...prev, stage: 'player' }
              : { ...prev, stage: 'player', t: 0, events: [], endReason: null },
          )
        }
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
          update((prev) => ({ ...sessionInitial(prev.form), form: prev.form }));
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
      </header>
      <main id="main" className={`stage-${state.stage}`}>
        <Suspense fallback={<p className="loading">{s.loading}</p>}>{screen}</Suspense>
      </main>
    </>
  );
}
