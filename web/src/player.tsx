import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { stepIndexAt } from '../../src/core/timeline.js';
import { Beeper } from './beeper.js';
import { ConfirmEndDialog } from './confirm-end-dialog.js';
import { ControlBar } from './control-bar.js';
import { figureCropHeight } from './figure.js';
import { FIGURE_HEIGHT, FIGURE_WIDTH, type FigureRefs, useFigureLoop } from './figure-loop.js';
import { type UiLanguage, uiStrings } from './i18n.js';
import { useMediaSession } from './media-session.js';
import { Narrator, useVoices } from './narration.js';
import { DEFAULT_PAIN_PARAMS, type PainParams, painOutcome, planSoftened } from './pain.js';
import { PainDialog, type PainDialogState } from './pain-dialog.js';
import { PlayerInfo } from './player-info.js';
import { usePlayerKeys } from './player-keys.js';
import { type PlayerSettings, playerSettingsLoaded, savePlayerSettings } from './player-settings.js';
import { PlayerSettingsDialog } from './player-settings-dialog.js';
import { changeText, isSameView, type PlayerView, viewOf } from './player-view.js';
import { figureFpsFromSearch, speedFromSearch } from './session-clock.js';
import { stepsProgress } from './session-outcome.js';
import { SessionPlayer } from './session-player.js';
import type { EndReason, SessionEvent } from './session-store.js';
import { positionSaved } from './session-store.js';
import { type StepRetries, triesUsed } from './step-retry.js';
import { useVoiceCommands } from './voice-commands.js';
import { useWakeLock } from './wake-lock.js';

const now = () => performance.now();

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
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
  const handsCanvasRef = useRef<HTMLCanvasElement>(null);
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

  const figure: FigureRefs = useMemo(
    () => ({
      root: figureRef,
      base: baseRef,
      safety: safetyRef,
      hands: handsRef,
      handsCanvas: handsCanvasRef,
    }),
    [],
  );
  const isEnded = useCallback(() => endedRef.current, []);
  const onFinished = useCallback(() => end('finished'), [end]);
  const onCue = useCallback(
    (m: Moment) => {
      if (m.cue) narrator.say(m.cue.text, languageRef.current);
    },
    [narrator],
  );
  useFigureLoop({
    figure,
    player: sp,
    sessionId,
    language,
    figureFps,
    isReducedMotion,
    isEnded,
    onFinished,
    onMoment: refresh,
    onCue,
  });

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
    onEvent(eventAt('pain', t, region ? { region, level } : { level }), t);
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
          <canvas className="figure-layer" ref={handsCanvasRef} />
        </div>
      </div>

      <PlayerInfo
        view={view}
        plan={plan}
        step={currentStep}
        language={language}
        change={change}
        hasNoVoice={hasNoVoice}
        progress={progress}
        retry={retry && triesLeft > 0 ? { label: retry.label, triesLeft } : null}
        onRetry={() => {
          if (!retry) return;
          const attempt = triesUsed(eventsRef.current, currentStep.id, currentStep.side) + 1;
          if (attempt >= retry.tries) seekTo(sp.nextTarget(), 'give-up', { attempt });
          else seekTo(currentStep.start, 'retry', { attempt });
        }}
      />

      <ControlBar
        isPlaying={view.isPlaying}
        language={language}
        onPrevious={previous}
        onTogglePlay={togglePlay}
        onNext={next}
        onSettings={() => setSettingsOpen(true)}
        onPain={openPain}
      />

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
