#!/usr/bin/env node
// Keeps src/core and src/render pure (CONVENTIONS.md): no clock, no randomness, no process, no I/O,
// nothing from the edges. Biome checks the imports too; this also catches globals Biome cannot.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = ['src/core', 'src/render'];
const banned = [
  [/\bDate\s*\.\s*now\b|\bnew\s+Date\b|\bDate\s*\(/, 'reads the clock: pass time in as a parameter'],
  [/\bMath\s*\.\s*random\b/, 'uses unseeded randomness: pass a seeded generator in'],
  [/\bperformance\s*\.\s*now\b/, 'reads the clock: pass time in as a parameter'],
  [/\bprocess\s*\./, 'touches the process: the core takes its inputs as arguments'],
  [
    /\bfrom\s+['"](node:)?(fs|fs\/promises|child_process|net|http|https|path|os)['"]/,
    'does I/O: keep it at the edges',
  ],
  [
    /\bfrom\s+['"][./]*\/(store|server|export|cli|web)\//,
    'imports from an edge (DESIGN.md: layers point one way)',
  ],
  [/\bfrom\s+['"]\.\.\/\.\.\/web\b/, 'imports from the web app'],
];
// DESIGN.md: nothing under src/core or src/render builds its own body map; the map is passed in (test support
// builds the built-in one for tests).
const buildsMap = [
  /(?<!function\s+)\bbodyMapFromData\s*\(/,
  'builds a body map: take the map as a parameter',
];

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

let problems = 0;
for (const root of roots) {
  for (const file of files(root)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return;
      const rules = file.includes('test-support') ? banned : [...banned, buildsMap];
      for (const [pattern, why] of rules) {
        const m = pattern.exec(line);
        if (m) {
          problems++;
          console.error(`${relative('.', file)}:${i + 1}:${m.index + 1}: ${why}: ${m[0]}`);
        }
      }
    });
  }
}
if (problems > 0) {
  console.error(`${problems} purity problem(s) in src/core or src/render`);
  process.exit(1);
}
