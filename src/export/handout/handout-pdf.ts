// The handout printed to an A4 PDF by Debian's headless chromium (driven by playwright-core), with the shipped
// Noto Sans embedded so the text (Latin and Cyrillic) looks the same on every machine.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { notoSansFontFiles } from '../fonts.js';
import { type HandoutInput, type HandoutOptions, handoutHtml } from './handout-html.js';

/** Debian's chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The command that installs chromium, for error messages. */
export const CHROMIUM_INSTALL = 'apt-get install -y chromium';

/** The flags chromium runs with here: no sandbox (containers, root), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
] as const;

/** `@font-face` rules for the shipped Noto Sans (Regular and SemiBold), as data URLs. */
export function notoSansFontFaceCss(): string {
  const [regular, semibold] = notoSansFontFiles();
  const face = (file: string, weight: number) =>
    `@font-face { font-family: 'Noto Sans'; font-weight: ${weight}; font-style: normal; src: url(data:font/ttf;base64,${readFileSync(file).toString('base64')}) format('truetype'); }`;
  return `${face(regular!, 400)}\n${face(semibold!, 600)}`;
}

/** What to print and where. */
export interface HandoutExportOptions extends HandoutInput {
  /** The PDF to write; it appears only when printing succeeds. */
  readonly output: string;
  readonly subtitle?: string;
  /** The chromium binary (default Debian's). */
  readonly chromium?: string;
}

/** What was written. */
export interface HandoutExportResult {
  readonly output: string;
  readonly bytes: number;
}

/** Prints the handout of a plan to an A4 PDF with page numbers. */
export async function exportHandout(options: HandoutExportOptions): Promise<HandoutExportResult> {
  const executablePath = options.chromium ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing (the handout is printed with it): run ${CHROMIUM_INSTALL}`);
  }
  const htmlOptions: HandoutOptions = {
    fontFaceCss: notoSansFontFaceCss(),
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
  };
  const html = handoutHtml(options, htmlOptions);
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  const partial = `${options.output}.part`;
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
    );
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8pt;font-family:sans-serif;text-align:center;color:#000"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
    writeFileSync(partial, pdf);
    renameSync(partial, options.output);
    return { output: options.output, bytes: pdf.length };
  } finally {
    rmSync(partial, { force: true });
    await browser.close();
  }
}
