// A throw-away PostgreSQL cluster for tests and benchmarks: initdb and pg_ctl in a temp folder, 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running cluster: its URL (as superuser `postgres`, trust auth on loopback) and how to stop it. */
export interface PostgresCluster {
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL. */
  databaseCreated(name: string): Promise<string>;
  stop(): void;
}

/** The folder of Debian's PostgreSQL binaries (the newest version installed). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run bash scripts/ensure-postgres.sh ' +
        '(as root it runs: apt-get update && apt-get install -y postgresql)',
    );
  }
  return join(root, newest, 'bin');
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function uid(name: string): number | null {
  try {
    return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

/** Starts a new cluster in a temp folder (PostgreSQL refuses to run as root: then as the `postgres` user). */
export async function postgresClusterStarted(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'massage-coach-pg-'));
  const isRoot = process.getuid?.() === 0;
  const asUser = (command: string, args: string[]): string[] =>
    isRoot ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
  if (isRoot) {
    const pgUid = uid('postgres');
    if (pgUid === null)
      throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as');
    chownSync(dir, pgUid, pgUid);
  }
  const data = join(dir, 'data');
  const run = (command: string, args: string[]) => {
    const [file, ...rest] = asUser(command, args);
    execFileSync(file!, rest, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async databaseCreated(name: string): Promise<string> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
