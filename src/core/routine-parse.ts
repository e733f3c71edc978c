import { type Alias, type Document, isMap, isScalar, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { type BodyMap, pathViolations, type RegionShape, regionsAt } from './body-map.js';
import { bodyPoint } from './geometry.js';
import { ClientPosition, REGION_IDS, type RegionId, regionMatchesPrefix, type Side } from './ids.js';
import { CONDITION_FIELDS, CONDITION_VALUES, type ConditionField } from './intake.js';
import { trackSampled } from './motion-clip.js';
import type { HandTrack, TrackPoint } from './plan-types.js';
import { Routine, Section, Step } from './routine.js';
import { rawFigureNumber, routineConsistencyIssues } from './routine-consistency.js';
import { RuleEffect, RuleFile, RuleWhen } from './rules.js';
import { stepMotionResolved } from './step-motion.js';
import { partStep } from './step-parts.js';
import {
  type LinePositions,
  textLines,
  type YamlPath,
  yamlKeyNodeAt,
  yamlNodeAt,
  yamlNodePosition,
  yamlOffsetPosition,
} from './yaml-positions.js';
import { issueMessage, issuesFlattened, nearestName, schemaKeysAt, valueAt } from './zod-messages.js';

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

interface Source {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LinePositions;
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
  const lines = textLines(text);
  const doc = parseDocument(text, { prettyErrors: false });
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
  try {
    return { src, data: doc.toJS({ maxAliasCount: 1000 }) as unknown, isSyntaxOk: true };
  } catch (error) {
    // yaml throws (rather than reports) on an alias with no anchor before it, and on aliases that multiply too much.
    aliasErrorReported(src, error);
    return { src, data: undefined, isSyntaxOk: false };
  }
}

function aliasErrorReported(src: Source, error: unknown): void {
  const aliases: Alias[] = [];
  visit(src.doc, {
    Alias(_, node) {
      aliases.push(node);
    },
  });
  const unresolved = aliases.find((a) => a.resolve(src.doc) === undefined);
  if (unresolved) {
    reportNode(
      src,
      unresolved,
      `unknown anchor in alias "*${unresolved.source}": set "&${unresolved.source}" on a value above this line`,
    );
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  reportNode(
    src,
    aliases[0] ?? src.doc.contents,
    /alias count/i.test(message)
      ? 'too many aliases: the aliases here expand to too much data (use fewer nested aliases)'
      : `cannot read this YAML: ${message}`,
  );
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

/** Every point a step presses on, each hand's working stroke and pressing return, mirrored when it alternates. */
function pressSamples(step: Step, hands: readonly HandTrack[], isAlternating: boolean): PressSample[] {
  const pressure = step.pressure;
  if (pressure === null) return [];
  const out: PressSample[] = [];
  const explicitReturn = typeof step.return === 'object' ? step.return : undefined;
  for (const h of hands) {
    if (h.isHolding) continue;
    const working: YamlPath = step.hands === 'independent' ? ['paths', h.hand] : ['path'];
    for (const point of trackSampled(h.points)) out.push({ point, source: working, pressure });
    if (h.returnPoints && h.isReturnPressing) {
      const own = explicitReturn?.[h.hand];
      const source: YamlPath = own ? ['return', h.hand] : working;
      const returnPressure = explicitReturn?.pressure ?? pressure;
      for (const point of trackSampled(h.returnPoints)) {
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
  const retryRule = valueAt(data, [...stepPath, 'retry', 'rule']);
  if (ruleIds && typeof retryRule === 'string' && !ruleIds.has(retryRule)) {
    reportPath(src, [...stepPath, 'retry', 'rule'], `unknown rule "${retryRule}" in retry`);
  }
  const figure = valueAt(data, [...stepPath, 'figure']);
  const figures = valueAt(data, [...stepPath, 'figures']);
  const number = rawFigureNumber(figure);
  const numbers = Array.isArray(figures) ? figures.map(rawFigureNumber) : undefined;
  if (number !== undefined && numbers && !numbers.includes(number)) {
    reportPath(src, [...stepPath, 'figure'], `figure ${number} is not among figures (${numbers.join(', ')})`);
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
      if (!step.success) return;
      if (!step.data.parts) {
        stepMotionChecked(src, step.data, stepPath, section, options.bodyMap);
        return;
      }
      // A step in parts moves as each part: check every part's motion, at the part when it has its own path.
      const steps = step.data;
      steps.parts!.forEach((part, pi) => {
        const ownPath = part.path !== undefined || part.paths !== undefined;
        const at: YamlPath = ownPath ? [...stepPath, 'parts', pi] : stepPath;
        stepMotionChecked(src, partStep(steps, part), at, section, options.bodyMap);
      });
    });
  });
  duplicatesReported(src, stepIds, 'step');
  const issues = routineConsistencyIssues(data, {
    ruleIds,
    landmarkIds: new Set(options.bodyMap.landmarks.keys()),
  });
  for (const issue of issues) reportPath(src, issue.path, issue.message);
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
  return yamlFileParsed(text, options.file, Routine, (src, data) => routineChecked(src, data, options));
}

/**
 * A YAML file through syntax, then the schema and the file kind's own checks (all their problems at once): the
 * value when nothing is an error, and every diagnostic in file order.
 */
function yamlFileParsed<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  checked: (src: Source, data: unknown) => void,
): ParseResult<T> {
  const { src, data, isSyntaxOk } = sourceParsed(text, file);
  if (!isSyntaxOk) return { diagnostics: sorted(src.out) };
  const value = schemaChecked(src, schema, data);
  checked(src, data);
  const diagnostics = sorted(src.out);
  if (value === undefined || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { value, diagnostics };
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
  listAt(data, ['rules']).forEach((rule, ri) => {
    whenChecked(src, rule, ['rules', ri, 'when']);
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

/** The intake field each narrowing of a rule's `when` reads. */
const WHEN_FIELDS: Readonly<Record<string, ConditionField>> = {
  severity: 'severity',
  weeksOver: 'weeks',
  weeksUnder: 'weeks',
  isCleared: 'isCleared',
  kinds: 'kind',
  regions: 'region',
  level: 'level',
  hasRedFlags: 'hasRedFlags',
  hasNeuropathy: 'hasNeuropathy',
  isHighRisk: 'isHighRisk',
  sideField: 'lymphNodesRemovedSide',
};

/** A `when` narrows only by details its condition takes, to values it accepts, and names known regions. */
function whenChecked(src: Source, rule: unknown, path: YamlPath): void {
  const when = RuleWhen.safeParse(valueAt(rule, ['when']));
  if (!when.success || !('condition' in when.data)) return;
  const w = when.data;
  const fields = CONDITION_FIELDS[w.condition];
  for (const [key, field] of Object.entries(WHEN_FIELDS)) {
    if (w[key as keyof typeof w] === undefined || fields.includes(field)) continue;
    reportPath(src, [...path, key], `${w.condition} has no ${field}, so "${key}" never matches`);
  }
  const severities = CONDITION_VALUES[w.condition]?.severity;
  if (w.severity !== undefined && severities && !severities.includes(w.severity)) {
    reportPath(src, [...path, 'severity'], `expected one of ${severities.join(', ')} for ${w.condition}`);
  }
  w.regions?.forEach((region, i) => {
    if (!isRegionOrPrefix(region)) regionReported(src, [...path, 'regions', i], region);
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
  return yamlFileParsed(text, options.file, RuleFile, (src, data) => ruleFileChecked(src, data, options));
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
