import { existsSync } from 'node:fs';
import { builtinBodyMap, builtinRoutine, builtinRoutineIds, builtinRules } from '../content/load.js';
import type { Side } from '../core/ids.js';
import { intakeParsed } from '../core/intake.js';
import { isRefusal } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import type { Routine } from '../core/routine.js';
import { diagnosticText, routineFromYaml } from '../core/routine-parse.js';
import type { Rule } from '../core/rules.js';
import { type CliIo, textFileRead } from './io.js';
import { planTable, refusalText } from './plan-table.js';

/** The routine `plan` uses when none is named. */
export const DEFAULT_ROUTINE_ID = 'spinal-column';
/** The session length when neither the intake nor `--minutes` gives one. */
export const DEFAULT_MINUTES = 45;

/** Options of `massage-coach plan`, as commander parses them. */
export interface PlanCommandOptions {
  readonly routine?: string | undefined;
  readonly intake?: string | undefined;
  readonly minutes?: number | undefined;
  readonly json?: boolean | undefined;
  readonly firstSide?: Side | undefined;
}

/** Exit codes of the command (docs/cli.md). */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, refused: 3 } as const;

type Loaded<T> = { ok: true; value: T } | { ok: false; code: number };

function isFileName(name: string): boolean {
  return /[/\\]/.test(name) || /\.(ya?ml|json)$/.test(name) || existsSync(name);
}

function routineLoaded(name: string, rules: readonly Rule[], io: CliIo): Loaded<Routine> {
  if (isFileName(name)) {
    const read = textFileRead(name);
    if (!read.ok) {
      io.stderr(`${name}: cannot read: ${read.reason}\n`);
      return { ok: false, code: EXIT.invalidInput };
    }
    const parsed = routineFromYaml(read.text, {
      file: name,
      bodyMap: builtinBodyMap(),
      ruleIds: rules.length > 0 ? rules.map((r) => r.id) : undefined,
    });
    for (const d of parsed.diagnostics) io.stderr(`${diagnosticText(d)}\n`);
    if (!parsed.value) return { ok: false, code: EXIT.invalidInput };
    return { ok: true, value: parsed.value };
  }
  const known = builtinRoutineIds();
  if (!known.includes(name)) {
    io.stderr(
      `error: unknown routine "${name}": not a file, and not a built-in routine (built-in: ${
        known.join(', ') || 'none'
      })\n`,
    );
    return { ok: false, code: EXIT.usage };
  }
  try {
    return { ok: true, value: builtinRoutine(name) };
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
}

/** A JSON.parse error as `file:line:column: not valid JSON: …` when the message gives a position. */
export function jsonErrorText(file: string, text: string, message: string): string {
  const at = /\s*(?:in JSON )?at position (\d+)/.exec(message);
  if (!at) return `${file}: not valid JSON: ${message.replace(/\s*\n\s*/g, ' ')}`;
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const reason = message.replace(at[0], '').replace(/ \(line \d+ column \d+\)$/, '');
  return `${file}:${line}:${column}: not valid JSON: ${reason}`;
}

function intakeInput(options: PlanCommandOptions, io: CliIo): Loaded<unknown> {
  if (options.intake === undefined)
    return { ok: true, value: { minutes: options.minutes ?? DEFAULT_MINUTES } };
  const read = textFileRead(options.intake);
  if (!read.ok) {
    io.stderr(`${options.intake}: cannot read: ${read.reason}\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (e) {
    io.stderr(`${jsonErrorText(options.intake, read.text, (e as Error).message)}\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
  if (options.minutes !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = { ...(raw as Record<string, unknown>), minutes: options.minutes };
  }
  return { ok: true, value: raw };
}

/** `massage-coach plan`: fits a routine to an intake and prints the plan (a table, or JSON with --json). */
export function planCommand(options: PlanCommandOptions, io: CliIo): number {
  let rules: Rule[];
  try {
    rules = builtinRules();
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
  const routine = routineLoaded(options.routine ?? DEFAULT_ROUTINE_ID, rules, io);
  if (!routine.ok) return routine.code;
  const input = intakeInput(options, io);
  if (!input.ok) return input.code;
  const intake = intakeParsed(input.value);
  if (!intake.ok) {
    io.stderr(`invalid intake${options.intake ? ` (${options.intake})` : ''}:\n`);
    for (const issue of intake.issues) io.stderr(`  ${issue.field}: ${issue.message}\n`);
    return EXIT.invalidInput;
  }
  const result = planFromIntake(routine.value, rules, intake.intake, {
    bodyMap: builtinBodyMap(),
    ...(options.firstSide ? { firstSide: options.firstSide } : {}),
  });
  if (isRefusal(result)) {
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : refusalText(result));
    return EXIT.refused;
  }
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : planTable(result));
  return EXIT.ok;
}
