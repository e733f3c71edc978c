import { describe, expect, it } from 'vitest';
import { bodyMapData } from '../content/body-map.js';
import { bodyMapFromData } from './body-map.js';
import { CONDITION_IDS } from './intake.js';
import {
  type Diagnostic,
  diagnosticText,
  routineFromYaml,
  ruleFileFromYaml,
  yamlFileKind,
} from './routine-parse.js';

const bodyMap = bodyMapFromData(bodyMapData);
const RULE_IDS = ['spine-no-direct-pressure', 'knee-light'];

/** A one-section routine around the given step lines (indented 6 spaces); its first step line is line 13. */
function routineText(stepLines: string, options: { position?: string; perSide?: boolean } = {}): string {
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
    `    position: ${options.position ?? 'prone'}`,
    options.perSide ? '    perSide: { order: [left, right] }\n    steps:' : '    steps:',
    stepLines,
    '',
  ].join('\n');
}

const PRESS = [
  '      - id: spine-fingertip-press',
  '        title: { en: Fingertips }',
  '        technique: press',
  '        hands: mirrored',
  '        path: { from: sacrum, to: c7, lateral: 0.025 }',
  '        pressure: 3',
  '        repSeconds: 20',
  '        reps: { default: 3 }',
  '        cautions: [spine-no-direct-pressure]',
  '        cues: { en: { before: Press. } }',
].join('\n');

function parsedRoutine(text: string, ruleIds: readonly string[] | null = RULE_IDS) {
  return routineFromYaml(text, { file: 'r.yaml', bodyMap, ruleIds: ruleIds ?? undefined });
}

function where(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('routineFromYaml: valid input', () => {
  it('returns the routine and no diagnostics', () => {
    const r = parsedRoutine(routineText(PRESS));
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.sections[0]?.steps[0]?.id).toBe('spine-fingertip-press');
  });

  it('skips the caution check when no rule ids are given', () => {
    const text = routineText(PRESS.replace('[spine-no-direct-pressure]', '[anything-goes]'));
    expect(parsedRoutine(text, null).value).toBeDefined();
    expect(where(parsedRoutine(text).diagnostics)).toEqual([
      '21:20 unknown rule "anything-goes" in cautions',
    ]);
  });
});

describe('routineFromYaml: YAML syntax', () => {
  it('reports the syntax error at its position and returns no value', () => {
    const r = parsedRoutine(routineText(PRESS.replace('pressure: 3', 'pressure: [3')));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ line: 19, column: 9, severity: 'error' });
    expect(r.diagnostics[0]?.message).toMatch(/^YAML: Flow sequence/);
  });

  it('reports a duplicate key', () => {
    const r = parsedRoutine(routineText(PRESS.replace('pressure: 3', 'pressure: 3\n        pressure: 2')));
    expect(where(r.diagnostics)).toEqual(['19:9 YAML: Map keys must be unique']);
  });

  it('reports an alias whose anchor is missing at the alias, and returns no value', () => {
    const r = parsedRoutine(
      routineText(PRESS.replace('path: { from: sacrum', 'path: *nowhere\n        x: { from: sacrum')),
    );
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([
      '17:15 unknown anchor in alias "*nowhere": set "&nowhere" on a value above this line',
    ]);
  });

  it('reports aliases that expand too much (a "billion laughs" file) instead of expanding them', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      laughs.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
    }
    const r = parsedRoutine(laughs.join('\n'));
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([
      '2:8 too many aliases: the aliases here expand to too much data (use fewer nested aliases)',
    ]);
  });

  it('reports an empty file as a missing mapping', () => {
    expect(where(parsedRoutine('').diagnostics)).toEqual([
      '1:1 expected a mapping (key: value); got null (an empty value)',
    ]);
  });
});

