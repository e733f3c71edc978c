import { type UiLanguage, uiStrings } from './i18n.js';
import { ModalDialog } from './modal-dialog.js';

/** "End the session now?": ending needs a second, deliberate press; Escape keeps going. */
export function ConfirmEndDialog(props: {
  isOpen: boolean;
  language: UiLanguage;
  onKeepGoing: () => void;
  onEnd: () => void;
}) {
  const { isOpen, language, onKeepGoing, onEnd } = props;
  const s = uiStrings(language);
  return (
    <ModalDialog
      isOpen={isOpen}
      className="confirm-dialog"
      labelledBy="confirm-end-title"
      onEscape={onKeepGoing}
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
    </ModalDialog>
  );
}
