import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { registerRenderCommands } from './render-command.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const program = new Command('massage-coach')
    .exitOverride()
    .configureOutput({ writeOut: (t) => (stdout += t), writeErr: (t) => (stderr += t) });
  registerRenderCommands(program, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    setExitCode: (c) => {
      code = c;
    },
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch {
    code = 2; // commander's own usage errors
  }
  return { code, stdout, stderr };
}

describe('massage-coach render', () => {
  it('draws a step from the view asked for, and from its own view by default (two panels where it has them)', async () => {
    const side = join(dir, 'traction-side.svg');
    const r = await run(['render', '--step', 'neck-traction', '--view', 'side', '-o', side]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('side view');
    expect(readFileSync(side, 'utf8')).toContain('From the side');
    const contact = join(dir, 'knead-contact.svg');
    expect(
      (await run(['render', '--step', 'spine-thumb-knead', '--view', 'contact', '-o', contact])).code,
    ).toBe(0);
    expect(readFileSync(contact, 'utf8')).toContain('Close-up');
    const lift = join(dir, 'lift.svg');
    const own = await run(['render', '--step', 'leg-passive-lift', '--side', 'left', '-o', lift]);
    expect(own.stdout).toContain('side view, two panels');
    const top = await run([
      'render',
      '--step',
      'leg-passive-lift',
      '--side',
      'left',
      '--view',
      'top',
      '-o',
      lift,
    ]);
    expect(top.stdout).toContain('top view');
    expect((await run(['render', '--step', 'neck-traction', '--view', 'below', '-o', side])).code).toBe(2);
  });

  it('writes an SVG of a step at its most telling phase', async () => {
    const out = join(dir, 'knead.svg');
    const r = await run(['render', '--step', 'spine-thumb-knead', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote');
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"')).toBe(true);
    expect(svg).toContain('data-tool="thumb"');
  });

  it('writes a PNG at the size asked for, in Russian, on the dark theme, for one side', async () => {
    const out = join(dir, 'glide.png');
    const r = await run([
      'render',
      '--step',
      'leg-glide',
      '--side',
      'right',
      '--phase',
      '0.2',
      '--lang',
      'ru',
      '--theme',
      'dark',
      '--size',
      '640x360',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('right');
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([640, 360]);
  });

  it('draws the same moment for --at as for the matching --phase', async () => {
    const a = join(dir, 'at.svg');
    const b = join(dir, 'phase.svg');
    await run(['render', '--step', 'neck-traction', '--at', '0', '-o', a]);
    await run(['render', '--step', 'neck-traction', '--phase', '0', '-o', b]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('counts --at from the step’s start, past its first repetition', async () => {
    const out = join(dir, 'later.svg');
    const r = await run(['render', '--step', 'spine-thumb-knead', '--at', '100', '-o', out]);
    expect(r.code).toBe(0);
    // Four minutes or more of kneading in two or three repetitions: 100 s in is not the first repetition's end.
    expect(readFileSync(out, 'utf8')).not.toBe(readFileSync(join(dir, 'knead.svg'), 'utf8'));
    const early = await run(['render', '--step', 'spine-thumb-knead', '--at', '100000', '-o', out]);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/from 0 to 36000|lasts/);
  });

  it('uses the intake: a skipped step is an error that says why', async () => {
    const intake = join(dir, 'osteoporosis.json');
    writeFileSync(intake, JSON.stringify({ minutes: 45, conditions: [{ id: 'osteoporosis' }] }));
    const r = await run(['render', '--step', 'neck-traction', '--intake', intake, '-o', join(dir, 'x.svg')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/skips neck-traction/);
    expect(existsSync(join(dir, 'x.svg'))).toBe(false);
  });

  it('exits 3 when the massage is refused', async () => {
    const intake = join(dir, 'fever.json');
    writeFileSync(intake, JSON.stringify({ minutes: 45, conditions: [{ id: 'fever' }] }));
    const r = await run(['render', '--step', 'leg-glide', '--intake', intake, '-o', join(dir, 'y.svg')]);
    expect(r.code).toBe(3);
  });

  it.each([
    [['render', '--step', 'leg-glide', '-o', join(dir, 'a.gif')], /\.svg or \.png/],
    [['render', '--step', 'leg-glide', '--at', '1', '--phase', '0.5', '-o', join(dir, 'a.svg')], /not both/],
    [['render', '--step', 'no-such-step', '-o', join(dir, 'a.svg')], /no step "no-such-step"/],
    [['render', '--step', 'leg-glide', '--size', 'huge', '-o', join(dir, 'a.svg')], /WIDTHxHEIGHT/],
    [['render', '--step', 'leg-glide', '--phase', '2', '-o', join(dir, 'a.svg')], /from 0 to 1/],
    [['render', '--step', 'leg-glide', '--lang', 'de', '-o', join(dir, 'a.svg')], /Allowed choices/],
    [['render', '-o', join(dir, 'a.svg')], /--step/],
  ])('refuses %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