describe('routineFromYaml: schema messages', () => {
  it.each([
    ['a wrong type', ['pressure: 3', 'pressure: three'], '18:19 pressure: expected a number; got "three"'],
    [
      'an unknown enum value, with a suggestion',
      ['technique: press', 'technique: pres'],
      '15:20 technique: expected one of glide, press, knead, friction, drain, squeeze, traction, stretch, rotate, lift, rub, tug, rest; got "pres" (did you mean "press"?)',
    ],
    [
      'a number over its maximum',
      ['pressure: 3', 'pressure: 6'],
      '18:19 pressure: expected at most 5; got 6',
    ],
    [
      'an unknown key, with a suggestion',
      ['repSeconds: 20', 'repSecond: 20'],
      [
        '13:9 missing required key "repSeconds" (a number)',
        '19:9 unknown key "repSecond" (did you mean "repSeconds"?)',
      ],
    ],
    [
      'a badly spelt id, with the schema’s own words',
      ['id: spine-fingertip-press', 'id: Spine_Press'],
      '13:13 id: an id is lower-case words joined by hyphens, e.g. leg-glide; got "Spine_Press"',
    ],
    [
      'a missing required key, at its mapping',
      ['        repSeconds: 20\n', ''],
      '13:9 missing required key "repSeconds" (a number)',
    ],
    [
      'a union value that fits no branch',
      ['hands: mirrored', 'hands: mirrored\n        return: 5'],
      '17:17 return: expected one of lifted, pressing, none or a mapping (key: value); got 5',
    ],
    [
      'the union branch that fits the value',
      ['lateral: 0.025 }', 'lateral: 0.025, dx: 1 }'],
      '17:55 unknown key "dx" (allowed: from, to, lateral, surface)',
    ],
    [
      'a waypoint list with a bad offset',
      ['{ from: sacrum, to: c7, lateral: 0.025 }', '[{ at: sacrum, lateral: wide }, { at: c7 }]'],
      '17:39 lateral: expected a number; got "wide"',
    ],
    [
      'an empty list',
      ['cautions: [spine-no-direct-pressure]', 'tags: [""]'],
      '21:16 tags[0]: must not be empty',
    ],
  ])('%s', (_name, [from, to], expected) => {
    const text = routineText(PRESS.replace(from as string, to as string));
    const r = parsedRoutine(text);
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual(Array.isArray(expected) ? expected : [expected]);
  });

  it('reports an unknown top-level key at the key', () => {
    const r = parsedRoutine(`colour: red\n${routineText(PRESS)}`);
    expect(where(r.diagnostics)).toEqual([
      '1:1 unknown key "colour" (allowed: $schema, id, version, title, description, languages, source, timing, minMinutes, maxMinutes, maxMinutesIn, vocabulary, sections)',
    ]);
  });

  it('reports an unknown region in pressureByRegion at the key', () => {
    const text = routineText(
      PRESS.replace('pressure: 3', 'pressure: 3\n        pressureByRegion: { back.kidneys: 2 }'),
    );
    expect(where(parsedRoutine(text).diagnostics)).toEqual([
      '19:29 unknown key "back.kidneys" (did you mean "back.kidney-band"?)',
    ]);
  });
});

