import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRules } from '../../test/support/content.js';
import { routineFromYaml, ruleFileFromYaml } from './routine-parse.js';

const bodyMap = testBodyMap();
const ruleIds = testRules().map((r) => r.id);
const routineText = readFileSync(new URL('../content/routines/spinal-column.yaml', import.meta.url), 'utf8');
const rulesText = readFileSync(new URL('../content/rules/spinal-column.yaml', import.meta.url), 'utf8');

/** One edit an author (or a bad merge) might make to a file. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace-char' as const),
    at: fc.nat(),
    char: fc.constantFrom(':', '-', ' ', '{', ']', '"', 'x', '7', '\t', '#'),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function edited(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of edits) {
    const lines = out.split('\n');
    const line = e.at % Math.max(lines.length, 1);
    if (e.kind === 'delete-line') lines.splice(line, 1);
    else if (e.kind === 'duplicate-line') lines.splice(line, 0, lines[line] ?? '');
    else if (e.kind === 'indent') lines[line] = `  ${lines[line] ?? ''}`;
    else if (e.kind === 'truncate') return lines.slice(0, line).join('\n');
    else {
      const at = e.at % Math.max(out.length, 1);
      return out.slice(0, at) + e.char + out.slice(at + 1);
    }
    out = lines.join('\n');
  }
  return out;
}

function positionsValid(
  text: string,
  diagnostics: readonly { line: number; column: number; file: string }[],
): boolean {
  const lines = text.split('\n');
  return diagnostics.every(
    (d) =>
      d.file === 'f.yaml' &&
      Number.isInteger(d.line) &&
      d.line >= 1 &&
      d.line <= lines.length + 1 &&
      Number.isInteger(d.column) &&
      d.column >= 1 &&
      d.column <= (lines[d.line - 1]?.length ?? 0) + 2,
  );
}

describe('parsing never crashes and always says where (edited files)', () => {
  it('the seed routine with random edits: a value with no errors, or errors at real positions', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edited(routineText, edits);
        const r = routineFromYaml(text, { file: 'f.yaml', bodyMap, ruleIds });
        expect(positionsValid(text, r.diagnostics)).toBe(true);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        expect(r.value === undefined).toBe(errors.length > 0);
        for (const d of errors) expect(d.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the rules file with random edits: the same', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edited(rulesText, edits);
        const r = ruleFileFromYaml(text, { file: 'f.yaml' });
        expect(positionsValid(text, r.diagnostics)).toBe(true);
        expect(r.value === undefined).toBe(r.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('the unedited files parse clean (so the property above can tell a break from a bad file)', () => {
    expect(routineFromYaml(routineText, { file: 'f.yaml', bodyMap, ruleIds }).diagnostics).toEqual([]);
    expect(ruleFileFromYaml(rulesText, { file: 'f.yaml' }).diagnostics).toEqual([]);
  });
});
