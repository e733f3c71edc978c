// Test support: run the CLI in-process and capture what it prints.
import type { CliIo } from '../io.js';
import { main } from '../main.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** An io that collects stdout and stderr into strings, read through `text()`. */
export function ioCaptured(): { io: CliIo; text: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
    text: () => ({ stdout, stderr }),
  };
}

/** Runs `massage-coach ARGS…` in-process. */
export async function cliRun(args: readonly string[]): Promise<CliRun> {
  const { io, text } = ioCaptured();
  const code = await main(args, io);
  return { code, ...text() };
}