describe('routineFromYaml: checks beyond the schema', () => {
  it('reports an unknown landmark at its name, with a suggestion', () => {
    const r = parsedRoutine(routineText(PRESS.replace('to: c7', 'to: c8')));
    expect(where(r.diagnostics)).toEqual(['17:35 unknown landmark "c8" (did you mean "c7"?)']);
  });

  it('reports an unknown landmark once for a per-side step resolved on both sides', () => {
    const step = [
      '      - id: leg-glide',
      '        title: { en: Glide }',
      '        technique: glide',
      '        place: side',
      '        path: [{ at: ankle }, { at: poplitael }]',
      '        pressure: 2',
      '        repSeconds: 10',
      '        reps: { default: 2 }',
      '        cues: { en: { before: Glide. } }',
    ].join('\n');
    const r = parsedRoutine(routineText(step, { perSide: true }));
    expect(where(r.diagnostics)).toEqual(['18:37 unknown landmark "poplitael" (did you mean "popliteal"?)']);
  });

  it('reports a duplicate step id at the second one', () => {
    const r = parsedRoutine(routineText(`${PRESS}\n${PRESS}`));
    expect(where(r.diagnostics)).toEqual([
      '23:13 duplicate step id "spine-fingertip-press" (first used at line 13)',
    ]);
  });

  it('reports a duplicate section id', () => {
    const text = routineText(PRESS).replace(
      'sections:\n  - id: main',
      `sections:\n  - id: main\n    title: { en: Other }\n    position: supine\n    steps:\n${PRESS.replace(/spine-fingertip-press/, 'other-press')}\n  - id: main`,
    );
    const r = parsedRoutine(text);
    expect(where(r.diagnostics)).toContain('23:9 duplicate section id "main" (first used at line 9)');
  });

  it('reports a timing row naming an unknown section at the key', () => {
    const r = parsedRoutine(routineText(PRESS).replace('{ main: 30 }', '{ main: 25, mains: 5 }'));
    expect(where(r.diagnostics)).toEqual([
      '7:27 timing for 30 minutes names unknown section "mains" (did you mean "main"?); sections are main',
    ]);
  });

  it('reports a figure not among figures', () => {
    const r = parsedRoutine(
      routineText(
        PRESS.replace('pressure: 3', 'pressure: 3\n        figure: 117\n        figures: [114, 115]'),
      ),
    );
    expect(where(r.diagnostics)).toEqual(['19:17 figure 117 is not among figures (114, 115)']);
  });

  it('accepts a figure among figures, or a figure alone', () => {
    expect(
      parsedRoutine(
        routineText(
          PRESS.replace('pressure: 3', 'pressure: 3\n        figure: 115\n        figures: [114, 115]'),
        ),
      ).value,
    ).toBeDefined();
    expect(
      parsedRoutine(routineText(PRESS.replace('pressure: 3', 'pressure: 3\n        figure: 115'))).value,
    ).toBeDefined();
  });

  it('keeps checking the rest of the file when the schema fails somewhere', () => {
    const text = routineText(
      `${PRESS.replace('technique: press', 'technique: kneed')}\n${PRESS.replace('to: c7', 'to: c9')}`,
    );
    const r = parsedRoutine(text);
    expect(where(r.diagnostics)).toEqual([
      '15:20 technique: expected one of glide, press, knead, friction, drain, squeeze, traction, stretch, rotate, lift, rub, tug, rest; got "kneed" (did you mean "knead"?)',
      '23:13 duplicate step id "spine-fingertip-press" (first used at line 13)',
      '27:35 unknown landmark "c9" (did you mean "c7"?)',
    ]);
  });
});

describe('routineFromYaml: paths over regions that forbid the pressure', () => {
  it('reports a path along the spine line at the path node', () => {
    const r = parsedRoutine(routineText(PRESS.replace('lateral: 0.025', 'lateral: 0')));
    expect(where(r.diagnostics)).toEqual([
      '17:15 path of spine-fingertip-press crosses back.spine (spine line: never pressed) at pressure 3; the region tolerates 0',
    ]);
  });

  const GLIDE = [
    '      - id: leg-glide',
    '        title: { en: Glide }',
    '        technique: glide',
    '        place: side',
    '        path: [{ at: calf }, { at: mid-thigh }]',
    '        return: lifted',
    '        pressure: 3',
    '        repSeconds: 10',
    '        reps: { default: 2 }',
    '        cues: { en: { before: Glide. } }',
  ].join('\n');

  it('reports the back of the knee pressed too hard on a per-side step', () => {
    const r = parsedRoutine(routineText(GLIDE, { perSide: true }));
    expect(where(r.diagnostics)).toEqual([
      '18:15 path of leg-glide crosses leg.knee.popliteal (back of the knee: light only) at pressure 3; the region tolerates 2',
    ]);
  });

  it('lowers the pressure by pressureByRegion where the path crosses that region', () => {
    const text = routineText(
      GLIDE.replace('pressure: 3', 'pressure: 3\n        pressureByRegion: { leg.knee.popliteal: 2 }'),
      {
        perSide: true,
      },
    );
    expect(parsedRoutine(text).diagnostics).toEqual([]);
  });

  it('checks a pressing return, not a lifted one', () => {
    const up = PRESS.replace(
      'path: { from: sacrum, to: c7, lateral: 0.025 }',
      'path: { from: t12, to: c7, lateral: 0.025 }',
    );
    const lifted = up.replace('hands: mirrored', 'hands: together\n        return: lifted');
    expect(parsedRoutine(routineText(lifted)).diagnostics).toEqual([]);
    const pressingOverSpine = up.replace(
      'hands: mirrored',
      'hands: together\n        return: { left: { from: c7, to: t12, lateral: 0 }, right: { from: c7, to: t12, lateral: 0 } }',
    );
    expect(where(parsedRoutine(routineText(pressingOverSpine)).diagnostics)).toEqual([
      '17:25 path of spine-fingertip-press crosses back.spine (spine line: never pressed) at pressure 3; the region tolerates 0',
    ]);
  });

  it('does not check a holding hand', () => {
    const lift = [
      '      - id: leg-hold',
      '        title: { en: Hold }',
      '        technique: knead',
      '        hands: hold-and-work',
      '        path: [{ at: calf }, { at: lower-calf }]',
      '        hold: { at: popliteal }',
      '        pressure: 3',
      '        repSeconds: 10',
      '        reps: { default: 2 }',
      '        cues: { en: { before: Hold. } }',
    ].join('\n');
    expect(parsedRoutine(routineText(lift, { perSide: true })).diagnostics).toEqual([]);
  });

  it('does not check a step that presses nothing', () => {
    const text = routineText(
      PRESS.replace('lateral: 0.025', 'lateral: 0').replace('pressure: 3', 'pressure: null'),
    );
    expect(parsedRoutine(text).diagnostics).toEqual([]);
  });
});

