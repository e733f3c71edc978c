import { useRef } from 'react';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { clockText, sideText, type UiLanguage, uiStrings } from './i18n.js';
import type { PlayerView } from './player-view.js';
import { SegmentBar } from './segments.js';
import type { StepProgress } from './session-outcome.js';
import { useTextFitted } from './text-fit.js';

/**
 * The step area under the figure: the countdown (or the get-ready seconds), the step's title, part, repetition,
 * side and pressure, the cue, a bounded retry when the routine gives one, and what comes next. Its text is scaled
 * to fit its fixed box, so nothing runs under the control bar.
 */
export function PlayerInfo(props: {
  view: PlayerView;
  plan: Plan;
  step: PlannedStep;
  language: UiLanguage;
  /** What changes as the step begins (the side, turning over), said during the get-ready countdown. */
  change: string;
  hasNoVoice: boolean;
  progress: readonly StepProgress[];
  /** The routine's retry for this step and the tries left, or null when it has none or none are left. */
  retry: { readonly label: string; readonly triesLeft: number } | null;
  onRetry: () => void;
}) {
  const { view, plan, step, language, change, hasNoVoice, progress, retry, onRetry } = props;
  const s = uiStrings(language);
  const boxRef = useRef<HTMLDivElement>(null);
  const isGettingReady = view.getReadyLeft !== null;
  const side = sideText(language, step.side);
  const nextStep = plan.steps[view.stepIndex + 1] ?? null;
  // Everything whose length can change the text's height; the seconds and the progress bar cannot.
  useTextFitted(
    boxRef,
    [
      view.stepIndex,
      view.partTitle,
      view.cue,
      view.repetition,
      isGettingReady,
      view.isPlaying,
      change,
      hasNoVoice,
      retry?.triesLeft,
      step.title,
      step.pressure,
    ].join('\u0001'),
  );
  return (
    <div className="player-info" ref={boxRef}>
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
          data-step-id={step.id}
        >
          {step.title}
        </h1>
        {view.partTitle ? <p className="part-title">{view.partTitle}</p> : null}
        {change ? <p className="change-notice">{change}</p> : null}
        <p className="rep-side">
          <span>{s.repetition(view.repetition, view.repetitions)}</span>
          {side ? <span>{s.sideOf(side)}</span> : null}
          {step.pressure !== null ? <span>{s.pressureNow(step.pressure)}</span> : null}
        </p>
        <p className={`cue cue-${view.cueKind}`} aria-live="polite">
          {view.cue}
        </p>
        {retry ? (
          <button type="button" className="control retry" onClick={onRetry}>
            {retry.label}
            <span className="retry-left"> ({s.triesLeft(retry.triesLeft)})</span>
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
  );
}
