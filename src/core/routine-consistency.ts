import { pressureWordsAbove, textNamesWord } from './cue-adapt.js';
import { PractitionerPlace, PractitionerPosture, practitionerPostureOf } from './ids.js';
import { Repetitions, TimingRow, Vocabulary } from './routine.js';
import type { YamlPath } from './yaml-positions.js';
import { nearestName, valueAt } from './zod-messages.js';

/** A problem across fields of a routine file, at the path of the field to change. */
export interface ConsistencyIssue {
  readonly path: YamlPath;
  readonly message: string;
}

/** What the checks know besides the file: the rule ids and landmark ids that exist. */
export interface ConsistencyOptions {
  readonly ruleIds?: ReadonlySet<string> | undefined;
  readonly landmarkIds: ReadonlySet<string>;
}

const CUE_KINDS = ['before', 'during', 'safety'] as const;
const PLACEHOLDERS = new Set(['pressure', 'start']);
/** Timing rows may differ from the sum of their sections by this many minutes (rounding). */
const TIMING_SUM_TOLERANCE = 0.01;

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The figure number of a raw `figure` (a number, or `{ figure: N, … }`), or undefined. */
export function rawFigureNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return isRecord(value) && typeof value.figure === 'number' ? value.figure : undefined;
}

function repetitionIssues(raw: unknown, path: YamlPath): ConsistencyIssue[] {
  const reps = Repetitions.safeParse(raw);
  if (!reps.success) return [];
  const { default: count, min, max } = reps.data;
  const out: ConsistencyIssue[] = [];
  if (min !== undefined && min > count)
    out.push({ path: [...path, 'min'], message: `reps.min ${min} is more than reps.default ${count}` });
  if (max !== undefined && max < count)
    out.push({ path: [...path, 'max'], message: `reps.max ${max} is less than reps.default ${count}` });
  if (min !== undefined && max !== undefined && min > max)
    out.push({ path: [...path, 'min'], message: `reps.min ${min} is more than reps.max ${max}` });
  return out;
}

function stepTimeIssues(step: Record<string, unknown>, path: YamlPath): ConsistencyIssue[] {
  const out: ConsistencyIssue[] = [];
  const minSeconds = step.minSeconds;
  const maxSeconds = step.maxSeconds;
  if (typeof minSeconds === 'number' && typeof maxSeconds === 'number' && minSeconds > maxSeconds) {
    out.push({
      path: [...path, 'minSeconds'],
      message: `minSeconds ${minSeconds} is more than maxSeconds ${maxSeconds}: the floor must lie under the ceiling`,
    });
  }
  const reps = Repetitions.safeParse(step.reps);
  const repSeconds = step.repSeconds;
  if (reps.success && typeof repSeconds === 'number' && typeof maxSeconds === 'number') {
    const least = (reps.data.min ?? 1) * repSeconds;
    if (least > maxSeconds) {
      out.push({
        path: [...path, 'maxSeconds'],
        message: `maxSeconds ${maxSeconds} is less than reps.min × repSeconds (${least} s): the floor must lie under the ceiling`,
      });
    }
  }
  return out;
}

/** Every line of one language's cues with its path, and the text to check. */
function cueLines(cues: unknown, path: YamlPath): { path: YamlPath; line: Record<string, unknown> }[] {
  const out: { path: YamlPath; line: Record<string, unknown> }[] = [];
  if (!isRecord(cues)) return out;
  for (const kind of CUE_KINDS) {
    const value = cues[kind];
    const lines = Array.isArray(value)
      ? value.map((v, i) => ({ v, p: [...path, kind, i] }))
      : [{ v: value, p: [...path, kind] }];
    for (const { v, p } of lines) {
      if (typeof v === 'string') out.push({ path: p, line: { text: v } });
      else if (isRecord(v)) out.push({ path: p, line: v });
    }
  }
  return out;
}

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
}

/** Where the practitioner is and how, as a step (or a part, its step's values under its own) gives it. */
interface Stance {
  readonly place: PractitionerPlace | null;
  readonly posture: PractitionerPosture;
}

/** A step's or part's stance from its raw fields (`under`: its step's raw fields, for a part). */
function stanceOf(step: Record<string, unknown>, under?: Record<string, unknown>): Stance {
  const place = PractitionerPlace.safeParse(step.place ?? under?.place);
  const posture = PractitionerPosture.safeParse(step.posture ?? under?.posture);
  const resolved = place.success ? place.data : null;
  return {
    place: resolved,
    posture: practitionerPostureOf(resolved, posture.success ? posture.data : null),
  };
}

/** Whether a place a cue names is the step's (`side` is either side of the table). */
function isPlaceOf(named: string, place: PractitionerPlace | null): boolean {
  if (named === 'side') return place === 'side' || place === 'left' || place === 'right';
  return named === place;
}

