import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { UserInput } from '../core/records/account.js';
import type { RunningServer } from '../server/serve.js';
import type { CliIo } from './io.js';

// The server, the store and their drivers load only when a records command runs: `plan` stays quick.
const serveModule = () => import('../server/serve.js');
const storeModule = () => import('../store/open-store.js');
const sqliteModule = () => import('../store/sqlite-store.js');

/** What the records commands write to and how they set the exit code. */
export interface RecordsCommandIo extends CliIo {
  readonly setExitCode: (code: number) => void;
  /** The password for `user add` (tests pass it; the command reads stdin or MASSAGE_COACH_PASSWORD). */
  readonly password?: () => Promise<string>;
}

function portParsed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number, 0–65535.');
  return n;
}

function countParsed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError('expected a whole number, 0–64.');
  return n;
}

function webRootDefault(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const repoRoot = resolve(here, '..', '..', ...(here.includes(`${sep}dist${sep}src${sep}`) ? ['..'] : []));
  return join(repoRoot, 'dist', 'web');
}

async function passwordFromStdin(): Promise<string> {
  if (process.env.MASSAGE_COACH_PASSWORD) return process.env.MASSAGE_COACH_PASSWORD;
  if (process.stdin.isTTY) {
    throw new Error(
      'give the password on stdin (echo … | massage-coach user add …) or in MASSAGE_COACH_PASSWORD',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Adds `serve`, `worker`, `user add` and `backup` to the program. */
export function registerRecordsCommands(program: Command, io: RecordsCommandIo): void {
  const dbOption = new Option(
    '--db <file|url>',
    'a SQLite file or a postgres:// URL (default: DATABASE_URL, else data/records.sqlite)',
  );

  program
    .command('serve')
    .description('Run the records server: the web app, the API, accounts; SQLite or PostgreSQL.')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <n>', 'the port (0 picks a free one)', portParsed, 5178)
    .addOption(dbOption)
    .option('--web <dir>', 'the built web app to serve', webRootDefault())
    .option('--secure-cookies', 'mark cookies Secure (when a TLS proxy is in front)')
    .option(
      '--workers <n>',
      'export jobs (video, handout) run at once in this process (0: none)',
      countParsed,
      1,
    )
    .action(
      async (options: {
        host: string;
        port: number;
        db?: string;
        web: string;
        secureCookies?: boolean;
        workers: number;
      }) => {
        const { recordsServerStarted } = await serveModule();
        const { dbTarget } = await storeModule();
        let server: RunningServer;
        try {
          server = await recordsServerStarted({
            host: options.host,
            port: options.port,
            db: dbTarget(options.db),
            webRoot: options.web,
            isSecure: options.secureCookies ?? false,
            workers: options.workers,
            print: (line) => io.stdout(`${line}\n`),
          });
        } catch (error) {
          io.stderr(`massage-coach serve: ${error instanceof Error ? error.message : String(error)}\n`);
          io.setExitCode(1);
          return;
        }
        await new Promise<void>((done) => {
          const stop = () => {
            void server.close().finally(done);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        io.setExitCode(0);
      },
    );

  program
    .command('worker')
    .description(
      'Run export jobs (video, handout) from a PostgreSQL records database: start one on each render machine.',
    )
    .addOption(dbOption)
    .option('--concurrency <n>', 'jobs run at once', countParsed, 1)
    .action(async (options: { db?: string; concurrency: number }) => {
      const { dbTarget, isPostgresUrl, openStore } = await storeModule();
      const target = dbTarget(options.db);
      if (!isPostgresUrl(target)) {
        io.stderr(
          'massage-coach worker: a worker on its own needs PostgreSQL (--db postgres://…); ' +
            'with SQLite the server runs the jobs itself (serve --workers N)\n',
        );
        io.setExitCode(2);
        return;
      }
      const { ExportQueue, pgBossTransport } = await import('../jobs/export-queue.js');
      let store: Awaited<ReturnType<typeof openStore>> | null = null;
      let queue: InstanceType<typeof ExportQueue> | null = null;
      try {
        store = await openStore(target);
        queue = new ExportQueue({ store, transport: await pgBossTransport(target) });
        await queue.startWorking(Math.max(1, options.concurrency));
      } catch (error) {
        await queue?.stop();
        await store?.close();
        io.stderr(`massage-coach worker: ${error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(1);
        return;
      }
      io.stdout(
        `worker ${process.pid}: taking export jobs from ${store.location} (${Math.max(1, options.concurrency)} at a time)\n`,
      );
      const running = { queue, store };
      await new Promise<void>((done) => {
        const stop = () => {
          void running.queue
            .stop()
            .then(() => running.store.close())
            .finally(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      io.setExitCode(0);
    });

  const user = program.command('user').description('Manage accounts of the records server.');
  user
    .command('add')
    .description('Add an account; the password is read from stdin (or MASSAGE_COACH_PASSWORD).')
    .requiredOption('--email <email>', 'the e-mail address to log in with')
    .requiredOption('--name <name>', 'the name shown')
    .addOption(
      new Option('--role <role>', 'owner or therapist').choices(['owner', 'therapist']).default('therapist'),
    )
    .addOption(dbOption)
    .action(async (options: { email: string; name: string; role: string; db?: string }) => {
      let password: string;
      try {
        password = await (io.password ?? passwordFromStdin)();
      } catch (error) {
        io.stderr(`massage-coach user add: ${error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(2);
        return;
      }
      const parsed = UserInput.safeParse({
        email: options.email,
        name: options.name,
        role: options.role,
        password,
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          io.stderr(`massage-coach user add: ${issue.path.join('.')}: ${issue.message}\n`);
        io.setExitCode(1);
        return;
      }
      const { dbTarget, openStore } = await storeModule();
      const { passwordHashed } = await import('../server/passwords.js');
      const store = await openStore(dbTarget(options.db));
      try {
        const added = await store.addUser({
          email: parsed.data.email,
          name: parsed.data.name,
          role: parsed.data.role,
          createdAt: new Date().toISOString(),
          passwordHash: await passwordHashed(parsed.data.password),
        });
        if (!added) {
          io.stderr(`massage-coach user add: an account with ${parsed.data.email} exists\n`);
          io.setExitCode(1);
          return;
        }
        await store.addAudit({
          at: added.createdAt,
          userId: null,
          action: 'user.add',
          target: `user:${added.id}`,
          clientId: null,
          detail: `${added.role} (command line)`,
        });
        io.stdout(`added ${added.role} ${added.email} to ${store.location}\n`);
        io.setExitCode(0);
      } finally {
        await store.close();
      }
    });

  program
    .command('backup')
    .description('Copy a SQLite records database while the server runs (an online backup); checks the copy.')
    .requiredOption('-o, --output <file>', 'the backup file to write (must not exist)')
    .addOption(dbOption)
    .option('--force', 'replace the output file if it exists')
    .action(async (options: { output: string; db?: string; force?: boolean }) => {
      const { dbTarget, isPostgresUrl } = await storeModule();
      const { openSqliteStore, sqliteIntegrity } = await sqliteModule();
      const target = dbTarget(options.db);
      if (isPostgresUrl(target)) {
        io.stderr(
          'massage-coach backup: for PostgreSQL use pg_dump: pg_dump --format=custom --file=FILE "$DATABASE_URL" ' +
            '(docs/operations.md)\n',
        );
        io.setExitCode(2);
        return;
      }
      if (!existsSync(target)) {
        io.stderr(`massage-coach backup: ${target}: no such database file\n`);
        io.setExitCode(1);
        return;
      }
      if (existsSync(options.output)) {
        if (!options.force) {
          io.stderr(`massage-coach backup: ${options.output} exists (use --force to replace it)\n`);
          io.setExitCode(1);
          return;
        }
        rmSync(options.output);
      }
      const store = await openSqliteStore(target);
      try {
        await store.backup(options.output);
      } finally {
        await store.close();
      }
      const integrity = sqliteIntegrity(options.output);
      if (integrity !== 'ok') {
        io.stderr(`massage-coach backup: the copy fails its integrity check: ${integrity}\n`);
        io.setExitCode(1);
        return;
      }
      const bytes = readFileSync(options.output).length;
      io.stdout(`backed up ${target} to ${options.output} (${bytes} bytes, integrity ok)\n`);
      io.setExitCode(0);
    });
}
