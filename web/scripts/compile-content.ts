// Compiles the YAML content (routines, rules) to JSON for the browser, so the bundle ships no YAML parser.
// Run: node --import tsx web/scripts/compile-content.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinBodyMap, builtinRoutine, builtinRoutinePath, builtinRules } from '../../src/content/load.js';
import {
  CONDITION_FIELDS,
  CONDITION_GROUPS,
  CONDITION_IDS,
  CONDITION_VALUES,
} from '../../src/core/intake.js';
import type { LocalizedText, Routine } from '../../src/core/routine.js';
import { routineFromYaml } from '../../src/core/routine-parse.js';
import type { Rule, RuleWhen } from '../../src/core/rules.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'src', 'generated');
const ROUTINE_ID = 'spinal-column';
/** Used only while the real routine file is being written, so the app can still be built and tried. */
const FALLBACK_ROUTINE = join(here, '..', '..', 'test', 'fixtures', 'valid', 'mini-routine.yaml');

function routineLoaded(): { routine: Routine; isFallback: boolean } {
  if (existsSync(builtinRoutinePath(ROUTINE_ID)))
    return { routine: builtinRoutine(ROUTINE_ID), isFallback: false };
  const parsed = routineFromYaml(readFileSync(FALLBACK_ROUTINE, 'utf8'), {
    file: FALLBACK_ROUTINE,
    bodyMap: builtinBodyMap(),
  });
  if (!parsed.value) throw new Error(`the fallback routine ${FALLBACK_ROUTINE} is broken`);
  return { routine: parsed.value, isFallback: true };
}

/** A refusal the intake form can show as soon as a condition is ticked, before any plan is made. */
export interface RefusalHint {
  /** The rule's own `when`: the form tests it against the answers with the core's `whenHolds`. */
  readonly when: RuleWhen;
  readonly reason: LocalizedText;
}

/** What the intake form needs without loading the whole rules file: each refusing condition rule's reason. */
function intakeHintsFrom(rules: readonly Rule[]): { refusals: RefusalHint[] } {
  const refusals: RefusalHint[] = [];
  for (const rule of rules) {
    if (!('condition' in rule.when)) continue;
    if (!(CONDITION_IDS as readonly string[]).includes(rule.when.condition)) continue;
    for (const effect of rule.effects) {
      if (effect.kind === 'refuse') refusals.push({ when: rule.when, reason: effect.reason });
    }
  }
  return { refusals };
}

/** Each step's title by id, so a skipped step (absent from the plan) can still be named. */
function stepTitlesFrom(routine: Routine): Record<string, LocalizedText> {
  const titles: Record<string, LocalizedText> = {};
  for (const section of routine.sections) for (const step of section.steps) titles[step.id] = step.title;
  return titles;
}

function written(name: string, value: unknown): void {
  const path = join(outDir, name);
  writeFileSync(path, `${JSON.stringify(value)}\n`);
  process.stdout.write(`wrote ${path}\n`);
}

mkdirSync(outDir, { recursive: true });
const rules = builtinRules();
const { routine, isFallback } = routineLoaded();
if (isFallback) {
  process.stderr.write(
    `warning: ${builtinRoutinePath(ROUTINE_ID)} does not exist yet; using the test fixture ${FALLBACK_ROUTINE}\n`,
  );
}
written('routine.json', routine);
written('rules.json', rules);
written('intake-hints.json', intakeHintsFrom(rules));
written('step-titles.json', stepTitlesFrom(routine));
// The intake form's lists as data, so the first page loads without the core's schemas (and zod).
written('intake-data.json', { groups: CONDITION_GROUPS, fields: CONDITION_FIELDS, values: CONDITION_VALUES });
