import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { type BodyMap, pathViolations, type RegionShape, regionsAt } from './body-map.js';
import { bodyPoint } from './geometry.js';
import { ClientPosition, REGION_IDS, type RegionId, regionMatchesPrefix, type Side } from './ids.js';
import type { HandTrack, TrackPoint } from './plan-types.js';
import { Routine, Section, Step } from './routine.js';
import { RuleEffect, RuleFile } from './rules.js';
import { stepMotionResolved } from './step-motion.js';
import {
  type YamlPath,
  yamlKeyNodeAt,
  yamlNodeAt,
  yamlNodePosition,
  yamlOffsetPosition,
} from './yaml-positions.js';

/** One problem found in a source file, at a 1-based line and column. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** What a parse gives: the value when there is no error, and every diagnostic in source order. */
export interface ParseResult<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of `routineFromYaml`. */
export interface RoutineParseOptions {
  /** The file name diagnostics carry. */
  readonly file: string;
  /** The body map landmarks and regions are checked against. */
  readonly bodyMap: BodyMap;
  /** Known rule ids; when given, every step's `cautions` must name one of them. */
  readonly ruleIds?: Iterable<string> | undefined;
}

/** How finely a path is sampled for the region check, in body-frame units. */
const SAMPLE_STEP = 0.002;

interface Source {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly out: Diagnostic[];
}

function reportAt(
  src: Source,
  position: { line: number; column: number },
  message: string,
  severity: Diagnostic['severity'] = 'error',
): void {
  src.out.push({ file: src.file, line: position.line, column: position.column, message, severity });
}

function reportNode(src: Source, node: Node | null | undefined, message: string): void {
  reportAt(src, yamlNodePosition(src.lines, node), message);
}

/** Reports at the node for `path`, or at its nearest existing ancestor. */
function reportPath(src: Source, path: YamlPath, message: string): void {
  reportNode(src, yamlNodeAt(src.doc, path).node, message);
}

function sourceParsed(text: string, file: string): { src: Source; data: unknown; isSyntaxOk: boolean } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const src: Source = { file, doc, lines, out: [] };
  // One broken line often trips several errors; the first on each line says what went wrong.
  const errorLines = new Set<number>();
  for (const e of doc.errors) {
    const at = yamlOffsetPosition(lines, e.pos[0]);
    if (errorLines.has(at.line)) continue;
    errorLines.add(at.line);
    reportAt(src, at, yamlMessage(e.message));
  }
  for (const w of doc.warnings) {
    reportAt(src, yamlOffsetPosition(lines, w.pos[0]), yamlMessage(w.message), 'warning');
  }
  if (doc.errors.length > 0) return { src, data: undefined, isSyntaxOk: false };
  return { src, data: doc.toJS({ maxAliasCount: 1000 }) as unknown, isSyntaxOk: true };
}

