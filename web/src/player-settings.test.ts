import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYER_SETTINGS, playerSettingsFrom } from './player-settings.js';

describe('playerSettingsFrom', () => {
  it('starts with the get-ready countdown on, auto-advance on and the voice on', () => {
    expect(playerSettingsFrom(null)).toEqual(DEFAULT_PLAYER_SETTINGS);
    expect(DEFAULT_PLAYER_SETTINGS.getReadySeconds).toBeGreaterThan(0);
  });

  it('keeps valid fields and drops the rest', () => {
    const raw = JSON.stringify({
      rate: 1.2,
      getReadySeconds: 10,
      voiceName: 'Daniel',
      isMuted: 'yes',
      isAutoAdvance: false,
    });
    expect(playerSettingsFrom(raw)).toEqual({
      isMuted: false,
      rate: 1.2,
      voiceName: 'Daniel',
      isAutoAdvance: false,
      getReadySeconds: 10,
    });
    expect(playerSettingsFrom(JSON.stringify({ rate: 9, getReadySeconds: 7 }))).toEqual(
      DEFAULT_PLAYER_SETTINGS,
    );
    expect(playerSettingsFrom('{not json')).toEqual(DEFAULT_PLAYER_SETTINGS);
  });
});
