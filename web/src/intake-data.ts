// The core's intake lists (the condition groups, each condition's details and their allowed values) as compiled
// data: web/scripts/compile-content.ts writes them from src/core/intake.ts, so the intake page, the first the app
// shows, needs neither the core's zod schemas nor zod itself. intake-data.test.ts checks they are the core's.
import type * as core from '../../src/core/intake.js';
import intakeDataJson from './generated/intake-data.json' with { type: 'json' };

const intakeData = intakeDataJson as { groups: unknown; fields: unknown; values: unknown };

/** The groups the form lists the conditions in (src/core/intake.ts CONDITION_GROUPS). */
export const CONDITION_GROUPS = intakeData.groups as unknown as typeof core.CONDITION_GROUPS;
/** The details each condition takes (src/core/intake.ts CONDITION_FIELDS). */
export const CONDITION_FIELDS = intakeData.fields as unknown as typeof core.CONDITION_FIELDS;
/** The values a condition accepts where it narrows the shared lists (src/core/intake.ts CONDITION_VALUES). */
export const CONDITION_VALUES = intakeData.values as unknown as typeof core.CONDITION_VALUES;
