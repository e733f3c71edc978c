// The web player in headless chromium: frame intervals over 60 s of playback, main-thread busy time per
// second of playback, first contentful paint, the first drawn figure, and the initial JavaScript (gzipped).
// Needs the built app (npm run build:web) and /usr/bin/chromium (scripts/ensure-chromium.sh); skips without them.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { appServed, browserLaunched, CHROMIUM, WEB_ROOT } from '../e2e/browser.js';
import type { Report } from './run.js';
import { quantileOf } from './timing.js';

/** Seconds of playback measured. */
const PLAYBACK_SECONDS = Number(process.env.PLAYER_BENCH_SECONDS ?? 60);
/** The figure's frame rate asked of the player (its default is 30). */
const FIGURE_FPS = process.env.PLAYER_BENCH_FPS;
/** Session seconds per real second during the measured playback. */
const PLAYBACK_SPEED = 3;
/** Fresh page loads whose first contentful paint is measured (the median is reported). */
const FIRST_LOADS = 5;
/** The targets of the player (docs/player.md). */
export const PLAYER_TARGETS = {
  frameP95Ms: 17.5,
  frameMaxMs: 50,
  busyMsPerSecond: 100,
  fcpMs: 300,
  initialJsGzipBytes: 100 * 1024,
} as const;

/** What one run measured. */
export interface PlayerFigures {
  readonly frames: number;
  readonly frameP50Ms: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  readonly framesOver50Ms: number;
  /** Main-thread task time (wall clock) per second of playback: CDP TaskDuration. */
  readonly busyMsPerSecond: number;
  /** Main-thread CPU time per second of playback: CDP ThreadTime (less swayed by other processes). */
  readonly cpuMsPerSecond: number;
  readonly fcpMs: number;
  readonly fcpMaxMs: number;
  readonly firstFigureMs: number;
  readonly initialJsGzipBytes: number;
  readonly initialJsFiles: readonly string[];
}

async function firstLoadMeasured(browser: Browser, url: string): Promise<{ fcpMs: number; js: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const js: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') js.push(new URL(request.url()).pathname);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('form.intake');
  const fcpMs = await page.evaluate<number>(`new Promise((resolve) => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0];
    const entry = found();
    if (entry) return resolve(entry.startTime);
    new PerformanceObserver(() => { const e = found(); if (e) resolve(e.startTime); }).observe({ type: 'paint', buffered: true });
  })`);
  await context.close();
  return { fcpMs, js };
}

function gzipBytesOf(paths: readonly string[]): number {
  let total = 0;
  for (const path of new Set(paths)) {
    const file = join(WEB_ROOT, path);
    if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return total;
}

async function sessionOpened(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('form.intake');
  await page.click('button[type="submit"]');
  await page.waitForSelector('section.plan .step-card');
  await page.click('button:has-text("Start the session")');
  await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
}

/** Measures the player once; the caller owns the browser. */
export async function playerFiguresMeasured(browser: Browser, url: string): Promise<PlayerFigures> {
  // One untimed load warms the browser up; then the median of FIRST_LOADS fresh contexts (empty caches).
  await firstLoadMeasured(browser, url);
  const loads: { fcpMs: number; js: string[] }[] = [];
  for (let i = 0; i < FIRST_LOADS; i++) loads.push(await firstLoadMeasured(browser, url));
  const fcps = loads.map((l) => l.fcpMs).sort((a, b) => a - b);
  const first = { fcpMs: quantileOf(fcps, 0.5), fcpMaxMs: fcps.at(-1) ?? Number.NaN, js: loads[0]!.js };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // From the start of the reinforced palm at speed 3, the 60 s cover 180 s of the session: hands moving all
  // along, and the change to the fingertip presses.
  await sessionOpened(page, `${url}?speed=${PLAYBACK_SPEED}${FIGURE_FPS ? `&fps=${FIGURE_FPS}` : ''}`);
  // From navigation to the first figure: reload into the running session.
  await page.reload();
  await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
  const firstFigureMs = await page.evaluate<number>(
    "performance.getEntriesByName('figure-drawn')[0]?.startTime ?? Number.NaN",
  );
  await page.click('[data-testid="play-pause"]');
  // From the check-in (no hands) to the first working step, the reinforced palm.
  await page.keyboard.press('ArrowRight');
  await page.mouse.move(0, 0);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const mainThreadSeconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return { task: value('TaskDuration'), cpu: value('ThreadTime') };
  };
  const before = await mainThreadSeconds();
  const stamps = await page.evaluate<number[]>(`new Promise((resolve) => {
    const out = [];
    const end = performance.now() + ${PLAYBACK_SECONDS * 1000};
    const frame = (t) => { out.push(t); if (t < end) requestAnimationFrame(frame); else resolve(out); };
    requestAnimationFrame(frame);
  })`);
  const after = await mainThreadSeconds();
  await context.close();
  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i]!)
    .sort((a, b) => a - b);
  const elapsedSeconds = (stamps.at(-1)! - stamps[0]!) / 1000;
  return {
    frames: intervals.length,
    frameP50Ms: quantileOf(intervals, 0.5),
    frameP95Ms: quantileOf(intervals, 0.95),
    frameMaxMs: intervals.at(-1) ?? Number.NaN,
    framesOver50Ms: intervals.filter((d) => d > 50).length,
    busyMsPerSecond: ((after.task - before.task) * 1000) / elapsedSeconds,
    cpuMsPerSecond: ((after.cpu - before.cpu) * 1000) / elapsedSeconds,
    fcpMs: first.fcpMs,
    fcpMaxMs: first.fcpMaxMs,
    firstFigureMs,
    initialJsGzipBytes: gzipBytesOf(first.js),
    initialJsFiles: first.js,
  };
}

