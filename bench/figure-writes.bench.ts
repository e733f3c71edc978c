// The player's main-thread work per figure frame, side by side in headless chromium on the renderer's own frames:
// writing each changed layer from its SVG string (svgMorphed: tokenize, compare, set what changed) against applying
// the patch the figure's worker worked out (svg-patch.ts). Both run on the same frames, interleaved, in one page,
// with the layout the figure's CSS asks for forced after each frame (so the DOM's own cost of the change counts).
// Needs /usr/bin/chromium (scripts/ensure-chromium.sh); skips without it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserLaunched, CHROMIUM } from '../e2e/browser.js';
import { OVERLAY_LAYERS } from '../web/src/figure.js';
import { FigureFrames } from '../web/src/figure-frames.js';
import { FigureFramePatcher } from '../web/src/figure-layers.js';
import { momentInto, samplePlan } from '../web/src/sample-plan.test-support.js';
import type { Report } from './run.js';
import { quantileOf } from './timing.js';

/** Frames per step drawn (24 a second, as the player draws them), and the steps: from above, the side, the head end. */
const FRAMES_PER_STEP = 120;
const STEPS = ['spine-reinforced-palm', 'leg-passive-lift', 'scalp-shampoo'] as const;
const ROUNDS = 5;

const here = fileURLToPath(new URL('.', import.meta.url));

/** svgMorphed and layerWritten for the page, as one script that sets `window.mcWrites`. */
async function pageScript(): Promise<string> {
  const out = await build({
    stdin: {
      contents:
        "import { svgMorphed } from './svg-morph.ts'; import { layerWritten } from './svg-patch.ts';" +
        'window.mcWrites = { svgMorphed, layerWritten };',
      resolveDir: join(here, '../web/src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
  });
  return out.outputFiles[0]!.text;
}

/** The frames a player shows through these steps: each layer's new SVG, and the worker's write with its patch. */
function framesMade() {
  const plan = samplePlan();
  const options = { width: 960, height: 540, theme: 'light' as const, language: 'en' as const, excluded: [] };
  const frames = new FigureFrames(options);
  const patcher = new FigureFramePatcher();
  const out: { svgs: (string | null)[]; writes: unknown[] }[] = [];
  for (const id of STEPS) {
    for (let i = 0; i < FRAMES_PER_STEP; i++) {
      const f = frames.drawn(momentInto(plan, id, 1 + i / 24), plan, i * 42);
      const w = patcher.written(f);
      out.push({ svgs: [f.base, ...f.overlays], writes: [w.base, ...w.overlays] });
    }
  }
  return { frames: out, layers: 1 + OVERLAY_LAYERS.length };
}

/**
 * What runs in the page (a string: a function handed to `evaluate` would carry tsx's `__name` helper): two figures
 * of stacked layers as the player's CSS makes them, one written from the SVGs and one from the patches, frame after
 * frame, each timed with its layout forced; the two must end equal.
 */
const IN_PAGE = `({ frames, layers, rounds }) => {
  const w = window.mcWrites;
  const figure = () => {
    const root = document.createElement('div');
    root.style.cssText = 'position:relative;width:960px;height:426px';
    const hosts = Array.from({ length: layers }, () => {
      const h = document.createElement('div');
      h.style.cssText = 'position:absolute;inset:0;will-change:transform;contain:strict';
      root.appendChild(h);
      return h;
    });
    document.body.appendChild(root);
    return { root, hosts };
  };
  const morph = [];
  const patch = [];
  for (let r = 0; r < rounds; r++) {
    const a = figure();
    const b = figure();
    for (const f of frames) {
      let t = performance.now();
      f.svgs.forEach((svg, i) => { if (svg !== null) w.svgMorphed(a.hosts[i], svg); });
      a.root.getBoundingClientRect();
      morph.push(performance.now() - t);
      t = performance.now();
      f.writes.forEach((write, i) => { if (write !== null) w.layerWritten(b.hosts[i], write); });
      b.root.getBoundingClientRect();
      patch.push(performance.now() - t);
    }
    if (a.root.innerHTML !== b.root.innerHTML) throw new Error('the two figures differ');
    a.root.remove();
    b.root.remove();
  }
  return { morph, patch };
}`;

export async function run(report: Report): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report.skip('figure-writes', `${CHROMIUM} is missing (scripts/ensure-chromium.sh)`);
    return;
  }
  const script = await pageScript();
  const { frames, layers } = framesMade();
  const browser = await browserLaunched();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    const input = JSON.stringify({ frames, layers, rounds: ROUNDS });
    const result = (await page.evaluate(`(${IN_PAGE})(${input})`)) as { morph: number[]; patch: number[] };
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    for (const [name, xs] of [
      ['figure frame written from its SVG (svgMorphed)', result.morph],
      ['figure frame written from the worker patch', result.patch],
    ] as const) {
      const sorted = [...xs].sort((p, q) => p - q);
      report.row({
        name,
        medianNs: quantileOf(sorted, 0.5) * 1e6,
        p95Ns: quantileOf(sorted, 0.95) * 1e6,
        opsPerSecond: (xs.length * 1000) / sum(xs),
        batches: ROUNDS,
        opsPerBatch: frames.length,
      });
    }
    report.note(
      `figure writes: ${frames.length} frames × ${ROUNDS} rounds, interleaved; mean ms a frame from the SVG ` +
        `${(sum(result.morph) / result.morph.length).toFixed(3)}, from the patch ${(sum(result.patch) / result.patch.length).toFixed(3)} ` +
        `(${(sum(result.morph) / sum(result.patch)).toFixed(2)}×)`,
    );
  } finally {
    await browser.close();
  }
}
