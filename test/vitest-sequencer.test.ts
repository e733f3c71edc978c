import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOWEST_FIRST, slowestFirst } from '../vitest.sequencer.js';

const root = join(import.meta.dirname, '..');

describe('the unit suite starts its slowest files first', () => {
  it('names only files that exist (a renamed file would silently lose its place)', () => {
    for (const path of SLOWEST_FIRST) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it('moves the slowest files to the front, in their order, and keeps the rest in the order given', () => {
    const given = [
      'src/a.test.ts',
      SLOWEST_FIRST[2]!,
      'src/b.test.ts',
      SLOWEST_FIRST[0]!,
      'src/c.test.ts',
    ].map((path) => join(root, path));
    expect(slowestFirst(given, (path) => path).map((path) => path.slice(root.length + 1))).toEqual([
      SLOWEST_FIRST[0],
      SLOWEST_FIRST[2],
      'src/a.test.ts',
      'src/b.test.ts',
      'src/c.test.ts',
    ]);
  });

  it('matches whole path segments only, and Windows separators', () => {
    const lookalike = join(root, 'src/core/not-planner.property.test.ts');
    const windows = `C:\\repo\\${SLOWEST_FIRST[1]!.replaceAll('/', '\\')}`;
    expect(slowestFirst([lookalike, windows], (path) => path)).toEqual([windows, lookalike]);
  });
});
