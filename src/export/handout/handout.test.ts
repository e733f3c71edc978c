// The handout as HTML (pure) and printed to PDF by Debian's chromium; the PDF read back with poppler's tools.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinBodyMap, builtinRoutine, builtinRules } from '../../content/load.js';
import type { Language } from '../../core/ids.js';
import type { IntakeInput } from '../../core/intake.js';
import { planFor } from '../test-support/media.js';
import { handoutHtml, htmlEscaped } from './handout-html.js';
import { exportHandout } from './handout-pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-handout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const routine = builtinRoutine('spinal-column');
const rules = builtinRules();
const bodyMap = builtinBodyMap();
const intakeOf = (name: string) =>
  JSON.parse(readFileSync(`examples/intakes/${name}.json`, 'utf8')) as IntakeInput;

/** Text with every run of white space made one space (a PDF's lines break anywhere). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('handoutHtml', () => {
  const plan = planFor(intakeOf('varicose-both-severe'));
  const html = handoutHtml({ plan, bodyMap, routine, rules });

  it('opens with the always-on safety rules, then what was left out and why', () => {
    const always = rules.filter((r) => 'always' in r.when);
    expect(always.length).toBeGreaterThan(3);
    const safetyAt = html.indexOf('Safety, every session');
    for (const r of always) expect(html.indexOf(r.title.en)).toBeGreaterThan(safetyAt);
    expect(plan.skipped.length).toBeGreaterThan(0);
    for (const s of plan.skipped) expect(html).toContain(htmlEscaped(s.reason));
  });

  it('has a card with a picture for every planned step, in order', () => {
    const cards = [
      ...html.matchAll(/<section class="card" data-step-id="([^"]+)">\n<svg class="picture"/g),
    ].map((m) => m[1]);
    expect(cards).toEqual(plan.steps.map((s) => s.id));
  });

  it("draws each step's picture from its view: a lift from the side, the neck from the head end", () => {
    const full = handoutHtml({ plan: planFor({ minutes: 45 }), bodyMap, routine, rules });
    const picture = (id: string) =>
      full.match(
        new RegExp(`<section class="card" data-step-id="${id}">\\n(<svg class="picture".*?</svg>)`),
      )?.[1] ?? '';
    const titled = (id: string, title: string) => picture(id).includes(`aria-label="${title}"`);
    expect(titled('leg-passive-lift', 'From the side')).toBe(true);
    expect(titled('spine-extension', 'From the side')).toBe(true);
    expect(titled('chest-shoulder-neck-stroke', 'From the head end')).toBe(true);
    for (const title of ['From the side', 'From the head end'])
      expect(titled('spine-reinforced-palm', title)).toBe(false);
    expect(picture('spine-reinforced-palm')).not.toBe('');
  });

  it('escapes what it is given', () => {
    const odd = handoutHtml({ plan, bodyMap, rules }, { subtitle: '<b>Ann & Bob</b>' });
    expect(odd).toContain('&lt;b&gt;Ann &amp; Bob&lt;/b&gt;');
  });
});

describe.each<[Language, string]>([
  ['en', 'varicose-both-severe'],
  ['ru', 'neck-injury-ru'],
])('exportHandout (%s, %s): an A4 PDF', (language, intake) => {
  const plan = planFor(intakeOf(intake), language);
  const output = join(dir, `${intake}-${language}.pdf`);

  it('prints every planned step’s title and every skip reason, on A4 pages', {
    timeout: 120_000,
  }, async () => {
    const result = await exportHandout({ plan, bodyMap, routine, rules, output });
    expect(result.bytes).toBeGreaterThan(10_000);
    const info = execFileSync('pdfinfo', [output]).toString();
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    const text = flat(execFileSync('pdftotext', ['-enc', 'UTF-8', output, '-']).toString());
    for (const step of plan.steps) expect(text, step.id).toContain(flat(step.title));
    expect(plan.skipped.length).toBeGreaterThan(0);
    for (const s of plan.skipped) expect(text, s.id).toContain(flat(s.reason));
    // Page 1 carries the safety rules.
    const first = flat(
      execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', output, '-']).toString(),
    );
    for (const r of rules.filter((x) => 'always' in x.when))
      expect(first).toContain(flat(r.title[language] ?? r.title.en));
  });

  it('renders to page images with ink on them (pdftoppm, grey)', () => {
    const prefix = join(dir, `page-${language}`);
    execFileSync('pdftoppm', [
      '-r',
      '40',
      '-gray',
      '-png',
      '-f',
      '3',
      '-l',
      '3',
      '-singlefile',
      output,
      prefix,
    ]);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 100) dark++;
    expect(dark / (png.width * png.height)).toBeGreaterThan(0.01);
  });
});
