// Test support: intakes over every condition and every detail it takes, for the property tests.
import fc from 'fast-check';
import { REGION_IDS } from '../ids.js';
import {
  CONDITION_FIELDS,
  CONDITION_IDS,
  CONDITION_VALUES,
  type ConditionField,
  Intake,
  type IntakeInput,
} from '../intake.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const sideArb = fc.constantFrom('left', 'right', 'both');
const bool = fc.boolean();

/** One condition with any of the details it takes (each may be left out), drawn from the intake's own tables. */
const condition = fc.constantFrom(...CONDITION_IDS).chain((id) => {
  const fields = CONDITION_FIELDS[id];
  const values = CONDITION_VALUES[id] ?? {};
  const pick = (field: ConditionField, arb: fc.Arbitrary<unknown>) =>
    fields.includes(field) ? maybe(arb) : fc.constant(undefined);
  return fc
    .record({
      side: pick('side', sideArb),
      severity: pick('severity', fc.constantFrom(...(values.severity ?? ['mild']))),
      weeks: pick('weeks', fc.integer({ min: 0, max: id === 'pregnancy' ? 42 : 60 })),
      region: pick('region', fc.constantFrom(...(values.region ?? REGION_IDS))),
      kind: pick('kind', fc.constantFrom(...(values.kind ?? ['other']))),
      isCleared: pick('isCleared', bool),
      level: pick('level', fc.constantFrom('lumbar', 'cervical')),
      hasRedFlags: pick('hasRedFlags', bool),
      hasNeuropathy: pick('hasNeuropathy', bool),
      isHighRisk: pick('isHighRisk', bool),
      lymphNodesRemovedSide: pick('lymphNodesRemovedSide', sideArb),
      fallbackWeeks: fc.integer({ min: 0, max: 42 }),
      fallbackRegion: fc.constantFrom(...REGION_IDS),
    })
    .map(({ fallbackWeeks, fallbackRegion, ...details }) => {
      const out: Record<string, unknown> = { id };
      for (const [k, v] of Object.entries(details)) if (v !== undefined) out[k] = v;
      // The details the intake requires (asked, never guessed).
      if (id === 'pregnancy' && out.weeks === undefined) out.weeks = fallbackWeeks;
      if ((id === 'local-lesion' || id === 'recent-surgery') && out.region === undefined)
        out.region = fallbackRegion;
      return out;
    });
});
const body = fc.record(
  { heightCm: fc.integer({ min: 140, max: 210 }), weightKg: fc.integer({ min: 40, max: 160 }) },
  { requiredKeys: [] },
);
const clientBody = fc.record(
  {
    heightCm: fc.integer({ min: 140, max: 210 }),
    weightKg: fc.integer({ min: 40, max: 160 }),
    ageYears: fc.integer({ min: 12, max: 95 }),
  },
  { requiredKeys: [] },
);
/** Intakes over every condition id, each with any of the details it takes, any body sizes, ages and lengths. */
export const intakeArbitrary: fc.Arbitrary<Intake> = fc
  .record(
    {
      client: clientBody,
      practitioner: body,
      conditions: fc.array(condition, { maxLength: 4 }),
      avoidRegions: fc.array(
        fc.record(
          { region: fc.constantFrom(...REGION_IDS), side: fc.constantFrom('left', 'right') },
          { requiredKeys: ['region'] },
        ),
        { maxLength: 2 },
      ),
      pressurePreference: fc.integer({ min: 1, max: 5 }),
      minutes: fc.integer({ min: 10, max: 120 }),
      language: fc.constantFrom('en', 'ru'),
    },
    { requiredKeys: ['minutes'] },
  )
  .map((i) => Intake.parse(i as IntakeInput));
