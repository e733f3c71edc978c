// The user docs stand on their own: every relative link in README.md and docs/ resolves inside the repository,
// every anchor names a heading of its page, and every npm script and massage-coach command they name exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'web/README.md',
  'bench/README.md',
];
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);
/** The massage-coach commands: each is registered in src/cli with `.command('NAME …')`. */
const commands = readdirSync(join(ROOT, 'src', 'cli'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .flatMap((f) => [...readFileSync(join(ROOT, 'src', 'cli', f), 'utf8').matchAll(/\.command\('([a-z-]+)/g)])
  .map((m) => m[1]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

/** The problems of one document: links that leave the repository or point nowhere, and unknown commands. */
function docProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] ?? '';
    if (/^[a-z]+:/.test(target)) continue;
    const [path = '', anchor] = target.split('#');
    const full = path === '' ? join(ROOT, file) : resolve(ROOT, dirname(file), path);
    if (relative(ROOT, full).startsWith('..')) problems.push(`${file}: ${target} leaves the repository`);
    else if (!existsSync(full)) problems.push(`${file}: ${target} does not exist`);
    else if (anchor && full.endsWith('.md') && !anchorsOf(readFileSync(full, 'utf8')).has(anchor)) {
      problems.push(`${file}: ${target} names no heading`);
    }
  }
  for (const m of text.matchAll(/`[^`]*\.\.\/shared[^`]*`/g))
    problems.push(`${file}: ${m[0]} is outside the repository`);
  for (const m of text.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)) {
    if (!scripts.includes(m[1] ?? '')) problems.push(`${file}: npm run ${m[1]} is no script`);
  }
  for (const m of text.matchAll(/(?:npx |bin\/)massage-coach(?:\.js)? ([a-z][a-z-]*)/g)) {
    if (!commands.includes(m[1] ?? '')) problems.push(`${file}: massage-coach ${m[1]} is no command`);
  }
  return problems;
}

describe('the docs', () => {
  it('finds the commands it checks against', () => {
    expect(scripts).toContain('test');
    expect(commands).toEqual(expect.arrayContaining(['plan', 'validate', 'schema', 'render']));
  });

  it.each(DOCS)('%s links only inside the repository and names only commands that exist', (file) => {
    expect(docProblems(file, readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('reports a link out of the repository, a missing file, a missing heading and unknown commands', () => {
    const text = [
      'See [design](../shared/DESIGN.md), [gone](docs/gone.md), [anchor](docs/design.md#no-such-heading),',
      '[ok](docs/design.md#contracts).',
      '`npm run serve:web`, `npx massage-coach fly`, `../shared/seed/x.txt`',
    ].join('\n');
    expect(docProblems('README.md', text)).toEqual([
      'README.md: ../shared/DESIGN.md leaves the repository',
      'README.md: docs/gone.md does not exist',
      'README.md: docs/design.md#no-such-heading names no heading',
      'README.md: `../shared/seed/x.txt` is outside the repository',
      'README.md: npm run serve:web is no script',
      'README.md: massage-coach fly is no command',
    ]);
  });
});
