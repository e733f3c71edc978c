// Rendering: Moment → SVG, SVG → raw RGBA pixels through resvg on one core: a full frame, and every view's frames
// drawn in order exactly as the video export's workers draw them (its frameDrawer: layered, cropped, cached, updated
// where a layer changed, YUV out; with BENCH_BASELINE=DIR, a checkout of main, its own drawer side by side in the
// same run); and the same SVG frames loaded into headless chromium and screenshotted.
// Targets: < 8 ms median per 1280×720 frame to raw pixels in every view, and at least 4× the chromium pipeline.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { browserLaunched, CHROMIUM } from '../e2e/browser.js';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import type { View } from '../src/core/ids.js';
import { Intake } from '../src/core/intake.js';
import type { Moment } from '../src/core/moment.js';
import { isRefusal, type Plan, type PlannedStep } from '../src/core/plan-types.js';
import { planFromIntake } from '../src/core/planner.js';
import { sessionPlanFixture } from '../src/core/test-support/plan-fixture.js';
import { momentAt } from '../src/core/timeline.js';
import { stepViews } from '../src/core/views.js';
import { notoSansFontFiles } from '../src/export/fonts.js';
import { frameRasterizer } from '../src/export/png.js';
import { type FrameSpec, frameBytes, frameDrawer } from '../src/export/video/frame-drawing.js';
import { renderMoment } from '../src/render/render-moment.js';
import type { Report } from './run.js';
import { quantileOf, type TimingResult, timingOf } from './timing.js';

const TARGET_MS = 8;
const bodyMap = builtinBodyMap();
const FRAMES = 240;

function benchPlan(report: Report): Plan {
  try {
    const result = planFromIntake(
      builtinRoutine('spinal-column'),
      builtinRules(),
      Intake.parse({ minutes: 45 }),
      {
        bodyMap,
      },
    );
    if (!isRefusal(result)) return result;
  } catch (error) {
    report.note(
      `no real plan (${error instanceof Error ? error.message : String(error)}); using the fixture plan`,
    );
  }
  return sessionPlanFixture();
}

/** 30 fps runs of 1 s from eight steps across the session: what a video export renders, prone and supine. */
function benchMoments(plan: Plan): Moment[] {
  const moving = plan.steps.filter((s) => s.technique !== 'rest');
  const picked = Array.from({ length: 8 }, (_, k) => moving[Math.floor((k * moving.length) / 8)]!);
  const out: Moment[] = [];
  for (const step of picked) {
    for (let i = 0; i < FRAMES / 8; i++)
      out.push(momentAt(plan, step.start + Math.min(5, step.duration / 2) + i / 30, bodyMap));
  }
  return out;
}

/** Times an operation and adds its CPU time per operation (the machine may be shared: wall time varies more). */
function timedWithCpu(
  name: string,
  op: (i: number) => unknown,
  options: { opsPerBatch: number; batches: number; warmupBatches: number },
): { result: TimingResult; cpuMs: number } {
  const before = process.cpuUsage();
  const result = timingOf(name, op, options);
  const used = process.cpuUsage(before);
  const ops = (options.batches + options.warmupBatches) * options.opsPerBatch;
  return { result, cpuMs: (used.user + used.system) / 1000 / ops };
}

async function chromiumRow(report: Report, svgs: readonly string[], resvgMedianMs: number): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report.skip('chromium: evaluate + screenshot', `no ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const browser = await browserLaunched();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    const frame = async (i: number) => {
      await page.evaluate(
        (svg) => {
          (globalThis as unknown as { document: { body: { innerHTML: string } } }).document.body.innerHTML =
            svg;
        },
        svgs[i % svgs.length]!,
      );
      return page.screenshot({ type: 'png' });
    };
    for (let i = 0; i < 10; i++) await frame(i);
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = process.hrtime.bigint();
      await frame(i);
      times.push(Number(process.hrtime.bigint() - t0));
    }
    times.sort((a, b) => a - b);
    const medianNs = quantileOf(times, 0.5);
    const result: TimingResult = {
      name: 'chromium: load SVG + screenshot (PNG)',
      medianNs,
      p95Ns: quantileOf(times, 0.95),
      opsPerSecond: 1e9 / medianNs,
      batches: times.length,
      opsPerBatch: 1,
    };
    report.row(result);
    const ratio = medianNs / 1e6 / resvgMedianMs;
    report.note(
      `resvg to raw pixels is ${ratio.toFixed(1)}× the chromium frame rate (target ≥ 4×); chromium's time ` +
        'includes its PNG encoding, which its screenshot API cannot skip',
    );
  } finally {
    await browser.close();
  }
}

