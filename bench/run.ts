// Runs every bench/*.bench.ts (sorted; an optional argument keeps only names containing it) and writes
// out/bench/latest.json. Usage: npm run bench [-- filter]
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { durationText, rateText, type TimingResult } from './timing.js';

/** What a benchmark module receives: print and record rows, or say why it was skipped. */
export interface Report {
  /** Prints one aligned row and records it in the summary. */
  row(result: TimingResult, extra?: Record<string, number | string>): void;
  /** Records a benchmark that did not run, and why. */
  skip(name: string, reason: string): void;
  /** Prints a line of context (not a measurement). */
  note(text: string): void;
}

/** A benchmark module: `bench/<name>.bench.ts` exporting `run(report)`. */
interface BenchModule {
  run(report: Report): void | Promise<void>;
}

interface Row extends TimingResult {
  readonly file: string;
  readonly extra?: Record<string, number | string>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const filter = process.argv[2];

const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !filter || name.includes(filter))
  .sort();

const rows: Row[] = [];
const skipped: { file: string; name: string; reason: string }[] = [];
const failed: { file: string; error: string }[] = [];
const nameWidth = 44;
const columnWidth = 12;

function pad(text: string, width: number, options: { isRight?: boolean } = {}): string {
  return options.isRight ? text.padStart(width) : text.padEnd(width);
}

console.log(
  `${pad('name', nameWidth)}${pad('median', columnWidth, { isRight: true })}${pad('p95', columnWidth, { isRight: true })}${pad('ops/s', columnWidth + 4, { isRight: true })}`,
);
if (files.length === 0) console.log(filter ? `no benchmark matches "${filter}"` : 'no benchmarks found');

for (const file of files) {
  const report: Report = {
    row(result, extra) {
      rows.push({ file, ...result, ...(extra ? { extra } : {}) });
      console.log(
        `${pad(result.name, nameWidth)}${pad(durationText(result.medianNs), columnWidth, { isRight: true })}${pad(durationText(result.p95Ns), columnWidth, { isRight: true })}${pad(rateText(result.opsPerSecond), columnWidth + 4, { isRight: true })}`,
      );
    },
    skip(name, reason) {
      skipped.push({ file, name, reason });
      console.log(`${pad(name, nameWidth)}skipped: ${reason}`);
    },
    note(text) {
      console.log(`  ${text}`);
    },
  };
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') {
      report.skip(file, 'exports no run(report)');
      continue;
    }
    await mod.run(report);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failed.push({ file, error: text });
    console.error(`${file} failed:\n${text}`);
  }
}

const outDir = join(root, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
const summary = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  filter: filter ?? null,
  rows,
  skipped,
  failed,
};
const outFile = join(outDir, 'latest.json');
writeFileSync(outFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nsummary: ${outFile.replace(`${root}/`, '')}`);
if (failed.length > 0) process.exitCode = 1;
