// Test support: the built-in content read straight from src/content, without the CLI's loader.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { bodyMapData } from '../../src/content/body-map.js';
import { type BodyMap, bodyMapFromData } from '../../src/core/body-map.js';
import { Routine } from '../../src/core/routine.js';
import { type Rule, RuleFile } from '../../src/core/rules.js';

const root = new URL('../../src/content/', import.meta.url);

/** The built-in routine with this id, parsed (throws on a schema error). */
export function testRoutine(id = 'spinal-column'): Routine {
  return Routine.parse(parse(readFileSync(new URL(`routines/${id}.yaml`, root), 'utf8')));
}

/** The built-in rules. */
export function testRules(): Rule[] {
  return RuleFile.parse(parse(readFileSync(new URL('rules/spinal-column.yaml', root), 'utf8'))).rules;
}

/** The built-in body map. */
export function testBodyMap(): BodyMap {
  return bodyMapFromData(bodyMapData);
}
