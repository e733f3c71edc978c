import { type UiLanguage, uiStrings } from './i18n.js';
import { ModalDialog } from './modal-dialog.js';
import type { VoiceChoice } from './narration.js';
import { GET_READY_CHOICES, type PlayerSettings } from './player-settings.js';
import { recognitionConstructor } from './voice-commands.js';

/** The player's settings in a dialog: voice, rate and a test phrase, get-ready, auto-advance, voice commands, End. */
export function PlayerSettingsDialog(props: {
  isOpen: boolean;
  settings: PlayerSettings;
  voices: readonly VoiceChoice[];
  hasNoVoice: boolean;
  isListening: boolean;
  language: UiLanguage;
  onSettings: (settings: PlayerSettings) => void;
  onListening: (isListening: boolean) => void;
  onTest: () => void;
  onEnd: () => void;
  onClose: () => void;
}) {
  const { isOpen, settings, voices, hasNoVoice, isListening, language } = props;
  const { onSettings, onListening, onTest, onEnd, onClose } = props;
  const s = uiStrings(language);
  const canListen = recognitionConstructor() !== null;
  const set = (patch: Partial<PlayerSettings>) => onSettings({ ...settings, ...patch });
  return (
    <ModalDialog isOpen={isOpen} className="settings-dialog" labelledBy="settings-title" onEscape={onClose}>
      <h2 id="settings-title">{s.settings}</h2>
      <div className="check">
        <input
          id="mute"
          type="checkbox"
          checked={settings.isMuted}
          onChange={(e) => set({ isMuted: e.target.checked })}
        />
        <label htmlFor="mute">{s.mute}</label>
      </div>
      <div className="field">
        <label htmlFor="voice-name">{s.voice}</label>
        <select
          id="voice-name"
          value={settings.voiceName ?? ''}
          disabled={voices.length === 0}
          onChange={(e) => set({ voiceName: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">{s.voiceDefault}</option>
          {voices.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name} ({v.lang})
            </option>
          ))}
        </select>
        {hasNoVoice ? (
          <p className="hint no-voice-hint">
            {s.noVoice(s.languageName)} {s.noVoiceHint}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="rate">{s.rate}</label>{' '}
        {/* The speed the slider is at, as a number (the slider alone showed none). */}
        <output htmlFor="rate" data-testid="rate-value">
          {rateText(settings.rate)}
        </output>
        <input
          id="rate"
          type="range"
          min={0.5}
          max={1.5}
          step={0.1}
          value={settings.rate}
          aria-valuetext={rateText(settings.rate)}
          onChange={(e) => set({ rate: Number(e.target.value) })}
        />
      </div>
      <button type="button" className="secondary" onClick={onTest} disabled={voices.length === 0}>
        {s.testVoice}
      </button>
      <div className="field">
        <label htmlFor="get-ready">{s.getReadySetting}</label>
        <select
          id="get-ready"
          value={settings.getReadySeconds}
          onChange={(e) => set({ getReadySeconds: Number(e.target.value) })}
        >
          {GET_READY_CHOICES.map((n) => (
            <option key={n} value={n}>
              {s.seconds(n)}
            </option>
          ))}
        </select>
      </div>
      <div className="check">
        <input
          id="auto-advance"
          type="checkbox"
          checked={settings.isAutoAdvance}
          onChange={(e) => set({ isAutoAdvance: e.target.checked })}
        />
        <label htmlFor="auto-advance">{s.autoAdvance}</label>
      </div>
      {canListen ? (
        <div className="check">
          <input
            id="voice"
            type="checkbox"
            checked={isListening}
            aria-describedby="voice-hint"
            onChange={(e) => onListening(e.target.checked)}
          />
          <label htmlFor="voice">{s.voiceControl}</label>
          <p className="hint" id="voice-hint">
            {s.voiceHint}
          </p>
        </div>
      ) : null}
      <p className="hint">{s.keysHint}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose}>
          {s.close}
        </button>
        <button type="button" className="secondary danger" onClick={onEnd}>
          {s.stopSession}
        </button>
      </div>
    </ModalDialog>
  );
}

/** A voice speed as the settings show it: 1.0× is the voice's own. */
function rateText(rate: number): string {
  return `${rate.toFixed(1)}×`;
}
