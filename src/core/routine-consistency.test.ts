import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import { bodyMapFromData } from './body-map.js';
import { type Diagnostic, routineFromYaml } from './routine-parse.js';

const bodyMap = bodyMapFromData(bodyMapData);

const VOCABULARY = [
  'vocabulary:',
  '  en:',
  '    pressure: { 1: resting, 2: light, 3: moderate, 4: firm, 5: deep }',
  '    pressureWords: { 2: [light], 3: [moderate], 4: [firm, deep] }',
  "    startFallback: 'Begin {start}.'",
  "    startUnnamed: 'Begin where the picture shows.'",
  "    regions: { back.paraspinal: { words: [beside the spine], on: 'beside the spine' } }",
  '    postures: { seated: [sit beside, sitting at], standing: [stand at], kneeling: [kneel] }',
  '    places: { head: [at the head], feet: [at the foot of the table], side: [beside the table] }',
];

/** A one-step routine; `over` replaces whole lines by their start. Line numbers are stable: see the list. */
function routineText(over: Record<number, string> = {}, options: { vocabulary?: boolean } = {}): string {
  const lines = [
    'id: test', // 1
    'version: 1', // 2
    'title: { en: Test }', // 3
    'languages: [en]', // 4
    'minMinutes: 10', // 5
    'maxMinutes: 60', // 6
    'timing:', // 7
    '  - minutes: 30', // 8
    '    sections: { main: 30 }', // 9
    'sections:', // 10
    '  - id: main', // 11
    '    title: { en: Main }', // 12
    '    position: prone', // 13
    '    steps:', // 14
    '      - id: press', // 15
    '        title: { en: Press }', // 16
    '        technique: press', // 17
    '        hands: mirrored', // 18
    '        path: { from: sacrum, to: c7, lateral: 0.025 }', // 19
    '        pressure: 3', // 20
    '        repSeconds: 20', // 21
    '        reps: { default: 3, min: 1, max: 6 }', // 22
    '        cues:', // 23
    '          en:', // 24
    '            before: Set your fingertips {start}.', // 25
    '            during:', // 26
    '              - Press, {pressure} and slow.', // 27
    '              - { text: Up to the neck., regions: [neck.posterior], otherwise: Up the back. }', // 28
    ...(options.vocabulary === false ? [] : VOCABULARY),
  ];
  return `${lines.map((line, i) => over[i + 1] ?? line).join('\n')}\n`;
}