function yamlMessage(message: string): string {
  // yaml appends " at line L, column C" to some messages; the diagnostic carries the position already.
  const first = message.split('\n')[0] ?? message;
  return `YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}

function sorted(out: readonly Diagnostic[]): Diagnostic[] {
  return [...out].sort((a, b) => a.line - b.line || a.column - b.column);
}

// ── Schema issues → readable diagnostics ─────────────────────────────────────────────────────────

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: YamlPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function described(value: unknown): string {
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

function valuesListed(values: readonly unknown[]): string {
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
function nearestName(name: string, known: Iterable<string>): string | undefined {
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

function suggestion(name: unknown, known: readonly unknown[]): string {
  if (typeof name !== 'string') return '';
  const near = nearestName(
    name,
    known.filter((k): k is string => typeof k === 'string'),
  );
  return near ? ` (did you mean "${near}"?)` : '';
}

/** The field a message is about: the last key, with any list indices after it. */
function fieldLabel(path: YamlPath): string {
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

interface FlatIssue {
  readonly path: YamlPath;
  readonly issue: Issue;
}

function issuesFlattened(issues: readonly Issue[], base: YamlPath, data: unknown): FlatIssue[] {
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
function schemaKeysAt(schema: z.ZodType, path: YamlPath): string[] {
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

function issueMessage(flat: FlatIssue, data: unknown): string {
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
function schemaChecked<T>(src: Source, schema: z.ZodType<T>, data: unknown): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const flat of issuesFlattened(result.error.issues, [], data)) {
    if (flat.issue.code === 'unrecognized_keys') {
      const allowed = schemaKeysAt(schema, flat.path);
      for (const key of flat.issue.keys) {
        const near = nearestName(key, allowed);
        const hint = near
          ? ` (did you mean "${near}"?)`
          : allowed.length > 0
            ? ` (allowed: ${allowed.join(', ')})`
            : '';
        const keyNode = yamlKeyNodeAt(src.doc, flat.path, key);
        const message = `unknown key "${key}"${hint}`;
        if (keyNode) reportNode(src, keyNode, message);
        else reportPath(src, flat.path, message);
      }
      continue;
    }
    reportPath(src, flat.path, issueMessage(flat, data));
  }
  return undefined;
}

// ── Routine checks beyond the schema ─────────────────────────────────────────────────────────────

function idNode(src: Source, path: YamlPath): Node | null {
  return yamlNodeAt(src.doc, [...path, 'id']).node;
}

function duplicatesReported(
  src: Source,
  entries: readonly { id: string; path: YamlPath }[],
  what: string,
): void {
  const first = new Map<string, YamlPath>();
  for (const e of entries) {
    const seen = first.get(e.id);
    if (!seen) {
      first.set(e.id, e.path);
      continue;
    }
    const at = yamlNodePosition(src.lines, idNode(src, seen));
    reportNode(src, idNode(src, e.path), `duplicate ${what} id "${e.id}" (first used at line ${at.line})`);
  }
}

interface PressSample {
  readonly point: TrackPoint;
  readonly source: YamlPath;
  readonly pressure: number;
}

function polylineSampled(points: readonly TrackPoint[]): TrackPoint[] {
  const out: TrackPoint[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / SAMPLE_STEP));
    // A waypoint's surface holds from that point on, so the segment lies on the start point's surface.
    for (let k = 0; k < n; k++) {
      out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n, surface: a.surface });
    }
  }
  const last = points.at(-1);
  if (last) out.push(last);
  return out;
}

/** Every point a step presses on, each hand's working stroke and pressing return, mirrored when it alternates. */
function pressSamples(step: Step, hands: readonly HandTrack[], isAlternating: boolean): PressSample[] {
  const pressure = step.pressure;
  if (pressure === null) return [];
  const out: PressSample[] = [];
  const explicitReturn = typeof step.return === 'object' ? step.return : undefined;
  for (const h of hands) {
    if (h.isHolding) continue;
    const working: YamlPath = step.hands === 'independent' ? ['paths', h.hand] : ['path'];
    for (const point of polylineSampled(h.points)) out.push({ point, source: working, pressure });
    if (h.returnPoints && h.isReturnPressing) {
      const own = explicitReturn?.[h.hand];
      const source: YamlPath = own ? ['return', h.hand] : working;
      const returnPressure = explicitReturn?.pressure ?? pressure;
      for (const point of polylineSampled(h.returnPoints)) {
        out.push({ point, source, pressure: returnPressure });
      }
    }
  }
  if (isAlternating) {
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const s = out[i]!;
      out.push({ ...s, point: { ...s.point, x: -s.point.x } });
    }
  }
  return out;
}

const TOLERANCE_WORDS = [
  'never pressed',
  'resting touch only',
  'light only',
  'moderate at most',
  'firm at most',
];

function regionWords(map: BodyMap, region: RegionId, maxPressure: number): string {
  const shape: RegionShape | undefined = map.regions.find((r) => r.id === region);
  const name = (shape?.name ?? region).replace(/\s*\(.*\)\s*$/, '');
  return `${name}: ${TOLERANCE_WORDS[maxPressure] ?? `at most ${maxPressure}`}`;
}

function stepRegionsChecked(
  src: Source,
  map: BodyMap,
  step: Step,
  stepPath: YamlPath,
  samples: readonly PressSample[],
  reported: Set<string>,
): void {
  const byRegion = step.pressureByRegion ?? {};
  for (const s of samples) {
    const p = bodyPoint(s.point.x, s.point.y);
    let pressure = s.pressure;
    for (const h of regionsAt(map, s.point.surface, p)) {
      const softer = byRegion[h.region];
      if (softer !== undefined && softer < pressure) pressure = softer;
    }
    for (const v of pathViolations(map, s.point.surface, [p], pressure)) {
      if (reported.has(v.region)) continue;
      reported.add(v.region);
      reportPath(
        src,
        [...stepPath, ...s.source],
        `path of ${step.id} crosses ${v.region} (${regionWords(map, v.region, v.maxPressure)}) at pressure ${v.pressure}; the region tolerates ${v.maxPressure}`,
      );
    }
  }
}

function listAt(data: unknown, path: YamlPath): readonly unknown[] {
  const v = valueAt(data, path);
  return Array.isArray(v) ? v : [];
}

function idAt(data: unknown, path: YamlPath): string | undefined {
  const v = valueAt(data, [...path, 'id']);
  return typeof v === 'string' ? v : undefined;
}

function idsListed(data: unknown, list: string): { id: string; path: YamlPath }[] {
  const out: { id: string; path: YamlPath }[] = [];
  listAt(data, [list]).forEach((_, i) => {
    const id = idAt(data, [list, i]);
    if (id !== undefined) out.push({ id, path: [list, i] });
  });
  return out;
}

/** Cautions and figures are checked on the raw step, so a schema error elsewhere in it hides neither. */
function stepNamesChecked(
  src: Source,
  data: unknown,
  stepPath: YamlPath,
  ruleIds: ReadonlySet<string> | undefined,
): void {
  if (ruleIds) {
    listAt(data, [...stepPath, 'cautions']).forEach((rule, ci) => {
      if (typeof rule !== 'string' || ruleIds.has(rule)) return;
      const near = nearestName(rule, ruleIds);
      reportPath(
        src,
        [...stepPath, 'cautions', ci],
        `unknown rule "${rule}" in cautions${near ? ` (did you mean "${near}"?)` : ''}`,
      );
    });
  }
  const figure = valueAt(data, [...stepPath, 'figure']);
  const figures = valueAt(data, [...stepPath, 'figures']);
  if (typeof figure === 'number' && Array.isArray(figures) && !figures.includes(figure)) {
    reportPath(src, [...stepPath, 'figure'], `figure ${figure} is not among figures (${figures.join(', ')})`);
  }
}

/** Resolves a step on every side it is done on: unknown landmarks, then the pressure along its paths. */
function stepMotionChecked(
  src: Source,
  step: Step,
  stepPath: YamlPath,
  section: { position: ClientPosition | undefined; sides: readonly (Side | null)[] },
  map: BodyMap,
): void {
  if (section.position !== undefined) {
    const unknownSeen = new Set<string>();
    const samples: PressSample[] = [];
    for (const side of section.sides) {
      const { motion, unknownLandmarks } = stepMotionResolved(map, step, {
        position: section.position,
        side,
      });
      for (const u of unknownLandmarks) {
        const key = u.path.join('/');
        if (unknownSeen.has(key)) continue;
        unknownSeen.add(key);
        const near = nearestName(u.landmark, map.landmarks.keys());
        reportPath(
          src,
          [...stepPath, ...u.path],
          `unknown landmark "${u.landmark}"${near ? ` (did you mean "${near}"?)` : ''}`,
        );
      }
      samples.push(...pressSamples(step, motion.hands, motion.alternateSidesEachRep));
    }
    // Unresolved landmarks sit at the origin; checking regions there would only add noise.
    if (unknownSeen.size === 0) stepRegionsChecked(src, map, step, stepPath, samples, new Set());
  }
}

/**
 * Checks what the schema cannot: landmarks, cautions, figures, duplicate ids, timing names, safe paths.
 * Works on the raw data, every part that parses on its own, so one schema error hides nothing else.
 */
function routineChecked(src: Source, data: unknown, options: RoutineParseOptions): void {
  const ruleIds = options.ruleIds === undefined ? undefined : new Set(options.ruleIds);
  duplicatesReported(src, idsListed(data, 'sections'), 'section');
  const stepIds: { id: string; path: YamlPath }[] = [];
  listAt(data, ['sections']).forEach((_, si) => {
    const sectionPath: YamlPath = ['sections', si];
    const position = ClientPosition.safeParse(valueAt(data, [...sectionPath, 'position']));
    const perSide = Section.shape.perSide.safeParse(valueAt(data, [...sectionPath, 'perSide']));
    const sides: (Side | null)[] = perSide.success && perSide.data ? [...perSide.data.order] : [null];
    const section = { position: position.success ? position.data : undefined, sides };
    listAt(data, [...sectionPath, 'steps']).forEach((raw, ti) => {
      const stepPath: YamlPath = [...sectionPath, 'steps', ti];
      const id = idAt(data, stepPath);
      if (id !== undefined) stepIds.push({ id, path: stepPath });
      stepNamesChecked(src, data, stepPath, ruleIds);
      const step = Step.safeParse(raw);
      if (step.success) stepMotionChecked(src, step.data, stepPath, section, options.bodyMap);
    });
  });
  duplicatesReported(src, stepIds, 'step');
  const known = new Set(idsListed(data, 'sections').map((s) => s.id));
  listAt(data, ['timing']).forEach((row, ri) => {
    const path: YamlPath = ['timing', ri, 'sections'];
    const names = valueAt(data, path);
    if (names === null || typeof names !== 'object' || Array.isArray(names)) return;
    const minutes = valueAt(row, ['minutes']);
    for (const name of Object.keys(names)) {
      if (known.has(name)) continue;
      const near = nearestName(name, known);
      const message = `timing${typeof minutes === 'number' ? ` for ${minutes} minutes` : ''} names unknown section "${name}"${
        near ? ` (did you mean "${near}"?)` : ''
      }; sections are ${[...known].join(', ')}`;
      const keyNode = yamlKeyNodeAt(src.doc, path, name);
      if (keyNode) reportNode(src, keyNode, message);
      else reportPath(src, path, message);
    }
  });
}

/** Parses and checks a routine file: YAML syntax, schema, landmarks, rule ids, ids, timing and safe paths. */
export function routineFromYaml(text: string, options: RoutineParseOptions): ParseResult<Routine> {
  const { src, data, isSyntaxOk } = sourceParsed(text, options.file);
  if (!isSyntaxOk) return { diagnostics: sorted(src.out) };
  const routine = schemaChecked(src, Routine, data);
  routineChecked(src, data, options);
  const diagnostics = sorted(src.out);
  if (!routine || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { value: routine, diagnostics };
}

// ── Rules files ──────────────────────────────────────────────────────────────────────────────────

function isRegionOrPrefix(value: string): boolean {
  return REGION_IDS.some((id) => regionMatchesPrefix(id, value));
}

/** Region ids and every prefix of them (leg, leg.knee), the names a rule may use. */
const REGION_NAMES = [
  ...new Set(REGION_IDS.flatMap((id) => id.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')))),
];

function regionReported(src: Source, path: YamlPath, region: string): void {
  const near = nearestName(region, REGION_NAMES);
  reportPath(src, path, `unknown region "${region}"${near ? ` (did you mean "${near}"?)` : ''}`);
}

function ruleFileChecked(src: Source, data: unknown, options: RuleFileParseOptions): void {
  const ids = idsListed(data, 'rules');
  duplicatesReported(src, ids, 'rule');
  for (const { id, path } of ids) {
    const elsewhere = options.definedElsewhere?.get(id);
    if (elsewhere !== undefined)
      reportNode(src, idNode(src, path), `rule id "${id}" is also defined in ${elsewhere}`);
  }
  listAt(data, ['rules']).forEach((_, ri) => {
    listAt(data, ['rules', ri, 'effects']).forEach((raw, ei) => {
      const parsed = RuleEffect.safeParse(raw);
      if (!parsed.success) return;
      const effect = parsed.data;
      const base: YamlPath = ['rules', ri, 'effects', ei];
      if (
        effect.kind === 'exclude-region' &&
        effect.region !== 'condition' &&
        !isRegionOrPrefix(effect.region)
      ) {
        regionReported(src, [...base, 'region'], effect.region);
      }
      if (effect.kind === 'soften' && effect.region !== undefined && !isRegionOrPrefix(effect.region)) {
        regionReported(src, [...base, 'region'], effect.region);
      }
      if ('match' in effect && effect.match?.regions) {
        effect.match.regions.forEach((region, mi) => {
          if (!isRegionOrPrefix(region)) regionReported(src, [...base, 'match', 'regions', mi], region);
        });
      }
    });
  });
}

/** Options of `ruleFileFromYaml`. */
export interface RuleFileParseOptions {
  /** The file name diagnostics carry. */
  readonly file: string;
  /** Rule ids already defined in other files, with the file: defining one again is an error. */
  readonly definedElsewhere?: ReadonlyMap<string, string> | undefined;
}

/** Parses and checks a rules file: YAML syntax, schema, duplicate rule ids and region names. */
export function ruleFileFromYaml(text: string, options: RuleFileParseOptions): ParseResult<RuleFile> {
  const { src, data, isSyntaxOk } = sourceParsed(text, options.file);
  if (!isSyntaxOk) return { diagnostics: sorted(src.out) };
  const file = schemaChecked(src, RuleFile, data);
  ruleFileChecked(src, data, options);
  const diagnostics = sorted(src.out);
  if (!file || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { value: file, diagnostics };
}

/** What kind of file a YAML text holds, judged by its top-level keys. */
export function yamlFileKind(text: string): 'routine' | 'rules' | 'unknown' {
  const doc = parseDocument(text, { prettyErrors: false });
  const root = doc.contents;
  if (!isMap(root)) return 'unknown';
  const keys = new Set(root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  if (keys.has('sections')) return 'routine';
  if (keys.has('rules')) return 'rules';
  return 'unknown';
}

/** Formats a diagnostic as `file:line:column: message` (warnings say so). */
export function diagnosticText(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}
