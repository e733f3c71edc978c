// The player's flow around a session: the get-ready countdown, browser Back within the app, End that asks first,
// a summary that counts only what was played, and the voice: a notice when there is none, a choice when there are.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeSeriousViolations, contextNew, e2eHarness, screenshotSaved } from './browser.js';

const harness = e2eHarness();

const title = (page: Page) => page.textContent('.player .step-title');
const kinds = (page: Page) =>
  page.evaluate(() =>
    (
      (
        JSON.parse(localStorage.getItem('massage-coach.session.v1') ?? '{}') as {
          events?: { kind: string }[];
        }
      ).events ?? []
    ).map((e) => e.kind),
  );

async function nextStep(page: Page): Promise<void> {
  const before = await page.getAttribute('.player .step-title', 'data-step-index');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    (was) => document.querySelector('.player .step-title')?.getAttribute('data-step-index') !== was,
    before,
  );
}

async function playerOpened(page: Page): Promise<void> {
  await page.goto(harness.app.url);
  await page.waitForSelector('form.intake');
  await page.click('button[type="submit"]');
  await page.waitForSelector('section.plan .step-card');
  await page.click('button:has-text("Start the session")');
  await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
}

describe('around a session', () => {
  it('counts down before a step, goes Back to the plan paused, asks before ending, and sums up only what was played', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await playerOpened(page);
    // The get-ready countdown before the first step: its picture and its cue, the time held at the start.
    expect(Number(await page.textContent('[data-testid="get-ready"]'))).toBeGreaterThanOrEqual(3);
    expect(await page.textContent('.now-label')).toContain('Get ready');
    expect(await page.textContent('.player .cue')).toContain('Sit with your client');
    await nextStep(page);
    await nextStep(page);
    expect(await title(page)).toBe('Fingertip presses beside the spine');
    await page.waitForSelector('[data-testid="get-ready"]');

    // Browser Back: the player pauses and the plan offers to continue.
    await page.goBack();
    await page.waitForSelector('section.plan .step-card');
    expect((await kinds(page)).at(-1)).toBe('pause');
    const resume = page.locator('button:has-text("Continue the session")');
    expect(await resume.textContent()).toMatch(/from \d+:\d\d/);
    await resume.click();
    await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
    expect(await title(page)).toBe('Fingertip presses beside the spine');
    expect(await page.textContent('[data-testid="play-pause"]')).toContain('Resume');
    await page.click('[data-testid="play-pause"]');

    // End asks first; Keep going goes on playing.
    await page.click('.settings-button');
    await page.click('.settings-dialog button:has-text("End session")');
    await page.waitForSelector('dialog.confirm-dialog[open]');
    expect(await axeSeriousViolations(page)).toEqual([]);
    await screenshotSaved(page, 'end-confirm');
    await page.click('button:has-text("Keep going")');
    expect(await page.locator('dialog.confirm-dialog[open]').count()).toBe(0);
    expect(await page.textContent('[data-testid="play-pause"]')).toContain('Pause');
    expect(await page.locator('section.summary').count()).toBe(0);
    await page.click('.settings-button');
    await page.click('.settings-dialog button:has-text("End session")');
    await page.click('.confirm-dialog button:has-text("End session")');
    await page.waitForSelector('section.summary');

    // Nothing was played through: nothing is done; the steps passed over and those not reached are apart.
    expect(await page.locator('[data-testid="done-list"] li').count()).toBe(0);
    const passed = await page.$$eval('[data-testid="passed-list"] li', (els) =>
      els.map((e) => e.textContent),
    );
    expect(passed.map((p) => p?.split(':')[0])).toEqual([
      'Check-in',
      'Reinforced palm beside the spine',
      'Fingertip presses beside the spine',
    ]);
    expect(passed[0]).toMatch(/0:0\d of 1:15 played/);
    expect(await page.textContent('[data-testid="not-reached-list"]')).toContain('Check-out');
    expect(await page.textContent('section.summary .lead')).toMatch(
      /ended early\. Stopped at \d+:\d\d of 45:00\./,
    );
    expect(await page.textContent('[data-testid="session-date"]')).toMatch(/Session of .*\d{4}/);
    expect(await kinds(page)).toEqual([
      'start',
      'next',
      'next',
      'pause',
      'resume',
      'pause',
      'resume',
      'pause',
      'stop',
    ]);

    // Back from the summary goes to the plan, and from the plan to the intake: the app, not away from it.
    await page.goBack();
    await page.waitForSelector('section.plan .step-card');
    await page.goBack();
    await page.waitForSelector('form.intake');
    await context.close();
  });

  it('says plainly when the browser has no voice for the language, and keeps the cue large', async () => {
    const context = await contextNew(harness.browser);
    const page = await context.newPage();
    await playerOpened(page);
    // Headless chromium has no speech voices.
    await page.waitForSelector('[data-testid="no-voice"]');
    expect(await page.textContent('[data-testid="no-voice"]')).toBe(
      'No English voice in this browser: the cues are not spoken.',
    );
    expect(await page.getAttribute('section.player', 'class')).toContain('has-no-voice');
    await page.click('.settings-button');
    expect(await page.isDisabled('button:has-text("Hear a test")')).toBe(true);
    await context.close();
  });

  it('offers the browser’s voices for the language, speaks a test phrase with the chosen one, and shows no notice', async () => {
    const context = await contextNew(harness.browser);
    // A browser with two English voices and one Russian, which records what it is asked to say.
    await context.addInitScript(() => {
      const voices = [
        { name: 'Alice', lang: 'en-GB', default: true, localService: true, voiceURI: 'alice' },
        { name: 'Bob', lang: 'en-US', default: false, localService: true, voiceURI: 'bob' },
        { name: 'Ivan', lang: 'ru-RU', default: false, localService: true, voiceURI: 'ivan' },
      ];
      const spoken: { text: string; voice: string | null; rate: number }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      class Utterance {
        voice: { name: string } | null = null;
        lang = '';
        rate = 1;
        constructor(readonly text: string) {}
      }
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          getVoices: () => voices,
          speak: (u: Utterance) => spoken.push({ text: u.text, voice: u.voice?.name ?? null, rate: u.rate }),
          cancel: () => {},
          addEventListener: () => {},
          removeEventListener: () => {},
        },
      });
    });
    const page = await context.newPage();
    await playerOpened(page);
    await page.click('.settings-button');
    const options = await page.$$eval('#voice-name option', (els) => els.map((e) => e.textContent));
    expect(options).toEqual(['The browser’s choice', 'Alice (en-GB)', 'Bob (en-US)']);
    await page.selectOption('#voice-name', 'Bob');
    await page.click('button:has-text("Hear a test")');
    const spoken = await page.evaluate(
      () => (window as unknown as { spoken: { text: string; voice: string }[] }).spoken,
    );
    expect(spoken.at(-1)).toMatchObject({
      text: 'Slide both hands down beside the spine, slowly.',
      voice: 'Bob',
    });
    await page.click('.settings-dialog button:has-text("Close")');
    expect(await page.locator('[data-testid="no-voice"]').count()).toBe(0);
    // The choice is kept on this device.
    expect(
      await page.evaluate(
        () => JSON.parse(localStorage.getItem('massage-coach.player-settings.v1') ?? '{}').voiceName,
      ),
    ).toBe('Bob');
    await context.close();
  });
});
