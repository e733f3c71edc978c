import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A native modal `<dialog>` opened and closed by `isOpen` (focus kept inside, the page behind inert). Escape
 * calls `onEscape` instead of closing it: what Escape means is the caller's to say.
 */
export function ModalDialog(props: {
  isOpen: boolean;
  className: string;
  /** The id of the dialog's title. */
  labelledBy: string;
  onEscape: () => void;
  children: ReactNode;
}) {
  const { isOpen, className, labelledBy, onEscape, children } = props;
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
      className={className}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onEscape();
      }}
    >
      {children}
    </dialog>
  );
}
