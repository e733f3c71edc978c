// The web player in headless chromium: frame intervals over 60 s of playback, main-thread busy time per
// second of playback (in a playback of its own, without the frame probe's rAF loop; beside it too), first contentful paint, the first drawn figure, and the initial JavaScript (gzipped).
// Needs the built app (npm run build:web) and /usr/bin/chromium (scripts/ensure-chromium.sh); skips without them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { browserLaunched, CHROMIUM, WEB_ROOT } from '../e2e/browser.js';
import { builtinRoutine } from '../src/content/load.js';
import { staticServerStarted } from '../src/server/static-server.js';
import type { Report } from './run.js';
import { quantileOf } from './timing.js';

/**
 * Command-line options after the filter:
 * `npm run bench -- player --duration 60 --root DIR --root DIR2 --rounds 2 --profile DIR --step ankle-circles`.
 */
function optionsOf(argv: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : (argv[i + 1] ?? '');
    if (eq < 0) i++;
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}
const OPTIONS = optionsOf(process.argv.slice(3));
const option = (name: string): string | undefined => OPTIONS.get(name)?.at(-1);

/** Seconds of playback over which DOM nodes and JS heap are sampled (five minutes; `--duration` for quick runs). */
const DURATION_SECONDS = Number(option('duration') ?? process.env.PLAYER_BENCH_DURATION ?? 300);
/** Seconds of playback over which the frames and the main thread are measured (the first part of the run). */
const PLAYBACK_SECONDS = Math.min(Number(process.env.PLAYER_BENCH_SECONDS ?? 60), DURATION_SECONDS);
/** Real seconds between two samples of nodes and heap. */
const SAMPLE_EVERY_SECONDS = 5;
/** Real seconds between two forced collections (after the frames' window). */
const COLLECT_EVERY_SECONDS = 60;
/** The figure's frame rate asked of the player (its default is the player's FIGURE_FPS). */
const FIGURE_FPS = option('fps') ?? process.env.PLAYER_BENCH_FPS;
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

/** One sample of the page's live DOM nodes and used JS heap (CDP Performance.getMetrics). */
export interface MemorySample {
  /** Real seconds since playback began. */
  readonly s: number;
  readonly nodes: number;
  readonly heapBytes: number;
}

/** How a sampled quantity went over the playback. */
export interface Trend {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  /** Least-squares slope, per minute of playback. */
  readonly slopePerMinute: number;
}

/** What one run measured. */
export interface PlayerFigures {
  readonly frames: number;
  readonly frameP50Ms: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  readonly framesOver50Ms: number;
  /**
   * Main-thread task time (wall clock) per second of playback, CDP TaskDuration, in a playback with nothing of the
   * benchmark running in the page (see quietBusyMeasured).
   */
  readonly busyMsPerSecond: number;
  /** Main-thread CPU time per second of that playback: CDP ThreadTime (less swayed by other processes). */
  readonly cpuMsPerSecond: number;
  /** The same two in the playback whose frame intervals are measured, the probe's requestAnimationFrame loop running. */
  readonly probedBusyMsPerSecond: number;
  readonly probedCpuMsPerSecond: number;
  readonly fcpMs: number;
  readonly fcpMaxMs: number;
  readonly firstFigureMs: number;
  readonly initialJsGzipBytes: number;
  readonly initialJsFiles: readonly string[];
  /** Seconds of playback the memory was sampled over. */
  readonly durationSeconds: number;
  readonly samples: readonly MemorySample[];
  readonly nodes: Trend;
  readonly heapBytes: Trend;
  /** Nodes and heap after a forced garbage collection: at the start, once a minute after the frames' window, at the end. */
  readonly collected: readonly MemorySample[];
  readonly retainedNodes: Trend;
  readonly retainedHeapBytes: Trend;
  /** The functions with the most self time, when a CPU profile was asked for (`--profile DIR`). */
  readonly profileTop: readonly string[];
  /** The main thread's self time by trace event over the first seconds, when a trace was asked for (`--trace DIR`). */
  readonly traceTop: readonly string[];
}

