// `massage-coach moment`: the Moment at an instant of a planned step, as JSON (DESIGN.md "Contracts").
import { type Command, Option } from 'commander';
import { builtinBodyMap } from '../content/load.js';
import type { Side } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import { momentPose } from '../core/pose/pose.js';
import { momentAt } from '../core/timeline.js';
import { EXIT } from './exit-codes.js';
import { stepMomentAt } from './figures-command.js';
import type { CliIo } from './io.js';
import {
  type PlanInputOptions,
  planLoaded,
  plannedPartFound,
  plannedStepFound,
  withPlanInputOptions,
} from './plan-input.js';
import { numberParsed, type RenderCommandIo } from './render-command.js';

/** Options of `massage-coach moment`. */
export interface MomentCommandOptions extends PlanInputOptions {
  readonly step: string;
  readonly side?: Side | undefined;
  /** For a step in parts: the part's id. */
  readonly part?: string | undefined;
  readonly at?: number | undefined;
  readonly phase?: number | undefined;
  readonly json?: boolean | undefined;
}

/** A moment as the `moment` command prints it: the Moment's own fields, the step by id and title. */
export function momentJson(moment: Moment): Record<string, unknown> {
  const { step, part, ...rest } = moment;
  return {
    stepId: step.id,
    title: step.title,
    ...rest,
    // The posed body (DESIGN.md "Contracts"): the client's and the practitioner's joints.
    pose: momentPose(moment),
    // The running part of a step in parts, by id and title with its times (its tracks are the plan's).
    part: part
      ? {
          id: part.id,
          title: part.title,
          start: part.start,
          duration: part.duration,
          reps: part.reps,
          pressure: part.pressure,
        }
      : null,
  };
}

/** `massage-coach moment`: prints the moment at `--at` seconds or `--phase` of a planned step (default: its most telling). */
export function momentCommand(options: MomentCommandOptions, io: CliIo): number {
  if (options.at !== undefined && options.phase !== undefined) {
    io.stderr('error: give --at or --phase, not both\n');
    return EXIT.usage;
  }
  const planned = planLoaded(options, io);
  if (!planned.ok) return planned.code;
  const plan = planned.value;
  const found = plannedStepFound(plan, options, io);
  if (!found.ok) return found.code;
  const step = found.value;
  const partFound = plannedPartFound(step, options.part, io);
  if (!partFound.ok) return partFound.code;
  const part = partFound.value;
  if (options.at !== undefined && options.at > step.duration) {
    io.stderr(`error: --at ${options.at}: ${step.id} lasts ${step.duration.toFixed(1)} s\n`);
    return EXIT.usage;
  }
  const moment =
    options.at !== undefined
      ? momentAt(plan, step.start + Math.min(options.at, step.duration - 1e-6), builtinBodyMap())
      : stepMomentAt(plan, step, { phase: options.phase, part });
  if (options.json) {
    io.stdout(`${JSON.stringify(momentJson(moment), null, 2)}\n`);
    return EXIT.ok;
  }
  const hands = moment.hands
    .map((h) => `${h.hand} ${h.tool} at (${h.x.toFixed(3)}, ${h.y.toFixed(3)})${h.isLifted ? ' lifted' : ''}`)
    .join('; ');
  io.stdout(
    `${step.title}${moment.part ? ` — ${moment.part.title}` : ''}${step.side ? ` (${step.side})` : ''} at ${moment.t.toFixed(1)} s: repetition ${moment.repetition}/${moment.repetitions}, ` +
      `${moment.phaseName} ${(moment.phase * 100).toFixed(0)}%\n  hands: ${hands || 'none'}\n` +
      (moment.cue ? `  cue: ${moment.cue.text}\n` : ''),
  );
  return EXIT.ok;
}

/** Adds `moment --step ID [--side left|right] [--phase P | --at S] [planning options] [--json]` to the program. */
export function registerMomentCommand(program: Command, io: RenderCommandIo): void {
  withPlanInputOptions(
    program
      .command('moment')
      .description('Print the moment at an instant of a planned step (hands, cue, phase …).'),
  )
    .requiredOption('--step <id>', 'the step id, e.g. leg-glide')
    .addOption(new Option('--side <side>', 'for a per-side step: which side').choices(['left', 'right']))
    .option('--part <id>', 'for a step in parts: which part (default: the first; --phase is of that part)')
    .option('--at <seconds>', 'seconds from the step’s start', numberParsed('seconds', 0, 36_000))
    .option(
      '--phase <0..1>',
      'how far into the first repetition (default: its most telling moment)',
      numberParsed('a phase', 0, 1),
    )
    .option('--json', 'print the Moment as JSON')
    .action((options: MomentCommandOptions) => {
      io.setExitCode(momentCommand(options, io));
    });
}
