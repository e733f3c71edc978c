import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CliIo, processIo } from './io.js';
import { EXIT, type PlanCommandOptions, planCommand } from './plan-command.js';
import { registerRecordsCommands } from './records-commands.js';
import { registerRenderCommands } from './render-command.js';
import { schemaCommand } from './schema-command.js';
import { validateCommand } from './validate-command.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  invalid input: a routine, rules or intake file has problems or cannot be read
  2  usage error: unknown command or option, bad option value, unknown routine id
  3  massage refused for this client (plan): the reasons say why`;

function minutesParsed(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new InvalidArgumentError('expected a number of minutes.');
  return n;
}

/** Runs the `massage-coach` command with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('massage-coach')
    .description('Guided massage: check routine files, fit a routine to a client, print the plan.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('validate')
    .description(
      'Check routine files (with "sections") and rules files (with "rules"); report every problem.',
    )
    .argument('<file...>', 'routine or rules YAML files')
    .addHelpText('after', EXIT_CODES_HELP)
    .action((files: string[]) => {
      exitCode = validateCommand(files, io);
    });

  program
    .command('schema')
    .description('Print the JSON Schema of the routine language (or, with --rules, of a rules file).')
    .option('--rules', 'the schema of a rules file instead')
    .action((options: { rules?: boolean }) => {
      exitCode = schemaCommand(options, io);
    });

  program
    .command('plan')
    .description('Fit a routine to a client intake and print the timed plan.')
    .option('--routine <id|file>', 'a built-in routine id or a routine YAML file', 'spinal-column')
    .option('--intake <file>', 'the client intake, as JSON (see examples/intakes/)')
    .option('--minutes <n>', 'session length in minutes; overrides the intake (default 45)', minutesParsed)
    .option('--json', 'print the plan as JSON')
    .addOption(
      new Option('--first-side <side>', 'which leg a per-side block does first').choices(['left', 'right']),
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action((options: PlanCommandOptions) => {
      exitCode = planCommand(options, io);
    });

  registerRenderCommands(program, {
    ...io,
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  registerRecordsCommands(program, {
    ...io,
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version asked for are a success; everything else commander stops on is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`massage-coach: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.invalidInput;
  }
  return exitCode;
}