/** First, last, extremes and least-squares slope (per minute) of samples taken at `s` seconds. */
export function trendOf(points: readonly { s: number; value: number }[]): Trend {
  const n = points.length;
  if (n === 0)
    return { first: Number.NaN, last: Number.NaN, min: Number.NaN, max: Number.NaN, slopePerMinute: 0 };
  const meanS = points.reduce((a, p) => a + p.s, 0) / n;
  const meanV = points.reduce((a, p) => a + p.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.s - meanS) * (p.value - meanV);
    den += (p.s - meanS) ** 2;
  }
  const values = points.map((p) => p.value);
  return {
    first: values[0]!,
    last: values.at(-1)!,
    min: Math.min(...values),
    max: Math.max(...values),
    slopePerMinute: den > 0 ? (num / den) * 60 : 0,
  };
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
  // The scripts of the first screen: those asked for before the load event (what the app imports once the
  // page has loaded and the browser is idle is not initial JavaScript).
  const early = await page.evaluate<string[]>(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const end = nav && nav.loadEventStart > 0 ? nav.loadEventStart : Infinity;
    return performance.getEntriesByType('resource').filter((e) => e.startTime < end).map((e) => new URL(e.name).pathname);
  })()`);
  await context.close();
  return { fcpMs, js: js.filter((path) => early.includes(path)) };
}

function gzipBytesOf(root: string, paths: readonly string[]): number {
  let total = 0;
  for (const path of new Set(paths)) {
    const file = join(root, path);
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

/**
 * Presses Next until the player shows the step with this title (by its title, which every build shows; the first
 * of its sides). Throws when the session ends first.
 */
async function stepReached(page: Page, title: string): Promise<void> {
  const shown = () => page.textContent('#screen-title').then((t) => t?.trim() ?? '');
  for (let i = 0; i < 80; i++) {
    if ((await shown()) === title) return;
    const before = await shown();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      `document.querySelector('#screen-title')?.textContent?.trim() !== ${JSON.stringify(before)}`,
      undefined,
      { timeout: 5000 },
    );
  }
  throw new Error(`the player never showed the step "${title}"`);
}

/** The English title of a step of the sample routine, for `--step ID`. */
function stepTitleOf(id: string): string {
  for (const section of builtinRoutine('spinal-column').sections) {
    const step = section.steps.find((s) => s.id === id);
    if (step) return step.title.en;
  }
  throw new Error(`--step ${id}: no such step in the spinal-column routine`);
}

/** The part of a CDP Profiler.Profile read here. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The functions with the most self time in a CPU profile, as lines of text. */
function profileTopOf(profile: CpuProfile, count: number): string[] {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = deltas[i] ?? 0;
    if (!node) return;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${((100 * us) / Math.max(total, 1)).toFixed(1).padStart(5)} %  ${key}`);
}

/** One event of a Chrome trace, as read here. */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** Seconds of the frames' window that `--trace` records (a trace of the whole minute would be hundreds of MB). */
const TRACE_SECONDS = 15;

/**
 * The renderer main thread's time by trace event, self time only (an event's time less that of the events inside
 * it), in ms per second of the trace: where the main thread goes (script, style, layout, paint, GC), as lines.
 */
export function traceSelfTimesOf(events: readonly TraceEvent[], seconds: number, count: number): string[] {
  // The page's main thread: of the threads named CrRendererMain, the busiest.
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const spans = new Map<string, { name: string; start: number; end: number }[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = spans.get(key) ?? [];
    spans.set(key, list);
    if (e.ph === 'X' && e.dur !== undefined) list.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.set(key, [...(open.get(key) ?? []), e]);
    else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b) list.push({ name: b.name, start: b.ts, end: e.ts });
    }
  }
  const busiest = [...spans.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  busiest.sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map<string, number>();
  const stack: { name: string; end: number; child: number }[] = [];
  const closed = (upTo: number) => {
    while (stack.length > 0 && stack.at(-1)!.end <= upTo) {
      const s = stack.pop()!;
      self.set(s.name, (self.get(s.name) ?? 0) - s.child);
    }
  };
  for (const span of busiest) {
    closed(span.start);
    const parent = stack.at(-1);
    const end = parent ? Math.min(span.end, parent.end) : span.end;
    const dur = Math.max(0, end - span.start);
    if (parent) parent.child += dur;
    self.set(span.name, (self.get(span.name) ?? 0) + dur);
    stack.push({ name: span.name, end, child: 0 });
  }
  closed(Number.POSITIVE_INFINITY);
  const total = [...self.values()].reduce((a, v) => a + v, 0);
  const perSecond = (us: number) => (us / 1000 / Math.max(seconds, 1e-9)).toFixed(1).padStart(6);
  return [
    `${perSecond(total)} ms/s  all events`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => `${perSecond(us)} ms/s  ${name}`),
  ];
}

