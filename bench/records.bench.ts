// Session-event writes per second and p99 latency at 64 connections on loopback (autocannon), for the records
// server on SQLite and on PostgreSQL, beside a bare Fastify route measured in the same run. Each server runs in its
// own process. Targets with SQLite: >= 3,000 writes/s, p99 <= 25 ms, at least 0.3 of the bare route's rate.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type PostgresCluster, postgresClusterStarted } from '../src/store/test-support/postgres-cluster.js';
import type { Report } from './run.js';

const ROOT = join(import.meta.dirname, '..');
const CONNECTIONS = 64;
const SETUP_LINE = /#setup=\S+\n/;
const SECONDS = Number(process.env.RECORDS_BENCH_SECONDS ?? 10);

function serverStarted(
  target: string,
  ready: RegExp,
): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/support/bench-server.ts'), target],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no server: ${out}`)), 60_000);
    proc.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /web app: (http:\/\/\S+?)\/?\n/.exec(out);
      if (m && ready.test(out)) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, output: () => out });
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function loggedInSession(
  url: string,
  output: string,
): Promise<{ headers: Record<string, string>; path: string }> {
  const token = /#setup=(\S+)/.exec(output)?.[1];
  if (!token) throw new Error(`no set-up link in: ${output}`);
  const setup = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.org', name: 'Bench', password: 'bench-password-1', token }),
  });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const plan = await fetch(`${url}/api/plans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ intake: { minutes: 45 } }),
  });
  const planId = ((await plan.json()) as { id: string }).id;
  const session = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ planId }),
  });
  const sessionId = ((await session.json()) as { id: string }).id;
  return { headers, path: `/api/sessions/${sessionId}/events` };
}

interface Load {
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly total: number;
}

async function loaded(
  url: string,
  path: string,
  headers: Record<string, string>,
  label: string,
): Promise<Load> {
  let n = 0;
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          // One event per request, each with its own id: every request is a new write.
          body: JSON.stringify({
            events: [{ id: `${label}-${n++}`, kind: 'next', t: n % 3600, at: '2026-12-02T17:00:00Z' }],
          }),
        }),
      },
    ],
  });
  return {
    rate: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}

function rowOf(report: Report, name: string, load: Load, extra: Record<string, number | string> = {}) {
  report.row(
    {
      name,
      medianNs: load.p50Ms * 1e6,
      p95Ns: load.p99Ms * 1e6,
      opsPerSecond: load.rate,
      batches: SECONDS,
      opsPerBatch: Math.round(load.total / SECONDS),
    },
    { p99Ms: load.p99Ms, non2xx: load.non2xx, errors: load.errors, connections: CONNECTIONS, ...extra },
  );
}

/** Runs the records benchmark (the "p95" column shows p99 here). */
export async function run(report: Report): Promise<void> {
  report.note(
    `records: POST one event per request, ${CONNECTIONS} connections, ${SECONDS} s each; columns: p50, p99, writes/s`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'records-bench-'));
  const procs: ChildProcess[] = [];
  let cluster: PostgresCluster | null = null;
  try {
    const bare = await serverStarted('bare', /web app/);
    procs.push(bare.proc);
    const bareLoad = await loaded(bare.url, '/bare', { 'content-type': 'application/json' }, 'bare');
    bare.proc.kill();
    rowOf(report, 'records: bare Fastify route', bareLoad);

    const sqlite = await serverStarted(join(dir, 'records.sqlite'), SETUP_LINE);
    procs.push(sqlite.proc);
    const s = await loggedInSession(sqlite.url, sqlite.output());
    const sqliteLoad = await loaded(sqlite.url, s.path, s.headers, 'sqlite');
    sqlite.proc.kill();
    const ratio = sqliteLoad.rate / bareLoad.rate;
    rowOf(report, 'records: event writes, SQLite', sqliteLoad, { ofBare: Number(ratio.toFixed(3)) });
    report.note(
      `SQLite: ${Math.round(sqliteLoad.rate)} writes/s (target >= 3000), p99 ${sqliteLoad.p99Ms} ms (target <= 25), ` +
        `${ratio.toFixed(2)} of the bare route (target >= 0.3); non-2xx ${sqliteLoad.non2xx}, errors ${sqliteLoad.errors}`,
    );

    try {
      cluster = await postgresClusterStarted();
    } catch (error) {
      report.skip(
        'records: event writes, PostgreSQL',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    const pg = await serverStarted(await cluster.databaseCreated('bench'), SETUP_LINE);
    procs.push(pg.proc);
    const p = await loggedInSession(pg.url, pg.output());
    const pgLoad = await loaded(pg.url, p.path, p.headers, 'pg');
    pg.proc.kill();
    rowOf(report, 'records: event writes, PostgreSQL', pgLoad, {
      ofBare: Number((pgLoad.rate / bareLoad.rate).toFixed(3)),
    });
  } finally {
    for (const proc of procs) if (proc.exitCode === null) proc.kill('SIGKILL');
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
