import { useEffect } from 'react';

type WakeLockApi = { request(type: 'screen'): Promise<WakeLockSentinel> };

/** Keeps the screen on while `isWanted`, asking again when the page becomes visible. */
export function useWakeLock(isWanted: boolean): void {
  useEffect(() => {
    if (!isWanted) return;
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
    if (!wakeLock) return;
    let sentinel: WakeLockSentinel | null = null;
    let isActive = true;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      wakeLock
        .request('screen')
        .then((s) => {
          if (isActive) sentinel = s;
          else void s.release();
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
  }, [isWanted]);
}