/** The page's main-thread figures now (CDP Performance.getMetrics, which must be enabled). */
async function metricsOf(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    task: value('TaskDuration'),
    cpu: value('ThreadTime'),
    nodes: value('Nodes'),
    heapBytes: value('JSHeapUsedSize'),
  };
}

/**
 * A fresh page playing the sample session at PLAYBACK_SPEED from the start of the reinforced palm (the first 60 s
 * cover 180 s of the session: hands moving all along, and the change to the fingertip presses), or from the step
 * asked for; with how long the first figure took after a reload into the running session.
 */
async function playbackStarted(browser: Browser, url: string, stepTitle: string | undefined) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await sessionOpened(page, `${url}?speed=${PLAYBACK_SPEED}${FIGURE_FPS ? `&fps=${FIGURE_FPS}` : ''}`);
  // From navigation to the first figure: reload into the running session.
  await page.reload();
  await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
  const firstFigureMs = await page.evaluate<number>(
    "performance.getEntriesByName('figure-drawn')[0]?.startTime ?? Number.NaN",
  );
  await page.click('[data-testid="play-pause"]');
  // From the check-in (no hands) to the first working step, the reinforced palm, or on to the step asked for.
  await page.keyboard.press('ArrowRight');
  if (stepTitle !== undefined) await stepReached(page, stepTitle);
  await page.mouse.move(0, 0);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  return { context, page, cdp, firstFigureMs };
}

/**
 * The main thread's task and CPU time per second over PLAYBACK_SECONDS of a playback of its own, the same part of
 * the session, with nothing of the benchmark running in the page. The frame-interval probe (a requestAnimationFrame
 * loop) makes the browser run its main-frame work at every display refresh, 60 times a second, which the player
 * does not ask for (it wakes only when its next figure is due, 24 times a second): measured beside the probe, the
 * main thread's figure holds the probe's cost too (both are reported).
 */
async function quietBusyMeasured(
  browser: Browser,
  url: string,
  stepTitle: string | undefined,
): Promise<{ busyMsPerSecond: number; cpuMsPerSecond: number }> {
  const { context, page, cdp } = await playbackStarted(browser, url, stepTitle);
  try {
    const before = await metricsOf(cdp);
    const startedAt = await page.evaluate<number>('performance.now()');
    await new Promise((done) => setTimeout(done, PLAYBACK_SECONDS * 1000));
    const after = await metricsOf(cdp);
    const seconds = ((await page.evaluate<number>('performance.now()')) - startedAt) / 1000;
    return {
      busyMsPerSecond: ((after.task - before.task) * 1000) / seconds,
      cpuMsPerSecond: ((after.cpu - before.cpu) * 1000) / seconds,
    };
  } finally {
    await context.close();
  }
}

