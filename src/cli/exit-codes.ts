/** Exit codes of every command (docs/cli.md "Exit codes"), in one place. */
export const EXIT = {
  ok: 0,
  /** A routine, rules or intake file has problems or cannot be read; an output cannot be written; a tool failed. */
  invalidInput: 1,
  /** Unknown command or option, a bad option value, an unknown routine id. */
  usage: 2,
  /** The massage is refused for this client (the reasons say why). */
  refused: 3,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM; the partial output was removed (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

/** The exit codes as `--help` lists them. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  invalid input: a routine, rules or intake file has problems or cannot be read; an output cannot be written
  2  usage error: unknown command or option, bad option value, unknown routine id
  3  massage refused for this client: the reasons say why
  130  stopped by Ctrl-C (export): the partial file was removed`;
