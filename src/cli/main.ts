import { Command, CommanderError, Option } from 'commander';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { registerExportCommands } from './export-command.js';
import { type CliIo, processIo } from './io.js';
import { registerMomentCommand } from './moment-command.js';
import { type PlanCommandOptions, planCommand } from './plan-command.js';
import { withPlanInputOptions } from './plan-input.js';
import { registerRecordsCommands } from './records-commands.js';
import { registerRenderCommands } from './render-command.js';
import { schemaCommand } from './schema-command.js';
import { validateCommand } from './validate-command.js';

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

  withPlanInputOptions(
    program.command('plan').description('Fit a routine to a client intake and print the timed plan.'),
  )
    .option('--json', 'print the plan as JSON')
    .addOption(
      new Option('--first-side <side>', 'which leg a per-side block does first').choices(['left', 'right']),
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action((options: PlanCommandOptions) => {
      exitCode = planCommand(options, io);
    });

  const commandIo = {
    ...io,
    setExitCode: (code: number) => {
      exitCode = code;
    },
  };
  registerRenderCommands(program, commandIo);
  registerMomentCommand(program, commandIo);
  registerExportCommands(program, commandIo);

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
