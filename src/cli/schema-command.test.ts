import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Routine } from '../core/routine.js';
import { jsonFormatted } from './io.js';
import { main } from './main.js';
import { routineJsonSchema, rulesJsonSchema } from './schema-command.js';

async function stdoutOf(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
  });
  return { code, stdout };
}

describe('schema', () => {
  it('prints the routine language as JSON Schema', async () => {
    const r = await stdoutOf(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as {
      title: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.title).toBe('massage-coach routine');
    expect(Object.keys(schema.properties)).toEqual(Object.keys(Routine.shape));
    expect(schema.required).toContain('sections');
    expect(r.stdout).toContain('"enum": ["prone", "supine", "seated"]');
  });

  it('prints the rules file schema with --rules', async () => {
    const r = await stdoutOf(['schema', '--rules']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { title: string; required: string[] };
    expect(schema.title).toBe('massage-coach rules');
    expect(schema.required).toEqual(['rules']);
    // appliesAt has a default, so an author may leave it out.
    expect(r.stdout).toContain('"appliesAt"');
  });

  it('rejects an unknown option (usage error)', async () => {
    expect((await stdoutOf(['schema', '--yaml'])).code).toBe(2);
  });
});

describe('docs/*.schema.json', () => {
  it.each([
    [
      'docs/routine.schema.json',
      routineJsonSchema,
      'node bin/massage-coach.js schema > docs/routine.schema.json',
    ],
    [
      'docs/rules.schema.json',
      rulesJsonSchema,
      'node bin/massage-coach.js schema --rules > docs/rules.schema.json',
    ],
  ])('%s is what the schema command prints', (file, schema, command) => {
    expect(readFileSync(file, 'utf8'), `run: ${command}`).toBe(jsonFormatted(schema()));
  });
});
