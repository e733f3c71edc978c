import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinRoutinePath } from '../content/load.js';
import { durationText, progressBar } from './progress-bar.js';
import { cliRun } from './test-support/cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'mc-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export video: usage and input errors', () => {
  it.each([
    [['export', 'video', '-o', join(dir, 'a.avi')], 2, /must end in \.mp4/],
    [['export', 'video', '--size', '161x90', '-o', join(dir, 'a.mp4')], 2, /even width and height/],
    [['export', 'video', '--fps', '0', '-o', join(dir, 'a.mp4')], 2, /frames per second from 1 to 60/],
    [['export', 'video', '--side', 'left', '-o', join(dir, 'a.mp4')], 2, /--side goes with --step/],
    [['export', 'video', '--step', 'no-such-step', '-o', join(dir, 'a.mp4')], 1, /no step "no-such-step"/],
    [['export', 'video', '-o', join(dir, 'missing', 'a.mp4')], 1, /no such folder/],
    [
      ['export', 'video', '--intake', 'examples/intakes/fever.json', '-o', join(dir, 'a.mp4')],
      3,
      /no massage today/,
    ],
    [['export', 'handout', '-o', join(dir, 'a.html')], 2, /must end in \.pdf/],
    [['export', 'handout', '--intake', 'examples/intakes/fever.json', '-o', join(dir, 'a.pdf')], 3, /fever/],
    [['export', 'video', '--routine', 'nope', '-o', join(dir, 'a.mp4')], 2, /unknown routine "nope"/],
  ] as const)('%j exits %i', async (args, code, message) => {
    const r = await cliRun(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(dir).filter((f) => f.startsWith('a.'))).toEqual([]);
  });
});

describe('export video --step', () => {
  it('writes a short teaching video and its subtitles, with progress lines on stderr', {
    timeout: 180_000,
  }, async () => {
    const output = join(dir, 'extension.mp4');
    const r = await cliRun([
      'export',
      'video',
      '--step',
      'spine-extension',
      '--size',
      '160x90',
      '--fps',
      '2',
      '--lang',
      'ru',
      '-o',
      output,
    ]);
    expect(r.stderr).toMatch(/narration: \d+\/\d+ cues/);
    expect(r.stderr).toMatch(/video: \d+\/\d+ frames \(100%\)/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*extension\.mp4 \(.*1 chapters.*extension\.vtt/);
    expect(readFileSync(join(dir, 'extension.vtt'), 'utf8')).toMatch(/Попросите клиента/);
  });

  it('Ctrl-C stops the process with exit 130 and removes the partial file', {
    timeout: 180_000,
  }, async () => {
    const output = join(dir, 'interrupted.mp4');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/test-support/cli-main.ts',
        'export',
        'video',
        '--step',
        'leg-glide',
        '--size',
        '160x90',
        '--fps',
        '10',
        '-o',
        output,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!sent && /video: /.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped: .*interrupted\.mp4 was not written/);
    expect(readdirSync(dir).filter((f) => f.startsWith('interrupted'))).toEqual([]);
  });
});

