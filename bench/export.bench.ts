// The video export end to end: the 45-minute plan at 1280×720, 30 fps (a) as a multiple of real time; (b) the same
// frames made by a headless-chromium screenshot pipeline, as a ratio; (c) ffmpeg encoding alone of pre-made raw
// frames, the ceiling; (d) peak memory at 5 and at 45 minutes of video.
// Targets: the export within 1.5× the time of encoding alone (at least 5× real time), frames made at least 4× faster
// than the browser pipeline, memory flat in the video's length.
// BENCH_EXPORT_SECONDS shortens the long run (default: the whole plan), BENCH_EXPORT_SHORT_SECONDS the short one
// (default 300); both start at the session's start.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserLaunched, CHROMIUM } from '../e2e/browser.js';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import { Intake } from '../src/core/intake.js';
import { isRefusal, type Plan } from '../src/core/plan-types.js';
import { planFromIntake } from '../src/core/planner.js';
import { momentAt } from '../src/core/timeline.js';
import { stepViews } from '../src/core/views.js';
import { type FrameSpec, frameTime } from '../src/export/video/frame-drawing.js';
import { framesPooled } from '../src/export/video/frame-pool.js';
import { BT709_TAGS, x264Args } from '../src/export/video/mp4-exporter.js';
import { exportVideo } from '../src/export/video/video-export.js';
import { renderMoment } from '../src/render/render-moment.js';
import type { Report } from './run.js';
import type { TimingResult } from './timing.js';

const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 30;
const SAMPLE_FRAMES = 300;
const ENCODE_FRAMES = 1800;

function benchPlan(): Plan {
  const result = planFromIntake(
    builtinRoutine('spinal-column'),
    builtinRules(),
    Intake.parse({ minutes: 45 }),
    {
      bodyMap: builtinBodyMap(),
    },
  );
  if (isRefusal(result)) throw new Error('the 45-minute plan was refused');
  return result;
}

function row(name: string, seconds: number, ops: number): TimingResult {
  const ns = (seconds * 1e9) / ops;
  return { name, medianNs: ns, p95Ns: ns, opsPerSecond: ops / seconds, batches: 1, opsPerBatch: ops };
}

/** The resident memory of this process (its worker threads included) and of all its descendants (ffmpeg, espeak-ng). */
function treeRss(): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended meanwhile.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parents.get(p) ?? 0, hops++)
      if (p === process.pid) return true;
    return false;
  };
  let bytes = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      bytes += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
    } catch {
      // Ended meanwhile.
    }
  }
  return bytes;
}

const PAGE_BYTES = 4096;

/**
 * Samples the process tree's resident memory every 250 ms; `stop` gives the peak of the tree and of this process,
 * and the tree's peak in each quarter of the video (by the frames sent so far, from `progress()`): flat in the
 * video's length when the later quarters peak no higher than the first.
 */
function memoryPeak(progress: () => number): {
  stop: () => { tree: number; own: number; quarters: number[] };
} {
  let tree = treeRss();
  let own = process.memoryUsage().rss;
  const quarters = [0, 0, 0, 0];
  const sample = () => {
    const bytes = treeRss();
    tree = Math.max(tree, bytes);
    const q = Math.min(3, Math.floor(progress() * 4));
    quarters[q] = Math.max(quarters[q]!, bytes);
    own = Math.max(own, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { tree, own, quarters };
    },
  };
}

/** Fields 3… of a /proc stat file (after the command, which may hold spaces and parentheses). */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * The CPU seconds used so far: by this process (its worker threads included, ended ones too), by its main thread
 * alone, and by its children that have ended (ffmpeg, espeak-ng); less sensitive to other work on the machine than
 * wall time.
 */
function cpuParts(): { own: number; main: number; children: number } {
  // utime, stime, cutime, cstime: fields 14–17 of stat(5), in clock ticks (100 a second on Linux).
  const ticks = (fields: string[], from: number, to: number) =>
    fields.slice(from, to).reduce((sum, f) => sum + Number(f), 0) / 100;
  const fields = statFields('/proc/self/stat');
  const main = statFields(`/proc/self/task/${process.pid}/stat`);
  return { own: ticks(fields, 11, 13), main: ticks(main, 11, 13), children: ticks(fields, 13, 15) };
}

/** The CPU seconds used so far by this process and its ended children. */
function cpuSeconds(): number {
  const parts = cpuParts();
  return parts.own + parts.children;
}

/** Worker threads for the exports (`BENCH_EXPORT_WORKERS`; default: the export's own, one per core). */
const EXPORT_WORKERS = process.env.BENCH_EXPORT_WORKERS
  ? Number(process.env.BENCH_EXPORT_WORKERS)
  : undefined;