/**
 * A line that tells the practitioner to stand, sit or kneel, or where to be, must say what the step's data says
 * (and the pictures draw): "Sit beside the leg" in a step drawn standing teaches a lie.
 */
function stanceIssues(text: string, stance: Stance, vocabulary: Vocabulary | undefined): string[] {
  const out: string[] = [];
  for (const [posture, words] of Object.entries(vocabulary?.postures ?? {})) {
    const word = words?.find((w) => textNamesWord(text, w));
    if (word === undefined || posture === stance.posture) continue;
    out.push(
      `"${word}" says the practitioner is ${posture}, but the step has them ${stance.posture} (place: ${stance.place ?? 'none'}): set posture or change the line`,
    );
  }
  for (const [place, words] of Object.entries(vocabulary?.places ?? {})) {
    const word = words?.find((w) => textNamesWord(text, w));
    if (word === undefined || isPlaceOf(place, stance.place)) continue;
    out.push(
      `"${word}" puts the practitioner at the ${place}, but the step's place is ${stance.place ?? 'not given'}: set place or change the line`,
    );
  }
  return out;
}

function cueIssues(
  step: Record<string, unknown>,
  path: YamlPath,
  vocabularies: Record<string, Vocabulary | undefined>,
  options: ConsistencyOptions,
  stance: Stance = stanceOf(step),
): ConsistencyIssue[] {
  const out: ConsistencyIssue[] = [];
  const cues = step.cues;
  if (!isRecord(cues)) return out;
  const pressure = typeof step.pressure === 'number' ? step.pressure : null;
  for (const [language, set] of Object.entries(cues)) {
    const vocabulary = vocabularies[language];
    for (const { path: linePath, line } of cueLines(set, [...path, 'cues', language])) {
      for (const field of ['text', 'otherwise'] as const) {
        const text = line[field];
        if (typeof text !== 'string') continue;
        const at =
          typeof line.text === 'string' && Object.keys(line).length === 1 ? linePath : [...linePath, field];
        for (const name of placeholdersIn(text)) {
          if (!PLACEHOLDERS.has(name)) {
            out.push({ path: at, message: `unknown placeholder {${name}} (known: {pressure}, {start})` });
          } else if (!vocabulary) {
            out.push({
              path: at,
              message: `{${name}} needs a vocabulary for "${language}" (vocabulary.${language})`,
            });
          } else if (name === 'pressure' && pressure === null) {
            out.push({ path: at, message: '{pressure} in a step that presses nothing (pressure: null)' });
          }
        }
        // Pressure is said through {pressure}, from the planned value, never written into the text.
        const words = pressureWordsAbove(text, vocabulary, 2);
        if (words.length > 0) {
          out.push({
            path: at,
            message: `"${words[0]}" says a pressure in words; write {pressure} so the plan's pressure is said`,
          });
        }
        for (const message of stanceIssues(text, stance, vocabulary)) out.push({ path: at, message });
      }
      for (const key of ['onlyIf', 'unless'] as const) {
        list(line[key]).forEach((rule, i) => {
          if (typeof rule !== 'string' || !options.ruleIds || options.ruleIds.has(rule)) return;
          const near = nearestName(rule, options.ruleIds);
          out.push({
            path: [...linePath, key, i],
            message: `unknown rule "${rule}" in ${key}${near ? ` (did you mean "${near}"?)` : ''}`,
          });
        });
      }
      list(line.landmarks).forEach((landmark, i) => {
        if (typeof landmark !== 'string' || options.landmarkIds.has(landmark)) return;
        const near = nearestName(landmark, options.landmarkIds);
        out.push({
          path: [...linePath, 'landmarks', i],
          message: `unknown landmark "${landmark}"${near ? ` (did you mean "${near}"?)` : ''}`,
        });
      });
    }
  }
  return out;
}

/** Shares of a step's parts may differ from 1 by this much (rounding). */
const SHARE_TOLERANCE = 0.001;

/** Techniques that need no path: the step is time, not a stroke. */
const PATHLESS_TECHNIQUES = new Set(['rest']);

/**
 * A step in parts: the shares add up to 1, part ids are unique, every part moves (a path of its own or the
 * step's), a figure is shown by one part only, the during lines are the parts', and each part's cues follow the
 * step's languages and placeholders.
 */
