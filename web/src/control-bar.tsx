import { type UiLanguage, uiStrings } from './i18n.js';

/**
 * The bar along the bottom: Previous, Play/Pause, Next, Settings and PAIN / STOP. Its buttons' sizes come from
 * the bar, never from the step, so nothing in it moves while a session plays (styles.css `.control-bar`).
 */
export function ControlBar(props: {
  isPlaying: boolean;
  language: UiLanguage;
  onPrevious: () => void;
  onTogglePlay: () => void;
  onNext: () => void;
  onSettings: () => void;
  onPain: () => void;
}) {
  const { isPlaying, language, onPrevious, onTogglePlay, onNext, onSettings, onPain } = props;
  const s = uiStrings(language);
  return (
    <div className="control-bar" data-testid="control-bar">
      <button
        type="button"
        className="control"
        onClick={onPrevious}
        aria-keyshortcuts="ArrowLeft PageUp"
        aria-label={s.prevStep}
      >
        <span aria-hidden="true">◀</span>
        <span className="control-text"> {s.prevStep}</span>
      </button>
      <button
        type="button"
        className="control play"
        onClick={onTogglePlay}
        aria-keyshortcuts="Space"
        data-testid="play-pause"
      >
        {isPlaying ? `❚❚ ${s.pause}` : `▶ ${s.resume}`}
      </button>
      <button
        type="button"
        className="control"
        onClick={onNext}
        aria-keyshortcuts="ArrowRight PageDown"
        aria-label={s.nextStep}
      >
        <span className="control-text">{s.nextStep} </span>
        <span aria-hidden="true">▶</span>
      </button>
      <button
        type="button"
        className="control settings-button"
        onClick={onSettings}
        aria-label={s.settings}
        aria-haspopup="dialog"
      >
        <span aria-hidden="true">⚙</span>
        <span className="control-text"> {s.settings}</span>
      </button>
      <button type="button" className="pain-button" onClick={onPain}>
        {s.pain}
      </button>
    </div>
  );
}
