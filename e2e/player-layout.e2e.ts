// The player's layout at the sizes a phone or a tablet by the table has, measured: PAIN / STOP inside the viewport on
// every screen of a session, a control bar that does not move as steps change, 64-pixel targets, no sideways
// overflow, the figure's share of the screen, the pain scale whole at 360 px, and axe on each screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeSeriousViolations, e2eHarness, screenshotSaved } from './browser.js';

const harness = e2eHarness();

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const box = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

const viewportOf = (page: Page) =>
  page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));

async function isInside(page: Page, b: Box): Promise<boolean> {
  const v = await viewportOf(page);
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width + 0.5 && b.y + b.height <= v.height + 0.5;
}

/** How far the page reaches past the viewport's right edge (0 when nothing overflows sideways). */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The control bar's buttons and PAIN / STOP, their boxes (the bar must not move between steps). */
const barBoxes = (page: Page) =>
  page.$$eval('[data-testid="control-bar"] button', (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',');
    }),
  );

/** The texts of the step area that reach past its edges (cut off), by class: none may. */
const textsCut = (page: Page) =>
  page.$eval('.player-info', (info) => {
    const edge = info.getBoundingClientRect();
    return [...info.querySelectorAll('.countdown, .step-title, .cue, .now-label, .paused-badge')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < edge.left - 0.5 || r.right > edge.right + 0.5;
      })
      .map((el) => el.className);
  });

/** How far the step area's text reaches below its box (0 when it all shows, scaled to fit, without scrolling). */
const overflowY = (page: Page) =>
  page.$eval('.player-info', (el) => Math.max(0, el.scrollHeight - el.clientHeight - 1));

const SIZES: readonly (readonly [number, number])[] = [
  [360, 640],
  [390, 844],
  [768, 1024],
  [1024, 768],
  [1280, 800],
  [1920, 1080],
  // Phones on their side.
  [640, 360],
  [844, 390],
];

describe('the player laid out for the table', () => {
  it.each(SIZES)(
    'at %d×%d: PAIN / STOP on every screen, a bar that stays put, a big figure',
    async (width, height) => {
      const context = await harness.browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
      const page = await context.newPage();
      const size = `${width}x${height}`;
      await page.goto(harness.app.url);
      await page.waitForSelector('form.intake');
      expect(await overflowX(page)).toBe(0);
      await page.click('button[type="submit"]');
      await page.waitForSelector('section.plan .step-card');
      expect(await overflowX(page)).toBe(0);
      await page.click('button:has-text("Start the session")');
      await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');

      // The get-ready countdown before the first step.
      await page.waitForSelector('[data-testid="get-ready"]');
      expect(await isInside(page, await box(page, '.pain-button'))).toBe(true);
      expect(await overflowY(page)).toBe(0);
      await screenshotSaved(page, `layout-${size}-get-ready`);
      const bar = await barBoxes(page);
      expect(bar).toHaveLength(5);

      // Every target in the bar at least 64 px each way.
      for (const b of await page.$$eval('[data-testid="control-bar"] button', (els) =>
        els.map((el) => el.getBoundingClientRect()),
      )) {
        expect(b.height).toBeGreaterThanOrEqual(64);
        expect(b.width).toBeGreaterThanOrEqual(64);
      }

      // The figure: the full width in portrait, at least 55 % of a landscape tablet's or laptop's screen.
      const figure = await box(page, '[data-testid="figure"]');
      if (width < height) expect(figure.width).toBeGreaterThanOrEqual(width - 1);
      else if (width >= 1024)
        expect((figure.width * figure.height) / (width * height)).toBeGreaterThanOrEqual(0.55);
      expect(await isInside(page, figure)).toBe(true);

      // Step after step (titles and cues of different lengths, a countdown each time), nothing in the bar moves.
      for (let i = 0; i < 4; i++) {
        const before = await page.getAttribute('.player .step-title', 'data-step-index');
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction(
          (was) => document.querySelector('.player .step-title')?.getAttribute('data-step-index') !== was,
          before,
        );
        expect(await barBoxes(page)).toEqual(bar);
        expect(await overflowX(page)).toBe(0);
        expect(await page.$eval('.player-info', (el) => el.scrollWidth - el.clientWidth)).toBe(0);
        expect(await textsCut(page)).toEqual([]);
        // No line of the step's text runs under the control bar, in the get-ready countdown or after it.
        await screenshotSaved(page, `layout-${size}-step-${i + 2}`);
        expect(await overflowY(page)).toBe(0);
      }
      await page.keyboard.press('Space');
      await page.waitForSelector('.paused-badge');
      expect(await barBoxes(page)).toEqual(bar);
      expect(await textsCut(page)).toEqual([]);
      await page.waitForFunction(() => {
        const el = document.querySelector('.player-info');
        return el !== null && el.scrollHeight <= el.clientHeight + 1;
      });
      await screenshotSaved(page, `layout-${size}-player`);
      expect(await axeSeriousViolations(page)).toEqual([]);

      // The pain dialog: every level of the scale and both buttons on screen, nothing sideways.
      await page.click('.pain-button');
      await page.waitForSelector('dialog.pain-dialog[open]');
      const levels = await page.$$eval('.level label', (els) => els.map((el) => el.getBoundingClientRect()));
      expect(levels).toHaveLength(11);
      for (const level of levels) {
        expect(await isInside(page, level)).toBe(true);
        expect(level.height).toBeGreaterThanOrEqual(64);
      }
      expect(await isInside(page, await box(page, 'dialog.pain-dialog button[type="submit"]'))).toBe(true);
      expect(await page.$eval('dialog.pain-dialog', (el) => el.scrollWidth - el.clientWidth)).toBe(0);
      await screenshotSaved(page, `layout-${size}-pain`);
      // The dialog is the same at every size; axe on it at the phone's and the laptop's size keeps the run short.
      if (width === 360 || width === 1280) expect(await axeSeriousViolations(page)).toEqual([]);
      await page.click('button:has-text("Cancel (no pain)")');
      expect(await isInside(page, await box(page, '.pain-button'))).toBe(true);

      // Ending asks first; the question and both answers fit.
      await page.click('.settings-button');
      await page.click('.settings-dialog button:has-text("End session")');
      await page.waitForSelector('dialog.confirm-dialog[open]');
      expect(await isInside(page, await box(page, 'dialog.confirm-dialog'))).toBe(true);
      await page.click('.confirm-dialog button:has-text("End session")');
      await page.waitForSelector('section.summary');
      expect(await overflowX(page)).toBe(0);
      await screenshotSaved(page, `layout-${size}-summary`);
      await context.close();
    },
  );
});