/** Measures the player once (served at `url` from `root`); the caller owns the browser. */
export async function playerFiguresMeasured(
  browser: Browser,
  url: string,
  root: string = WEB_ROOT,
  options: {
    profileFile?: string | undefined;
    traceFile?: string | undefined;
    stepTitle?: string | undefined;
  } = {},
): Promise<PlayerFigures> {
  // One untimed load warms the browser up; then the median of FIRST_LOADS fresh contexts (empty caches).
  await firstLoadMeasured(browser, url);
  const loads: { fcpMs: number; js: string[] }[] = [];
  for (let i = 0; i < FIRST_LOADS; i++) loads.push(await firstLoadMeasured(browser, url));
  const fcps = loads.map((l) => l.fcpMs).sort((a, b) => a - b);
  const first = { fcpMs: quantileOf(fcps, 0.5), fcpMaxMs: fcps.at(-1) ?? Number.NaN, js: loads[0]!.js };
  const quiet = await quietBusyMeasured(browser, url, options.stepTitle);
  const { context, page, cdp, firstFigureMs } = await playbackStarted(browser, url, options.stepTitle);
  const metricsRead = () => metricsOf(cdp);
  const collectedRead = async (s: number): Promise<MemorySample> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await metricsRead();
    return { s, nodes: m.nodes, heapBytes: m.heapBytes };
  };
  const collectedStart = await collectedRead(0);
  if (options.profileFile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (options.traceFile) {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'],
    });
  }
  let traceTop: string[] = [];
  const before = await metricsRead();
  const startedAt = Date.now();
  // The frames of the first PLAYBACK_SECONDS, collected in the page; nodes and heap sampled from here.
  await page.evaluate(`(() => {
    const out = [];
    window.__benchFrames = out;
    const end = performance.now() + ${PLAYBACK_SECONDS * 1000};
    const frame = (t) => { out.push(t); if (t < end) requestAnimationFrame(frame); else window.__benchFramesDone = true; };
    requestAnimationFrame(frame);
  })()`);
  const samples: MemorySample[] = [];
  // What stays after a forced collection, once a minute after the frames' window (a collection inside it would
  // count in the main thread's time): the trend that tells a leak from garbage not yet collected.
  const collected: MemorySample[] = [collectedStart];
  let atWindowEnd: Awaited<ReturnType<typeof metricsRead>> | null = null;
  for (;;) {
    const s = (Date.now() - startedAt) / 1000;
    const m = await metricsRead();
    samples.push({ s, nodes: m.nodes, heapBytes: m.heapBytes });
    if (!atWindowEnd && (await page.evaluate<boolean>('window.__benchFramesDone === true'))) atWindowEnd = m;
    if (options.traceFile && traceTop.length === 0 && s >= TRACE_SECONDS) {
      const trace = await browser.stopTracing();
      const seconds = (Date.now() - startedAt) / 1000;
      mkdirSync(dirname(options.traceFile), { recursive: true });
      writeFileSync(options.traceFile, trace);
      const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
      traceTop = traceSelfTimesOf(traceEvents, seconds, 25);
    }
    if (atWindowEnd && s - collected.at(-1)!.s >= COLLECT_EVERY_SECONDS && s < DURATION_SECONDS)
      collected.push(await collectedRead(s));
    if (s >= DURATION_SECONDS) break;
    const wait = Math.min(SAMPLE_EVERY_SECONDS, DURATION_SECONDS - s) * 1000;
    await new Promise((done) => setTimeout(done, Math.max(wait, 50)));
  }
  await page.waitForFunction('window.__benchFramesDone === true', undefined, { timeout: 0 });
  const stamps = await page.evaluate<number[]>('window.__benchFrames');
  const after = atWindowEnd ?? (await metricsRead());
  let profileTop: string[] = [];
  if (options.profileFile) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dirname(options.profileFile), { recursive: true });
    writeFileSync(options.profileFile, JSON.stringify(profile));
    profileTop = profileTopOf(profile as CpuProfile, 25);
  }
  collected.push(await collectedRead((Date.now() - startedAt) / 1000));
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
    busyMsPerSecond: quiet.busyMsPerSecond,
    cpuMsPerSecond: quiet.cpuMsPerSecond,
    probedBusyMsPerSecond: ((after.task - before.task) * 1000) / elapsedSeconds,
    probedCpuMsPerSecond: ((after.cpu - before.cpu) * 1000) / elapsedSeconds,
    fcpMs: first.fcpMs,
    fcpMaxMs: first.fcpMaxMs,
    firstFigureMs,
    initialJsGzipBytes: gzipBytesOf(root, first.js),
    initialJsFiles: first.js,
    durationSeconds: samples.at(-1)?.s ?? 0,
    samples,
    nodes: trendOf(samples.map((x) => ({ s: x.s, value: x.nodes }))),
    heapBytes: trendOf(samples.map((x) => ({ s: x.s, value: x.heapBytes }))),
    collected,
    retainedNodes: trendOf(collected.map((x) => ({ s: x.s, value: x.nodes }))),
    retainedHeapBytes: trendOf(collected.map((x) => ({ s: x.s, value: x.heapBytes }))),
    profileTop,
    traceTop,
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

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function figuresReported(report: Report, f: PlayerFigures, label: string): void {
  const t = PLAYER_TARGETS;
  const tag = label ? ` [${label}]` : '';
  report.row(
    {
      name: `player frame interval (rAF)${tag}`,
      medianNs: f.frameP50Ms * 1e6,
      p95Ns: f.frameP95Ms * 1e6,
      opsPerSecond: 1000 / f.frameP50Ms,
      batches: f.frames,
      opsPerBatch: 1,
    },
    { maxMs: f.frameMaxMs, framesOver50Ms: f.framesOver50Ms, targetP95Ms: t.frameP95Ms },
  );
  row(report, `player main thread per s of playback${tag}`, f.busyMsPerSecond, 1, {
    cpuMs: f.cpuMsPerSecond,
    targetMs: t.busyMsPerSecond,
  });
  row(report, `player main thread per s, rAF probe running${tag}`, f.probedBusyMsPerSecond, 1, {
    cpuMs: f.probedCpuMsPerSecond,
  });
  row(report, `player first contentful paint${tag}`, f.fcpMs, FIRST_LOADS, {
    maxMs: f.fcpMaxMs,
    targetMs: t.fcpMs,
  });
  row(report, `player navigation to first figure${tag}`, f.firstFigureMs, 1, {});
  const n = f.nodes;
  const h = f.heapBytes;
  row(report, `player DOM nodes, last of ${f.samples.length} samples${tag}`, n.last, f.samples.length, {
    first: n.first,
    min: n.min,
    max: n.max,
    slopePerMinute: n.slopePerMinute,
    retainedFirst: f.retainedNodes.first,
    retainedLast: f.retainedNodes.last,
    retainedSlopePerMinute: f.retainedNodes.slopePerMinute,
  });
  row(report, `player JS heap MB, last sample${tag}`, h.last / 1024 / 1024, f.samples.length, {
    first: h.first,
    min: h.min,
    max: h.max,
    slopeBytesPerMinute: h.slopePerMinute,
    retainedFirst: f.retainedHeapBytes.first,
    retainedLast: f.retainedHeapBytes.last,
    retainedSlopeBytesPerMinute: f.retainedHeapBytes.slopePerMinute,
  });
  report.row(
    {
      name: `player initial JS gzipped KB${tag}`,
      medianNs: (f.initialJsGzipBytes / 1024) * 1e6,
      p95Ns: (f.initialJsGzipBytes / 1024) * 1e6,
      opsPerSecond: 0,
      batches: f.initialJsFiles.length,
      opsPerBatch: 1,
    },
    { bytes: f.initialJsGzipBytes, targetBytes: t.initialJsGzipBytes, files: f.initialJsFiles.join(' ') },
  );
  const p = `player${tag}`;
  report.note(
    `${p}: ${f.frames} frames in ${PLAYBACK_SECONDS} s; p50 ${f.frameP50Ms.toFixed(2)} ms, p95 ${f.frameP95Ms.toFixed(2)} ms ` +
      `(target ≤ ${t.frameP95Ms}), max ${f.frameMaxMs.toFixed(1)} ms, ${f.framesOver50Ms} over 50 ms (target 0)`,
  );
  report.note(
    `${p}: main thread ${f.busyMsPerSecond.toFixed(1)} ms per s of playback (target ≤ ${t.busyMsPerSecond}; ` +
      `CPU ${f.cpuMsPerSecond.toFixed(1)} ms; beside the frame probe's rAF loop ${f.probedBusyMsPerSecond.toFixed(1)} ms, ` +
      `CPU ${f.probedCpuMsPerSecond.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores); ` +
      `FCP median ${f.fcpMs.toFixed(0)} ms of ${FIRST_LOADS} fresh loads (max ${f.fcpMaxMs.toFixed(0)}; target ≤ ${t.fcpMs}); first figure ${f.firstFigureMs.toFixed(0)} ms after navigation`,
  );
  report.note(
    `${p}: initial JS ${kb(f.initialJsGzipBytes)} gzipped (target ≤ ${t.initialJsGzipBytes / 1024} KB) ` +
      `in ${f.initialJsFiles.length} file(s): ${f.initialJsFiles.join(', ')}`,
  );
  report.note(
    `${p}: over ${f.durationSeconds.toFixed(0)} s of playback, sampled every ${SAMPLE_EVERY_SECONDS} s: DOM nodes ` +
      `first ${n.first}, last ${n.last}, min ${n.min}, max ${n.max}, slope ${n.slopePerMinute.toFixed(0)}/min; ` +
      `after forced collections (${f.collected.length}) ${f.collected.map((c) => c.nodes).join(' → ')}, slope ${f.retainedNodes.slopePerMinute.toFixed(0)}/min`,
  );
  report.note(
    `${p}: JS heap first ${mb(h.first)}, last ${mb(h.last)}, min ${mb(h.min)}, max ${mb(h.max)}, ` +
      `slope ${kb(h.slopePerMinute)}/min; after forced collections ${f.collected.map((c) => mb(c.heapBytes)).join(' → ')}, ` +
      `slope ${kb(f.retainedHeapBytes.slopePerMinute)}/min`,
  );
  for (const line of f.profileTop) report.note(`${p} self time: ${line}`);
  for (const line of f.traceTop) report.note(`${p} trace, first ${TRACE_SECONDS} s: ${line}`);
}

