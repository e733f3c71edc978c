import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testRules } from '../../test/support/content.js';
import { CONDITION_IDS } from './intake.js';
import { conditionsDoc } from './rules-doc.js';

describe('docs/conditions.md', () => {
  const doc = conditionsDoc(testRules(), 'src/content/rules/spinal-column.yaml');
  it('is the document the rules file gives (run `npm run docs:conditions` after changing the rules)', () => {
    const written = readFileSync(new URL('../../docs/conditions.md', import.meta.url), 'utf8');
    expect(written).toBe(doc);
  });
  it('lists every condition and every rule with its source', () => {
    for (const id of CONDITION_IDS) expect(doc).toContain(`### \`${id}\``);
    for (const rule of testRules()) {
      expect(doc).toContain(`| \`${rule.id}\`: `);
      expect(rule.source, rule.id).toBeTruthy();
    }
  });
});
