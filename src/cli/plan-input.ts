// The one way in for every command that plans: which routine (built-in id, or a YAML/JSON file checked against the
// rules' ids), which client (an intake JSON file), how long (--minutes) and in which language (--lang).
import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { builtinBodyMap, builtinRoutine, builtinRoutineIds, builtinRules } from '../content/load.js';
import type { Language, Side } from '../core/ids.js';
import { type Intake, intakeParsed } from '../core/intake.js';
import {
  isRefusal,
  type Plan,
  type PlannedPart,
  type PlannedStep,
  type PlanResult,
} from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import type { Routine } from '../core/routine.js';
import { diagnosticText, routineFromYaml } from '../core/routine-parse.js';
import type { Rule } from '../core/rules.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, textFileRead } from './io.js';

/** The routine every command uses when none is named. */
export const DEFAULT_ROUTINE_ID = 'spinal-column';
/** The session length when neither the intake nor `--minutes` gives one. */
export const DEFAULT_MINUTES = 45;

/** The options every planning command takes (`plan`, `moment`, `render`, `figures`, `export video|handout`). */
export interface PlanInputOptions {
  readonly routine?: string | undefined;
  readonly intake?: string | undefined;
  readonly minutes?: number | undefined;
  readonly lang?: Language | undefined;
  readonly firstSide?: Side | undefined;
}

/** A value, or the exit code to stop with (the reason is already on stderr). */
export type Loaded<T> = { ok: true; value: T } | { ok: false; code: number };

function isFileName(name: string): boolean {
  return /[/\\]/.test(name) || /\.(ya?ml|json)$/i.test(name) || existsSync(name);
}