/**
 * Runs the player benchmark. Options after the filter: `--duration S` (seconds of playback sampled for nodes and
 * heap, default 300), `--root DIR` (repeatable: built apps measured in turn, e.g. main's build beside this one),
 * `--rounds N` (each root N times, alternated), `--profile DIR` (a CPU profile of each playback, and its top), `--trace DIR` (a Chrome trace of its first
 * seconds, and the main thread's self time by event: script, style, layout, paint, GC),
 * `--step ID` (measure from that step of the sample plan on, e.g. `ankle-circles` for the side views,
 * `scalp-shampoo` for the head end; default the reinforced palm, seen from above).
 */
export async function run(report: Report): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report.skip('player', `${CHROMIUM} is missing (scripts/ensure-chromium.sh)`);
    return;
  }
  const roots = (OPTIONS.get('root') ?? [WEB_ROOT]).map((r) => resolve(r));
  const missing = roots.find((r) => !existsSync(join(r, 'index.html')));
  if (missing) {
    report.skip('player', `${missing} holds no built app (npm run build:web)`);
    return;
  }
  const rounds = Math.max(1, Number(option('rounds') ?? 1));
  const profileDir = option('profile');
  const traceDir = option('trace');
  const step = option('step');
  const stepTitle = step === undefined ? undefined : stepTitleOf(step);
  const browser = await browserLaunched();
  const servers = await Promise.all(
    roots.map((root) => staticServerStarted({ root, host: '127.0.0.1', port: 0 })),
  );
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, root] of roots.entries()) {
        // A build's name: the folder holding its dist/web (two checkouts' builds are both called "web").
        const name = basename(root.replace(/\/dist\/web\/?$/, ''));
        const label = [
          roots.length > 1 || rounds > 1 ? `${name}${rounds > 1 ? ` #${round + 1}` : ''}` : '',
          step ? `from ${step}` : '',
        ]
          .filter(Boolean)
          .join(', ');
        const profileFile = profileDir
          ? join(profileDir, `player-${name}-${round + 1}.cpuprofile`)
          : undefined;
        const traceFile = traceDir ? join(traceDir, `player-${name}-${round + 1}.json`) : undefined;
        const f = await playerFiguresMeasured(browser, servers[i]!.url, root, {
          profileFile,
          traceFile,
          stepTitle,
        });
        figuresReported(report, f, label);
      }
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map(({ server }) => new Promise<void>((done) => server.close(() => done()))));
  }
}
