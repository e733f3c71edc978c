import { describe, expect, it } from 'vitest';
import type { Plan, PlannedStep, Refusal } from '../core/plan-types.js';
import { clockText, planTable, refusalText } from './plan-table.js';

function step(over: Partial<PlannedStep>): PlannedStep {
  const base: PlannedStep = {
    id: 'leg-glide',
    sectionId: 'legs',
    title: 'Leg glide',
    technique: 'glide',
    tags: [],
    position: 'prone',
    place: 'side',
    side: 'left',
    regions: ['leg.thigh.posterior'],
    pressure: 3,
    pressureByRegion: {},
    reps: 4,
    isCountBound: false,
    start: 0,
    duration: 64,
    cues: { before: 'Glide.', during: [], safety: null },
    changes: [],
    figure: null,
    motion: { arrangement: 'none', hands: [], alternateSidesEachRep: false },
  };
  return { ...base, ...over };
}

const PLAN: Plan = {
  refused: false,
  version: 1,
  routineId: 'spinal-column',
  language: 'en',
  minutes: 45,
  because: [],
  steps: [
    step({
      id: 'turn-over',
      title: 'Rest and turn over',
      technique: 'rest',
      side: null,
      pressure: null,
      reps: 1,
      duration: 150,
    }),
    step({
      start: 150,
      pressureByRegion: { 'leg.knee.popliteal': 2 },
      changes: [
        { rule: 'varicose-veins', kind: 'exclude-region', reason: 'Not the lower leg.' },
        { rule: 'varicose-veins', kind: 'soften', reason: 'Gentle only on this leg.', from: 3, to: 2 },
      ],
      pressure: 2,
    }),
  ],
  skipped: [
    { id: 'leg-knead', side: 'left', rule: 'varicose-veins', reason: 'Kneading could harm varicose veins.' },
  ],
  warnings: [{ rule: 'pregnancy', message: 'Ask her midwife.', mustAcknowledge: true }],
  excludedRegions: [
    { region: 'leg.lower', side: 'left', rule: 'varicose-veins', reason: 'Not the lower leg.' },
  ],
  totalSeconds: 214,
};

describe('clockText', () => {
  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [61, '1:01'],
    [4500, '75:00'],
    [-3, '0:00'],
  ])('%d s is %s', (s, text) => {
    expect(clockText(s)).toBe(text);
  });
});

describe('planTable', () => {
  it('lays out the steps in columns, then skipped steps, warnings, excluded regions and the total', () => {
    expect(planTable(PLAN).split('\n')).toEqual([
      'Plan: spinal-column, 45 minutes, language en',
      '',
      'start  step                            side  reps  pressure                  time  changed',
      '0:00   Rest and turn over (turn-over)  -     1     -                         2:30',
      '2:30   Leg glide (leg-glide)           left  4     2 (leg.knee.popliteal 2)  1:04  varicose-veins: Not the lower leg. | varicose-veins: Gentle only on this leg. [3 → 2]',
      '',
      'Skipped:',
      '  leg-knead (left)  varicose-veins: Kneading could harm varicose veins.',
      '',
      'Warnings:',
      '  ! pregnancy: Ask her midwife. (acknowledge before starting)',
      '',
      'Excluded regions:',
      '  leg.lower (left)  varicose-veins: Not the lower leg.',
      '',
      'Total: 3:34 (2 steps)',
      '',
    ]);
  });

  it('leaves out the sections a plan does not need', () => {
    const text = planTable({ ...PLAN, skipped: [], warnings: [], excludedRegions: [] });
    expect(text).not.toContain('Skipped:');
    expect(text).not.toContain('Warnings:');
    expect(text).not.toContain('Excluded regions:');
  });
});

describe('refusalText', () => {
  it('gives every reason', () => {
    const refusal: Refusal = {
      refused: true,
      reasons: [
        { rule: 'fever', condition: 'fever', reason: 'Not with a fever: please see a doctor.' },
        { rule: 'suspected-dvt', condition: 'suspected-dvt', reason: 'See a doctor today.' },
      ],
    };
    expect(refusalText(refusal)).toBe(
      'No massage today.\n\n  - fever (rule fever): Not with a fever: please see a doctor.\n  - suspected-dvt (rule suspected-dvt): See a doctor today.\n',
    );
  });
});
