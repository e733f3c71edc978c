// Rendering: Moment → SVG, SVG → raw RGBA pixels through resvg on one core (a full frame, and cached static layers
// + a cropped moving layer), and the same SVG frames loaded into headless chromium and screenshotted.
// Targets: < 8 ms median per 1280×720 frame to raw pixels, and at least 4× the chromium pipeline's frame rate.
import { existsSync } from 'node:fs';
import { browserLaunched, CHROMIUM } from '../e2e/browser.js';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import { Intake } from '../src/core/intake.js';
import type { Moment } from '../src/core/moment.js';
import { isRefusal, type Plan } from '../src/core/plan-types.js';
import { planFromIntake } from '../src/core/planner.js';
import { sessionPlanFixture } from '../src/core/test-support/plan-fixture.js';
import { momentAt } from '../src/core/timeline.js';
import { notoSansFontFiles } from '../src/export/fonts.js';
import { frameRasterizer } from '../src/export/png.js';
import { MOVING_LAYERS, renderMoment, STATIC_LAYERS } from '../src/render/render-moment.js';
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

/** Runs the render benchmarks. */
export async function run(report: Report): Promise<void> {
  const plan = benchPlan(report);
  const moments = benchMoments(plan);
  report.note(`${moments.length} frames at 1280×720 from 8 steps (30 fps runs), prone and supine`);

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
  const svgText = timedWithCpu(
    'render: Moment → SVG (<text>)',
    (i) => renderMoment(moments[i % moments.length]!, { bodyMap, text: 'text' }),
    { opsPerBatch: 50, batches: 30, warmupBatches: 5 },
  );
  report.row(svgText.result, { cpuMs: Number(svgText.cpuMs.toFixed(3)) });

  const svgs = moments.map((m) => renderMoment(m, { bodyMap }));
  const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
  const full = timedWithCpu('resvg: full SVG frame → RGBA', (i) => raster.rgba(svgs[i % svgs.length]!), {
    opsPerBatch: 8,
    batches: 20,
    warmupBatches: 2,
  });
  report.row(full.result, { cpuMs: Number(full.cpuMs.toFixed(2)) });

  const figureLayers = MOVING_LAYERS.filter((l) => l !== 'captions');
  const layered = timedWithCpu(
    'resvg: Moment → layered frame → RGBA',
    (i) => {
      const m = moments[i % moments.length]!;
      return raster.rgbaLayered([
        renderMoment(m, { bodyMap, layers: STATIC_LAYERS }),
        renderMoment(m, { bodyMap, layers: figureLayers }),
        renderMoment(m, { bodyMap, layers: ['captions'] }),
      ]);
    },
    { opsPerBatch: 8, batches: 30, warmupBatches: 2 },
  );
  report.row(layered.result, { cpuMs: Number(layered.cpuMs.toFixed(2)) });
  const layeredMs = layered.result.medianNs / 1e6;
  report.note(
    `layered frame to raw pixels: ${layeredMs.toFixed(2)} ms median (${layered.cpuMs.toFixed(2)} ms CPU), ` +
      `target < ${TARGET_MS} ms: ${layeredMs < TARGET_MS ? 'met' : 'not met'}`,
  );

  const png = timedWithCpu(
    'resvg: full SVG frame → PNG file bytes',
    (i) => raster.png(svgs[i % svgs.length]!),
    {
      opsPerBatch: 4,
      batches: 10,
      warmupBatches: 1,
    },
  );
  report.row(png.result, { cpuMs: Number(png.cpuMs.toFixed(2)) });

  // The side, head-end and close-up views (drawn from the posed solid), a whole frame to raw pixels each.
  const solidViews = ['side', 'head', 'closeup'] as const;
  const solidSvgs = moments.map((m, i) =>
    renderMoment(m, { bodyMap, view: solidViews[i % solidViews.length]! }),
  );
  const solidSvg = timedWithCpu(
    'render: Moment → SVG, side/head/close-up views',
    (i) => renderMoment(moments[i % moments.length]!, { bodyMap, view: solidViews[i % solidViews.length]! }),
    { opsPerBatch: 30, batches: 20, warmupBatches: 3 },
  );
  report.row(solidSvg.result, { cpuMs: Number(solidSvg.cpuMs.toFixed(3)) });
  const solid = timedWithCpu(
    'resvg: side/head/close-up view, Moment → RGBA',
    (i) => {
      const m = moments[i % moments.length]!;
      return raster.rgba(renderMoment(m, { bodyMap, view: solidViews[i % solidViews.length]! }));
    },
    { opsPerBatch: 6, batches: 20, warmupBatches: 2 },
  );
  report.row(solid.result, { cpuMs: Number(solid.cpuMs.toFixed(2)) });
  const solidMs = solid.result.medianNs / 1e6;
  report.note(
    `side/head/close-up frame to raw pixels: ${solidMs.toFixed(2)} ms median (${solid.cpuMs.toFixed(2)} ms CPU), ` +
      `target < ${TARGET_MS} ms: ${solidMs < TARGET_MS ? 'met' : 'not met'}; ${solidSvgs.length} frames`,
  );

  await chromiumRow(report, svgs, layeredMs);
}
