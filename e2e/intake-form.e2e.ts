import { describe, expect, it } from 'vitest';
import { CONDITION_GROUPS, CONDITION_IDS } from '../src/core/intake.js';
import { axeSeriousViolations, contextNew, e2eHarness, screenshotSaved } from './browser.js';

// The grouped intake form (issue 8) and its safe defaults (issue 7, item 3).

const harness = e2eHarness();

describe('the intake form', () => {
  it('fills the grouped form for a client with three conditions, and the plan follows each', async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const context = await contextNew(harness.browser, { width, height });
      const page = await context.newPage();
      await page.goto(harness.app.url);
      await page.waitForSelector('form.intake h1');
      const groups = await page.$$eval('fieldset.condition-group > legend', (els) =>
        els.map((e) => e.textContent),
      );
      expect(groups).toEqual(CONDITION_GROUPS.map((g) => g.title.en));
      expect(await page.textContent('#practitioner-why')).toContain('strain on your back');

      await page.fill('#client-height', '172');
      await page.fill('#client-weight', '74');
      await page.fill('#client-age', '58');
      await page.fill('#practitioner-height', '168');
      await page.fill('#practitioner-weight', '64');
      // Circulation: varicose veins, mild, on the left leg.
      await page.check('#cond-varicose-veins');
      await page.selectOption('#cond-varicose-veins-side', 'left');
      await page.selectOption('#cond-varicose-veins-severity', 'mild');
      // Mild veins need no clearance question.
      expect(await page.isVisible('#cond-varicose-veins-isCleared')).toBe(false);
      // Heart: a pacemaker under the left collarbone.
      await page.check('#cond-implanted-device');
      await page.selectOption('#cond-implanted-device-kind', 'pacemaker');
      await page.selectOption('#cond-implanted-device-side', 'left');
      // Other: diabetes, the feet not numb.
      await page.check('#cond-diabetes');
      await page.check('#cond-diabetes-hasNeuropathy-no');
      // Only the questions each needs: diabetes asks about numb feet and nothing else.
      expect(
        await page.$$eval('#cond-diabetes ~ * select, li:has(#cond-diabetes) select', (e) => e.length),
      ).toBe(0);
      expect(await page.$$('.refusal-notice')).toHaveLength(0);
      expect(await axeSeriousViolations(page)).toEqual([]);
      const y = await page.$eval('#group-circulation', (e) => e.getBoundingClientRect().top + window.scrollY);
      await page.evaluate(`window.scrollTo(0, ${y - 10})`);
      await screenshotSaved(page, `intake-three-conditions-${width}`);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);

      await page.click('button[type="submit"]');
      await page.waitForSelector('section.plan .step-card');
      const skipped = await page.textContent('section.skipped');
      expect(skipped).toContain('too much for varicose veins');
      expect(skipped).not.toContain('Numb feet');
      // Feet that are not numb keep the sole's thumb circles: on the right; the left is left out for the veins
      // (the thumb's hand at the heel lies over the excluded lower leg), not for the diabetes.
      expect(await page.$$('.step-card[data-step-id="sole-thumb"]')).toHaveLength(1);
      const warnings = await page.textContent('section.plan .warnings');
      expect(warnings).toContain('look at the skin of the feet');
      expect(warnings).toContain('Implanted device');
      expect(await page.textContent('section.excluded')).toContain('pacemaker');
      await context.close();
    }
  }, 120_000);

  it('ticking each condition shows no pre-ticked clearance and no answered detail', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await page.goto(harness.app.url);
    await page.waitForSelector('form.intake h1');
    for (const id of CONDITION_IDS) {
      await page.check(`#cond-${id}`);
      const details = await page.$$eval(
        `li:has(> .check #cond-${id}) .condition-details input, li:has(> .check #cond-${id}) .condition-details select`,
        (els) =>
          els.map((e) => {
            const input = e as HTMLInputElement;
            return {
              id: e.id,
              value: e.tagName === 'SELECT' ? (e as HTMLSelectElement).value : input.checked,
            };
          }),
      );
      for (const d of details) {
        if (d.id.endsWith('-region') || d.id.endsWith('-kind')) {
          expect(d.value, d.id).toBe('');
          continue;
        }
        expect(d.value === false || d.value === '', `${d.id} is pre-filled: ${d.value}`).toBe(true);
      }
      if (id === 'dvt-history') expect(details.map((d) => d.id)).toContain('cond-dvt-history-isCleared');
      await page.uncheck(`#cond-${id}`);
    }
    await context.close();
  });

  it('New session starts from an empty intake; reusing the last answers is a choice that says whose they are', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await page.goto(`${harness.app.url}?speed=600`);
    await page.waitForSelector('form.intake h1');
    await page.fill('#client-age', '72');
    await page.check('#cond-dvt-history');
    await page.check('#cond-dvt-history-isCleared');
    await page.selectOption('#cond-dvt-history-side', 'left');
    await page.fill('#minutes', '10');
    await page.click('button[type="submit"]');
    await page.waitForSelector('section.plan .warnings');
    const boxes = page.locator('.warnings input[type="checkbox"]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await page.click('button:has-text("Start the session")');
    await page.waitForSelector('section.summary', { timeout: 60_000 });
    await page.click('button:has-text("New session")');
    await page.waitForSelector('form.intake h1');

    expect(await page.$$eval('ul.conditions input[type="checkbox"]:checked', (e) => e.length)).toBe(0);
    expect(await page.inputValue('#client-age')).toBe('');
    expect(await page.inputValue('#minutes')).toBe('45');
    const reuse = page.locator('.reuse-notice button');
    const label = await reuse.textContent();
    expect(label).toContain("last client's answers");
    expect(label).toContain('age 72');
    expect(label).toContain('Past blood clot');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'intake-new-session');

    await reuse.click();
    expect(await page.isChecked('#cond-dvt-history')).toBe(true);
    expect(await page.isChecked('#cond-dvt-history-isCleared')).toBe(true);
    expect(await page.textContent('.reuse-notice.is-reused')).toContain(
      "These are the last client's answers",
    );
    await context.close();
  }, 120_000);
});