describe('ruleFileFromYaml', () => {
  const RULES = [
    'rules:',
    '  - id: knee-light',
    '    title: { en: Light at the knee }',
    '    when: { always: true }',
    '    effects:',
    '      - kind: soften',
    '        region: leg.knee',
    '        maxPressure: 2',
    '        reason: { en: Light. }',
    '',
  ].join('\n');

  it('returns a valid rules file', () => {
    const r = ruleFileFromYaml(RULES, { file: 'rules.yaml' });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.rules[0]?.appliesAt).toBe('plan');
  });

  it.each([
    [
      'an unknown region',
      ['region: leg.knee', 'region: leg.kne'],
      '7:17 unknown region "leg.kne" (did you mean "leg.knee"?)',
    ],
    [
      'an unknown effect kind',
      ['kind: soften', 'kind: soft'],
      '6:15 kind: expected one of refuse, skip, exclude-region, replace, soften, limit-reps, limit-position, warn; got "soft" (did you mean "soften"?)',
    ],
    [
      'an unknown condition',
      ['{ always: true }', '{ condition: fevers }'],
      `4:24 condition: expected one of ${CONDITION_IDS.join(', ')}; got "fevers" (did you mean "fever"?)`,
    ],
    [
      'a narrowing the condition does not take',
      ['{ always: true }', '{ condition: fever, isCleared: true }'],
      '4:42 fever has no isCleared, so "isCleared" never matches',
    ],
    [
      'a severity the condition does not take',
      ['{ always: true }', '{ condition: varicose-veins, severity: controlled }'],
      '4:50 expected one of mild, severe for varicose-veins',
    ],
    [
      'an unknown region in when',
      ['{ always: true }', '{ condition: local-lesion, regions: [legg] }'],
      '4:48 unknown region "legg" (did you mean "leg"?)',
    ],
  ])('reports %s', (_name, [from, to], expected) => {
    const r = ruleFileFromYaml(RULES.replace(from as string, to as string), { file: 'rules.yaml' });
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([expected]);
  });

  it('reports a duplicate rule id, in the file and across files', () => {
    const twice = `${RULES}${RULES.replace('rules:\n', '')}`;
    expect(where(ruleFileFromYaml(twice, { file: 'rules.yaml' }).diagnostics)).toEqual([
      '10:9 duplicate rule id "knee-light" (first used at line 2)',
    ]);
    const elsewhere = new Map([['knee-light', 'other.yaml']]);
    expect(
      where(ruleFileFromYaml(RULES, { file: 'rules.yaml', definedElsewhere: elsewhere }).diagnostics),
    ).toEqual(['2:9 rule id "knee-light" is also defined in other.yaml']);
  });
});

