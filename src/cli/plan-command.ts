import type { Language, Side } from '../core/ids.js';
import { isRefusal } from '../core/plan-types.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { planResultLoaded } from './plan-input.js';
import { planTable, refusalText } from './plan-table.js';

export { EXIT } from './exit-codes.js';
export { DEFAULT_MINUTES, DEFAULT_ROUTINE_ID, jsonErrorText } from './plan-input.js';

/** Options of `massage-coach plan`, as commander parses them. */
export interface PlanCommandOptions {
  readonly routine?: string | undefined;
  readonly intake?: string | undefined;
  readonly minutes?: number | undefined;
  readonly lang?: Language | undefined;
  readonly json?: boolean | undefined;
  readonly firstSide?: Side | undefined;
}

/** `massage-coach plan`: fits a routine to an intake and prints the plan (a table, or JSON with --json). */
export function planCommand(options: PlanCommandOptions, io: CliIo): number {
  const loaded = planResultLoaded(options, io);
  if (!loaded.ok) return loaded.code;
  const result = loaded.value;
  if (isRefusal(result)) {
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : refusalText(result));
    return EXIT.refused;
  }
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : planTable(result));
  return EXIT.ok;
}