/** What a frame-per-view measurement draws with: this checkout's code, or a baseline's (`BENCH_BASELINE=DIR`). */
interface FrameCode {
  readonly label: string;
  /** Draws frame `index` of the plan from a view, exactly as that code's video export draws it (YUV out). */
  readonly frame: (index: number, view: View) => unknown;
  /** What runs between two frames: resvg's memory let go, as the export's workers do. */
  readonly between: () => Promise<void>;
  /** The frames measured in a view: 30-frame runs from up to eight steps seen from it. */
  readonly frames: (view: View) => readonly number[];
}

/** Steps drawn from `view`: their main view, else (the close-up is nobody's first) any of their views. */
function stepsSeenFrom(plan: Plan, view: View): PlannedStep[] {
  const main = plan.steps.filter((s) => s.technique !== 'rest' && stepViews(s)[0] === view);
  return main.length > 0 ? main : plan.steps.filter((s) => stepViews(s).includes(view));
}

/**
 * Frame indices (30 fps from the session's start) of FRAMES frames in runs from up to eight different steps seen
 * from `view` (a step picked twice would find its layers in the drawer's cache the second time).
 */
function viewFrames(plan: Plan, view: View): number[] {
  const steps = stepsSeenFrom(plan, view);
  const count = Math.min(8, steps.length);
  const picked = Array.from({ length: count }, (_, k) => steps[Math.floor((k * steps.length) / count)]!);
  const out: number[] = [];
  for (const step of picked) {
    const first = Math.round((step.start + Math.min(5, step.duration / 2)) * 30);
    for (let i = 0; i < FRAMES / count; i++) out.push(first + i);
  }
  return out;
}

/** The modules a checkout's export draws frames with. */
interface DrawingModules {
  readonly frameDrawer: typeof frameDrawer;
  readonly frameBytes: typeof frameBytes;
}

/**
 * A checkout's video export drawing frames: its own `frameDrawer` (layers written with `<text>`, outlines only for
 * a layer whose text changed, resvg's layers cropped and cached, the frame updated only where a layer changed and
 * converted to YUV there), one drawer per view (each asked for that view), drawing into one kept buffer. A drawer
 * that knows no `view` (older code) draws each moment from its own; its close-up row then measures other frames.
 */
function exportCode(label: string, plan: Plan, modules: DrawingModules): FrameCode {
  const drawers = new Map<View, ReturnType<typeof frameDrawer>>();
  const spec = (view: View): FrameSpec => ({
    plan,
    from: 0,
    to: plan.totalSeconds,
    fps: 30,
    width: 1280,
    height: 720,
    language: plan.language,
    theme: 'light',
    excluded: plan.excludedRegions,
    pixelFormat: 'yuv420p',
    view,
  });
  const into = Buffer.alloc(modules.frameBytes(spec('top')));
  let last: ReturnType<typeof frameDrawer> | null = null;
  return {
    label,
    frame: (index, view) => {
      let drawer = drawers.get(view);
      if (!drawer) {
        drawer = modules.frameDrawer(spec(view));
        drawers.set(view, drawer);
      }
      last = drawer;
      return drawer.frame(index, into);
    },
    between: () => last?.released() ?? Promise.resolve(),
    frames: (view) => viewFrames(plan, view),
  };
}

/** A baseline checkout's export code (e.g. `git archive main | tar -x -C DIR`, node_modules linked). */
async function baselineCode(root: string): Promise<FrameCode> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const [content, core, planner, intake, drawing] = await Promise.all([
    load('src/content/load.ts'),
    load('src/core/plan-types.ts'),
    load('src/core/planner.ts'),
    load('src/core/intake.ts'),
    load('src/export/video/frame-drawing.ts'),
  ]);
  const map = content.builtinBodyMap();
  const plan = planner.planFromIntake(
    content.builtinRoutine('spinal-column'),
    content.builtinRules(),
    intake.Intake.parse({ minutes: 45 }),
    { bodyMap: map },
  );
  if (core.isRefusal(plan)) throw new Error('the baseline refused the plan');
  return exportCode('baseline', plan, drawing as DrawingModules);
}

