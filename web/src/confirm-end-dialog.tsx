import { useEffect, useRef } from 'react';
import { type UiLanguage, uiStrings } from './i18n.js';

/** "End the session now?": ending needs a second, deliberate press; Escape keeps going. */
export function ConfirmEndDialog(props: {
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
