/** What a key does in the player. */
export type PlayerKeyAction = 'toggle' | 'next' | 'previous';

/** The player's action for a key press, or null: Space pauses/resumes, → / PageDown next, ← / PageUp previous. */
export function playerKeyAction(key: {
  readonly key: string;
  readonly code?: string;
  readonly targetTag: string;
  readonly hasModifier: boolean;
}): PlayerKeyAction | null {
  if (key.hasModifier) return null;
  const isField = key.targetTag === 'INPUT' || key.targetTag === 'SELECT' || key.targetTag === 'TEXTAREA';
  const isButton = key.targetTag === 'BUTTON' || key.targetTag === 'A' || key.targetTag === 'SUMMARY';
  if (key.key === ' ' || key.code === 'Space') return isField || isButton ? null : 'toggle';
  if (isField) return null;
  if (key.key === 'ArrowRight' || key.key === 'PageDown') return 'next';
  if (key.key === 'ArrowLeft' || key.key === 'PageUp') return 'previous';
  return null;
}