/** Frames of one view drawn in order (twice: the first pass warms up), each timed; CPU time over the timed pass. */
async function viewFramesTimed(code: FrameCode, view: View) {
  const frames = code.frames(view);
  for (const i of frames.slice(0, 30)) {
    code.frame(i, view);
    await code.between();
  }
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const i of frames) {
    const t0 = process.hrtime.bigint();
    code.frame(i, view);
    await code.between();
    times.push(Number(process.hrtime.bigint() - t0));
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const medianNs = quantileOf(times, 0.5);
  const result: TimingResult = {
    name: `${code.label}: ${view} view, frame as the export draws it (YUV)`,
    medianNs,
    p95Ns: quantileOf(times, 0.95),
    opsPerSecond: 1e9 / medianNs,
    batches: times.length,
    opsPerBatch: 1,
  };
  return { result, cpuMs: (cpu.user + cpu.system) / 1000 / frames.length };
}

/** A whole frame's SVG to RGBA by resvg, uncached (each of the moments' frames in turn). */
function fullFramesTimed(moments: readonly Moment[]): { result: TimingResult; cpuMs: number } {
  const svgs = moments.map((m) => renderMoment(m, { bodyMap }));
  const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
  return timedWithCpu('resvg: full SVG frame → RGBA', (i) => raster.rgba(svgs[i % svgs.length]!), {
    opsPerBatch: 8,
    batches: 20,
    warmupBatches: 2,
  });
}

/** Runs the render benchmarks. */
export async function run(report: Report): Promise<void> {
  const plan = benchPlan(report);
  const moments = benchMoments(plan);
  report.note(
    `${moments.length} frames at 1280×720 from 8 steps (30 fps runs), prone and supine; load ${loadText()}`,
  );

  // Every view, frame after frame as the video and the player draw them; beside a baseline's code when given.
  // First, as in an export's worker, which draws nothing else: after the whole-frame rows below (renderMoment with
  // outlines, a whole frame rasterised), the same frames took a third longer in the close-up.
  const codes = [exportCode('branch', plan, { frameDrawer, frameBytes })];
  const baseline = process.env.BENCH_BASELINE;
  if (baseline) codes.push(await baselineCode(baseline));
  else report.note("BENCH_BASELINE=DIR (a checkout of main with node_modules) adds main's code side by side");
  const medians = new Map<string, number>();
  for (const view of ['top', 'side', 'head', 'closeup'] as const) {
    // Interleaved, so both codes see the same load.
    for (const code of codes) {
      const timed = await viewFramesTimed(code, view);
      report.row(timed.result, { cpuMs: Number(timed.cpuMs.toFixed(2)), load: loadText() });
      const ms = timed.result.medianNs / 1e6;
      medians.set(`${code.label}|${view}`, ms);
      report.note(
        `${code.label}, ${view} view: ${ms.toFixed(2)} ms median (${timed.cpuMs.toFixed(2)} ms CPU) a frame to raw ` +
          `pixels, target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'not met'}; load ${loadText()}`,
      );
    }
    const base = medians.get(`baseline|${view}`);
    if (base !== undefined)
      report.note(
        `${view} view: the branch is ${(base / medians.get(`branch|${view}`)!).toFixed(1)}× the baseline`,
      );
  }
  const svg = timedWithCpu(
    'render: Moment → SVG (text as outlines)',
    (i) => renderMoment(moments[i % moments.length]!, { bodyMap }),
    {
      opsPerBatch: 50,
      batches: 30,
      warmupBatches: 5,
    },
  );
  report.row(svg.result, { cpuMs: Number(svg.cpuMs.toFixed(3)) });

  const full = fullFramesTimed(moments);
  report.row(full.result, { cpuMs: Number(full.cpuMs.toFixed(2)) });
  await chromiumRow(
    report,
    moments.map((m) => renderMoment(m, { bodyMap })),
    medians.get('branch|top')!,
  );
}

/** The load average over the last minute, as text. */
function loadText(): string {
  return loadavg()[0]!.toFixed(1);
}
