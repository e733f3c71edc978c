// Session-event writes per second and p99 latency at 64 connections on loopback (autocannon), for the records
// server on SQLite and on PostgreSQL, beside a bare Fastify route measured in the same run. Each server runs in its
// own process; the server's CPU time per request (all its threads) is reported beside the wall-clock figures.
// Targets with SQLite: >= 3,000 writes/s, p99 <= 25 ms, at least 0.3 of the bare route's rate.
//
// RECORDS_BENCH_SECONDS (10) sets each run's length, RECORDS_BENCH_ROUNDS (1) repeats the bare and SQLite runs, and
// RECORDS_BENCH_BASE=DIR also runs the servers of another checkout (say `git archive main`, with node_modules) in
// the same rounds, right before this one's, and reports this checkout's figures as ratios of that one's.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { type PostgresCluster, postgresClusterStarted } from '../src/store/test-support/postgres-cluster.js';
import type { Report } from './run.js';
import { processCpuSeconds } from './support/process-cpu.js';

const ROOT = join(import.meta.dirname, '..');
const CONNECTIONS = 64;
const SETUP_LINE = /#setup=\S+\n/;
const SECONDS = Number(process.env.RECORDS_BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(1, Number(process.env.RECORDS_BENCH_ROUNDS ?? 1));
const BASE = process.env.RECORDS_BENCH_BASE ? resolve(process.env.RECORDS_BENCH_BASE) : null;
const TARGET = { rate: 3000, p99Ms: 25, ofBare: 0.3 };

/** The load average now, as `uptime` prints it. */
function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

function serverStarted(
  root: string,
  target: string,
  ready: RegExp,
): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/support/bench-server.ts'), target],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`no server: ${out}`));
    }, 60_000);
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
  /** The server's CPU time per request (every thread), microseconds; null without /proc. */
  readonly cpuUsPerRequest: number | null;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly total: number;
}

async function loaded(
  server: { proc: ChildProcess; url: string },
  path: string,
  headers: Record<string, string>,
  label: string,
): Promise<Load> {
  const { url } = server;
  let n = 0;
  const pid = server.proc.pid ?? -1;
  const cpu0 = processCpuSeconds(pid);
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
  const cpu1 = processCpuSeconds(pid);
  return {
    rate: result.requests.average,
    cpuUsPerRequest:
      cpu0 === null || cpu1 === null || result.requests.total === 0
        ? null
        : Math.round(((cpu1 - cpu0) * 1e6) / result.requests.total),
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
    {
      p99Ms: load.p99Ms,
      cpuUsPerRequest: load.cpuUsPerRequest ?? 'n/a',
      non2xx: load.non2xx,
      errors: load.errors,
      connections: CONNECTIONS,
      load: loadText(),
      ...extra,
    },
  );
}

/** The bare route's load, in a server of its own. */
async function bareLoaded(root: string): Promise<Load> {
  const bare = await serverStarted(root, 'bare', /web app/);
  try {
    return await loaded(bare, '/bare', { 'content-type': 'application/json' }, 'bare');
  } finally {
    bare.proc.kill();
  }
}

/** Event writes on a records server of `root` over a database (a SQLite file or a postgres:// URL). */
async function writesLoaded(root: string, db: string, label: string): Promise<Load> {
  const server = await serverStarted(root, db, SETUP_LINE);
  try {
    const s = await loggedInSession(server.url, server.output());
    return await loaded(server, s.path, s.headers, label);
  } finally {
    server.proc.kill();
  }
}

/** "met" or "not met", for a figure against its target. */
function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'NOT met';
}

/** The figures of a SQLite run against the three targets. */
function targetsText(load: Load, bare: Load): string {
  const ofBare = load.rate / bare.rate;
  return (
    `${Math.round(load.rate)} writes/s (>= ${TARGET.rate}: ${verdict(load.rate >= TARGET.rate)}), ` +
    `p99 ${load.p99Ms} ms (<= ${TARGET.p99Ms}: ${verdict(load.p99Ms <= TARGET.p99Ms)}), ` +
    `${ofBare.toFixed(2)} of the bare route's ${Math.round(bare.rate)}/s (>= ${TARGET.ofBare}: ` +
    `${verdict(ofBare >= TARGET.ofBare)}); CPU ${load.cpuUsPerRequest ?? 'n/a'} µs a write ` +
    `(bare ${bare.cpuUsPerRequest ?? 'n/a'} µs); non-2xx ${load.non2xx}, errors ${load.errors}`
  );
}

/** This checkout's figures as ratios of the base's, measured one after the other. */
function ratioText(load: Load, base: Load): string {
  const cpu =
    load.cpuUsPerRequest !== null && base.cpuUsPerRequest !== null
      ? `, CPU a write ${(load.cpuUsPerRequest / base.cpuUsPerRequest).toFixed(2)}×`
      : '';
  return (
    `this/base: rate ${(load.rate / base.rate).toFixed(2)}×, p99 ${load.p99Ms}/${base.p99Ms} ms, ` +
    `p50 ${load.p50Ms}/${base.p50Ms} ms${cpu}`
  );
}

/** Runs the records benchmark (the "p95" column shows p99 here). */
export async function run(report: Report): Promise<void> {
  report.note(
    `records: POST one event per request, ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} round(s); ` +
      `columns: p50, p99, writes/s${BASE ? `; base: ${BASE}` : ''}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'records-bench-'));
  let cluster: PostgresCluster | null = null;
  try {
    let bare: Load | null = null;
    for (let round = 1; round <= ROUNDS; round++) {
      const tag = ROUNDS > 1 ? ` #${round}` : '';
      report.note(`round ${round}: load average ${loadText()}`);
      bare = await bareLoaded(ROOT);
      rowOf(report, `records: bare Fastify route${tag}`, bare);
      const base = BASE ? await writesLoaded(BASE, join(dir, `base-${round}.sqlite`), 'base') : null;
      if (base) {
        rowOf(report, `records: SQLite, base${tag}`, base, {
          ofBare: Number((base.rate / bare.rate).toFixed(3)),
        });
        report.note(`base SQLite: ${targetsText(base, bare)}`);
      }
      const sqlite = await writesLoaded(ROOT, join(dir, `records-${round}.sqlite`), 'sqlite');
      rowOf(report, `records: event writes, SQLite${tag}`, sqlite, {
        ofBare: Number((sqlite.rate / bare.rate).toFixed(3)),
      });
      report.note(`SQLite: ${targetsText(sqlite, bare)}`);
      if (base) report.note(ratioText(sqlite, base));
    }

    try {
      cluster = await postgresClusterStarted();
    } catch (error) {
      report.skip(
        'records: event writes, PostgreSQL',
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    report.note(`PostgreSQL: load average ${loadText()}`);
    const pgBase = BASE
      ? await writesLoaded(BASE, await cluster.databaseCreated('bench_base'), 'pg-base')
      : null;
    if (pgBase) rowOf(report, 'records: PostgreSQL, base', pgBase);
    const pg = await writesLoaded(ROOT, await cluster.databaseCreated('bench'), 'pg');
    rowOf(report, 'records: event writes, PostgreSQL', pg, {
      ...(bare ? { ofBare: Number((pg.rate / bare.rate).toFixed(3)) } : {}),
    });
    if (pgBase) report.note(`PostgreSQL ${ratioText(pg, pgBase)}`);
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
