import { describe, expect, it } from 'vitest';
import { FRAME_HEAP_GROWING_PERCENT, heapGrowthHolders, heapGrowthWidened } from './heap-growth.js';

describe('heapGrowthWidened', () => {
  it("widens V8's heap growth for the first holder and puts V8's own back after the last", () => {
    const set: string[] = [];
    const first = heapGrowthWidened((flags) => set.push(flags));
    expect(set).toEqual([`--heap-growing-percent=${FRAME_HEAP_GROWING_PERCENT}`]);
    const second = heapGrowthWidened((flags) => set.push(flags));
    expect(heapGrowthHolders()).toBe(2);
    first();
    // Another export still draws: the growth stays wide.
    expect(set).toHaveLength(1);
    second();
    expect(set).toEqual([`--heap-growing-percent=${FRAME_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
    expect(heapGrowthHolders()).toBe(0);
  });

  it('counts a holder once however often it lets go', () => {
    const set: string[] = [];
    const held = heapGrowthWidened((flags) => set.push(flags));
    const other = heapGrowthWidened((flags) => set.push(flags));
    held();
    held();
    expect(heapGrowthHolders()).toBe(1);
    expect(set).toHaveLength(1);
    other();
    expect(heapGrowthHolders()).toBe(0);
    expect(set).toHaveLength(2);
  });

  it('asks V8 for a growth it accepts (a percentage above its own)', () => {
    expect(Number.isInteger(FRAME_HEAP_GROWING_PERCENT)).toBe(true);
    expect(FRAME_HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    // The real setter: V8 takes the flag (an unknown one would be reported on stderr, not thrown), and gives it back.
    heapGrowthWidened()();
    expect(heapGrowthHolders()).toBe(0);
  });
});