/** A routine by built-in id or file (YAML or JSON), its cautions checked against the rules' ids. */
export function routineLoaded(name: string, rules: readonly Rule[], io: CliIo): Loaded<Routine> {
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

/** The intake: the file's (or `{ minutes: 45 }`), with `--minutes` and `--lang` laid over it, checked. */
export function intakeLoaded(options: PlanInputOptions, io: CliIo): Loaded<Intake> {
  let raw: unknown = { minutes: DEFAULT_MINUTES };
  if (options.intake !== undefined) {
    const read = textFileRead(options.intake);
    if (!read.ok) {
      io.stderr(`${options.intake}: cannot read: ${read.reason}\n`);
      return { ok: false, code: EXIT.invalidInput };
    }
    try {
      raw = JSON.parse(read.text);
    } catch (e) {
      io.stderr(`${jsonErrorText(options.intake, read.text, (e as Error).message)}\n`);
      return { ok: false, code: EXIT.invalidInput };
    }
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = {
      ...(raw as Record<string, unknown>),
      ...(options.minutes !== undefined ? { minutes: options.minutes } : {}),
      ...(options.lang !== undefined ? { language: options.lang } : {}),
    };
  }
  const intake = intakeParsed(raw);
  if (!intake.ok) {
    io.stderr(`invalid intake${options.intake ? ` (${options.intake})` : ''}:\n`);
    for (const issue of intake.issues) io.stderr(`  ${issue.field}: ${issue.message}\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
  return { ok: true, value: intake.intake };
}

/** The built-in rules, or the exit code when they do not load. */
export function rulesLoaded(io: CliIo): Loaded<Rule[]> {
  try {
    return { ok: true, value: builtinRules() };
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
}

/** Everything a planning command read, and the planner's answer (a plan or a refusal, a value). */
export interface PlanSources {
  readonly routine: Routine;
  readonly rules: readonly Rule[];
  readonly intake: Intake;
  readonly result: PlanResult;
}

/** Reads rules, routine and intake and plans; or stops with the exit code of a bad input (reason on stderr). */
export function planSourcesLoaded(options: PlanInputOptions, io: CliIo): Loaded<PlanSources> {
  const rules = rulesLoaded(io);
  if (!rules.ok) return rules;
  const routine = routineLoaded(options.routine ?? DEFAULT_ROUTINE_ID, rules.value, io);
  if (!routine.ok) return routine;
  const intake = intakeLoaded(options, io);
  if (!intake.ok) return intake;
  const result = planFromIntake(routine.value, rules.value, intake.value, {
    bodyMap: builtinBodyMap(),
    ...(options.firstSide ? { firstSide: options.firstSide } : {}),
  });
  return { ok: true, value: { routine: routine.value, rules: rules.value, intake: intake.value, result } };
}

/** The plan or the refusal for the options, or the exit code of a bad input. */
export function planResultLoaded(options: PlanInputOptions, io: CliIo): Loaded<PlanResult> {
  const loaded = planSourcesLoaded(options, io);
  return loaded.ok ? { ok: true, value: loaded.value.result } : loaded;
}

/** Stops on a refusal: prints its reasons and gives exit 3; otherwise the plan. */
export function planAccepted(result: PlanResult, io: CliIo): Loaded<Plan> {
  if (isRefusal(result)) {
    io.stderr('no massage today for this client:\n');
    for (const r of result.reasons) io.stderr(`  ${r.reason}\n`);
    return { ok: false, code: EXIT.refused };
  }
  return { ok: true, value: result };
}

/** Like `planResultLoaded`, for commands that need a plan: a refusal prints its reasons and stops with exit 3. */
export function planLoaded(options: PlanInputOptions, io: CliIo): Loaded<Plan> {
  const loaded = planResultLoaded(options, io);
  return loaded.ok ? planAccepted(loaded.value, io) : loaded;
}

function minutesParsed(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError('expected a number of minutes.');
  return n;
}

/** Adds the planning options (`--routine`, `--intake`, `--minutes`, `--lang`) to a command, the same for all. */
export function withPlanInputOptions(command: Command): Command {
  return command
    .option('--routine <id|file>', 'a built-in routine id or a routine YAML/JSON file', DEFAULT_ROUTINE_ID)
    .option('--intake <file>', 'the client intake, as JSON (default: 45 minutes, no conditions)')
    .option('--minutes <n>', 'session length in minutes; overrides the intake (default 45)', minutesParsed)
    .addOption(
      new Option(
        '--lang <language>',
        'language of the plan: titles, cues, labels; overrides the intake',
      ).choices(['en', 'ru']),
    );
}

/** The planned step a command names with `--step ID [--side]`, or the exit code (the reason on stderr). */
export function plannedStepFound(
  plan: Plan,
  options: { step: string; side?: Side | undefined },
  io: CliIo,
): Loaded<PlannedStep> {
  const candidates = plan.steps.filter((s) => s.id === options.step);
  if (candidates.length === 0) {
    const skipped = plan.skipped.find((s) => s.id === options.step);
    if (skipped) io.stderr(`error: the plan skips ${options.step}: ${skipped.reason}\n`);
    else {
      const ids = [...new Set(plan.steps.map((s) => s.id))];
      io.stderr(`error: no step "${options.step}" in the plan (steps: ${ids.join(', ')})\n`);
    }
    return { ok: false, code: EXIT.invalidInput };
  }
  const step = options.side ? candidates.find((s) => s.side === options.side) : candidates[0];
  if (!step) {
    io.stderr(`error: ${options.step} is not planned on the ${options.side} side\n`);
    return { ok: false, code: EXIT.invalidInput };
  }
  return { ok: true, value: step };
}

/**
 * The part `--part ID` names in a planned step in parts (undefined without `--part`); a clear error for an
 * unknown id, a part the plan dropped, or a step that has no parts.
 */
export function plannedPartFound(
  step: PlannedStep,
  part: string | undefined,
  io: CliIo,
): Loaded<PlannedPart | undefined> {
  if (part === undefined) return { ok: true, value: undefined };
  const parts = step.parts ?? [];
  const found = parts.find((p) => p.id === part);
  if (found) return { ok: true, value: found };
  const dropped = step.changes.find((c) => c.kind === 'drop-part' && c.part === part);
  if (dropped) io.stderr(`error: the plan leaves out the part "${part}" of ${step.id}: ${dropped.reason}\n`);
  else if (parts.length === 0) io.stderr(`error: ${step.id} has no parts\n`);
  else io.stderr(`error: ${step.id} has no part "${part}" (parts: ${parts.map((p) => p.id).join(', ')})\n`);
  return { ok: false, code: EXIT.invalidInput };
}
