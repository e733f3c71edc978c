import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt, stepIndexAt } from '../../src/core/timeline.js';
import { Beeper } from './beeper.js';
import { bodyMap } from './body-map.js';
import { figureCropHeight } from './figure.js';
import { FigureLayers } from './figure-layers.js';
import { clockText, type UiLanguage, uiStrings } from './i18n.js';
import { useMediaSession } from './media-session.js';
import { Narrator, useVoices } from './narration.js';
import { DEFAULT_PAIN_PARAMS, type PainParams, painOutcome, planSoftened } from './pain.js';
import { PainDialog, type PainDialogState } from './pain-dialog.js';
import { usePlayerKeys } from './player-keys.js';
import { type PlayerSettings, playerSettingsLoaded, savePlayerSettings } from './player-settings.js';
import { PlayerSettingsDialog } from './player-settings-dialog.js';
import { SegmentBar } from './segments.js';
import { figureFpsFromSearch, speedFromSearch } from './session-clock.js';
import { stepsProgress } from './session-outcome.js';
import { SessionPlayer } from './session-player.js';
import type { EndReason, SessionEvent } from './session-store.js';
import { positionSaved } from './session-store.js';
import { type StepRetries, triesUsed } from './step-retry.js';
import { sideText } from './step-text.js';
import { useVoiceCommands } from './voice-commands.js';
import { useWakeLock } from './wake-lock.js';

/** While playing, the position is saved this often (real milliseconds). */
const SAVE_EVERY_MS = 3000;
const FIGURE_WIDTH = 960;
const FIGURE_HEIGHT = 540;

/**
 * The figure's canvas: as wide as the figure is shown when that is narrower than 960 px (a phone), so the renderer's
 * labels, never under 12 px on the canvas, stay 12 px on the screen; 960×540 otherwise (and before layout).
 */
function figureCanvasSize(shownWidth: number): { width: number; height: number } {
  if (!(shownWidth > 0) || shownWidth >= FIGURE_WIDTH) return { width: FIGURE_WIDTH, height: FIGURE_HEIGHT };
  const width = Math.max(320, Math.round(shownWidth));
  return { width, height: Math.round((width * FIGURE_HEIGHT) / FIGURE_WIDTH) };
}
const now = () => performance.now();

/** What the text of the player shows; it changes about once a second, not every frame. */
interface PlayerView {
  readonly stepIndex: number;
  /** The running part of a step in parts: its number and title, or null. */
  readonly partTitle: string | null;
  readonly stepLeft: number;
  readonly sessionLeft: number;
  readonly repetition: number;
  readonly repetitions: number;
  readonly cue: string;
  readonly cueKind: string;
  readonly progressT: number;
  readonly isPlaying: boolean;
  /** Whole seconds left of the get-ready countdown, or null outside it. */
  readonly getReadyLeft: number | null;
}

function viewOf(player: SessionPlayer, moment?: Moment): PlayerView {
  const m = moment ?? momentAt(player.plan, player.t, bodyMap);
  const ready = player.getReady;
  return {
    stepIndex: m.stepIndex,
    partTitle: m.part ? `${m.partIndex + 1}. ${m.part.title}` : null,
    stepLeft: Math.ceil(m.stepTimeLeft - 1e-6),
    sessionLeft: Math.ceil(m.sessionTimeLeft - 1e-6),
    repetition: m.repetition,
    repetitions: m.repetitions,
    cue: m.cue?.text ?? '',
    cueKind: m.cue?.kind ?? '',
    progressT: Math.floor(m.t),
    isPlaying: player.isPlaying,
    getReadyLeft: ready ? Math.ceil(ready.secondsLeft - 1e-6) : null,
  };
}

