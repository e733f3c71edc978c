import { useEffect, useRef } from 'react';

/** The media keys the player answers. */
export interface MediaHandlers {
  readonly play: () => void;
  readonly pause: () => void;
  readonly next: () => void;
  readonly previous: () => void;
}

/** Media keys and headset buttons drive the player; the lock screen shows the step's title and the state. */
export function useMediaSession(
  handlers: MediaHandlers,
  info: { title: string; artist: string; isPlaying: boolean },
): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const session = globalThis.navigator?.mediaSession;
    if (!session) return;
    const actions: [MediaSessionAction, () => void][] = [
      ['play', () => ref.current.play()],
      ['pause', () => ref.current.pause()],
      ['nexttrack', () => ref.current.next()],
      ['previoustrack', () => ref.current.previous()],
    ];
    for (const [action, handler] of actions) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not know.
      }
    }
    return () => {
      for (const [action] of actions) {
        try {
          session.setActionHandler(action, null);
        } catch {
          // As above.
        }
      }
    };
  }, []);
  const { title, artist, isPlaying } = info;
  useEffect(() => {
    const session = globalThis.navigator?.mediaSession;
    if (!session || typeof MediaMetadata === 'undefined') return;
    session.metadata = new MediaMetadata({ title, artist });
    session.playbackState = isPlaying ? 'playing' : 'paused';
  }, [title, artist, isPlaying]);
}
