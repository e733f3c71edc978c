import { describe, expect, it } from 'vitest';
import { builtinRoutineIds, builtinRoutinePath, builtinRulesPaths } from '../content/load.js';
import { Step } from '../core/routine.js';
import { cliRun } from './test-support/cli-run.js';

const run = cliRun;

const BROKEN = 'test/fixtures/broken';
const VALID_ROUTINE = 'test/fixtures/valid/mini-routine.yaml';
const VALID_RULES = 'test/fixtures/valid/mini-rules.yaml';

describe('validate: each broken fixture gives its problem at its line and column', () => {
  it.each([
    [
      'bad-yaml-syntax.txt',
      '21:9: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['wrong-type.yaml', '20:19: pressure: expected a number; got "three"'],
    [
      'unknown-technique.yaml',
      '16:20: technique: expected one of glide, press, knead, friction, drain, squeeze, traction, stretch, rotate, lift, rub, tug, rest; got "massage"',
    ],
    ['unknown-key.yaml', `21:9: unknown key "colour" (allowed: ${Object.keys(Step.shape).join(', ')})`],
    ['unknown-landmark.yaml', '19:35: unknown landmark "c8" (did you mean "c7"?)'],
    [
      'unknown-caution.yaml',
      '23:20: unknown rule "spine-no-pressure" in cautions (did you mean "spine-no-direct-pressure"?)',
    ],
    ['duplicate-step-id.yaml', '26:13: duplicate step id "spine-fingertip-press" (first used at line 14)'],
    [
      'path-over-spine.yaml',
      '19:15: path of spine-fingertip-press crosses back.spine (spine line: never pressed) at pressure 3; the region tolerates 0',
    ],
    [
      'unknown-timing-section.yaml',
      '8:27: timing for 30 minutes names unknown section "neck"; sections are back',
    ],
  ])('%s', async (name, expected) => {
    const file = `${BROKEN}/${name}`;
    // The fixtures name rules of their own: validate them with the small rules file beside.
    const r = await run(['validate', file, VALID_RULES]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([`${file}:${expected}`, '1 problem in 1 of 2 files', '']);
  });
});

describe('validate', () => {
  it('reports all three problems of a file with three', async () => {
    const file = `${BROKEN}/three-problems.yaml`;
    const r = await run(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      `${file}:16:20: technique: expected one of glide, press, knead, friction, drain, squeeze, traction, stretch, rotate, lift, rub, tug, rest; got "kneed" (did you mean "knead"?)`,
      `${file}:20:19: pressure: expected at most 5; got 7`,
      `${file}:21:17: figure 115 is not among figures (114)`,
      '3 problems in 1 of 1 file',
      '',
    ]);
  });

  it('reports the problems of a broken rules file', async () => {
    const file = `${BROKEN}/bad-rules.yaml`;
    const r = await run(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^${file}:5:24: condition: expected one of .*; got "feverish" \\(did you mean "fever"\\?\\)$`,
      ),
    );
    expect(lines.slice(1)).toEqual([
      `${file}:13:15: kind: expected one of refuse, skip, exclude-region, replace, soften, limit-reps, limit-position, warn; got "sofen" (did you mean "soften"?)`,
      `${file}:17:17: unknown region "leg.shin"`,
      '3 problems in 1 of 1 file',
      '',
    ]);
  });

  it('prints one summary line for valid files and exits 0', async () => {
    const r = await run(['validate', VALID_ROUTINE, VALID_RULES]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 2 files, 1 routine (5 steps), 1 rules file (3 rules)\n');
  });

  it('checks every file, in the order given, and says which could not be read', async () => {
    const r = await run([
      'validate',
      `${BROKEN}/wrong-type.yaml`,
      'no/such/file.yaml',
      VALID_ROUTINE,
      `${BROKEN}/unknown-landmark.yaml`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'no/such/file.yaml: cannot read: no such file',
      `${BROKEN}/wrong-type.yaml:20:19: pressure: expected a number; got "three"`,
      `${BROKEN}/unknown-landmark.yaml:19:35: unknown landmark "c8" (did you mean "c7"?)`,
      '3 problems in 3 of 4 files',
      '',
    ]);
  });

  it('says when a file is neither a routine nor a rules file', async () => {
    const r = await run(['validate', 'examples/intakes/sample.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'examples/intakes/sample.json:1:1: neither a routine (no "sections" key) nor a rules file (no "rules" key)',
    );
  });

  it('finds a rule id defined in two rules files', async () => {
    const r = await run(['validate', VALID_RULES, VALID_RULES.replace('valid/', 'valid/../valid/')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `test/fixtures/valid/../valid/mini-rules.yaml:3:9: rule id "spine-no-direct-pressure" is also defined in ${VALID_RULES}`,
    );
  });

  it('needs at least one file (usage error)', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });

  it('accepts every built-in routine and rules file', async () => {
    const files = [...builtinRoutineIds().map(builtinRoutinePath), ...builtinRulesPaths()];
    expect(files.length).toBeGreaterThan(0);
    const r = await run(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ files, \d+ routines? \(\d+ steps\)/);
  });
});