describe('helpers', () => {
  it('yamlFileKind tells routines from rules files', () => {
    expect(yamlFileKind(routineText(PRESS))).toBe('routine');
    expect(yamlFileKind('rules: []')).toBe('rules');
    expect(yamlFileKind('- a list')).toBe('unknown');
    expect(yamlFileKind('other: 1')).toBe('unknown');
  });

  it('diagnosticText formats file:line:column: message, marking warnings', () => {
    const d: Diagnostic = { file: 'a.yaml', line: 3, column: 7, message: 'bad', severity: 'error' };
    expect(diagnosticText(d)).toBe('a.yaml:3:7: bad');
    expect(diagnosticText({ ...d, severity: 'warning' })).toBe('a.yaml:3:7: warning: bad');
  });
});

describe('routineFromYaml: steps in parts', () => {
  /** A forearm glide in two parts; `change` edits its lines (the step starts at line 13). */
  const PARTED = [
    '      - id: forearm',
    '        title: { en: Forearms }',
    '        technique: glide',
    '        tools: forearm',
    '        hands: independent',
    '        pressure: 3',
    '        repSeconds: 15',
    '        reps: { default: 4 }',
    '        cues: { en: { before: Forearms on the middle of the back. } }',
    '        parts:',
    '          - id: along',
    '            title: { en: Along the spine }',
    '            share: 0.5',
    '            paths:',
    '              left: [{ at: mid-back, lateral: 0.03 }, { at: c7, lateral: 0.03, dy: 0.03 }]',
    '              right: [{ at: mid-back, lateral: 0.03 }, { at: sacrum, lateral: 0.03 }]',
    '            figure: 114',
    '            cues: { en: { before: Along the spine. } }',
    '          - id: diagonals',
    '            title: { en: On the diagonals }',
    '            share: 0.5',
    '            paths:',
    '              left: [{ at: mid-back, lateral: 0.03 }, { at: acromion, lateral: -0.015 }]',
    '              right: [{ at: mid-back, lateral: 0.03 }, { at: gluteal-centre }]',
    '            cues: { en: { before: On the diagonals. } }',
  ];
  const edited = (edits: Record<number, string | null>) =>
    PARTED.flatMap((line, i) => {
      const to = edits[i + 13];
      return to === undefined ? [line] : to === null ? [] : [to];
    }).join('\n');

  it('accepts a step in parts', () => {
    const r = parsedRoutine(routineText(PARTED.join('\n')));
    expect(where(r.diagnostics)).toEqual([]);
    expect(r.value?.sections[0]?.steps[0]?.parts?.map((p) => p.id)).toEqual(['along', 'diagonals']);
  });

  it.each([
    [
      'shares that do not add up',
      { 33: '            share: 0.3' },
      '23:11 the shares of the parts add up to 0.8, not 1',
    ],
    [
      'a part id used twice',
      { 31: '          - id: along' },
      '31:17 part id "along" is used twice in this step',
    ],
    [
      'a part with no motion',
      { 34: null, 35: null, 36: null },
      '31:13 part "diagonals" has no motion: give it a path or paths (or give the step one it can use)',
    ],
    [
      'a figure on two parts',
      { 37: '            figure: 114\n            cues: { en: { before: On the diagonals. } }' },
      '37:21 figure 114 is on parts "along" and "diagonals": a figure shows one part',
    ],
    [
      'a figure on the step and a part',
      { 20: '        reps: { default: 4 }\n        figure: 114' },
      '30:21 figure 114 is on the step and on part "along": put it on the part only',
    ],
    [
      'during lines on a step in parts',
      { 21: '        cues: { en: { before: Forearms., during: [Slowly.] } }' },
      '21:50 a step in parts says its during lines in its parts (parts[].cues), each while it runs',
    ],
    [
      'an unknown landmark in a part',
      { 28: '              right: [{ at: mid-back, lateral: 0.03 }, { at: sacrumm, lateral: 0.03 }]' },
      '28:62 unknown landmark "sacrumm" (did you mean "sacrum"?)',
    ],
    ['a share of nothing', { 25: '            share: 0' }, '25:20 share: expected more than 0; got 0'],
    ['a part on the spine', { 35: '              left: [{ at: mid-back }, { at: c7 }]' }, 'back.spine'],
  ] as const)('rejects %s, at its line and column', (_what, edits, expected) => {
    const r = parsedRoutine(routineText(edited(edits as Record<number, string | null>)));
    const got = where(r.diagnostics);
    expect(
      got.some((d) => d.includes(expected)),
      got.join('\n'),
    ).toBe(true);
  });
});

