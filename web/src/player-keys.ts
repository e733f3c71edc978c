import { useEffect, useRef } from 'react';
import { type PlayerKeyAction, playerKeyAction } from './key-action.js';

/** Listens for the player's keys on the window while `isActive` (not while a dialog is open). */
export function usePlayerKeys(isActive: boolean, handlers: Record<PlayerKeyAction, () => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!isActive) return;
    const onKey = (e: KeyboardEvent) => {
      const action = playerKeyAction({
        key: e.key,
        code: e.code,
        targetTag: (e.target as HTMLElement | null)?.tagName ?? '',
        hasModifier: e.altKey || e.ctrlKey || e.metaKey,
      });
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isActive]);
}
