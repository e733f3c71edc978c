import { GET_READY_SECONDS } from './session-player.js';

/** The player's settings, kept on this device between sessions. */
export interface PlayerSettings {
  readonly isMuted: boolean;
  /** Speaking rate, 0.5…1.5. */
  readonly rate: number;
  /** The chosen voice's name, or null for the browser's first voice for the language. */
  readonly voiceName: string | null;
  readonly isAutoAdvance: boolean;
  /** Seconds of "get ready" before each step; 0 turns it off. */
  readonly getReadySeconds: number;
}

/** The settings a first session starts with. */
export const DEFAULT_PLAYER_SETTINGS: PlayerSettings = {
  isMuted: false,
  rate: 1,
  voiceName: null,
  isAutoAdvance: true,
  getReadySeconds: GET_READY_SECONDS,
};

/** The get-ready lengths the settings offer, seconds. */
export const GET_READY_CHOICES: readonly number[] = [0, 3, 5, 10, 15];

const KEY = 'massage-coach.player-settings.v1';

/** The part of the browser's localStorage the settings use. */
interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): StorageLike | undefined {
  return (globalThis as { localStorage?: StorageLike }).localStorage;
}

/** Settings from stored JSON: each field kept only when valid, the default otherwise. */
export function playerSettingsFrom(raw: string | null): PlayerSettings {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed === 'object' && parsed !== null) value = parsed as Record<string, unknown>;
  } catch {
    // A damaged entry: the defaults.
  }
  const d = DEFAULT_PLAYER_SETTINGS;
  const rate = typeof value.rate === 'number' && value.rate >= 0.5 && value.rate <= 1.5 ? value.rate : d.rate;
  const getReady =
    typeof value.getReadySeconds === 'number' && GET_READY_CHOICES.includes(value.getReadySeconds)
      ? value.getReadySeconds
      : d.getReadySeconds;
  return {
    isMuted: typeof value.isMuted === 'boolean' ? value.isMuted : d.isMuted,
    rate,
    voiceName: typeof value.voiceName === 'string' ? value.voiceName : d.voiceName,
    isAutoAdvance: typeof value.isAutoAdvance === 'boolean' ? value.isAutoAdvance : d.isAutoAdvance,
    getReadySeconds: getReady,
  };
}

/** The settings saved on this device (the defaults where none). */
export function playerSettingsLoaded(): PlayerSettings {
  try {
    return playerSettingsFrom(storage()?.getItem(KEY) ?? null);
  } catch {
    return DEFAULT_PLAYER_SETTINGS;
  }
}

/** Saves the settings on this device; a full or missing storage only loses them. */
export function savePlayerSettings(settings: PlayerSettings): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Not saved: the session goes on.
  }
}
