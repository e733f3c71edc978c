// What is said and what is drawn agree on where the practitioner is and how: every cue line of both routines, in
// both languages, that tells the practitioner to sit, stand or kneel, or to be at the head, the feet or beside the
// table, names the posture and place of the pose drawn while it is said. The words are the routines' own
// vocabulary (`postures`, `places`), so a routine author's mistake fails here as well as in `validate`.
import { describe, expect, it } from 'vitest';
import { testBodyMap, testRoutine, testRules } from '../../test/support/content.js';
import { textNamesWord } from '../core/cue-adapt.js';
import type { Language } from '../core/ids.js';
import { Intake } from '../core/intake.js';
import { isRefusal } from '../core/plan-types.js';
import { planFromIntake } from '../core/planner.js';
import { momentPose } from '../core/pose/pose.js';
import type { Routine } from '../core/routine.js';
import { plannedPieces } from '../core/step-parts.js';
import { momentAt } from '../core/timeline.js';

const map = testBodyMap();
const rules = testRules();

/** Each line that names a posture or a place, with what it names and what the pose draws then. */
interface Heard {
  readonly step: string;
  readonly text: string;
  readonly said: string;
  readonly drawn: string;
}

/** Every posture and place a line names in a planned session, beside the pose drawn as the line's piece runs. */
function stancesHeard(routine: Routine, language: Language): Heard[] {
  const vocabulary = routine.vocabulary?.[language];
  const plan = planFromIntake(routine, rules, Intake.parse({ minutes: routine.maxMinutes ?? 60, language }), {
    bodyMap: map,
  });
  if (isRefusal(plan)) throw new Error('refused');
  const out: Heard[] = [];
  for (const step of plan.steps) {
    for (const piece of plannedPieces(step)) {
      // Halfway through the piece's first repetition: its hands, its place, its posture.
      const moment = momentAt(plan, piece.start + piece.duration / Math.max(1, piece.reps) / 2, map);
      const pose = momentPose(moment);
      const texts = [piece.cues.before, ...piece.cues.during, piece.cues.safety ?? ''];
      if (piece !== step) texts.push(step.cues.before, step.cues.safety ?? '');
      for (const text of texts) {
        for (const [posture, words] of Object.entries(vocabulary?.postures ?? {})) {
          if (words?.some((w) => textNamesWord(text, w)))
            out.push({ step: step.id, text, said: posture, drawn: pose.posture });
        }
        for (const [place, words] of Object.entries(vocabulary?.places ?? {})) {
          const drawn = pose.place === 'left' || pose.place === 'right' ? 'side' : pose.place;
          if (words?.some((w) => textNamesWord(text, w)))
            out.push({ step: step.id, text, said: place, drawn });
        }
      }
    }
  }
  return out;
}

const ROUTINES = ['spinal-column', 'neck-and-shoulders'] as const;
const LANGUAGES = ['en', 'ru'] as const satisfies readonly Language[];

describe.each(ROUTINES.flatMap((id) => LANGUAGES.map((language) => ({ id, language }))))(
  '$id ($language): the cues and the pictures agree on where the practitioner is',
  ({ id, language }) => {
    const routine = testRoutine(id);

    it('has posture and place words to check with', () => {
      const vocabulary = routine.vocabulary?.[language];
      expect(Object.keys(vocabulary?.postures ?? {})).toEqual(expect.arrayContaining(['seated', 'standing']));
      expect(Object.keys(vocabulary?.places ?? {})).toEqual(expect.arrayContaining(['head', 'feet', 'side']));
    });

    it('every line naming a posture or a place says what the pose draws', () => {
      const heard = stancesHeard(routine, language);
      // Not vacuous: the talk before the massage is seated in both routines.
      expect(heard.some((h) => h.step === 'check-in' && h.said === 'seated')).toBe(true);
      expect(heard.filter((h) => h.said !== h.drawn)).toEqual([]);
    });
  },
);

describe('the agreement check can fail', () => {
  it('finds the old straight-leg lift: "Sit beside the leg" drawn standing', () => {
    const routine = structuredClone(testRoutine('spinal-column'));
    for (const section of routine.sections)
      for (const step of section.steps) if (step.id === 'leg-passive-lift') delete step.posture;
    for (const language of LANGUAGES) {
      const wrong = stancesHeard(routine, language).filter((h) => h.said !== h.drawn);
      expect(wrong.map((h) => `${h.step}: ${h.said} / ${h.drawn}`)).toEqual([
        'leg-passive-lift: seated / standing',
        'leg-passive-lift: seated / standing',
      ]);
    }
  });

  it('finds a line that puts the practitioner at the feet in a step drawn from the head', () => {
    const routine = structuredClone(testRoutine('neck-and-shoulders'));
    const step = routine.sections.flatMap((s) => s.steps).find((s) => s.place === 'head');
    if (!step) throw new Error('no step at the head');
    step.cues.en.before = 'Stand at the foot of the table.';
    const wrong = stancesHeard(routine, 'en').filter((h) => h.said !== h.drawn);
    expect(wrong.map((h) => `${h.said} / ${h.drawn}`)).toEqual(
      expect.arrayContaining(['standing / seated', 'feet / head']),
    );
  });
});
