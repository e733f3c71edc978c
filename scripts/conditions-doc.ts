// Writes docs/conditions.md from the built-in rules file. Run: npm run docs:conditions
import { writeFileSync } from 'node:fs';
import { builtinRules } from '../src/content/load.js';
import { conditionsDoc } from '../src/core/rules-doc.js';

const target = new URL('../docs/conditions.md', import.meta.url);
writeFileSync(target, conditionsDoc(builtinRules(), 'src/content/rules/spinal-column.yaml'));
process.stdout.write(`wrote ${target.pathname}\n`);
