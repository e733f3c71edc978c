import { textNamesWord } from '../cue-adapt.js';
import { regionMatchesPrefix } from '../ids.js';
import type { Plan, PlannedPart, PlannedStep } from '../plan-types.js';

// The words a listener hears as naming a region, and as saying a pressure: the test's own tables, kept apart
// from the routine's vocabulary so a gap in the vocabulary shows up here.
export const REGION_WORDS: Record<'en' | 'ru', Partial<Record<string, readonly string[]>>> = {
  en: {
    'leg.lower': ['lower leg', 'calf', 'calves', 'shin', 'above the heel', 'achilles'],
    'leg.knee.popliteal': ['back of the knee', 'behind the knee'],
    'leg.knee.patella': ['kneecap'],
    'leg.thigh.posterior': ['back of the thigh', 'the thigh'],
    'hip.gluteal': ['buttock'],
    'foot.ankle': ['ankle'],
    'foot.heel': ['heel'],
    'foot.sole': ['sole', 'ball of the foot'],
    'back.kidney-band': ['small of the back', 'kidney'],
    'back.scapula': ['shoulder blade'],
    'back.paraspinal': ['beside the spine', 'either side of the spine'],
    'chest.infraclavicular': ['collarbone', 'upper chest'],
    'shoulder.joint': ['shoulder joint', 'shoulders'],
    'neck.posterior': ['neck'],
    'head.skull-base': ['skull'],
    'head.scalp': ['scalp'],
    'head.hair': ['hair', 'strand'],
  },
  ru: {
    'leg.lower': ['голен', 'икр', 'выше пятки', 'ахилл'],
    'leg.knee.popliteal': ['подколен', 'под колен'],
    'leg.knee.patella': ['надколен', 'чашечк'],
    'leg.thigh.posterior': ['бедр'],
    'hip.gluteal': ['ягодиц'],
    'foot.ankle': ['лодыжк', 'голеностоп'],
    'foot.heel': ['пятк'],
    'foot.sole': ['подошв'],
    'back.kidney-band': ['под рёбрами', 'почк'],
    'back.scapula': ['лопат'],
    'back.paraspinal': ['рядом с позвоночником', 'по обе стороны'],
    'chest.infraclavicular': ['ключиц', 'верх груди'],
    'shoulder.joint': ['плеч'],
    'neck.posterior': ['шее', 'шеи', 'шею', 'шея'],
    'head.skull-base': ['череп'],
    'head.scalp': ['кожа головы', 'кожи головы', 'коже головы', 'кожу головы'],
    'head.hair': ['волос', 'пряд'],
  },
};

export const PRESSURE_WORDS: Record<'en' | 'ru', Record<number, readonly string[]>> = {
  en: { 2: ['light'], 3: ['moderate', 'medium'], 4: ['firm', 'deep', 'strong', 'hard', 'vigorous'] },
  ru: { 2: ['лёгк', 'легк'], 3: ['умерен'], 4: ['плотн', 'глубок', 'сильн', 'твёрд', 'тверд'] },
};

function cueTexts(step: PlannedStep | PlannedPart): string[] {
  return [
    ...(step.cues.before ? [step.cues.before] : []),
    ...step.cues.during,
    ...(step.cues.safety ? [step.cues.safety] : []),
  ];
}

/** What a plan's cues say that its plan does not allow: an excluded region named, more pressure than planned. */
export function cueProblems(plan: Plan, alwaysOn: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const words = REGION_WORDS[plan.language];
  const pressureWords = PRESSURE_WORDS[plan.language];
  // A step in parts: the step's own cues, then each part's, each checked against its own pressure.
  const pieces = plan.steps.flatMap((step) => [
    { step, isPart: false, piece: step as PlannedStep | PlannedPart },
    ...(step.parts ?? []).map((part) => ({ step, isPart: true, piece: part as PlannedStep | PlannedPart })),
  ]);
  for (const { step: owner, isPart, piece: step } of pieces) {
    const where = `${owner.id}${isPart ? `/${step.id}` : ''}${owner.side ? ` (${owner.side})` : ''}`;
    if (!isPart && step.cues.before.trim() === '') problems.push(`${where}: empty opening cue`);
    for (const d of step.cues.during) if (d.trim() === '') problems.push(`${where}: empty cue`);
    if (step.cues.safety !== null && step.cues.safety.trim() === '')
      problems.push(`${where}: empty safety cue`);
    const excluded = plan.excludedRegions.filter(
      (ex) => !alwaysOn.has(ex.rule) && (ex.side === null || owner.side === null || ex.side === owner.side),
    );
    for (const text of cueTexts(step)) {
      for (const ex of excluded) {
        for (const [region, list] of Object.entries(words)) {
          if (!regionMatchesPrefix(region, ex.region) && !regionMatchesPrefix(ex.region, region)) continue;
          const word = list?.find((w) => textNamesWord(text, w));
          if (word) problems.push(`${where}: "${text}" names ${region} ("${word}"), excluded by ${ex.rule}`);
        }
      }
      if (step.pressure === null) continue;
      for (const [level, list] of Object.entries(pressureWords)) {
        if (Number(level) <= step.pressure) continue;
        const word = list.find((w) => textNamesWord(text, w));
        if (word)
          problems.push(`${where}: "${text}" says "${word}" above the planned pressure ${step.pressure}`);
      }
    }
  }
  return problems;
}
