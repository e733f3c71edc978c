import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import { bodyMapFromData } from './body-map.js';
import { routineFromYaml } from './routine-parse.js';

const bodyMap = bodyMapFromData(bodyMapData);

/** A one-step routine whose step carries the given `retry:` line (the step's line 11 is the retry). */
function routineWithRetry(retry: string): string {
  return [
    'id: test',
    'version: 1',
    'title: { en: Test }',
    'languages: [en]',
    'timing:',
    '  - minutes: 30',
    '    sections: { main: 30 }',
    'sections:',
    '  - id: main',
    '    title: { en: Main }',
    '    position: supine',
    '    steps:',
    '      - id: neck-traction',
    '        title: { en: Neck traction }',
    '        technique: traction',
    '        hands: mirrored',
    '        path: [{ at: skull-base, lateral: 0.02, surface: posterior }]',
    '        pressure: 2',
    '        repSeconds: 25',
    '        reps: { default: 4 }',
    '        cues: { en: { before: Hold the head. } }',
    `        ${retry}`,
    '',
  ].join('\n');
}

const parsed = (retry: string) =>
  routineFromYaml(routineWithRetry(retry), { file: 'r.yaml', bodyMap, ruleIds: ['neck-no-relaxation'] });

describe('a step retry', () => {
  it('is read with its label, tries, what giving up does and its rule', () => {
    const r = parsed(
      'retry: { tries: 3, onGiveUp: next-step, rule: neck-no-relaxation, label: { en: Neck will not relax } }',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.sections[0]?.steps[0]?.retry).toEqual({
      tries: 3,
      onGiveUp: 'next-step',
      rule: 'neck-no-relaxation',
      label: { en: 'Neck will not relax' },
    });
  });

  it.each([
    ['retry: { tries: 0, onGiveUp: next-step, label: { en: Again } }', /tries/],
    ['retry: { tries: 3, onGiveUp: forever, label: { en: Again } }', /onGiveUp/],
    ['retry: { tries: 3, onGiveUp: next-step }', /label/],
    [
      'retry: { tries: 3, onGiveUp: next-step, rule: no-such-rule, label: { en: Again } }',
      /unknown rule "no-such-rule" in retry/,
    ],
  ])('rejects %s', (retry, message) => {
    const r = parsed(retry);
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n')).toMatch(message);
    expect(r.diagnostics[0]?.line).toBe(22);
  });
});
