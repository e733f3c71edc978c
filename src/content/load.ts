import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BodyMap, bodyMapFromData } from '../core/body-map.js';
import type { Routine } from '../core/routine.js';
import {
  type Diagnostic,
  diagnosticText,
  type ParseResult,
  routineFromYaml,
  ruleFileFromYaml,
} from '../core/routine-parse.js';
import type { Rule, RuleFile } from '../core/rules.js';
import { bodyMapData } from './body-map.js';

/**
 * The folder holding routines/ and rules/: this module's own folder when run from src (tsx, vitest),
 * the package's src/content when run from the compiled dist/src/content (tsc copies no YAML).
 */
function contentDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  if (existsSync(join(here, 'routines'))) return here;
  return resolve(here, '..', '..', '..', 'src', 'content');
}

function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
}

/** The path of a built-in routine's YAML file (whether or not it exists). */
export function builtinRoutinePath(id: string): string {
  return join(contentDir(), 'routines', `${id}.yaml`);
}

/** The ids of the built-in routines, sorted. */
export function builtinRoutineIds(): string[] {
  return yamlFilesIn(join(contentDir(), 'routines')).map((name) => name.replace(/\.ya?ml$/, ''));
}

/** The paths of the built-in rules files, sorted. */
export function builtinRulesPaths(): string[] {
  const dir = join(contentDir(), 'rules');
  return yamlFilesIn(dir).map((name) => join(dir, name));
}

let bodyMapCache: BodyMap | undefined;

/** The built-in body map. */
export function builtinBodyMap(): BodyMap {
  bodyMapCache ??= bodyMapFromData(bodyMapData);
  return bodyMapCache;
}

/** Reads and checks a routine file; a read failure throws, a content problem is a diagnostic. */
export function routineFromFile(
  path: string,
  options: { readonly bodyMap: BodyMap; readonly ruleIds?: Iterable<string> | undefined },
): ParseResult<Routine> {
  return routineFromYaml(readFileSync(path, 'utf8'), {
    file: path,
    bodyMap: options.bodyMap,
    ruleIds: options.ruleIds,
  });
}

/** Reads and checks a rules file; a read failure throws, a content problem is a diagnostic. */
export function ruleFileFromFile(path: string): ParseResult<RuleFile> {
  return ruleFileFromYaml(readFileSync(path, 'utf8'), { file: path });
}

function brokenError(what: string, diagnostics: readonly Diagnostic[]): Error {
  const lines = diagnostics.filter((d) => d.severity === 'error').map(diagnosticText);
  return new Error(`${what} is broken:\n${lines.join('\n')}`);
}

/** Every built-in rule, all rules files merged; throws listing the problems if one is broken or ids repeat. */
export function builtinRules(): Rule[] {
  const rules: Rule[] = [];
  const origin = new Map<string, string>();
  for (const path of builtinRulesPaths()) {
    const parsed = ruleFileFromFile(path);
    if (!parsed.value) throw brokenError(`the built-in rules file ${path}`, parsed.diagnostics);
    for (const rule of parsed.value.rules) {
      const first = origin.get(rule.id);
      if (first) throw new Error(`rule id "${rule.id}" is defined twice: in ${first} and in ${path}`);
      origin.set(rule.id, path);
      rules.push(rule);
    }
  }
  return rules;
}

/** A built-in routine by id, checked against the body map and the built-in rules; throws if missing or broken. */
export function builtinRoutine(id: string): Routine {
  const path = builtinRoutinePath(id);
  if (!existsSync(path)) {
    const known = builtinRoutineIds();
    throw new Error(
      `no built-in routine "${id}"${known.length > 0 ? ` (built-in: ${known.join(', ')})` : ''}`,
    );
  }
  const rules = builtinRules();
  const parsed = routineFromFile(path, {
    bodyMap: builtinBodyMap(),
    ruleIds: rules.length > 0 ? rules.map((r) => r.id) : undefined,
  });
  if (!parsed.value) throw brokenError(`the built-in routine ${path}`, parsed.diagnostics);
  return parsed.value;
}
