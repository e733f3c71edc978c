// What is said and what is drawn agree on the hand's shape: a step (or part) whose English cues tell the
// practitioner to spread the fingertips over the skin names the spread hand (`handShape: spread-fingers`) in the
// routine file, and a step drawn with spread fingers says so, so the pictures never show two pointing fingertips
// where the words say "as if washing hair".
import { describe, expect, it } from 'vitest';
import { builtinRoutine } from './load.js';

const SAYS_SPREAD = /\bspread (your )?(fingertips|fingers)\b/i;

/** Every step and part of a routine with its own hand shape (a part's, else its step's) and what its cues say. */
function pieces(id: string): { id: string; handShape: string | undefined; says: string }[] {
  const out: { id: string; handShape: string | undefined; says: string }[] = [];
  for (const section of builtinRoutine(id).sections)
    for (const step of section.steps) {
      out.push({ id: step.id, handShape: step.handShape, says: JSON.stringify(step.cues?.en ?? {}) });
      for (const part of step.parts ?? [])
        out.push({
          id: `${step.id}/${part.id}`,
          handShape: part.handShape ?? step.handShape,
          says: JSON.stringify(part.cues?.en ?? step.cues?.en ?? {}),
        });
    }
  return out;
}

describe('cues and hand shapes agree', () => {
  it.each(['spinal-column', 'neck-and-shoulders'])('%s: spread fingertips said exactly where drawn', (id) => {
    const all = pieces(id);
    const said = all.filter((p) => SAYS_SPREAD.test(p.says)).map((p) => p.id);
    const drawn = all.filter((p) => p.handShape === 'spread-fingers').map((p) => p.id);
    expect(said.length).toBeGreaterThan(0);
    expect(drawn).toEqual(said);
  });

  it('the check hears the words', () => {
    expect(SAYS_SPREAD.test('Spread your fingertips over the scalp, as if washing hair.')).toBe(true);
    expect(SAYS_SPREAD.test('Take a strand of hair close to the roots, between your fingers.')).toBe(false);
  });
});