function row(
  report: Report,
  name: string,
  ms: number,
  count: number,
  extra: Record<string, number | string>,
): void {
  report.row(
    {
      name,
      medianNs: ms * 1e6,
      p95Ns: ms * 1e6,
      opsPerSecond: ms > 0 ? 1000 / ms : 0,
      batches: count,
      opsPerBatch: 1,
    },
    extra,
  );
}

/** Runs the player benchmark. */
export async function run(report: Report): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report.skip('player', `${CHROMIUM} is missing (scripts/ensure-chromium.sh)`);
    return;
  }
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    report.skip('player', 'the web app is not built (npm run build:web)');
    return;
  }
  const browser = await browserLaunched();
  const app = await appServed();
  try {
    const f = await playerFiguresMeasured(browser, app.url);
    const t = PLAYER_TARGETS;
    report.row(
      {
        name: 'player frame interval (rAF)',
        medianNs: f.frameP50Ms * 1e6,
        p95Ns: f.frameP95Ms * 1e6,
        opsPerSecond: 1000 / f.frameP50Ms,
        batches: f.frames,
        opsPerBatch: 1,
      },
      { maxMs: f.frameMaxMs, framesOver50Ms: f.framesOver50Ms, targetP95Ms: t.frameP95Ms },
    );
    row(report, 'player main thread per s of playback', f.busyMsPerSecond, 1, {
      targetMs: t.busyMsPerSecond,
    });
    row(report, 'player first contentful paint', f.fcpMs, FIRST_LOADS, {
      maxMs: f.fcpMaxMs,
      targetMs: t.fcpMs,
    });
    row(report, 'player navigation to first figure', f.firstFigureMs, 1, {});
    report.note(
      `player: ${f.frames} frames in ${PLAYBACK_SECONDS} s; p50 ${f.frameP50Ms.toFixed(2)} ms, p95 ${f.frameP95Ms.toFixed(2)} ms ` +
        `(target ≤ ${t.frameP95Ms}), max ${f.frameMaxMs.toFixed(1)} ms, ${f.framesOver50Ms} over 50 ms (target 0)`,
    );
    report.note(
      `player: main thread ${f.busyMsPerSecond.toFixed(1)} ms per s of playback (target ≤ ${t.busyMsPerSecond}; ` +
        `CPU ${f.cpuMsPerSecond.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores); ` +
        `FCP median ${f.fcpMs.toFixed(0)} ms of ${FIRST_LOADS} fresh loads (max ${f.fcpMaxMs.toFixed(0)}; target ≤ ${t.fcpMs}); first figure ${f.firstFigureMs.toFixed(0)} ms after navigation`,
    );
    report.note(
      `player: initial JS ${(f.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped (target ≤ ${t.initialJsGzipBytes / 1024}) ` +
        `in ${f.initialJsFiles.length} file(s): ${f.initialJsFiles.join(', ')}`,
    );
  } finally {
    await browser.close();
    await app.close();
  }
}
