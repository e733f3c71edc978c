import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeSeriousViolations, contextNew, e2eHarness, intakeSubmitted, screenshotSaved } from './browser.js';

const harness = e2eHarness();

function pageErrorsCollected(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

describe('a session from intake to summary', () => {
  it('with varicose veins the plan leaves out the knead and the lower leg, says why, and plays to the summary', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    const errors = pageErrorsCollected(page);
    await page.goto(`${harness.app.url}?speed=600`);
    await page.waitForSelector('form.intake h1');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'intake', { fullPage: true });

    await intakeSubmitted(page, { conditions: [{ id: 'varicose-veins', side: 'both', severity: 'mild' }] });
    await page.waitForSelector('section.plan .step-card');
    const steps = await page.$$eval('.step-card', (els) =>
      els.map((e) => ({ id: e.getAttribute('data-step-id'), regions: e.getAttribute('data-regions') ?? '' })),
    );
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.map((s) => s.id)).not.toContain('leg-knead');
    expect(steps.filter((s) => s.regions.split(' ').includes('leg.lower'))).toEqual([]);
    const skipped = await page.textContent('section.skipped');
    expect(skipped).toContain('Kneading could harm varicose veins');
    const excluded = await page.textContent('section.excluded');
    expect(excluded).toContain('lower leg');
    expect(excluded).toContain('With varicose veins the lower leg is not massaged at all.');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'plan');
    await screenshotSaved(page, 'plan-full', { fullPage: true });

    await page.click('button:has-text("Start the session")');
    await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'player');

    await page.waitForSelector('section.summary', { timeout: 30_000 });
    expect(await page.textContent('section.summary .lead')).toContain('The session ran to its end.');
    const done = await page.$$eval('[data-testid="done-list"] li', (els) => els.length);
    expect(done).toBe(steps.length);
    expect(await page.locator('[data-testid="passed-list"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="skipped-list"]')).toContain(
      'Kneading could harm varicose veins',
    );
    expect(await page.textContent('section.summary')).toContain('No pain reported.');
    await page.fill('#notes-subjective', 'Felt relaxed; low back less stiff.');
    await page.click('button:has-text("Save record")');
    await page.waitForSelector('.saved-status:has-text("Saved on this device.")');
    const records = await page.evaluate(() =>
      JSON.parse(localStorage.getItem('massage-coach.records.v1') ?? '[]'),
    );
    expect(records).toHaveLength(1);
    expect(records[0].notes.subjective).toBe('Felt relaxed; low back less stiff.');
    expect(records[0].events.map((e: { kind: string }) => e.kind)).toEqual(['start', 'finish']);
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'summary', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows field errors next to the fields and refuses a fever with a reason and a doctor', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await page.goto(harness.app.url);
    await page.fill('#client-height', 'tall');
    await page.fill('#minutes', '5');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#minutes-error');
    expect(await page.getAttribute('#minutes', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#minutes-error')).toBe('Sessions run 10 to 120 minutes');
    expect(await page.textContent('#client-height-error')).toBe('Please enter a number, for example 175.');
    expect(await page.isVisible('#client-height-error')).toBe(true);
    expect(await page.evaluate('document.activeElement?.className')).toBe('error-summary');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'intake-errors');

    await page.fill('#client-height', '175');
    await page.fill('#minutes', '45');
    await page.check('#cond-fever');
    expect(await page.textContent('.refusal-notice')).toContain('see a doctor');
    await page.click('button[type="submit"]');
    await page.waitForSelector('section.plan.refused');
    expect(await page.textContent('section.refused')).toContain('Massage is not given with a fever');
    expect(await page.textContent('section.refused')).toContain('Please see a doctor before a massage.');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'refused');
    await context.close();
  });

  it('keeps Start disabled until each warning is acknowledged (pregnancy after 13 weeks)', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await page.goto(harness.app.url);
    await page.check('#cond-pregnancy');
    await page.fill('#cond-pregnancy-weeks', '20');
    await page.check('#cond-pregnancy-isHighRisk-no');
    await page.click('button[type="submit"]');
    await page.waitForSelector('section.plan .warnings');
    const start = page.locator('button:has-text("Start the session")');
    expect(await start.isDisabled()).toBe(true);
    expect(await page.textContent('#start-blocked')).toContain('Tick each warning');
    const boxes = page.locator('.warnings input[type="checkbox"]');
    const count = await boxes.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    expect(await start.isDisabled()).toBe(false);
    const steps = await page.$$eval('.step-card', (els) => els.map((e) => e.getAttribute('data-step-id')));
    expect(steps).not.toContain('spine-reinforced-palm');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'plan-warnings');
    await context.close();
  });

  it('speaks Russian when Russian is chosen', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await page.goto(harness.app.url);
    await page.check('#language-ru');
    expect(await page.textContent('h1')).toBe('Перед массажем');
    expect(await page.textContent('label[for="cond-varicose-veins"]')).toContain('Варикоз');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    await page.click('button[type="submit"]');
    await page.waitForSelector('section.plan .step-card');
    expect(await page.textContent('section.plan h1')).toBe('План');
    expect(await page.textContent('.step-card h3')).toContain('Разговор перед массажем');
    await page.click('button:has-text("Начать сеанс")');
    await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
    expect(await page.textContent('.pain-button')).toBe('БОЛЬ / СТОП');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'player-ru');
    await context.close();
  });

  it('passes axe in the dark colour scheme too', async () => {
    const context = await harness.browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    });
    const page = await context.newPage();
    await page.goto(harness.app.url);
    await page.waitForSelector('form.intake');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await page.click('button[type="submit"]');
    await page.waitForSelector('section.plan .step-card');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await page.click('button:has-text("Start the session")');
    await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'player-dark');
    await context.close();
  });
});