/** One export of the first `seconds` of the plan (or from `from`): wall time, CPU time and peak memory. */
async function timedExport(
  plan: Plan,
  seconds: number,
  dir: string,
  options: { from?: number; exporter?: typeof exportVideo } = {},
) {
  let framesDone = 0;
  let framesTotal = 1;
  const memory = memoryPeak(() => framesDone / framesTotal);
  const cpu0 = cpuParts();
  const t0 = performance.now();
  const from = options.from ?? 0;
  const result = await (options.exporter ?? exportVideo)({
    onProgress: (p) => {
      if (p.phase !== 'frames') return;
      framesDone = p.done;
      framesTotal = p.total;
    },
    ...(EXPORT_WORKERS ? { workers: EXPORT_WORKERS } : {}),
    plan,
    output: join(dir, `export-${Math.round(from)}-${Math.round(seconds)}.mp4`),
    width: WIDTH,
    height: HEIGHT,
    fps: FPS,
    window: { from, to: Math.min(from + seconds, plan.totalSeconds) },
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = cpuParts();
  const cpu = cpu1.own + cpu1.children - cpu0.own - cpu0.children;
  const peak = memory.stop();
  return {
    wall,
    cpu,
    peak: peak.tree,
    peakOwn: peak.own,
    quarters: peak.quarters,
    /** CPU seconds of the main thread, the worker threads, and the children (ffmpeg and espeak-ng). */
    cpuMain: cpu1.main - cpu0.main,
    cpuWorkers: cpu1.own - cpu1.main - (cpu0.own - cpu0.main),
    cpuChildren: cpu1.children - cpu0.children,
    frames: result.frames,
    repeated: result.repeatedFrames,
    video: result.seconds,
  };
}

/** Frames 0 … n − 1 spread over the session (every `stride`-th frame), as raw pixels from the worker pool. */
async function pooledFrames(plan: Plan, n: number): Promise<{ seconds: number; frames: Buffer[] }> {
  const spec: FrameSpec = {
    plan,
    from: 0,
    to: plan.totalSeconds,
    fps: FPS,
    width: WIDTH,
    height: HEIGHT,
    language: 'en',
    theme: 'light',
    excluded: plan.excludedRegions,
    pixelFormat: 'yuv420p',
  };
  // A run of consecutive frames from the busiest part (strokes on the back), as a video has them.
  const start = Math.round(plan.steps[2]!.start * FPS);
  const runSpec = { ...spec, from: frameTime(spec, start), to: frameTime(spec, start + n) + 1e-3 };
  const frames: Buffer[] = [];
  // Timed from the first frame: the workers' start (and, from the sources, tsx compiling them) is not drawing.
  let t0 = 0;
  for await (const f of framesPooled(runSpec, n + 1)) {
    if (f.index === 0) t0 = performance.now();
    else frames.push(f.pixels);
  }
  return { seconds: (performance.now() - t0) / 1000, frames };
}

/** The same frames through headless chromium: each frame's SVG loaded into the page and screenshotted. */
async function chromiumSeconds(plan: Plan, n: number): Promise<number> {
  const start = plan.steps[2]!.start;
  const svgs = Array.from({ length: n }, (_, i) =>
    renderMoment(momentAt(plan, start + i / FPS, builtinBodyMap()), {
      bodyMap: builtinBodyMap(),
      width: WIDTH,
      height: HEIGHT,
      excluded: plan.excludedRegions,
    }),
  );
  const browser = await browserLaunched();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    const frame = async (svg: string) => {
      await page.evaluate((s) => {
        (globalThis as unknown as { document: { body: { innerHTML: string } } }).document.body.innerHTML = s;
      }, svg);
      return page.screenshot({ type: 'jpeg', quality: 90 });
    };
    for (let i = 0; i < 5; i++) await frame(svgs[i]!);
    const t0 = performance.now();
    for (const svg of svgs) await frame(svg);
    return (performance.now() - t0) / 1000;
  } finally {
    await browser.close();
  }
}

/**
 * ffmpeg alone (the export's x264 settings, video only) on pre-made raw frames, looped to `count` frames: in the
 * export's YUV 4:2:0 (x264 alone, the ceiling), or in RGBA (ffmpeg converting them first, as the export once did).
 */
async function encodingSeconds(
  frames: readonly Buffer[],
  count: number,
  dir: string,
  pixelFormat: 'yuv420p' | 'rgba',
): Promise<number> {
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', pixelFormat],
    ...['-video_size', `${WIDTH}x${HEIGHT}`, '-framerate', String(FPS), '-i', 'pipe:0'],
    ...x264Args(),
    ...(pixelFormat === 'yuv420p' ? BT709_TAGS : []),
    join(dir, 'encode.mp4'),
  ];
  const t0 = performance.now();
  const child = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'inherit'] });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < count; i++) {
    if (!child.stdin.write(frames[i % frames.length]!))
      await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  if ((await closed) !== 0) throw new Error('ffmpeg failed');
  return (performance.now() - t0) / 1000;
}

