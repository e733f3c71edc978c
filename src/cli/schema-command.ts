import { z } from 'zod';
import { Routine } from '../core/routine.js';
import { RuleFile } from '../core/rules.js';
import { type CliIo, jsonFormatted } from './io.js';

function jsonSchemaOf(schema: z.ZodType, title: string, description: string): Record<string, unknown> {
  // `input`: what an author writes (defaults may be left out); anything JSON Schema cannot say becomes `{}`.
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** The JSON Schema of a routine file, for editors and docs/routine.schema.json. */
export function routineJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(
    Routine,
    'massage-coach routine',
    'A massage routine: sections of steps with paths over the body map.',
  );
}

/** The JSON Schema of a rules file, for editors and docs/rules.schema.json. */
export function rulesJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(
    RuleFile,
    'massage-coach rules',
    'Safety rules: when each fires and what it does to the plan.',
  );
}

/** `massage-coach schema [--rules]`: prints the JSON Schema of the routine language or of a rules file. */
export function schemaCommand(options: { readonly rules?: boolean | undefined }, io: CliIo): number {
  io.stdout(jsonFormatted(options.rules ? rulesJsonSchema() : routineJsonSchema()));
  return 0;
}
