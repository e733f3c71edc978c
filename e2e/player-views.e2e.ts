// The player draws each step from the view that shows it: a lift from the side, the chest stroke from the head end,
// strokes on the back from above; the get-ready countdown previews the coming step from its view; the part's
// title shows under the step's. Screenshots of each at a phone's, a tablet's and a laptop's size.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contextNew, e2eHarness, screenshotSaved, sessionStarted as sessionStartedAt } from './browser.js';

const harness = e2eHarness();

const title = (page: Page) => page.textContent('.player .step-title').then((t) => t?.trim() ?? '');
const figureView = (page: Page) => page.getAttribute('[data-testid="figure"]', 'data-view');

const sessionStarted = (page: Page) => sessionStartedAt(page, harness.app.url);

/** Presses Next until the step with this title is shown (at most 40 steps on). */
async function stepShown(page: Page, wanted: string): Promise<void> {
  for (let i = 0; i < 40 && (await title(page)) !== wanted; i++) await page.keyboard.press('ArrowRight');
  expect(await title(page)).toBe(wanted);
}

/** Waits until the figure says it shows this view. */
const viewShown = (page: Page, view: string) =>
  page.waitForSelector(`[data-testid="figure"][data-view="${view}"]`, { timeout: 5000 });

describe('the player shows each step from its view', () => {
  it('previews and plays the leg lift from the side, the back from above, the chest stroke from the head end', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await sessionStarted(page);
    await stepShown(page, 'Reinforced palm beside the spine');
    await viewShown(page, 'top');
    // The get-ready countdown before the lift: its still, already from the side.
    await stepShown(page, 'Straight-leg lift');
    expect(await page.locator('[data-testid="get-ready"]').count()).toBe(1);
    await viewShown(page, 'side');
    // Once it plays, still from the side (the figure's layers drawn, not a still).
    await page.waitForSelector('[data-testid="get-ready"]', { state: 'detached', timeout: 15_000 });
    await viewShown(page, 'side');
    // The figure's worker draws the first running frame a moment after the countdown's text has gone.
    await page.waitForSelector(
      '[data-testid="figure"] .figure-layer:nth-child(3) svg, [data-testid="figure"] canvas[data-drawn="true"]',
      { timeout: 5000 },
    );
    // The next step, drainage, is a stroke seen from above, in parts: the part's title under the step's.
    await stepShown(page, 'Leg drainage');
    await viewShown(page, 'top');
    expect(await page.textContent('.player .part-title')).toMatch(/^1\. /);
    expect(await figureView(page)).not.toBe('side');
    await stepShown(page, 'Chest, shoulder and neck stroke');
    await viewShown(page, 'head');
    await context.close();
  });

  // The pictures looked at: each view and a step in parts, at a phone's, a tablet's and a laptop's size.
  it.each([
    [390, 844],
    [768, 1024],
    [1280, 800],
  ])('at %d×%d: screenshots of a top, a side and a head-end step and of a part', async (width, height) => {
    const context = await contextNew(harness.browser, { width, height });
    await context.addInitScript(() =>
      localStorage.setItem('massage-coach.player-settings.v1', JSON.stringify({ getReadySeconds: 0 })),
    );
    const page = await context.newPage();
    await sessionStarted(page);
    const shots: readonly (readonly [string, string, string])[] = [
      ['Reinforced palm beside the spine', 'top', 'top'],
      ['Straight-leg lift', 'side', 'side'],
      ['Leg drainage', 'top', 'part'],
      ['Chest, shoulder and neck stroke', 'head', 'head'],
      ['Spine extension', 'side', 'part-side'],
    ];
    for (const [step, view, name] of shots) {
      await stepShown(page, step);
      await viewShown(page, view);
      // Into the step, so the hands are at work.
      await page.waitForTimeout(1500);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshotSaved(page, `views-${width}x${height}-${name}`);
    }
    await context.close();
  });
});