describe('routineFromYaml: figures with their moment', () => {
  const step = (figure: string) =>
    routineText(
      [
        '      - id: lift',
        '        title: { en: Lift }',
        '        technique: lift',
        '        hands: together',
        '        path: [{ at: popliteal }]',
        '        pressure: null',
        '        repSeconds: 10',
        '        reps: { default: 3, isCountBound: true }',
        '        cues: { en: { before: Lift. } }',
        figure,
      ].join('\n'),
      { perSide: true },
    );

  it('accepts a number, or a number with its repetition, phase and caption', () => {
    for (const figure of [
      '        figure: 112',
      '        figure: { figure: 112, phase: most-extended, repetition: 2, what: { en: The leg up } }',
      '        figures: [111, { figure: 112, phase: 0.4 }]',
      '        figure: { figure: 112, view: side }',
      '        figures: [{ figure: 111, view: head }, { figure: 112, view: closeup }]',
    ]) {
      expect(where(parsedRoutine(step(figure)).diagnostics), figure).toEqual([]);
    }
  });

  it('names the file, line and column of a figure’s unknown view', () => {
    const r = parsedRoutine(step('        figure: { figure: 112, view: front }'));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map(diagnosticText)).toEqual([
      expect.stringMatching(/^r\.yaml:23:38: view: expected one of top, side, head, closeup/),
    ]);
  });

  it.each([
    ['a phase past the repetition', '        figure: { figure: 112, phase: 1.5 }', '23:39 phase: expected'],
    ['an unknown moment', '        figure: { figure: 112, phase: highest }', '23:39 phase: expected'],
    [
      'an unknown view',
      '        figure: { figure: 112, view: front }',
      '23:38 view: expected one of top, side, head, closeup',
    ],
    [
      'a view as a list',
      '        figures: [{ figure: 112, view: [side] }]',
      '23:40 view: expected one of top, side, head, closeup; got a list',
    ],
    [
      'a figure not among figures',
      '        figure: { figure: 112 }\n        figures: [111]',
      'figure 112 is not among figures (111)',
    ],
  ])('rejects %s', (_what, figure, expected) => {
    const got = where(parsedRoutine(step(figure)).diagnostics);
    expect(
      got.some((d) => d.includes(expected)),
      got.join('\n'),
    ).toBe(true);
  });
});

describe('routineFromYaml: a step’s hand shape', () => {
  const step = (line: string) =>
    routineText(
      [
        '      - id: shampoo',
        '        title: { en: Shampoo }',
        '        technique: friction',
        '        tools: fingertips',
        line,
        '        hands: together',
        '        path: [{ at: crown, lateral: 0.03 }]',
        '        pressure: 2',
        '        repSeconds: 10',
        '        reps: { default: 3 }',
        '        cues: { en: { before: Wash. } }',
      ].join('\n'),
    );

  it('accepts spread fingers on a step', () => {
    const r = parsedRoutine(step('        handShape: spread-fingers'));
    expect(where(r.diagnostics)).toEqual([]);
    expect(r.value?.sections[0]?.steps[0]?.handShape).toBe('spread-fingers');
  });

  it('names the line and column of an unknown hand shape, and the shapes there are', () => {
    const got = where(parsedRoutine(step('        handShape: spread')).diagnostics);
    expect(
      got.some((d) => /handShape: expected one of .*spread-fingers/.test(d)),
      got.join('\n'),
    ).toBe(true);
  });
});
