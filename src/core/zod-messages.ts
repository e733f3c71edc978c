import { z } from 'zod';
import type { YamlPath } from './yaml-positions.js';

// Readable messages for zod issues, shared by the routine and rules parser and the intake parser:
// "technique: expected one of glide, knead, …; got "kneed" (did you mean "knead"?)".

/** A zod issue. */
export type Issue = z.core.$ZodIssue;

export function valueAt(data: unknown, path: YamlPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

export function described(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

const EXPECTED_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

export function valuesListed(values: readonly unknown[]): string {
  const words = values.map((v) => (typeof v === 'string' ? v : String(v)));
  return words.length === 1 ? String(words[0]) : `one of ${words.join(', ')}`;
}

/** Edit distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest known name to a misspelt one, if one is close enough to be a typo. */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(name, k);
    // About one edit in three ("c8" finds "c7", "neck" does not find "back"), or one name extending the other.
    const limit = Math.max(1, Math.floor(0.32 * Math.max(name.length, k.length)));
    const [shorter, longer] = name.length <= k.length ? [name, k] : [k, name];
    const isExtension = shorter.length >= 4 && longer.startsWith(shorter);
    if ((d <= limit || isExtension) && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

export function suggestion(name: unknown, known: readonly unknown[]): string {
  if (typeof name !== 'string') return '';
  const near = nearestName(
    name,
    known.filter((k): k is string => typeof k === 'string'),
  );
  return near ? ` (did you mean "${near}"?)` : '';
}

/** The field a message is about: the last key, with any list indices after it. */
export function fieldLabel(path: YamlPath): string {
  let k = path.length - 1;
  while (k >= 0 && typeof path[k] === 'number') k--;
  if (k < 0) return '';
  return `${String(path[k])}${path
    .slice(k + 1)
    .map((i) => `[${String(i)}]`)
    .join('')}`;
}

function isRootMismatch(issue: Issue, value: unknown): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  if (issue.code === 'invalid_value') return !issue.values.some((v) => typeof v === typeof value);
  if (issue.code === 'invalid_union') {
    return issue.errors.length > 0 && issue.errors.every((b) => b.some((i) => isRootMismatch(i, value)));
  }
  return false;
}

/** The union branch the author most likely meant: its shape fits the value, with the fewest issues. */
function branchChosen(branches: readonly (readonly Issue[])[], value: unknown): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const branch of branches) {
    if (branch.some((i) => isRootMismatch(i, value))) continue;
    let score = 0;
    for (const i of branch) score += i.code === 'unrecognized_keys' ? 10 * i.keys.length : 1;
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function branchExpectation(branch: readonly Issue[]): string | undefined {
  const root = branch.find((i) => i.path.length === 0);
  if (!root) return undefined;
  if (root.code === 'invalid_type') return EXPECTED_WORDS[root.expected] ?? root.expected;
  if (root.code === 'invalid_value') return valuesListed(root.values);
  if (root.code === 'invalid_union') {
    const inner = root.errors.map(branchExpectation).filter((e): e is string => e !== undefined);
    return inner.join(' or ');
  }
  return undefined;
}

export interface FlatIssue {
  readonly path: YamlPath;
  readonly issue: Issue;
}

export function issuesFlattened(issues: readonly Issue[], base: YamlPath, data: unknown): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const chosen = branchChosen(issue.errors, valueAt(data, path));
      if (chosen) {
        out.push(...issuesFlattened(chosen, path, data));
        continue;
      }
    }
    out.push({ path, issue });
  }
  return out;
}

/** The object keys a schema allows at a path (all union branches together), for "did you mean". */
export function schemaKeysAt(schema: z.ZodType, path: YamlPath): string[] {
  const keys = new Set<string>();
  const visit = (s: z.ZodType, i: number, depth: number): void => {
    if (depth > 64) return;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      visit(s.unwrap() as z.ZodType, i, depth + 1);
    } else if (s instanceof z.ZodUnion) {
      for (const o of s.options as readonly z.ZodType[]) visit(o, i, depth + 1);
    } else if (s instanceof z.ZodObject) {
      if (i === path.length) {
        for (const k of Object.keys(s.shape)) keys.add(k);
        return;
      }
      const child = (s.shape as Record<string, z.ZodType>)[String(path[i])];
      if (child) visit(child, i + 1, depth + 1);
    } else if (s instanceof z.ZodArray) {
      if (i < path.length) visit(s.element as z.ZodType, i + 1, depth + 1);
    } else if (s instanceof z.ZodRecord) {
      if (i < path.length) visit(s.valueType as z.ZodType, i + 1, depth + 1);
      else if (s.keyType instanceof z.ZodEnum) for (const k of s.keyType.options) keys.add(String(k));
    }
  };
  visit(schema, 0, 0);
  return [...keys];
}

export function issueMessage(flat: FlatIssue, data: unknown): string {
  const { issue, path } = flat;
  const value = valueAt(data, path);
  const label = fieldLabel(path);
  const field = label ? `${label}: ` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined && typeof path.at(-1) === 'string') {
        return `missing required key "${label}" (${expected})`;
      }
      return `${field}expected ${expected}; got ${described(value)}`;
    }
    case 'invalid_value':
      return `${field}expected ${valuesListed(issue.values)}; got ${described(value)}${suggestion(value, issue.values)}`;
    case 'invalid_union': {
      if ('options' in issue && issue.options && issue.options.length > 0) {
        if (value === undefined) return `missing required key "${label}" (${valuesListed(issue.options)})`;
        return `${field}expected ${valuesListed(issue.options)}; got ${described(value)}${suggestion(value, issue.options)}`;
      }
      const expectations = issue.errors.map(branchExpectation).filter((e): e is string => e !== undefined);
      if (expectations.length > 0)
        return `${field}expected ${expectations.join(' or ')}; got ${described(value)}`;
      return `${field}${issue.message}`;
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'array') {
        return `${field}expected ${issue.exact ? 'exactly' : 'at least'} ${n} item${n === '1' ? '' : 's'}`;
      }
      if (issue.origin === 'string') return `${field}must not be empty`;
      return `${field}expected ${issue.inclusive === false ? 'more than' : 'at least'} ${n}; got ${described(value)}`;
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'array') {
        return `${field}expected ${issue.exact ? 'exactly' : 'at most'} ${n} item${n === '1' ? '' : 's'}`;
      }
      if (issue.origin === 'string') return `${field}expected at most ${n} characters`;
      return `${field}expected ${issue.inclusive === false ? 'less than' : 'at most'} ${n}; got ${described(value)}`;
    }
    case 'invalid_format':
      // The schema's own message (e.g. how an id is spelt) says more than "invalid string".
      return `${field}${issue.message.startsWith('Invalid') ? `invalid ${issue.format}` : issue.message}; got ${described(value)}`;
    default:
      return `${field}${issue.message}`;
  }
}

/** Parses data with a schema; reports every issue at its node and returns the value when valid. */