describe('one way in for every planning command', () => {
  it('plan takes a routine as a JSON file, checks it against the rules, and --lang', async () => {
    const routine = parse(readFileSync(builtinRoutinePath('spinal-column'), 'utf8')) as Record<
      string,
      unknown
    >;
    const file = join(dir, 'routine.json');
    writeFileSync(file, JSON.stringify(routine));
    const r = await cliRun(['plan', '--routine', file, '--minutes', '30', '--lang', 'ru', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { language: string; minutes: number; steps: { title: string }[] };
    expect(plan.language).toBe('ru');
    expect(plan.minutes).toBe(30);
    const broken = join(dir, 'broken.json');
    const sections = routine.sections as { steps: { cautions?: string[] }[] }[];
    sections[0]!.steps[0]!.cautions = ['no-such-rule'];
    writeFileSync(broken, JSON.stringify(routine));
    const bad = await cliRun([
      'render',
      '--routine',
      broken,
      '--step',
      'leg-glide',
      '-o',
      join(dir, 'x.svg'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no-such-rule/);
  });

  it('moment --json prints the Moment at a phase of a planned step', async () => {
    const r = await cliRun([
      'moment',
      '--step',
      'leg-glide',
      '--side',
      'right',
      '--phase',
      '0.5',
      '--minutes',
      '60',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(m.stepId).toBe('leg-glide');
    expect(m.side).toBe('right');
    expect(m.technique).toBe('glide');
    expect(m.phase).toBeCloseTo(0.5, 6);
    expect((m.hands as unknown[]).length).toBe(2);
    expect(typeof (m.cue as { text: string }).text).toBe('string');
    const text = await cliRun(['moment', '--step', 'leg-glide']);
    expect(text.stdout).toMatch(/^Leg glide \(left\) at [\d.]+ s: repetition 1\/\d+/);
    expect((await cliRun(['moment', '--step', 'leg-glide', '--at', '1', '--phase', '0.1'])).code).toBe(2);
  });

  it('moment --part picks a part of a step in parts; an unknown part or a step without parts is refused', async () => {
    const r = await cliRun(['moment', '--step', 'foot-flex-stretch', '--part', 'away-from-shin', '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as { part: { id: string; start: number; duration: number }; t: number };
    expect(m.part.id).toBe('away-from-shin');
    expect(m.t).toBeGreaterThanOrEqual(m.part.start);
    expect(m.t).toBeLessThan(m.part.start + m.part.duration);
    const first = JSON.parse((await cliRun(['moment', '--step', 'foot-flex-stretch', '--json'])).stdout) as {
      part: { id: string };
    };
    expect(first.part.id).toBe('toward-shin');
    const unknown = await cliRun(['moment', '--step', 'foot-flex-stretch', '--part', 'sideways']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('has no part "sideways" (parts: toward-shin, away-from-shin)');
    const none = await cliRun(['moment', '--step', 'leg-glide', '--part', 'calf']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('leg-glide has no parts');
  });

  it('plan --json gives a step in parts its parts, in order, filling the step', async () => {
    const r = await cliRun(['plan', '--minutes', '45', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      steps: {
        id: string;
        start: number;
        duration: number;
        parts?: { id: string; title: string; start: number; duration: number }[];
      }[];
    };
    const spread = plan.steps.find((s) => s.id === 'back-forearm-spread')!;
    expect(spread.parts?.map((p) => p.id)).toEqual(['along-spine', 'diagonals']);
    let clock = spread.start;
    for (const part of spread.parts!) {
      expect(part.start).toBe(clock);
      expect(part.title).toBeTruthy();
      clock += part.duration;
    }
    expect(clock).toBe(spread.start + spread.duration);
  });
});

describe('progressBar', () => {
  it('draws a bar in place on a terminal and a line every few seconds otherwise', () => {
    let t = 0;
    const lines: string[] = [];
    const bar = progressBar({ write: (s) => lines.push(s), isTerminal: false, now: () => t });
    bar.update(0, 100, { label: 'video', unit: 'frames' });
    t = 1000;
    bar.update(10, 100);
    t = 5000;
    bar.update(50, 100);
    bar.update(100, 100);
    expect(lines).toEqual([
      'video: 0/100 frames (0%), 0.0 frames/s, --:-- left\n',
      'video: 50/100 frames (50%), 10 frames/s, 0:05 left\n',
      'video: 100/100 frames (100%), 20 frames/s, 0:00 left\n',
    ]);
    const tty: string[] = [];
    const live = progressBar({ write: (s) => tty.push(s), isTerminal: true, now: () => t });
    live.update(25, 100, { label: 'video', unit: 'frames' });
    live.finish();
    expect(tty[0]).toMatch(/^\rvideo {6}\[#{7}\.{21}\] {2}25% 25\/100 frames/);
    expect(tty.at(-1)).toBe('\n');
    expect(durationText(3725)).toBe('1:02:05');
    expect(existsSync(dir)).toBe(true);
  });
});
