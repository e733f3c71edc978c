import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/intake.js';

// What web/src/intake-data.ts serves the first page: the lists compile-content.ts wrote (read as the module does).
const compiled = JSON.parse(
  readFileSync(new URL('./generated/intake-data.json', import.meta.url), 'utf8'),
) as {
  groups: typeof core.CONDITION_GROUPS;
  fields: typeof core.CONDITION_FIELDS;
  values: typeof core.CONDITION_VALUES;
};

describe('the intake lists compiled for the first page', () => {
  it('are the core’s, group by group, condition by condition', () => {
    expect(compiled.groups).toEqual(core.CONDITION_GROUPS);
    expect(compiled.fields).toEqual(core.CONDITION_FIELDS);
    expect(compiled.values).toEqual(core.CONDITION_VALUES);
  });

  it('name every condition the core knows, once', () => {
    const listed = compiled.groups.flatMap((g) => [...g.conditions]).sort();
    expect(listed).toEqual([...core.CONDITION_IDS].sort());
    expect(Object.keys(compiled.fields).sort()).toEqual([...core.CONDITION_IDS].sort());
  });
});
