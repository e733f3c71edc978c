// The figure's worker draws the moving hands on a canvas (web/src/svg-canvas.ts) instead of handing the page SVG to
// style, lay out and paint every frame: that drawing must be the picture the SVG is, for every step and view, and it
// must refuse (draw nothing) what it cannot draw. In the player, the hands then come as the worker's bitmaps.
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../src/content/load.js';
import type { Language } from '../src/core/ids.js';
import { Intake } from '../src/core/intake.js';
import { isRefusal } from '../src/core/plan-types.js';
import { planFromIntake } from '../src/core/planner.js';
import { momentAt } from '../src/core/timeline.js';
import { momentView } from '../src/render/index.js';
import type { ThemeName } from '../src/render/theme.js';
import { figureLayersSvgs, figureOverlaySvg, OVERLAY_LAYERS } from '../web/src/figure.js';
import { contextNew, e2eHarness, REPO_ROOT, sessionStarted } from './browser.js';

const harness = e2eHarness();

/** web/src/svg-canvas.ts as a script for a blank page (global `McSvgCanvas`). */
let svgCanvasScript = '';
beforeAll(async () => {
  const bundled = await build({
    entryPoints: [`${REPO_ROOT}/web/src/svg-canvas.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'McSvgCanvas',
    write: false,
    logLevel: 'silent',
  });
  svgCanvasScript = bundled.outputFiles[0]!.text;
});

/** The moving layer (hands, arms, paths, marks) of every step's moment 5 s in, as the player draws it. */
function handsLayers(language: Language, theme: ThemeName, width: number): { id: string; svg: string }[] {
  const bodyMap = builtinBodyMap();
  const plan = planFromIntake(
    builtinRoutine('spinal-column'),
    builtinRules(),
    Intake.parse({ minutes: 45, language }),
    { bodyMap },
  );
  if (isRefusal(plan)) throw new Error('the plan was refused');
  const height = Math.round((width * 540) / 960);
  const options = { width, height, language, theme, excluded: plan.excludedRegions };
  return plan.steps.map((step) => {
    const moment = momentAt(plan, step.start + Math.min(5, step.duration / 2), bodyMap);
    const view = momentView(moment);
    const svg =
      view === 'top'
        ? figureOverlaySvg(moment, options, OVERLAY_LAYERS.at(-1)!)
        : figureLayersSvgs(moment, options).at(-1)!;
    return { id: `${step.id}/${view}`, svg };
  });
}

interface Compared {
  readonly id: string;
  readonly isDrawn: boolean;
  /** Pixels the browser's own drawing of the SVG covers. */
  readonly covered: number;
  /** Pixels where a channel differs by more than a third of its range. */
  readonly differing: number;
}

/** Each SVG drawn by svgDrawn and by the browser itself (an image of the SVG) on canvases of a size, compared. */
async function compared(page: Page, svgs: { id: string; svg: string }[], width: number, height: number) {
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: svgCanvasScript });
  return page.evaluate(
    async ({ svgs, width, height }) => {
      const drawing = (globalThis as unknown as { McSvgCanvas: typeof import('../web/src/svg-canvas.js') })
        .McSvgCanvas;
      const out: Compared[] = [];
      for (const { id, svg } of svgs) {
        const ours = new OffscreenCanvas(width, height).getContext('2d')!;
        const isDrawn = drawing.svgDrawn(ours, svg, width, height, (w, h) => new OffscreenCanvas(w, h));
        const image = new Image();
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await image.decode();
        const theirs = new OffscreenCanvas(width, height).getContext('2d')!;
        theirs.drawImage(image, 0, 0, width, height);
        const a = ours.getImageData(0, 0, width, height).data;
        const b = theirs.getImageData(0, 0, width, height).data;
        let covered = 0;
        let differing = 0;
        for (let i = 0; i < a.length; i += 4) {
          if (b[i + 3]! > 0) covered++;
          for (let k = 0; k < 4; k++) {
            if (Math.abs(a[i + k]! - b[i + k]!) > 85) {
              differing++;
              break;
            }
          }
        }
        out.push({ id, isDrawn, covered, differing });
      }
      return out;
    },
    { svgs, width, height },
  );
}

describe('the hands drawn on a canvas (svgDrawn)', () => {
  it.each([
    ['en', 'light', 960],
    ['ru', 'dark', 390],
  ] as const)(
    'draw every step of the %s plan (%s theme, %d px wide) as the browser draws the SVG',
    async (language, theme, width) => {
      const page = await harness.browser.newPage();
      const svgs = handsLayers(language, theme, width);
      const height = Math.round((width * 426) / 960);
      const results = await compared(page, svgs, width, height);
      expect(results.filter((r) => !r.isDrawn).map((r) => r.id)).toEqual([]);
      // The moving layer is drawn (not an empty canvas matching an empty image)…
      for (const r of results) expect(r.covered, r.id).toBeGreaterThan(500);
      // …and the two drawings agree to within edge smoothing: no pixel in a thousand differs by a third.
      const off = results.filter((r) => r.differing > r.covered / 1000);
      expect(off.map((r) => `${r.id}: ${r.differing} of ${r.covered}`)).toEqual([]);
      // The masks of the views from the head end and the side (the arms cut away under the body) are among them.
      expect(svgs.some((s) => s.svg.includes('<mask'))).toBe(true);
      await page.close();
    },
  );

  it('draws nothing and says so for what it cannot draw (text, a gradient, an unknown attribute)', async () => {
    const page = await harness.browser.newPage();
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: svgCanvasScript });
    const open = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">';
    const answers = await page.evaluate(
      (svgs) =>
        svgs.map((svg) => {
          const drawing = (
            globalThis as unknown as { McSvgCanvas: typeof import('../web/src/svg-canvas.js') }
          ).McSvgCanvas;
          const ctx = new OffscreenCanvas(100, 50).getContext('2d')!;
          ctx.fillStyle = '#ff0000';
          ctx.fillRect(0, 0, 100, 50);
          const isDrawn = drawing.svgDrawn(ctx, svg, 100, 50, (w, h) => new OffscreenCanvas(w, h));
          const [r, g, b, a] = ctx.getImageData(50, 25, 1, 1).data;
          return { isDrawn, pixel: [r, g, b, a] };
        }),
      [
        `${open}<path d="M0 0h100v50z" fill="#00f"/><text x="5" y="20">1</text></svg>`,
        `${open}<rect x="0" y="0" width="100" height="50" fill="url(#g)"/></svg>`,
        `${open}<rect x="0" y="0" width="100" height="50" filter="blur(2px)"/></svg>`,
        'not svg at all',
        `${open}<rect x="0" y="0" width="100" height="50" fill="#00ff00"/></svg>`,
      ],
    );
    expect(answers.slice(0, 4)).toEqual(Array(4).fill({ isDrawn: false, pixel: [255, 0, 0, 255] }));
    expect(answers[4]).toEqual({ isDrawn: true, pixel: [0, 255, 0, 255] });
    await page.close();
  });
});

describe('the player', () => {
  it("shows the moving hands as the worker's bitmaps on a canvas, changing frame after frame", async () => {
    const context = await contextNew(harness.browser);
    await context.addInitScript(() =>
      localStorage.setItem('massage-coach.player-settings.v1', JSON.stringify({ getReadySeconds: 0 })),
    );
    const page = await context.newPage();
    await sessionStarted(page, harness.app.url);
    await page.keyboard.press('ArrowRight');
    expect((await page.textContent('.player .step-title'))?.trim()).toBe('Reinforced palm beside the spine');
    const canvas = '[data-testid="figure"] canvas.figure-layer';
    await page.waitForSelector(`[data-testid="figure"][data-hands="canvas"] canvas[data-drawn="true"]`, {
      timeout: 15_000,
    });
    // The hands' SVG layer is left empty, and the canvas is the figure's size in device pixels.
    expect(await page.innerHTML('[data-testid="figure"] .figure-layer:nth-child(3)')).toBe('');
    const size = await page.evaluate((selector) => {
      const c = document.querySelector(selector) as HTMLCanvasElement;
      const figure = document.querySelector('[data-testid="figure"]') as HTMLElement;
      return {
        width: c.width,
        height: c.height,
        shown: figure.clientWidth,
        shownHeight: figure.clientHeight,
      };
    }, canvas);
    expect(size.width).toBe(size.shown);
    expect(size.height).toBe(size.shownHeight);
    const before = await page.locator(canvas).screenshot();
    await page.waitForTimeout(500);
    const after = await page.locator(canvas).screenshot();
    expect(after.equals(before)).toBe(false);
    await context.close();
  });
});
