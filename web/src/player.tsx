import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Moment } from '../../src/core/moment.js';
import type { Plan } from '../../src/core/plan-types.js';
import { momentAt, stepIndexAt } from '../../src/core/timeline.js';
import { Beeper } from './beeper.js';
import { bodyMap } from './body-map.js';
import {
  figureBaseKey,
  figureBaseSvg,
  figureCropHeight,
  figureOverlaySvg,
  figureSvg,
  OVERLAY_LAYERS,
} from './figure.js';
import { clockText, type UiLanguage, uiStrings } from './i18n.js';
import { Narrator } from './narration.js';
import { DEFAULT_PAIN_PARAMS, type PainParams, painOutcome, planSoftened } from './pain.js';
import { PainDialog, type PainDialogState } from './pain-dialog.js';
import { SegmentBar } from './segments.js';
import { figureFpsFromSearch, SessionClock, speedFromSearch } from './session-clock.js';
import { beepsBetween } from './session-cues.js';
import type { EndReason, SessionEvent } from './session-store.js';
import { positionSaved } from './session-store.js';
import { sideText, stillTimeFor } from './step-text.js';
import { svgMorphed } from './svg-morph.js';
import { type VoiceCommand, voiceCommandFrom } from './voice-commands.js';

/** While playing, the position is saved this often (real milliseconds). */
const SAVE_EVERY_MS = 3000;
/** "Previous" inside the first seconds of a step goes to the step before; later, to the step's start. */
const PREVIOUS_GRACE_SECONDS = 3;
const FIGURE_WIDTH = 960;
const now = () => performance.now();
/** How often the safety marks are redrawn within a step (real milliseconds). */
const SAFETY_EVERY_MS = 500;
const FIGURE_HEIGHT = 540;

/** What the text of the player shows; it changes about once a second, not every frame. */
interface PlayerView {
  readonly stepIndex: number;
  readonly stepLeft: number;
  readonly sessionLeft: number;
  readonly repetition: number;
  readonly repetitions: number;
  readonly cue: string;
  readonly cueKind: string;
  readonly progressT: number;
  readonly isPlaying: boolean;
}

function viewOf(m: Moment, isPlaying: boolean): PlayerView {
  return {
    stepIndex: m.stepIndex,
    stepLeft: Math.ceil(m.stepTimeLeft - 1e-6),
    sessionLeft: Math.ceil(m.sessionTimeLeft - 1e-6),
    repetition: m.repetition,
    repetitions: m.repetitions,
    cue: m.cue?.text ?? '',
    cueKind: m.cue?.kind ?? '',
    progressT: Math.floor(m.t),
    isPlaying,
  };
}

function isSameView(a: PlayerView, b: PlayerView): boolean {
  return (
    a.stepIndex === b.stepIndex &&
    a.stepLeft === b.stepLeft &&
    a.sessionLeft === b.sessionLeft &&
    a.repetition === b.repetition &&
    a.repetitions === b.repetitions &&
    a.cue === b.cue &&
    a.progressT === b.progressT &&
    a.isPlaying === b.isPlaying
  );
}

interface SpeechRecognitionLike {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult:
    | ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>>; resultIndex: number }) => void)
    | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start(): void;
  stop(): void;
}

