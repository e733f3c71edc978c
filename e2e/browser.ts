// Browser-test support: Debian's chromium driven by playwright-core, and the built app on a free port.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { staticServerStarted } from '../src/server/static-server.js';

/** The repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** The built app the tests serve. */
export const WEB_ROOT = join(REPO_ROOT, 'dist', 'web');
/** Where screenshots go. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'out', 'screenshots');
/** Debian's chromium (scripts/ensure-chromium.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** Launches headless chromium with the flags the project's tests use. */
export async function browserLaunched(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Serves dist/web on 127.0.0.1 at a free port; fails clearly when the app is not built. */
export async function appServed(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`${WEB_ROOT} has no built app: run npm run build:web first`);
  }
  const { server, url } = await staticServerStarted({ root: WEB_ROOT, host: '127.0.0.1', port: 0 });
  return { url, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** A fresh context (own storage, own service workers) at a large landscape size, like a tablet on a stand. */
export async function contextNew(
  browser: Browser,
  options: { reducedMotion?: 'reduce' | 'no-preference'; width?: number; height?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    reducedMotion: options.reducedMotion ?? 'no-preference',
    locale: 'en-GB',
  });
}

/** Saves a screenshot under out/screenshots. */
export async function screenshotSaved(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

/** One axe-core violation, as the tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: string[];
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function axeSeriousViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate<boolean>("'axe' in window");
  if (!hasAxe) await page.addScriptTag({ content: source });
  // A string, not a function: this module is also type-checked without the DOM library (bench/).
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  })()`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fills the intake form: the given conditions ticked (with their detail fields), then "Make the plan". */
export async function intakeSubmitted(
  page: Page,
  options: {
    conditions?: { id: string; side?: string; severity?: string }[];
    minutes?: number;
  } = {},
): Promise<void> {
  for (const c of options.conditions ?? []) {
    await page.check(`#cond-${c.id}`);
    if (c.side) await page.selectOption(`#cond-${c.id}-side`, c.side);
    if (c.severity) await page.selectOption(`#cond-${c.id}-severity`, c.severity);
  }
  if (options.minutes !== undefined) await page.fill('#minutes', String(options.minutes));
  await page.click('button[type="submit"]');
}

/** Opens the app at `url`, makes the default plan and starts its session; resolves once the first figure is drawn. */
export async function sessionStarted(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('form.intake');
  await intakeSubmitted(page);
  await page.waitForSelector('section.plan .step-card');
  await page.click('button:has-text("Start the session")');
  await page.waitForSelector('[data-testid="figure"][data-drawn="true"]');
}

/** The session time the page has saved for the current session. */
export async function savedSessionTime(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const raw = localStorage.getItem('massage-coach.session.v1');
    const pos = localStorage.getItem('massage-coach.position.v1');
    const t1 = raw ? JSON.parse(raw).t : 0;
    const t2 = pos ? JSON.parse(pos).t : 0;
    return Math.max(t1, t2);
  })()`);
}

/** The browser and the served app for one test file: launched before its tests, closed after them. */
export interface E2eHarness {
  readonly browser: Browser;
  readonly app: { url: string; close: () => Promise<void> };
}

/** Registers the before/after hooks that start chromium and serve the built app; read the fields in tests. */
export function e2eHarness(): E2eHarness {
  const harness = {} as { browser: Browser; app: { url: string; close: () => Promise<void> } };
  beforeAll(async () => {
    harness.browser = await browserLaunched();
    harness.app = await appServed();
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.app?.close();
  });
  return harness;
}
