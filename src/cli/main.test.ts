import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinBodyMap, routineFromFile } from '../content/load.js';
import { intakeParsed } from '../core/intake.js';
import { planFromIntake } from '../core/planner.js';
import { cliRun } from './test-support/cli-run.js';

const run = cliRun;

describe('main', () => {
  it('prints help with the exit codes and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: massage-coach /);
    for (const command of ['validate', 'schema', 'plan']) expect(r.stdout).toContain(`  ${command} `);
    expect(r.stdout).toContain('Exit codes:\n  0  ok\n  1  invalid input');
    expect(r.stdout).toContain('  2  usage error');
    expect(r.stdout).toContain('  3  massage refused');
  });

  it('prints a command’s help with its options', async () => {
    const r = await run(['help', 'plan']);
    expect(r.code).toBe(0);
    for (const option of [
      '--routine <id|file>',
      '--intake <file>',
      '--minutes <n>',
      '--json',
      '--first-side <side>',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['validat'], '(Did you mean validate?)'],
    [['--verbose'], "error: unknown option '--verbose'"],
    [[], 'Usage: massage-coach'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

/** True once the planner exists: its stub throws "not implemented" (checked once, here). */
const isPlannerReady = (() => {
  const bodyMap = builtinBodyMap();
  const routine = routineFromFile('test/fixtures/valid/mini-routine.yaml', { bodyMap }).value;
  const intake = intakeParsed({ minutes: 30 });
  if (!routine || !intake.ok) return true;
  try {
    planFromIntake(routine, [], intake.intake, { bodyMap });
    return true;
  } catch (e) {
    return !(e instanceof Error && /not implemented/.test(e.message));
  }
})();

const BIN = 'bin/massage-coach.js';
const isBuilt = existsSync('dist/src/cli/main.js');

// `npm test` builds first; run alone, build with `npm run build`.
describe.skipIf(!isBuilt)('the installed command (node bin/massage-coach.js)', () => {
  function bin(args: readonly string[]) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('validates a valid file: exit 0 and one summary line', () => {
    const r = bin(['validate', 'test/fixtures/valid/mini-routine.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok: 1 file, 1 routine (5 steps)\n');
  });

  it('validates a broken file: exit 1 and the problem at its position', () => {
    const r = bin(['validate', 'test/fixtures/broken/unknown-landmark.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test/fixtures/broken/unknown-landmark.yaml:19:35: unknown landmark "c8"');
  });

  it('ends quietly when its reader stops early (`| head`): no EPIPE stack', () => {
    // The schema is about 200 KB: far more than the pipe holds once `head` has gone.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" ${BIN} schema | head -c 1 >/dev/null`], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('finds the built-in content from dist (exit 2 lists the built-in routines)', () => {
    const r = bin(['plan', '--routine', 'no-such-routine']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/built-in: .*spinal-column/);
  });

  it.skipIf(!isPlannerReady)('runs `npm start`: the sample plan', () => {
    const r = bin(['plan', '--intake', 'examples/intakes/sample.json', '--minutes', '45']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Plan: spinal-column, 45 minutes, language en\n/);
  });

  it.skipIf(!isPlannerReady)('refuses with a fever: exit 3', () => {
    const r = bin(['plan', '--json', '--intake', 'examples/intakes/fever.json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ refused: true });
  });
});
