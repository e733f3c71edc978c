import { describe, expect, it } from 'vitest';
import {
  builtinBodyMap,
  builtinRoutine,
  builtinRoutineIds,
  builtinRoutinePath,
  builtinRules,
  builtinRulesPaths,
  routineFromFile,
  ruleFileFromFile,
} from './load.js';

describe('built-in content', () => {
  it('finds the routine files in src/content/routines', () => {
    expect(builtinRoutinePath('spinal-column')).toMatch(
      /src[\\/]content[\\/]routines[\\/]spinal-column\.yaml$/,
    );
    expect(builtinRoutineIds()).toContain('spinal-column');
    expect(builtinRoutineIds()).toEqual([...builtinRoutineIds()].sort());
  });

  it('loads the seed routine, checked against the body map and the rules', () => {
    const routine = builtinRoutine('spinal-column');
    expect(routine.id).toBe('spinal-column');
    expect(routine.sections.length).toBeGreaterThan(0);
  });

  it('merges every rules file, each rule id once', () => {
    const rules = builtinRules();
    expect(builtinRulesPaths().length).toBeGreaterThan(0);
    expect(rules.length).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.map((r) => r.id)).toContain('spine-no-direct-pressure');
  });

  it('says which routines exist when asked for a missing one', () => {
    expect(() => builtinRoutine('no-such-routine')).toThrow(
      /no built-in routine "no-such-routine" \(built-in: .*spinal-column/,
    );
  });

  it('builds the body map once', () => {
    expect(builtinBodyMap()).toBe(builtinBodyMap());
    expect(builtinBodyMap().landmarks.has('c7')).toBe(true);
  });
});

describe('files', () => {
  it('routineFromFile gives the routine, or the diagnostics with the path as given', () => {
    const bodyMap = builtinBodyMap();
    expect(routineFromFile('test/fixtures/valid/mini-routine.yaml', { bodyMap }).value?.id).toBe('mini');
    const broken = routineFromFile('test/fixtures/broken/unknown-landmark.yaml', { bodyMap });
    expect(broken.value).toBeUndefined();
    expect(broken.diagnostics).toEqual([
      {
        file: 'test/fixtures/broken/unknown-landmark.yaml',
        line: 19,
        column: 35,
        message: 'unknown landmark "c8" (did you mean "c7"?)',
        severity: 'error',
      },
    ]);
  });

  it('ruleFileFromFile reads a rules file; a missing file throws', () => {
    expect(ruleFileFromFile('test/fixtures/valid/mini-rules.yaml').value?.rules).toHaveLength(3);
    expect(() => ruleFileFromFile('no/such/rules.yaml')).toThrow(/ENOENT/);
  });
});
