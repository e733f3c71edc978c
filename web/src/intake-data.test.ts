import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/intake.js';
import { CONDITION_FIELDS, CONDITION_GROUPS, CONDITION_VALUES } from './intake-data.js';

describe('the intake lists compiled for the first page', () => {
  it('are the core’s, group by group, condition by condition', () => {
    expect(CONDITION_GROUPS).toEqual(core.CONDITION_GROUPS);
    expect(CONDITION_FIELDS).toEqual(core.CONDITION_FIELDS);
    expect(CONDITION_VALUES).toEqual(core.CONDITION_VALUES);
  });

  it('name every condition the core knows, once', () => {
    const listed = CONDITION_GROUPS.flatMap((g) => [...g.conditions]).sort();
    expect(listed).toEqual([...core.CONDITION_IDS].sort());
    expect(Object.keys(CONDITION_FIELDS).sort()).toEqual([...core.CONDITION_IDS].sort());
  });
});
