import { describe, expect, it } from 'vitest';
import { Intake } from '../intake.js';
import { endReasonOf, SessionEvent } from './session-event.js';
import { SESSION_RECORD_VERSION, sessionRecordMigrated } from './session-record.js';
import { notesPrefilled } from './soap-notes.js';
import { recordMigrated } from './versioned.js';

const AT = '2026-12-02T16:30:00Z';
const ev = (
  id: string,
  kind: SessionEvent['kind'],
  t: number,
  extra: Partial<SessionEvent> = {},
): SessionEvent => ({
  id,
  kind,
  t,
  at: AT,
  stepId: null,
  side: null,
  ...extra,
});

describe('SessionEvent', () => {
  it.each([
    [{ id: 'a', kind: 'next', t: 1, at: AT }, true],
    [{ id: 'a', kind: 'pain', t: 1, at: AT, level: 5, region: 'back.paraspinal' }, true],
    [{ id: 'a', kind: 'pain', t: 1, at: AT }, false],
    [{ id: 'a b', kind: 'next', t: 1, at: AT }, false],
    [{ id: 'a', kind: 'next', t: -1, at: AT }, false],
    [{ id: 'a', kind: 'next', t: 1, at: 'yesterday' }, false],
    [{ id: 'a', kind: 'next', t: 1, at: AT, extra: 1 }, false],
  ])('%j is valid: %s', (value, isValid) => {
    expect(SessionEvent.safeParse(value).success).toBe(isValid);
  });

  it('reads how a session ended', () => {
    expect(endReasonOf([ev('1', 'start', 0)])).toBeNull();
    expect(endReasonOf([ev('1', 'start', 0), ev('2', 'finish', 60)])).toBe('finished');
    expect(endReasonOf([ev('1', 'stop', 60)])).toBe('stopped');
    expect(endReasonOf([ev('1', 'pain', 59.5, { level: 8 }), ev('2', 'stop', 60)])).toBe('pain');
  });
});

describe('session record migrations', () => {
  const v1 = {
    version: 1,
    id: 'rec 1',
    savedAt: AT,
    intake: { minutes: 30 },
    plan: null,
    events: [
      { kind: 'start', t: 0, at: AT, stepId: null, side: null },
      { kind: 'pain', t: 5, at: AT, stepId: 's', side: 'left', level: 3, region: 'back.paraspinal' },
    ],
    endReason: null,
    notes: { subjective: '', objective: '', assessment: '', plan: '' },
  };

  it('gives version 1 events stable ids and reads as the current version', () => {
    const migrated = sessionRecordMigrated(v1);
    expect(migrated.ok).toBe(true);
    if (!migrated.ok) return;
    expect(migrated.record.version).toBe(SESSION_RECORD_VERSION);
    expect(migrated.record.events.map((e) => e.id)).toEqual(['rec_1:0', 'rec_1:1']);
    expect(sessionRecordMigrated(v1)).toEqual(migrated);
  });

  it('names what is wrong', () => {
    expect(sessionRecordMigrated({ ...v1, version: 9 })).toMatchObject({ ok: false, field: 'version' });
    expect(sessionRecordMigrated({ ...v1, events: [{ kind: 'dance', t: 0, at: AT }] })).toMatchObject({
      ok: false,
      field: 'events.0.kind',
    });
    expect(recordMigrated([], 2, [])).toEqual({ ok: false, reason: 'expected an object' });
    expect(recordMigrated({ version: 1 }, 2, [])).toEqual({
      ok: false,
      reason: 'no migration from version 1',
    });
  });
});

describe('notesPrefilled', () => {
  it('drafts the subjective from the intake and the objective from the events', () => {
    const intake = Intake.parse({
      minutes: 45,
      pressurePreference: 2,
      conditions: [{ id: 'varicose-veins', side: 'left', severity: 'mild' }],
      avoidRegions: [{ region: 'head.scalp' }],
    });
    const notes = notesPrefilled(intake, [
      ev('1', 'start', 0),
      ev('2', 'pain', 125, { level: 6, region: 'leg.lower', stepId: 'leg-glide', side: 'left' }),
      ev('3', 'stop', 125.5),
    ]);
    expect(notes.subjective).toBe(
      'Condition: varicose-veins (left, mild).\nAsked not to be touched: head.scalp.\nPressure: no more than 2 of 5. Session of 45 minutes.',
    );
    expect(notes.objective).toBe(
      'Session ran 2:06, ended for pain.\n2:05 (leg-glide, left): pain 6/10 at leg.lower.\n2:06: session stopped.',
    );
    expect(notes.assessment).toBe('');
    expect(notesPrefilled(null, [])).toEqual({ subjective: '', objective: '', assessment: '', plan: '' });
  });

  it('drafts them in Russian for a Russian intake', () => {
    const intake = Intake.parse({ minutes: 30, language: 'ru', pressurePreference: 3 });
    const notes = notesPrefilled(intake, [
      ev('1', 'start', 0),
      ev('2', 'pain', 65, { level: 3, region: 'back.scapula', side: 'right' }),
      ev('3', 'finish', 1800),
    ]);
    expect(notes.subjective).toBe(
      'Ограничений по здоровью не названо.\nДавление: не больше 3 из 5. Сеанс на 30 мин.',
    );
    expect(notes.objective).toBe(
      'Сеанс длился 30:00, проведён до конца.\n1:05 (right): боль 3 из 10, back.scapula.',
    );
  });
});