function partIssues(
  step: Record<string, unknown>,
  path: YamlPath,
  vocabularies: Record<string, Vocabulary | undefined>,
  options: ConsistencyOptions,
): ConsistencyIssue[] {
  const parts = step.parts;
  if (!Array.isArray(parts)) return [];
  const out: ConsistencyIssue[] = [];
  const partsPath: YamlPath = [...path, 'parts'];
  const shares = parts.map((part) => (isRecord(part) ? part.share : undefined));
  if (shares.every((share) => typeof share === 'number')) {
    const sum = (shares as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      out.push({
        path: partsPath,
        message: `the shares of the parts add up to ${Math.round(sum * 1000) / 1000}, not 1`,
      });
    }
  }
  const seen = new Map<string, number>();
  const figures = new Map<number, string>();
  const stepFigure = rawFigureNumber(step.figure);
  const stepHasPath = step.path !== undefined || step.paths !== undefined;
  const stepLanguages = isRecord(step.cues) ? Object.keys(step.cues) : [];
  parts.forEach((part, pi) => {
    if (!isRecord(part)) return;
    const partPath: YamlPath = [...partsPath, pi];
    const id = typeof part.id === 'string' ? part.id : `#${pi + 1}`;
    if (typeof part.id === 'string') {
      const first = seen.get(part.id);
      if (first !== undefined) {
        out.push({ path: [...partPath, 'id'], message: `part id "${part.id}" is used twice in this step` });
      } else seen.set(part.id, pi);
    }
    const technique = typeof part.technique === 'string' ? part.technique : step.technique;
    const hasPath = part.path !== undefined || part.paths !== undefined || stepHasPath;
    if (!hasPath && !(typeof technique === 'string' && PATHLESS_TECHNIQUES.has(technique))) {
      out.push({
        path: partPath,
        message: `part "${id}" has no motion: give it a path or paths (or give the step one it can use)`,
      });
    }
    const partFigure = rawFigureNumber(part.figure);
    if (partFigure !== undefined) {
      const other = figures.get(partFigure);
      if (other !== undefined) {
        out.push({
          path: [...partPath, 'figure'],
          message: `figure ${partFigure} is on parts "${other}" and "${id}": a figure shows one part`,
        });
      } else if (stepFigure === partFigure) {
        out.push({
          path: [...partPath, 'figure'],
          message: `figure ${partFigure} is on the step and on part "${id}": put it on the part only`,
        });
      } else figures.set(partFigure, id);
    }
    if (isRecord(part.cues)) {
      for (const language of stepLanguages) {
        if (!(language in part.cues)) {
          out.push({
            path: [...partPath, 'cues'],
            message: `part "${id}" has no "${language}" cues, but its step speaks ${language}`,
          });
        }
      }
      const pressure = part.pressure !== undefined ? part.pressure : step.pressure;
      out.push(
        ...cueIssues({ cues: part.cues, pressure }, partPath, vocabularies, options, stanceOf(part, step)),
      );
    }
  });
  if (isRecord(step.cues)) {
    for (const [language, set] of Object.entries(step.cues)) {
      if (isRecord(set) && set.during !== undefined) {
        out.push({
          path: [...path, 'cues', language, 'during'],
          message: 'a step in parts says its during lines in its parts (parts[].cues), each while it runs',
        });
      }
    }
  }
  return out;
}

/**
 * Checks across fields that the schema cannot: repetitions in order, a floor under each ceiling, minutes in
 * order, timing rows that add up, cues that say pressure only through `{pressure}`, and cues that tell the
 * practitioner to stand or sit, or where, as the step's `posture` and `place` say.
 */
export function routineConsistencyIssues(data: unknown, options: ConsistencyOptions): ConsistencyIssue[] {
  const out: ConsistencyIssue[] = [];
  const minMinutes = valueAt(data, ['minMinutes']);
  const maxMinutes = valueAt(data, ['maxMinutes']);
  if (typeof minMinutes === 'number' && typeof maxMinutes === 'number' && minMinutes > maxMinutes) {
    out.push({
      path: ['minMinutes'],
      message: `minMinutes ${minMinutes} is more than maxMinutes ${maxMinutes}`,
    });
  }
  list(valueAt(data, ['timing'])).forEach((raw, i) => {
    const row = TimingRow.safeParse(raw);
    if (!row.success) return;
    const sum = Object.values(row.data.sections).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - row.data.minutes) > TIMING_SUM_TOLERANCE) {
      out.push({
        path: ['timing', i, 'sections'],
        message: `the sections of the ${row.data.minutes}-minute row add up to ${Math.round(sum * 100) / 100} minutes, not ${row.data.minutes}`,
      });
    }
  });
  const vocabularies: Record<string, Vocabulary | undefined> = {};
  const rawVocabulary = valueAt(data, ['vocabulary']);
  if (isRecord(rawVocabulary)) {
    for (const [language, v] of Object.entries(rawVocabulary)) {
      const parsed = Vocabulary.safeParse(v);
      vocabularies[language] = parsed.success ? parsed.data : undefined;
    }
  }
  list(valueAt(data, ['sections'])).forEach((section, si) => {
    list(valueAt(section, ['steps'])).forEach((step, ti) => {
      if (!isRecord(step)) return;
      const path: YamlPath = ['sections', si, 'steps', ti];
      out.push(...repetitionIssues(step.reps, [...path, 'reps']));
      out.push(...stepTimeIssues(step, path));
      out.push(...cueIssues(step, path, vocabularies, options));
      out.push(...partIssues(step, path, vocabularies, options));
    });
  });
  return out;
}
