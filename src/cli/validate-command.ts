import { builtinBodyMap, builtinRules } from '../content/load.js';
import type { Routine } from '../core/routine.js';
import {
  type Diagnostic,
  diagnosticText,
  routineFromYaml,
  ruleFileFromYaml,
  yamlFileKind,
} from '../core/routine-parse.js';
import type { RuleFile } from '../core/rules.js';
import { type CliIo, textFileRead } from './io.js';

interface Loaded {
  readonly file: string;
  readonly text: string;
  readonly kind: 'routine' | 'rules' | 'unknown';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The one line `validate` prints when every file is valid. */
export function validateSummary(routines: readonly Routine[], ruleFiles: readonly RuleFile[]): string {
  const parts = [plural(routines.length + ruleFiles.length, 'file')];
  if (routines.length > 0) {
    const steps = routines.reduce((n, r) => n + r.sections.reduce((m, s) => m + s.steps.length, 0), 0);
    parts.push(`${plural(routines.length, 'routine')} (${plural(steps, 'step')})`);
  }
  if (ruleFiles.length > 0) {
    const rules = ruleFiles.reduce((n, f) => n + f.rules.length, 0);
    parts.push(`${plural(ruleFiles.length, 'rules file')} (${plural(rules, 'rule')})`);
  }
  return `ok: ${parts.join(', ')}`;
}

/** Rule ids that cautions may name: the built-in rules and those of the rules files being validated. */
function knownRuleIds(ruleFiles: readonly RuleFile[], io: CliIo): Set<string> | undefined {
  const ids = new Set<string>();
  try {
    for (const rule of builtinRules()) ids.add(rule.id);
  } catch (e) {
    io.stderr(
      `warning: the built-in rules could not be loaded, so cautions are checked only against the files given: ${
        (e as Error).message
      }\n`,
    );
  }
  for (const file of ruleFiles) for (const rule of file.rules) ids.add(rule.id);
  // With no rules anywhere there is nothing to check cautions against.
  return ids.size > 0 ? ids : undefined;
}

/** `massage-coach validate FILE...`: checks routine and rules files, printing every problem with its position. */
export function validateCommand(files: readonly string[], io: CliIo): number {
  const diagnostics: Diagnostic[] = [];
  let unreadable = 0;
  const loaded: Loaded[] = [];
  for (const file of files) {
    const read = textFileRead(file);
    if (!read.ok) {
      io.stderr(`${file}: cannot read: ${read.reason}\n`);
      unreadable++;
      continue;
    }
    loaded.push({ file, text: read.text, kind: yamlFileKind(read.text) });
  }

  const ruleFiles: RuleFile[] = [];
  const ruleOrigin = new Map<string, string>();
  for (const f of loaded.filter((l) => l.kind === 'rules')) {
    const parsed = ruleFileFromYaml(f.text, { file: f.file, definedElsewhere: ruleOrigin });
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) continue;
    ruleFiles.push(parsed.value);
    for (const rule of parsed.value.rules) ruleOrigin.set(rule.id, f.file);
  }

  const routines: Routine[] = [];
  const ruleIds = knownRuleIds(ruleFiles, io);
  const bodyMap = builtinBodyMap();
  for (const f of loaded) {
    if (f.kind === 'rules') continue;
    // A file that is neither still goes through the routine parser when it has YAML errors to show.
    const parsed = routineFromYaml(f.text, { file: f.file, bodyMap, ruleIds });
    if (f.kind === 'unknown' && parsed.diagnostics.every((d) => !d.message.startsWith('YAML:'))) {
      diagnostics.push({
        file: f.file,
        line: 1,
        column: 1,
        message: 'neither a routine (no "sections" key) nor a rules file (no "rules" key)',
        severity: 'error',
      });
      continue;
    }
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value) routines.push(parsed.value);
  }

  // Report in the order the files were given, each file's problems in source order.
  const order = new Map(files.map((f, i) => [f, i]));
  diagnostics.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  for (const d of diagnostics) io.stderr(`${diagnosticText(d)}\n`);

  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || unreadable > 0) {
    const broken = new Set(errors.map((d) => d.file)).size + unreadable;
    const count = errors.length + unreadable;
    io.stderr(`${plural(count, 'problem')} in ${broken} of ${plural(files.length, 'file')}\n`);
    return 1;
  }
  io.stdout(`${validateSummary(routines, ruleFiles)}\n`);
  return 0;
}