/** A YUV 4:2:0 frame back to RGBA (through ffmpeg, once per sample frame; only for the RGBA comparison). */
function rgbaFromYuv(yuv: Buffer): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      ...[
        '-v',
        'error',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'yuv420p',
        '-video_size',
        `${WIDTH}x${HEIGHT}`,
        '-i',
        '-',
      ],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    ],
    { input: yuv, maxBuffer: 1 << 26 },
  );
}

/**
 * This checkout's export beside a baseline checkout's (`BENCH_BASELINE=DIR`, e.g. main's code with node_modules
 * linked) on the same window, one after the other in this run: the ratio of their wall and CPU times. The window
 * (`BENCH_EXPORT_COMPARE_SECONDS`, default 90) starts 20 s before the first step seen from the side, so it holds
 * views from above and from the side (a baseline that draws only from above then draws less), or at
 * `BENCH_EXPORT_COMPARE_FROM` seconds.
 */
async function baselineCompared(plan: Plan, root: string, dir: string, report: Report): Promise<void> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const [content, planner, intake, video] = await Promise.all([
    load('src/content/load.ts'),
    load('src/core/planner.ts'),
    load('src/core/intake.ts'),
    load('src/export/video/video-export.ts'),
  ]);
  const basePlan = planner.planFromIntake(
    content.builtinRoutine('spinal-column'),
    content.builtinRules(),
    intake.Intake.parse({ minutes: 45 }),
    { bodyMap: content.builtinBodyMap() },
  ) as Plan;
  const seconds = Number(process.env.BENCH_EXPORT_COMPARE_SECONDS ?? 90);
  const side = plan.steps.find((s) => stepViews(s)[0] === 'side') ?? plan.steps[0]!;
  const from = Number(process.env.BENCH_EXPORT_COMPARE_FROM ?? Math.max(0, side.start - 20));
  const runs = [
    { label: 'branch', plan, exporter: exportVideo },
    { label: 'baseline', plan: basePlan, exporter: video.exportVideo as typeof exportVideo },
  ].map((code) => ({ ...code, figures: null as Awaited<ReturnType<typeof timedExport>> | null }));
  for (const run of runs) {
    const load0 = loadavg()[0]!;
    run.figures = await timedExport(run.plan, seconds, dir, { from, exporter: run.exporter });
    const r = run.figures;
    report.row(row(`${run.label}: export ${seconds} s from ${Math.round(from)} s`, r.wall, r.frames), {
      realTime: Number((r.video / r.wall).toFixed(2)),
      cpuMsPerFrame: Number(((r.cpu / r.frames) * 1000).toFixed(1)),
      peakMiB: Math.round(r.peak / 2 ** 20),
    });
    report.note(
      `${run.label}: ${(r.video / r.wall).toFixed(2)}× real time, ${((r.cpu / r.frames) * 1000).toFixed(1)} ms CPU a ` +
        `frame, peak ${Math.round(r.peak / 2 ** 20)} MiB; load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const [branch, base] = runs.map((r) => r.figures!);
  report.note(
    `the branch exports ${(base!.wall / branch!.wall).toFixed(2)}× as fast as the baseline in wall time, ` +
      `${(base!.cpu / branch!.cpu).toFixed(2)}× in CPU time (same window, same run)`,
  );
}

/** Runs the export benchmark. */
export async function run(report: Report): Promise<void> {
  const plan = benchPlan();
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-export-'));
  try {
    const longSeconds = Number(process.env.BENCH_EXPORT_SECONDS ?? plan.totalSeconds);
    const shortSeconds = Number(process.env.BENCH_EXPORT_SHORT_SECONDS ?? 300);
    report.note(
      `plan: ${(plan.totalSeconds / 60).toFixed(0)} min, ${plan.steps.length} steps; ${WIDTH}×${HEIGHT} at ${FPS} fps; ` +
        `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (the figures scale with it)`,
    );

    // (a) and (d), before (c) and before a baseline's window: the frames kept for (c), and the memory a solid view's
    // window leaves resident (the side view's peak is the process's peak), would count in this process's memory.
    const exports: Awaited<ReturnType<typeof timedExport>>[] = [];
    for (const seconds of [shortSeconds, longSeconds]) {
      const r = await timedExport(plan, seconds, dir);
      exports.push(r);
      const speed = r.video / r.wall;
      report.row(row(`export ${(r.video / 60).toFixed(1)} min of video`, r.wall, r.frames), {
        realTime: Number(speed.toFixed(2)),
        peakMiB: Math.round(r.peak / 2 ** 20),
        repeatedFrames: r.repeated,
        cpuSeconds: Number(r.cpu.toFixed(1)),
      });
      report.note(
        `export of ${(r.video / 60).toFixed(1)} min: ${r.wall.toFixed(0)} s, ${speed.toFixed(2)}× real time ` +
          '(target ≥ 5×), ' +
          `peak memory ${Math.round(r.peak / 2 ** 20)} MiB for the process tree (workers, ffmpeg, espeak-ng; ` +
          `${Math.round(r.peakOwn / 2 ** 20)} MiB this process alone), ` +
          `${r.repeated} of ${r.frames} frames repeated (neither drawn nor encoded again); ${r.cpu.toFixed(0)} s of CPU ` +
          `(${((r.cpu / r.frames) * 1000).toFixed(1)} ms a frame); load average ${loadavg()[0]!.toFixed(1)}`,
      );
      const msAFrame = (cpu: number) => ((cpu / r.frames) * 1000).toFixed(1);
      report.note(
        `  CPU a frame: main thread ${msAFrame(r.cpuMain)} ms, worker threads ${msAFrame(r.cpuWorkers)} ms ` +
          `(${EXPORT_WORKERS ?? availableParallelism()} workers), ffmpeg and espeak-ng ${msAFrame(r.cpuChildren)} ms; ` +
          `peak memory in each quarter of the video: ${r.quarters.map((b) => Math.round(b / 2 ** 20)).join(', ')} MiB`,
      );
    }
    const baseline = process.env.BENCH_BASELINE;
    if (baseline) await baselineCompared(plan, baseline, dir, report);
    // (b) frames: our worker pool against chromium screenshots of the same frames.
    const pooled = await pooledFrames(plan, SAMPLE_FRAMES);
    report.row(row(`frames: worker pool (${SAMPLE_FRAMES} frames)`, pooled.seconds, SAMPLE_FRAMES));
    report.note(`load average now ${loadavg()[0]!.toFixed(1)}`);
    if (existsSync(CHROMIUM)) {
      const browser = await chromiumSeconds(plan, SAMPLE_FRAMES);
      report.row(row(`frames: chromium screenshots (${SAMPLE_FRAMES})`, browser, SAMPLE_FRAMES));
      report.note(
        `frames made ${(browser / pooled.seconds).toFixed(2)}× faster than the browser pipeline (target ≥ 4×)`,
      );
    } else report.skip('frames: chromium screenshots', `no ${CHROMIUM}`);

    // (c) encoding alone, the ceiling: the same frames, pre-made, in the export's format; and in RGBA for context.
    const encodeCpu0 = cpuSeconds();
    const encode = await encodingSeconds(pooled.frames, ENCODE_FRAMES, dir, 'yuv420p');
    const encodeCpu = cpuSeconds() - encodeCpu0;
    report.row(row(`x264 alone on raw YUV frames (${ENCODE_FRAMES})`, encode, ENCODE_FRAMES));
    const encodeFps = ENCODE_FRAMES / encode;
    report.note(
      `encoding alone: ${encodeFps.toFixed(0)} fps = ${(encodeFps / FPS).toFixed(1)}× real time (the ceiling); ` +
        `load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const rgbaFrames = pooled.frames.map((yuv) => rgbaFromYuv(yuv));
    pooled.frames.length = 0;
    const encodeRgba = await encodingSeconds(rgbaFrames, ENCODE_FRAMES, dir, 'rgba');
    report.row(row(`ffmpeg on raw RGBA frames (${ENCODE_FRAMES})`, encodeRgba, ENCODE_FRAMES));
    report.note(
      `the same frames as RGBA (ffmpeg converts them on one thread): ${(ENCODE_FRAMES / encodeRgba).toFixed(0)} fps`,
    );
    rgbaFrames.length = 0;

    const encodeCpuPerFrame = encodeCpu / ENCODE_FRAMES;
    report.note(
      `encoding alone used ${(encodeCpuPerFrame * 1000).toFixed(1)} ms of CPU a frame (ffmpeg and the feeding process)`,
    );
    for (const r of exports) {
      const encodeWall = r.frames / encodeFps;
      report.note(
        `export of ${(r.video / 60).toFixed(1)} min took ${(r.wall / encodeWall).toFixed(2)}× the time of encoding ` +
          `its frames alone (target ≤ 1.5×); in CPU time ${(r.cpu / r.frames / encodeCpuPerFrame).toFixed(2)}× ` +
          `(${((r.cpu / r.frames) * 1000).toFixed(1)} ms a frame: frames, narration, encoding), so on two idle cores it would ` +
          `run at best at about ${((2 * r.video) / r.cpu).toFixed(1)}× real time`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