function where(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.line}:${d.column} ${d.message}`);
}

function parsed(text: string) {
  return routineFromYaml(text, { file: 'r.yaml', bodyMap, ruleIds: ['oil-allergy'] });
}

describe('routine checks across fields', () => {
  it('accepts a routine whose fields agree, with cue lines in the new language', () => {
    const r = parsed(routineText());
    expect(where(r.diagnostics)).toEqual([]);
  });

  it('minMinutes above maxMinutes', () => {
    const r = parsed(routineText({ 5: 'minMinutes: 200', 6: 'maxMinutes: 120' }));
    expect(where(r.diagnostics)).toEqual(['5:13 minMinutes 200 is more than maxMinutes 120']);
  });

  it('repetitions out of order', () => {
    const r = parsed(routineText({ 22: '        reps: { default: 8, min: 9, max: 6 }' }));
    expect(where(r.diagnostics)).toEqual([
      '22:34 reps.min 9 is more than reps.default 8',
      '22:34 reps.min 9 is more than reps.max 6',
      '22:42 reps.max 6 is less than reps.default 8',
    ]);
  });

  it('a timing row whose sections do not add up to its minutes', () => {
    const r = parsed(routineText({ 9: '    sections: { main: 25 }' }));
    expect(where(r.diagnostics)).toEqual([
      '9:15 the sections of the 30-minute row add up to 25 minutes, not 30',
    ]);
  });

  it('a floor above the ceiling', () => {
    const r = parsed(
      routineText({ 21: '        repSeconds: 20\n        minSeconds: 200\n        maxSeconds: 100' }),
    );
    expect(where(r.diagnostics)).toEqual([
      '22:21 minSeconds 200 is more than maxSeconds 100: the floor must lie under the ceiling',
    ]);
  });

  it('a ceiling under the least repetitions', () => {
    const r = parsed(routineText({ 21: '        repSeconds: 20\n        maxSeconds: 10' }));
    expect(where(r.diagnostics)).toEqual([
      '22:21 maxSeconds 10 is less than reps.min × repSeconds (20 s): the floor must lie under the ceiling',
    ]);
  });

  it('a pressure word written into a cue, in a string line and in an object line', () => {
    const r = parsed(routineText({ 27: '              - Press firm and slow.' }));
    expect(where(r.diagnostics)).toEqual([
      '27:17 "firm" says a pressure in words; write {pressure} so the plan\'s pressure is said',
    ]);
  });

  it('placeholders: unknown, without a vocabulary, {pressure} in a step that presses nothing', () => {
    expect(where(parsed(routineText({ 25: '            before: Begin {where}.' })).diagnostics)).toEqual([
      '25:21 unknown placeholder {where} (known: {pressure}, {start})',
    ]);
    expect(where(parsed(routineText({}, { vocabulary: false })).diagnostics)).toEqual([
      '25:21 {start} needs a vocabulary for "en" (vocabulary.en)',
      '27:17 {pressure} needs a vocabulary for "en" (vocabulary.en)',
    ]);
    expect(where(parsed(routineText({ 20: '        pressure: null' })).diagnostics)).toEqual([
      '27:17 {pressure} in a step that presses nothing (pressure: null)',
    ]);
  });

  it('a cue that sits the practitioner down in a step where they stand, or puts them elsewhere', () => {
    // No place and no posture: standing. "Sit beside the table" is wrong twice (seated, and a side not given).
    const r = parsed(
      routineText({ 25: '            before: Sit beside the table and set your fingertips {start}.' }),
    );
    expect(where(r.diagnostics)).toEqual([
      '25:21 "sit beside" says the practitioner is seated, but the step has them standing (place: none): set posture or change the line',
      '25:21 "beside the table" puts the practitioner at the side, but the step\'s place is not given: set place or change the line',
    ]);
  });

  it("a cue that agrees with the step's posture and place, given or by default", () => {
    // Beside the table (left), seated as the step says.
    const seated = parsed(
      routineText({
        18: '        hands: mirrored\n        place: left\n        posture: seated',
        25: '            before: Sit beside the table and set your fingertips {start}.',
      }),
    );
    expect(where(seated.diagnostics)).toEqual([]);
    // At the head, seated by default; a kneeling line is never right (no step kneels).
    const head = parsed(
      routineText({
        18: '        hands: mirrored\n        place: head',
        25: '            before: Sitting at the head, set your fingertips {start}.',
        27: '              - Kneel, {pressure} and slow.',
      }),
    );
    expect(where(head.diagnostics)).toEqual([
      '28:17 "kneel" says the practitioner is kneeling, but the step has them seated (place: head): set posture or change the line',
    ]);
  });

  it("a part inherits its step's posture and place, and may change them", () => {
    const parts = [
      '        place: feet',
      '        parts:',
      '          - id: one',
      '            title: { en: One }',
      '            share: 0.5',
      '            cues: { en: { before: Stand at the foot of the table. } }',
      '          - id: two',
      '            title: { en: Two }',
      '            share: 0.5',
      '            place: head',
      '            cues: { en: { before: Stand at the foot of the table. } }',
    ].join('\n');
    const r = parsed(routineText({ 26: parts, 27: '', 28: '' }));
    // Part one stands at the feet, as its step; part two moved to the head, where it sits.
    expect(where(r.diagnostics)).toEqual([
      '36:35 "stand at" says the practitioner is standing, but the step has them seated (place: head): set posture or change the line',
      '36:35 "at the foot of the table" puts the practitioner at the feet, but the step\'s place is head: set place or change the line',
    ]);
  });

  it('an unknown rule in unless, an unknown landmark in landmarks', () => {
    const r = parsed(
      routineText({ 28: '              - { text: Oil., unless: [oil-alergy], landmarks: [c8] }' }),
    );
    expect(where(r.diagnostics)).toEqual([
      '28:40 unknown rule "oil-alergy" in unless (did you mean "oil-allergy"?)',
      '28:65 unknown landmark "c8" (did you mean "c7"?)',
    ]);
  });
});