function isSameView(a: PlayerView, b: PlayerView): boolean {
  return (Object.keys(a) as (keyof PlayerView)[]).every((k) => a[k] === b[k]);
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** What changes as step `index` begins: the side, the position, or nothing. */
function changeText(plan: Plan, index: number, language: UiLanguage): string {
  const s = uiStrings(language);
  const step = plan.steps[index];
  const prev = plan.steps[index - 1];
  if (!step || !prev) return '';
  if (prev.position !== step.position) return s.turnOver;
  if (prev.side && step.side && prev.side !== step.side)
    return s.switchTo(sideText(language, step.side) ?? '');
  return '';
}

/** The hands-free player: the live figure, the step's text and the control bar; the work is done by its parts. */
export function Player(props: {
  sessionId: string;
  plan: Plan;
  initialT: number;
  events: readonly SessionEvent[];
  painParams: PainParams | null;
  retries: StepRetries;
  language: UiLanguage;
  onEvent: (event: SessionEvent, t: number) => void;
  onPlanChange: (plan: Plan) => void;
  onEnd: (reason: EndReason, t: number) => void;
}) {
  const { sessionId, plan, initialT, events, painParams, retries, language, onEvent, onPlanChange, onEnd } =
    props;
  const s = uiStrings(language);
  const speed = useMemo(() => speedFromSearch(globalThis.location?.search ?? ''), []);
  const figureFps = useMemo(() => figureFpsFromSearch(globalThis.location?.search ?? ''), []);
  const [settings, setSettings] = useState<PlayerSettings>(playerSettingsLoaded);
  const narrator = useRef(new Narrator()).current;
  const beeper = useRef(new Beeper()).current;
  const languageRef = useRef(language);
  languageRef.current = language;
  const player = useRef<SessionPlayer | null>(null);
  if (!player.current) {
    player.current = new SessionPlayer({
      plan,
      t: initialT,
      speed,
      now,
      isAutoAdvance: settings.isAutoAdvance,
      getReadySeconds: settings.getReadySeconds,
      listener: {
        onBeep: (kind) => beeper.play(kind),
        onGetReady: (i) => {
          const p = player.current?.plan;
          const step = p?.steps[i];
          if (!p || !step) return;
          const lang = languageRef.current;
          narrator.say(`${uiStrings(lang).getReadyFor(step.title)} ${changeText(p, i, lang)}`, lang);
        },
      },
    });
  }
  const sp = player.current;
  sp.planSet(plan);
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const figureRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLDivElement>(null);
  const safetyRef = useRef<HTMLDivElement>(null);
  const handsRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<PlayerView>(() => viewOf(sp));
  const viewRef = useRef(view);
  // React renders only when the text on screen changes (about once a second), never per frame.
  const refresh = useCallback(
    (moment?: Moment) => {
      const next = viewOf(sp, moment);
      if (isSameView(viewRef.current, next)) return;
      viewRef.current = next;
      setView(next);
    },
    [sp],
  );
  const [isListening, setListening] = useState(false);
  const [pain, setPain] = useState<PainDialogState>({ kind: 'closed' });
  const [isSettingsOpen, setSettingsOpen] = useState(false);
  const [isConfirmingEnd, setConfirmingEnd] = useState(false);
  const wasPlayingRef = useRef(false);
  const isReducedMotion = useMemo(prefersReducedMotion, []);
  const { voices, isLoaded: areVoicesLoaded } = useVoices(language);
  const endedRef = useRef(false);

  useEffect(() => {
    sp.isAutoAdvance = settings.isAutoAdvance;
    sp.getReadySeconds = settings.getReadySeconds;
    narrator.rateSet(settings.rate);
    narrator.voiceSet(settings.voiceName);
    narrator.mutedSet(settings.isMuted);
    beeper.mutedSet(settings.isMuted);
    savePlayerSettings(settings);
  }, [sp, narrator, beeper, settings]);

  const eventAt = useCallback(
    (kind: SessionEvent['kind'], t: number, extra: Partial<SessionEvent> = {}): SessionEvent => {
      const step = sp.plan.steps[stepIndexAt(sp.plan, t)];
      return {
        kind,
        t: Math.round(t * 10) / 10,
        at: new Date().toISOString(),
        stepId: step?.id ?? null,
        side: step?.side ?? null,
        ...extra,
      };
    },
    [sp],
  );
  const record = useCallback(
    (kind: SessionEvent['kind'], extra: Partial<SessionEvent> = {}) => {
      const t = sp.t;
      onEvent(eventAt(kind, t, extra), t);
    },
    [sp, eventAt, onEvent],
  );

  const end = useCallback(
    (reason: EndReason) => {
      if (endedRef.current) return;
      endedRef.current = true;
      const t = Math.min(sp.t, sp.plan.totalSeconds);
      sp.stop();
      narrator.cancel();
      if (reason === 'finished') onEvent(eventAt('finish', t), t);
      else if (reason === 'stopped') onEvent(eventAt('stop', t), t);
      onEnd(reason, t);
    },
    [sp, narrator, eventAt, onEvent, onEnd],
  );

  const play = useCallback(() => {
    beeper.unlock();
    if (endedRef.current || !sp.play()) return;
    record(eventsRef.current.some((e) => e.kind === 'start') ? 'resume' : 'start');
    refresh();
  }, [sp, beeper, record, refresh]);

  const pause = useCallback(() => {
    if (!sp.pause()) return;
    narrator.cancel();
    record('pause');
    refresh();
  }, [sp, narrator, record, refresh]);

  const seekTo = useCallback(
    (to: number, kind: 'next' | 'previous' | 'retry' | 'give-up', extra: Partial<SessionEvent> = {}) => {
      const from = sp.t;
      const target = Math.min(to, sp.plan.totalSeconds);
      onEvent(eventAt(kind, from, { to: Math.round(target * 10) / 10, ...extra }), from);
      if (target >= sp.plan.totalSeconds) {
        end('finished');
        return;
      }
      narrator.cancel();
      sp.seek(target);
      lastCueKey.current = '';
      refresh();
    },
    [sp, narrator, eventAt, onEvent, end, refresh],
  );

  const next = useCallback(() => seekTo(sp.nextTarget(), 'next'), [sp, seekTo]);
  const previous = useCallback(() => seekTo(sp.previousTarget(), 'previous'), [sp, seekTo]);
  const togglePlay = useCallback(() => (sp.isPlaying ? pause() : play()), [sp, pause, play]);

  const openPain = useCallback(() => {
    // Stop at once: the clock, the voice; then ask (the pain event that follows marks the stop).
    sp.pause();
    narrator.cancel();
    refresh();
    setPain({ kind: 'ask' });
  }, [sp, narrator, refresh]);

  const askEnd = useCallback(() => {
    wasPlayingRef.current = sp.isPlaying;
    pause();
    setSettingsOpen(false);
    setConfirmingEnd(true);
  }, [sp, pause]);

  const lastCueKey = useRef('');

  // The frame loop: the session player advances (beeps, get-ready, auto-advance, end), the figure is drawn at most
  // figureFps times a second and only when the time or the plan changed, the text about once a second. The loop
  // asks for an animation frame only when the next figure is due (a timer waits out the frames in between), so
  // the page is not woken for every display frame just to find nothing to draw.
  useEffect(() => {
    const root = figureRef.current;
    const base = baseRef.current;
    const safety = safetyRef.current;
    const hands = handsRef.current;
    if (!root || !base || !safety || !hands) return;
    const layers = new FigureLayers(
      { root, base, overlays: [safety, hands] },
      {
        ...figureCanvasSize(root.clientWidth),
        theme: prefersDark() ? 'dark' : 'light',
        language,
        excluded: [],
      },
    );
    let raf = 0;
    let timer = 0;
    const period = 1000 / figureFps;
    let lastSaveAt = now();
    let lastWorkT = Number.NaN;
    let lastWorkPlan: Plan | null = null;
    let lastWorkPlaying: boolean | null = null;
    let lastPrimedStep = -1;
    let lastMoment: Moment | null = null;
    const figureDrawn = () => {
      const el = figureRef.current;
      if (!el || el.dataset.drawn === 'true') return;
      el.dataset.drawn = 'true';
      // The benchmark reads when the first figure appeared.
      performance.mark('figure-drawn');
    };
    let lastCheckAt = Number.NEGATIVE_INFINITY;
    const frame = (frameNow: number) => {
      raf = 0;
      if (endedRef.current) return;
      // Not yet due (an early frame): wait for the next one.
      if (frameNow - lastCheckAt < period - 2) {
        raf = requestAnimationFrame(frame);
        return;
      }
      lastCheckAt = frameNow;
      // The next check: a timer sleeps through the display frames between, then one animation frame draws.
      timer = window.setTimeout(
        () => {
          timer = 0;
          raf = requestAnimationFrame(frame);
        },
        Math.max(0, period - 6),
      );
      const t = sp.tick();
      if (sp.isFinished) {
        end('finished');
        return;
      }
      if (sp.isPlaying && frameNow - lastSaveAt >= SAVE_EVERY_MS) {
        lastSaveAt = frameNow;
        positionSaved(sessionId, t);
      }
      // Nothing below runs while nothing changes (the get-ready countdown changes only the text).
      const p = sp.plan;
      const ready = sp.getReady;
      const isSame = t === lastWorkT && p === lastWorkPlan && sp.isPlaying === lastWorkPlaying;
      if (isSame && !ready) return;
      if (isSame && lastMoment) {
        // The get-ready countdown: the picture stands still, only its seconds change.
        refresh(lastMoment);
        return;
      }
      lastWorkT = t;
      lastWorkPlan = p;
      lastWorkPlaying = sp.isPlaying;
      const m = momentAt(p, t, bodyMap);
      lastMoment = m;
      if (m.stepIndex !== lastPrimedStep) {
        lastPrimedStep = m.stepIndex;
        layers.stepPrimed(p, m.stepIndex + 1);
      }
      // The get-ready countdown previews the coming step: its still, from its view.
      if (isReducedMotion || ready) layers.stillDrawn(p, ready?.stepIndex ?? m.stepIndex);
      else layers.drawn(m, p, frameNow);
      figureDrawn();
      refresh(m);
      // The cue is spoken once the step runs (the get-ready countdown speaks its own words).
      if (ready) return;
      const cueKey = m.cue ? `${m.stepIndex}|${m.cue.kind}|${m.cue.text}` : '';
      if (cueKey !== lastCueKey.current) {
        lastCueKey.current = cueKey;
        if (sp.isPlaying && m.cue) narrator.say(m.cue.text, languageRef.current);
      }
    };
    raf = requestAnimationFrame(frame);
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [sp, narrator, end, sessionId, isReducedMotion, figureFps, language, refresh]);

  // A fresh session starts playing at once (the Start click was the user's gesture); a resumed one waits.
  const startedRef = useRef(false);
  useEffect(() => {
    if (startedRef.current) return;
    startedRef.current = true;
    if (!eventsRef.current.some((e) => e.kind === 'start')) play();
  }, [play]);

  // Save the position when the page is hidden or closed; leaving the player (browser Back) pauses first.
  useEffect(() => {
    const save = () => positionSaved(sessionId, sp.t);
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', save);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', save);
      if (!endedRef.current && sp.isPlaying) {
        sp.pause();
        narrator.cancel();
        const t = sp.t;
        onEvent(eventAt('pause', t), t);
      }
      save();
    };
  }, [sp, sessionId, narrator, onEvent, eventAt]);

  const isDialogOpen = pain.kind !== 'closed' || isSettingsOpen || isConfirmingEnd;
  usePlayerKeys(!isDialogOpen, { toggle: togglePlay, next, previous });
  const currentStep = plan.steps[view.stepIndex] ?? plan.steps[0]!;
  useMediaSession(
    { play, pause, next, previous },
    { title: currentStep.title, artist: s.appName, isPlaying: view.isPlaying },
  );
  useWakeLock(view.isPlaying);
  useVoiceCommands({
    isListening,
    language,
    onCommand: (c) => {
      if (c === 'next') next();
      else if (c === 'back') previous();
      else if (c === 'pause') pause();
      else if (c === 'resume') play();
      else openPain();
    },
    onStopped: () => setListening(false),
  });

  const painReported = (region: string, level: number) => {
    const t = sp.t;
    const p = sp.plan;
    const index = stepIndexAt(p, t);
    const step = p.steps[index]!;
    const params = painParams ?? DEFAULT_PAIN_PARAMS;
    const earlierReports = eventsRef.current.filter((e) => e.kind === 'pain').length;
    onEvent(eventAt('pain', t, { region, level }), t);
    const outcome = painOutcome(params, { level, earlierReports }, step);
    if (outcome.kind === 'end') {
      setPain({ kind: 'end', because: outcome.because, level, limit: params.endSessionAtLevel });
      return;
    }
    if (outcome.to !== null && outcome.to !== outcome.from) {
      const reason =
        language === 'ru'
          ? `Клиент сообщил о боли ${level}/10: давление снижено.`
          : `The client reported pain ${level}/10: pressure lowered.`;
      const softened = planSoftened(p, index, outcome.to, reason);
      sp.planSet(softened);
      onPlanChange(softened);
      onEvent(eventAt('pressure-lowered', t, { pressure: outcome.to }), t);
    }
    setPain({ kind: 'soften', to: outcome.to });
  };

  const nextStep = plan.steps[view.stepIndex + 1] ?? null;
  const side = sideText(language, currentStep.side);
  const retry = retries[currentStep.id];
  const triesLeft = retry ? retry.tries - triesUsed(events, currentStep.id, currentStep.side) : 0;
  const isGettingReady = view.getReadyLeft !== null;
  const change = isGettingReady ? changeText(plan, view.stepIndex, language) : '';
  const hasNoVoice = areVoicesLoaded && !settings.isMuted && voices.length === 0;
  const progress = useMemo(
    () => stepsProgress(plan, events, view.progressT).progress,
    [plan, events, view.progressT],
  );

  return (
    <section
      className={`player${hasNoVoice ? ' has-no-voice' : ''}`}
      aria-labelledby="screen-title"
      data-getting-ready={isGettingReady ? 'true' : undefined}
    >
      <div className="player-figure">
        <div
          className="figure"
          ref={figureRef}
          role="img"
          aria-label={`${s.figure}: ${currentStep.title}`}
          data-testid="figure"
          style={{ aspectRatio: `${FIGURE_WIDTH} / ${figureCropHeight(FIGURE_WIDTH, FIGURE_HEIGHT)}` }}
        >
          <div className="figure-layer" ref={baseRef} />
          <div className="figure-layer" ref={safetyRef} />
          <div className="figure-layer" ref={handsRef} />
        </div>
      </div>

      <div className="player-info">
        <div className="now-block">
          <p className="now-label">
            <span className={isGettingReady ? 'get-ready-label' : undefined}>
              {isGettingReady ? s.getReady : s.current}
            </span>
            {!view.isPlaying ? <span className="paused-badge">{s.paused}</span> : null}
            {hasNoVoice ? (
              <span className="no-voice-badge" aria-hidden="true">
                {s.noVoiceShort}
              </span>
            ) : null}
          </p>
          <p className="countdown" data-testid="countdown">
            {isGettingReady ? (
              <span data-testid="get-ready">{view.getReadyLeft}</span>
            ) : (
              clockText(view.stepLeft)
            )}
            <span className="visually-hidden"> {isGettingReady ? s.getReady : s.stepLeft}</span>
          </p>
        </div>
        <div className="text-block">
          <h1
            id="screen-title"
            tabIndex={-1}
            className="step-title"
            aria-live="polite"
            data-step-index={view.stepIndex}
            data-step-id={currentStep.id}
          >
            {currentStep.title}
          </h1>
          {view.partTitle ? <p className="part-title">{view.partTitle}</p> : null}
          {change ? <p className="change-notice">{change}</p> : null}
          <p className="rep-side">
            <span>{s.repetition(view.repetition, view.repetitions)}</span>
            {side ? <span>{s.sideOf(side)}</span> : null}
            {currentStep.pressure !== null ? <span>{s.pressureNow(currentStep.pressure)}</span> : null}
          </p>
          <p className={`cue cue-${view.cueKind}`} aria-live="polite">
            {view.cue}
          </p>
          {retry && triesLeft > 0 ? (
            <button
              type="button"
              className="control retry"
              onClick={() => {
                const attempt = triesUsed(eventsRef.current, currentStep.id, currentStep.side) + 1;
                if (attempt >= retry.tries) seekTo(sp.nextTarget(), 'give-up', { attempt });
                else seekTo(currentStep.start, 'retry', { attempt });
              }}
            >
              {retry.label}
              <span className="retry-left"> ({s.triesLeft(triesLeft)})</span>
            </button>
          ) : null}
        </div>
        <div className="meta-block">
          {hasNoVoice ? (
            <p className="no-voice" role="status" data-testid="no-voice">
              {s.noVoice(s.languageName)}
            </p>
          ) : null}
          <p className="up-next">
            <span className="muted">{s.upNext}:</span> {nextStep ? nextStep.title : s.none}
          </p>
          <SegmentBar plan={plan} t={view.progressT} label={s.progress} isLive progress={progress} />
          <p className="session-left">{s.sessionLeft(clockText(view.sessionLeft))}</p>
        </div>
      </div>

      <div className="control-bar" data-testid="control-bar">
        <button
          type="button"
          className="control"
          onClick={previous}
          aria-keyshortcuts="ArrowLeft PageUp"
          aria-label={s.prevStep}
        >
          <span aria-hidden="true">◀</span>
          <span className="control-text"> {s.prevStep}</span>
        </button>
        <button
          type="button"
          className="control play"
          onClick={togglePlay}
          aria-keyshortcuts="Space"
          data-testid="play-pause"
        >
          {view.isPlaying ? `❚❚ ${s.pause}` : `▶ ${s.resume}`}
        </button>
        <button
          type="button"
          className="control"
          onClick={next}
          aria-keyshortcuts="ArrowRight PageDown"
          aria-label={s.nextStep}
        >
          <span className="control-text">{s.nextStep} </span>
          <span aria-hidden="true">▶</span>
        </button>
        <button
          type="button"
          className="control settings-button"
          onClick={() => setSettingsOpen(true)}
          aria-label={s.settings}
          aria-haspopup="dialog"
        >
          <span aria-hidden="true">⚙</span>
          <span className="control-text"> {s.settings}</span>
        </button>
        <button type="button" className="pain-button" onClick={openPain}>
          {s.pain}
        </button>
      </div>

      <PlayerSettingsDialog
        isOpen={isSettingsOpen}
        settings={settings}
        voices={voices}
        hasNoVoice={hasNoVoice}
        isListening={isListening}
        language={language}
        onSettings={setSettings}
        onListening={setListening}
        onTest={() => narrator.say(s.testPhrase, language, { isTest: true })}
        onEnd={askEnd}
        onClose={() => setSettingsOpen(false)}
      />

      <ConfirmEndDialog
        isOpen={isConfirmingEnd}
        language={language}
        onKeepGoing={() => {
          setConfirmingEnd(false);
          if (wasPlayingRef.current) play();
        }}
        onEnd={() => {
          setConfirmingEnd(false);
          end('stopped');
        }}
      />

      <PainDialog
        state={pain}
        stepRegions={currentStep.regions}
        language={language}
        onReport={painReported}
        onCancel={() => setPain({ kind: 'closed' })}
        onGoOn={() => {
          setPain({ kind: 'closed' });
          record('go-on');
          play();
        }}
        onEnd={() => {
          setPain({ kind: 'closed' });
          end('pain');
        }}
      />
    </section>
  );
}

/** "End the session now?": ending needs a second, deliberate press. */
function ConfirmEndDialog(props: {
  isOpen: boolean;
  language: UiLanguage;
  onKeepGoing: () => void;
  onEnd: () => void;
}) {
  const { isOpen, language, onKeepGoing, onEnd } = props;
  const s = uiStrings(language);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-end-title"
      onCancel={(e) => {
        e.preventDefault();
        onKeepGoing();
      }}
    >
      <h2 id="confirm-end-title">{s.endTitle}</h2>
      <p>{s.endLead}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onKeepGoing}>
          {s.keepGoing}
        </button>
        <button type="button" className="secondary danger" onClick={onEnd}>
          {s.stopSession}
        </button>
      </div>
    </dialog>
  );
}