function recognitionConstructor(): (new () => SpeechRecognitionLike) | null {
  const g = globalThis as unknown as {
    SpeechRecognition?: new () => SpeechRecognitionLike;
    webkitSpeechRecognition?: new () => SpeechRecognitionLike;
  };
  return g.SpeechRecognition ?? g.webkitSpeechRecognition ?? null;
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** The hands-free player: live figure, steps, countdown, narration, beeps, keys, voice and the pain button. */
export function Player(props: {
  sessionId: string;
  plan: Plan;
  initialT: number;
  events: readonly SessionEvent[];
  painParams: PainParams | null;
  language: UiLanguage;
  onEvent: (event: SessionEvent, t: number) => void;
  onPlanChange: (plan: Plan) => void;
  onEnd: (reason: EndReason, t: number) => void;
}) {
  const { sessionId, plan, initialT, events, painParams, language, onEvent, onPlanChange, onEnd } = props;
  const s = uiStrings(language);
  const speed = useMemo(() => speedFromSearch(globalThis.location?.search ?? ''), []);
  const figureFps = useMemo(() => figureFpsFromSearch(globalThis.location?.search ?? ''), []);
  const clock = useRef(new SessionClock(initialT, speed)).current;
  const narrator = useRef(new Narrator()).current;
  const beeper = useRef(new Beeper()).current;
  const planRef = useRef(plan);
  planRef.current = plan;
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const figureRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLDivElement>(null);
  const safetyRef = useRef<HTMLDivElement>(null);
  const handsRef = useRef<HTMLDivElement>(null);
  const overlayRefs = useMemo(() => [safetyRef, handsRef], []);
  const [view, setView] = useState<PlayerView>(() => viewOf(momentAt(plan, initialT, bodyMap), false));
  const viewRef = useRef(view);
  // React renders only when the text on screen changes (about once a second), never per frame.
  const viewShown = useCallback((next: PlayerView) => {
    if (isSameView(viewRef.current, next)) return;
    viewRef.current = next;
    setView(next);
  }, []);
  const [isMuted, setMuted] = useState(false);
  const [rate, setRate] = useState(1);
  const [autoAdvance, setAutoAdvance] = useState(true);
  const autoAdvanceRef = useRef(autoAdvance);
  autoAdvanceRef.current = autoAdvance;
  const [isListening, setListening] = useState(false);
  const [pain, setPain] = useState<PainDialogState>({ kind: 'closed' });
  const isReducedMotion = useMemo(prefersReducedMotion, []);
  const figureOptions = useMemo(
    () => ({
      width: FIGURE_WIDTH,
      height: FIGURE_HEIGHT,
      theme: prefersDark() ? ('dark' as const) : ('light' as const),
      language,
      excluded: [],
    }),
    [language],
  );
  const endedRef = useRef(false);
  const languageRef = useRef(language);
  languageRef.current = language;

  const eventAt = useCallback(
    (kind: SessionEvent['kind'], t: number, extra: Partial<SessionEvent> = {}): SessionEvent => {
      const step = planRef.current.steps[stepIndexAt(planRef.current, t)];
      return {
        kind,
        t: Math.round(t * 10) / 10,
        at: new Date().toISOString(),
        stepId: step?.id ?? null,
        side: step?.side ?? null,
        ...extra,
      };
    },
    [],
  );
  const record = useCallback(
    (kind: SessionEvent['kind'], extra: Partial<SessionEvent> = {}) => {
      const t = clock.at(now());
      onEvent(eventAt(kind, t, extra), t);
    },
    [clock, eventAt, onEvent],
  );

  const refresh = useCallback(() => {
    const m = momentAt(planRef.current, clock.at(now()), bodyMap);
    viewShown(viewOf(m, clock.isPlaying));
  }, [clock, viewShown]);

  const end = useCallback(
    (reason: EndReason) => {
      if (endedRef.current) return;
      endedRef.current = true;
      const t = Math.min(clock.at(now()), planRef.current.totalSeconds);
      clock.pause(now());
      narrator.cancel();
      if (reason === 'finished') onEvent(eventAt('finish', t), t);
      else if (reason === 'stopped') onEvent(eventAt('stop', t), t);
      onEnd(reason, t);
    },
    [clock, narrator, eventAt, onEvent, onEnd],
  );

  const play = useCallback(() => {
    beeper.unlock();
    if (clock.isPlaying || endedRef.current) return;
    clock.play(now());
    record(eventsRef.current.some((e) => e.kind === 'start') ? 'resume' : 'start');
    refresh();
  }, [beeper, clock, record, refresh]);

  const pause = useCallback(() => {
    if (!clock.isPlaying) return;
    clock.pause(now());
    narrator.cancel();
    record('pause');
    refresh();
  }, [clock, narrator, record, refresh]);

  const seekTo = useCallback(
    (t: number, kind: 'next' | 'previous' | 'no-relaxation') => {
      const from = clock.at(now());
      onEvent(eventAt(kind, from), from);
      const p = planRef.current;
      if (t >= p.totalSeconds) {
        end('finished');
        return;
      }
      clock.seek(t, now());
      lastCueKey.current = '';
      refresh();
    },
    [clock, eventAt, onEvent, end, refresh],
  );

  const next = useCallback(() => {
    const p = planRef.current;
    const i = stepIndexAt(p, clock.at(now()));
    const following = p.steps[i + 1];
    seekTo(following ? following.start : p.totalSeconds, 'next');
  }, [clock, seekTo]);

  const previous = useCallback(() => {
    const p = planRef.current;
    const t = clock.at(now());
    const i = stepIndexAt(p, t);
    const step = p.steps[i];
    if (!step) return;
    const target = t - step.start > PREVIOUS_GRACE_SECONDS || i === 0 ? step.start : p.steps[i - 1]!.start;
    seekTo(target, 'previous');
  }, [clock, seekTo]);

  const togglePlay = useCallback(() => (clock.isPlaying ? pause() : play()), [clock, pause, play]);

  const openPain = useCallback(() => {
    // Stop at once: the clock, the voice; then ask.
    clock.pause(now());
    narrator.cancel();
    refresh();
    setPain({ kind: 'ask' });
  }, [clock, narrator, refresh]);

  const lastCueKey = useRef('');

  // The frame loop: time, beeps, auto-advance, the figure (≤ figureFps, only when it changed), text, narration.
  useEffect(() => {
    let raf = 0;
    let lastT = clock.at(now());
    let lastFigureT = Number.NaN;
    let lastFigurePlan: Plan | null = null;
    const lastSvgs: string[] = [];
    let lastSaveAt = now();
    let lastStillStep = -1;
    let lastBaseKey = '';
    let lastWorkAt = Number.NEGATIVE_INFINITY;
    let lastPrimedStep = -1;
    // The first moment of a step and its first drawing fill caches (the step's prepared motion, the hand
    // shapes, a new position's body): do that for the next step while the browser is idle, not on the frame
    // where the step changes.
    const nextStepPrimed = (p: Plan, index: number) => {
      const step = p.steps[index];
      if (!step) return;
      const whenIdle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
      whenIdle(() => {
        const options = { ...figureOptions, excluded: p.excludedRegions };
        const moment = momentAt(p, step.start + Math.min(0.5, step.duration / 2), bodyMap);
        figureBaseSvg(moment, options);
        for (const layers of OVERLAY_LAYERS) figureOverlaySvg(moment, options, layers);
      });
    };
    let lastSafetyStep = -1;
    let lastSafetyAt = Number.NEGATIVE_INFINITY;
    let lastWorkT = Number.NaN;
    let lastWorkPlan: Plan | null = null;
    let lastWorkPlaying = false;
    const figureDrawn = () => {
      const el = figureRef.current;
      if (!el || el.dataset.drawn === 'true') return;
      el.dataset.drawn = 'true';
      // The benchmark reads when the first figure appeared.
      performance.mark('figure-drawn');
    };
    const frame = (frameNow: number) => {
      raf = requestAnimationFrame(frame);
      const p = planRef.current;
      let t = clock.at(frameNow);
      if (clock.isPlaying) {
        if (!autoAdvanceRef.current) {
          const from = stepIndexAt(p, lastT);
          const to = stepIndexAt(p, t);
          if (to !== from && t < p.totalSeconds) {
            // Hold at the start of the next step until the practitioner goes on.
            t = p.steps[to]!.start;
            clock.seek(t, frameNow);
            clock.pause(frameNow);
          }
        }
        for (const beep of beepsBetween(p, lastT, t)) beeper.play(beep);
        if (t >= p.totalSeconds) {
          lastT = t;
          end('finished');
          return;
        }
        if (frameNow - lastSaveAt >= SAVE_EVERY_MS) {
          lastSaveAt = frameNow;
          positionSaved(sessionId, t);
        }
      }
      lastT = t;
      // Everything below runs at most figureFps times a second (FIGURE_FPS, 24, by default), and not at all while nothing changes.
      if (frameNow - lastWorkAt < 1000 / figureFps - 2) return;
      if (t === lastWorkT && p === lastWorkPlan && clock.isPlaying === lastWorkPlaying) return;
      lastWorkAt = frameNow;
      lastWorkT = t;
      lastWorkPlan = p;
      lastWorkPlaying = clock.isPlaying;
      const m = momentAt(p, t, bodyMap);
      if (m.stepIndex !== lastPrimedStep) {
        lastPrimedStep = m.stepIndex;
        nextStepPrimed(p, m.stepIndex + 1);
      }
      const base = baseRef.current;
      if (base) {
        const options = { ...figureOptions, excluded: p.excludedRegions };
        const baseKey = figureBaseKey(m, options);
        if (isReducedMotion) {
          // A still per step instead of the animation.
          if (m.stepIndex !== lastStillStep || p !== lastFigurePlan) {
            lastStillStep = m.stepIndex;
            lastFigurePlan = p;
            base.innerHTML = figureSvg(momentAt(p, stillTimeFor(m.step), bodyMap), {
              ...options,
              label: m.step.title,
            });
            for (const ref of overlayRefs) if (ref.current) ref.current.innerHTML = '';
            lastSvgs.length = 0;
            lastBaseKey = '';
            figureDrawn();
          }
        } else if (t !== lastFigureT || p !== lastFigurePlan) {
          lastFigureT = t;
          lastFigurePlan = p;
          if (baseKey !== lastBaseKey) {
            lastBaseKey = baseKey;
            base.innerHTML = figureBaseSvg(m, options);
          }
          // Only a layer whose picture changed is replaced. The safety marks change with the step and seldom
          // within it: they are looked at on a change of step and twice a second, the hands on every frame.
          OVERLAY_LAYERS.forEach((layers, i) => {
            const isSafety = layers.includes('safety');
            if (isSafety && m.stepIndex === lastSafetyStep && frameNow - lastSafetyAt < SAFETY_EVERY_MS)
              return;
            if (isSafety) {
              lastSafetyStep = m.stepIndex;
              lastSafetyAt = frameNow;
            }
            const layer = overlayRefs[i]?.current;
            const svg = figureOverlaySvg(m, options, layers);
            if (layer && svg !== lastSvgs[i]) {
              lastSvgs[i] = svg;
              svgMorphed(layer, svg);
            }
          });
          figureDrawn();
        }
      }
      viewShown(viewOf(m, clock.isPlaying));
      const cueKey = m.cue ? `${m.stepIndex}|${m.cue.kind}|${m.cue.text}` : '';
      if (cueKey !== lastCueKey.current) {
        lastCueKey.current = cueKey;
        if (clock.isPlaying && m.cue) narrator.say(m.cue.text, languageRef.current);
      }
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [
    clock,
    beeper,
    narrator,
    end,
    sessionId,
    isReducedMotion,
    figureOptions,
    overlayRefs,
    viewShown,
    figureFps,
  ]);

  // A fresh session starts playing at once (the Start click was the user's gesture); a resumed one waits.
  const startedRef = useRef(false);
  useEffect(() => {
    if (startedRef.current) return;
    startedRef.current = true;
    if (!eventsRef.current.some((e) => e.kind === 'start')) play();
  }, [play]);

  // Save the position when the page is hidden or closed.
  useEffect(() => {
    const save = () => positionSaved(sessionId, clock.at(now()));
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', save);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', save);
      save();
    };
  }, [clock, sessionId]);

  // Keys: Space pause/resume, → / PageDown next, ← / PageUp previous.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (pain.kind !== 'closed' || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName ?? '';
      const isField = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
      const isButton = tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
      if (e.key === ' ' || e.code === 'Space') {
        if (isField || isButton) return; // the focused control handles its own Space
        e.preventDefault();
        togglePlay();
      } else if (e.key === 'ArrowRight' || e.key === 'PageDown') {
        if (isField) return;
        e.preventDefault();
        next();
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        if (isField) return;
        e.preventDefault();
        previous();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pain.kind, togglePlay, next, previous]);

  // Media keys and headset buttons.
  useEffect(() => {
    const session = globalThis.navigator?.mediaSession;
    if (!session) return;
    const handlers: [MediaSessionAction, () => void][] = [
      ['play', play],
      ['pause', pause],
      ['nexttrack', next],
      ['previoustrack', previous],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not know.
      }
    }
    return () => {
      for (const [action] of handlers) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // As above.
        }
      }
    };
  }, [play, pause, next, previous]);

  const currentStep = plan.steps[view.stepIndex] ?? plan.steps[0]!;
  useEffect(() => {
    const session = globalThis.navigator?.mediaSession;
    if (!session || typeof MediaMetadata === 'undefined') return;
    session.metadata = new MediaMetadata({ title: currentStep.title, artist: s.appName });
    session.playbackState = view.isPlaying ? 'playing' : 'paused';
  }, [currentStep.title, view.isPlaying, s.appName]);

  // Keep the screen on while playing.
  useEffect(() => {
    if (!view.isPlaying) return;
    const wakeLock = (
      navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } }
    ).wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let isActive = true;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock
        .request('screen')
        .then((s2) => {
          if (isActive) sentinel = s2;
          else void s2.release();
        })
        .catch(() => {
          // Not allowed (no user gesture, low battery): the session goes on.
        });
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      isActive = false;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release();
    };
  }, [view.isPlaying]);

  // Voice commands where the browser recognises speech.
  const Recognition = useMemo(recognitionConstructor, []);
  const commandRef = useRef<(c: VoiceCommand) => void>(() => {});
  commandRef.current = (c) => {
    if (c === 'next') next();
    else if (c === 'back') previous();
    else if (c === 'pause') pause();
    else if (c === 'resume') play();
    else openPain();
  };
  useEffect(() => {
    if (!isListening || !Recognition) return;
    const recognition = new Recognition();
    let isActive = true;
    recognition.lang = language === 'ru' ? 'ru-RU' : 'en-US';
    recognition.continuous = true;
    recognition.interimResults = false;
    recognition.onresult = (event) => {
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const command = voiceCommandFrom(event.results[i]?.[0]?.transcript ?? '');
        if (command) commandRef.current(command);
      }
    };
    recognition.onend = () => {
      if (isActive) recognition.start();
    };
    recognition.onerror = () => {
      isActive = false;
      setListening(false);
    };
    recognition.start();
    return () => {
      isActive = false;
      recognition.stop();
    };
  }, [isListening, Recognition, language]);

  useEffect(() => narrator.rateSet(rate), [narrator, rate]);
  useEffect(() => {
    narrator.mutedSet(isMuted);
    beeper.mutedSet(isMuted);
  }, [narrator, beeper, isMuted]);

  const painReported = (region: string, level: number) => {
    const t = clock.at(now());
    const p = planRef.current;
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
      onPlanChange(planSoftened(p, index, outcome.to, reason));
      onEvent(eventAt('pressure-lowered', t, { pressure: outcome.to }), t);
    }
    setPain({ kind: 'soften', to: outcome.to });
  };

  const prevStep = plan.steps[view.stepIndex - 1] ?? null;
  const nextStep = plan.steps[view.stepIndex + 1] ?? null;
  const side = sideText(language, currentStep.side);

  return (
    <section className="player" aria-labelledby="screen-title">
      <div className="player-main">
        <div className="figure-wrap">
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
        <div className="now">
          <p className="now-label">
            {s.current}
            {!view.isPlaying ? <span className="paused-badge">{s.paused}</span> : null}
          </p>
          <h1
            id="screen-title"
            tabIndex={-1}
            className="step-title"
            aria-live="polite"
            data-step-index={view.stepIndex}
          >
            {currentStep.title}
          </h1>
          <p className="countdown" data-testid="countdown">
            {clockText(view.stepLeft)}
            <span className="visually-hidden"> {s.stepLeft}</span>
          </p>
          <p className="rep-side">
            <span>{s.repetition(view.repetition, view.repetitions)}</span>
            {side ? <span>{s.sideOf(side)}</span> : null}
            {currentStep.pressure !== null ? <span>{s.pressureNow(currentStep.pressure)}</span> : null}
          </p>
          <p className={`cue cue-${view.cueKind}`} aria-live="polite">
            {view.cue}
          </p>
        </div>
      </div>

      <div className="prev-next">
        <p>
          <span className="muted">{s.previous}:</span> {prevStep ? prevStep.title : s.none}
        </p>
        <p>
          <span className="muted">{s.next}:</span> {nextStep ? nextStep.title : s.none}
        </p>
      </div>

      <SegmentBar plan={plan} t={view.progressT} label={s.progress} isLive />
      <p className="session-left">{s.sessionLeft(clockText(view.sessionLeft))}</p>

      <div className="controls">
        <button type="button" className="control" onClick={previous} aria-keyshortcuts="ArrowLeft PageUp">
          ◀ {s.prevStep}
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
        <button type="button" className="control" onClick={next} aria-keyshortcuts="ArrowRight PageDown">
          {s.nextStep} ▶
        </button>
        {currentStep.id === 'neck-traction' ? (
          <button
            type="button"
            className="control"
            onClick={() => seekTo(nextStep ? nextStep.start : plan.totalSeconds, 'no-relaxation')}
          >
            {s.wontRelax}
          </button>
        ) : null}
        <button type="button" className="pain-button" onClick={openPain}>
          {s.pain}
        </button>
      </div>

      <details className="settings">
        <summary>
          <span aria-hidden="true">⚙</span> {s.settings}
        </summary>
        <div className="settings-body">
          <div className="check">
            <input id="mute" type="checkbox" checked={isMuted} onChange={(e) => setMuted(e.target.checked)} />
            <label htmlFor="mute">{s.mute}</label>
          </div>
          <div className="field">
            <label htmlFor="rate">{s.rate}</label>
            <input
              id="rate"
              type="range"
              min={0.5}
              max={1.5}
              step={0.1}
              value={rate}
              onChange={(e) => setRate(Number(e.target.value))}
            />
          </div>
          <div className="check">
            <input
              id="auto-advance"
              type="checkbox"
              checked={autoAdvance}
              onChange={(e) => setAutoAdvance(e.target.checked)}
            />
            <label htmlFor="auto-advance">{s.autoAdvance}</label>
          </div>
          {Recognition ? (
            <div className="check">
              <input
                id="voice"
                type="checkbox"
                checked={isListening}
                aria-describedby="voice-hint"
                onChange={(e) => setListening(e.target.checked)}
              />
              <label htmlFor="voice">{s.voiceControl}</label>
              <p className="hint" id="voice-hint">
                {s.voiceHint}
              </p>
            </div>
          ) : null}
          {!narrator.isAvailable ? <p className="hint">{s.speechUnavailable}</p> : null}
          <p className="hint">{s.keysHint}</p>
          <button type="button" className="secondary" onClick={() => end('stopped')}>
            {s.stopSession}
          </button>
        </div>
      </details>

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
