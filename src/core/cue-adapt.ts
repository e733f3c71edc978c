import { type BodyMap, landmarkPoint, regionsAt } from './body-map.js';
import { regionMatchesPrefix, type Side, type Surface } from './ids.js';
import { cachedValue } from './memo.js';
import type { CueLine, CueSet, Vocabulary } from './routine.js';

/** A region the plan leaves out for a client's reason, on some sides (null: every side). */
export interface CueExclusion {
  readonly region: string;
  readonly sides: readonly Side[] | null;
}

/** What the planner knows of one planned step when it adapts the step's cues. */
export interface CueContext {
  /** The step's cues in the language they are said in. */
  readonly cues: CueSet;
  /** The routine's vocabulary in that language, if it has one. */
  readonly vocabulary: Vocabulary | undefined;
  /** The planned pressure (null: the step presses nothing). */
  readonly pressure: number | null;
  /** The planned step's side (null: midline or both sides). */
  readonly side: Side | null;
  /** The surface the hands work on (landmarks are looked up on it). */
  readonly surface: Surface;
  /** Regions the plan leaves out for this client (conditions, the client's own wish); not the always-on ones. */
  readonly excluded: readonly CueExclusion[];
  /** Regions the routine's stroke reaches and the planned stroke no longer does (a cut stroke). */
  readonly lostRegions: ReadonlySet<string>;
  /** The client positions the plan has work in. */
  readonly plannedPositions: ReadonlySet<string>;
  /** Ids of the rules that apply to this client. */
  readonly rules: ReadonlySet<string>;
  /** The region the planned stroke starts in, if known. */
  readonly startRegion: string | null;
  /** The step's title, said when nothing else can open it. */
  readonly title: string;
  /** Safety cues rules add (a `replace` effect adds to the step's own, never takes from it). */
  readonly additions: readonly string[];
  readonly map: BodyMap;
}

/** The cues of a planned step, as said: the opening, the lines while it runs, the safety reminder. */
export interface AdaptedCues {
  readonly before: string;
  readonly during: readonly string[];
  readonly safety: string | null;
  /** Per `during` line, the window of each repetition it speaks of (null: none); absent when no line has one. */
  readonly duringPhases?: readonly (readonly [number, number] | null)[];
}

const LETTER = /\p{L}/u;

/** True when `text` holds `word` at the start of a word (a stem matches its endings: "голен" in "голени"). */
export function textNamesWord(text: string, word: string): boolean {
  const hay = text.toLowerCase();
  const needle = word.toLowerCase();
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return false;
    if (at === 0 || !LETTER.test(hay[at - 1]!)) return true;
    from = at + 1;
  }
}

const namedCache = new WeakMap<Vocabulary, Map<string, readonly string[]>>();

/** The regions a text names through the vocabulary's words (memoised per vocabulary and text). */
export function regionsNamedBy(text: string, vocabulary: Vocabulary | undefined): readonly string[] {
  if (!vocabulary) return [];
  const byText = cachedValue(namedCache, vocabulary, () => new Map<string, readonly string[]>());
  const known = byText.get(text);
  if (known) return known;
  const found = regionsNamedComputed(text, vocabulary);
  byText.set(text, found);
  return found;
}

function regionsNamedComputed(text: string, vocabulary: Vocabulary): readonly string[] {
  const out: string[] = [];
  for (const [region, entry] of Object.entries(vocabulary.regions)) {
    if (entry?.words.some((w) => textNamesWord(text, w))) out.push(region);
  }
  return out;
}

const pressureCache = new WeakMap<Vocabulary, Map<string, readonly { level: number; word: string }[]>>();

/** The vocabulary's pressure words in a text, with their levels (memoised per vocabulary and text). */
function pressureWordsIn(text: string, vocabulary: Vocabulary): readonly { level: number; word: string }[] {
  const byText = cachedValue(
    pressureCache,
    vocabulary,
    () => new Map<string, readonly { level: number; word: string }[]>(),
  );
  const known = byText.get(text);
  if (known) return known;
  const found: { level: number; word: string }[] = [];
  for (const [at, list] of Object.entries(vocabulary.pressureWords ?? {})) {
    for (const w of list ?? []) if (textNamesWord(text, w)) found.push({ level: Number(at), word: w });
  }
  byText.set(text, found);
  return found;
}

/** The words of the vocabulary that say a pressure above `level` and appear in `text`. */
export function pressureWordsAbove(
  text: string,
  vocabulary: Vocabulary | undefined,
  level: number,
): string[] {
  if (!vocabulary?.pressureWords) return [];
  return pressureWordsIn(text, vocabulary)
    .filter((w) => w.level > level)
    .map((w) => w.word);
}

function regionsOverlap(a: string, b: string): boolean {
  return regionMatchesPrefix(a, b) || regionMatchesPrefix(b, a);
}

function isExcluded(ctx: CueContext, region: string): boolean {
  return ctx.excluded.some(
    (ex) =>
      regionsOverlap(region, ex.region) &&
      (ex.sides === null || ctx.side === null || ex.sides.includes(ctx.side)),
  );
}

function landmarkExcluded(ctx: CueContext, id: string): boolean {
  const sides: (Side | null)[] = ctx.side ? [ctx.side] : ['left', 'right'];
  for (const side of sides) {
    const point = landmarkPoint(ctx.map, id, side);
    if (!point) continue;
    for (const hit of regionsAt(ctx.map, ctx.surface, point)) {
      const hitSide = hit.side;
      const covered = ctx.excluded.some(
        (ex) =>
          regionsOverlap(hit.region, ex.region) &&
          (ex.sides === null || hitSide === null || ex.sides.includes(hitSide)),
      );
      if (covered) return true;
    }
  }
  return false;
}

/** Fills `{pressure}` and `{start}`; null when a placeholder has nothing to say here. */
function filled(text: string, ctx: CueContext): string | null {
  let out = text;
  if (out.includes('{pressure}')) {
    if (ctx.pressure === null || !ctx.vocabulary) return null;
    const word = ctx.vocabulary.pressure[String(ctx.pressure) as '1' | '2' | '3' | '4' | '5'];
    out = out.replaceAll('{pressure}', word);
  }
  if (out.includes('{start}')) {
    // A start named by a region the plan leaves out (on the other side of a midline step) is not said.
    const region = ctx.startRegion !== null && !isExcluded(ctx, ctx.startRegion) ? ctx.startRegion : null;
    const phrase = region ? ctx.vocabulary?.regions[region as keyof Vocabulary['regions']]?.on : undefined;
    if (!phrase) return null;
    out = out.replaceAll('{start}', phrase);
  }
  return out;
}

/** The text as said, or null when it names a region left out or says more pressure than planned. */
function textSaid(text: string, ctx: CueContext): string | null {
  const out = filled(text, ctx);
  if (out === null) return null;
  // A line that says more pressure than planned is never said (the routine's own check forbids it too).
  if (ctx.pressure !== null && pressureWordsAbove(out, ctx.vocabulary, ctx.pressure).length > 0) return null;
  if (regionsNamedBy(out, ctx.vocabulary).some((r) => isExcluded(ctx, r))) return null;
  return out;
}

/** A line as said for this step, its replacement, or null when it is left out. */
function lineSaid(line: CueLine, ctx: CueContext): string | null {
  const spec = typeof line === 'string' ? { text: line } : line;
  if ('onlyIf' in spec && spec.onlyIf && !spec.onlyIf.some((r) => ctx.rules.has(r))) return null;
  if ('unless' in spec && spec.unless?.some((r) => ctx.rules.has(r))) return null;
  if ('ifPlanned' in spec && spec.ifPlanned && !ctx.plannedPositions.has(spec.ifPlanned)) return null;
  if ('unlessPlanned' in spec && spec.unlessPlanned && ctx.plannedPositions.has(spec.unlessPlanned))
    return null;
  const declared = 'regions' in spec ? (spec.regions ?? []) : [];
  const isAboutLeftOut =
    declared.some((r) => isExcluded(ctx, r)) ||
    [...declared, ...regionsNamedBy(spec.text, ctx.vocabulary)].some((r) =>
      [...ctx.lostRegions].some((lost) => regionsOverlap(r, lost)),
    ) ||
    ('landmarks' in spec && (spec.landmarks ?? []).some((l) => landmarkExcluded(ctx, l)));
  const own = isAboutLeftOut ? null : textSaid(spec.text, ctx);
  if (own !== null) return own;
  return 'otherwise' in spec && spec.otherwise !== undefined ? textSaid(spec.otherwise, ctx) : null;
}

function linesOf(value: CueSet['before'] | undefined): readonly CueLine[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A step's cues adapted to its plan: lines about a region the plan leaves out (or the cut stroke no longer
 * reaches) are dropped or replaced, pressure is said as planned, conditional lines follow the client's rules,
 * and rules' safety cues are added to the step's own.
 */
export function cuesAdapted(ctx: CueContext): AdaptedCues {
  // Plans for similar clients share most steps' contexts: adapt each distinct one once per cue set.
  const key = [
    ctx.pressure,
    ctx.side,
    ctx.surface,
    ctx.excluded.map((ex) => `${ex.region}:${ex.sides?.join('+') ?? '*'}`).join(','),
    [...ctx.lostRegions].join(','),
    [...ctx.rules].join(','),
    [...ctx.plannedPositions].join(','),
    ctx.startRegion,
    ctx.title,
    ctx.additions.join('\u0001'),
  ].join('\u0002');
  const byMap = cachedValue(
    adaptedCache,
    ctx.map,
    () => new WeakMap<CueSet, WeakMap<object, Map<string, AdaptedCues>>>(),
  );
  const byKey = cachedValue(byMap, ctx.cues, () => new WeakMap<object, Map<string, AdaptedCues>>());
  const byContext = cachedValue(byKey, ctx.vocabulary ?? NO_VOCABULARY, () => new Map<string, AdaptedCues>());
  return cachedValue(byContext, key, () => cuesAdaptedComputed(ctx));
}

const NO_VOCABULARY = {};
const adaptedCache = new WeakMap<BodyMap, WeakMap<CueSet, WeakMap<object, Map<string, AdaptedCues>>>>();

function cuesAdaptedComputed(ctx: CueContext): AdaptedCues {
  const said = (lines: readonly CueLine[]) =>
    lines.map((l) => lineSaid(l, ctx)).filter((t): t is string => t !== null && t.trim().length > 0);
  let before = said(linesOf(ctx.cues.before)).join(' ');
  if (before.length === 0) {
    const fallback = ctx.vocabulary ? textSaid(ctx.vocabulary.startFallback, ctx) : null;
    before = fallback ?? ctx.vocabulary?.startUnnamed ?? `${ctx.title}.`;
  }
  // The during lines kept, each with the window of the repetition it speaks of.
  const kept = (ctx.cues.during ?? []).flatMap((line) => {
    const text = lineSaid(line, ctx);
    if (text === null || text.trim().length === 0) return [];
    return [{ text, phase: typeof line === 'string' ? null : (line.phase ?? null) }];
  });
  const during = kept.map((k) => k.text);
  const safetyLines = [
    ...said(linesOf(ctx.cues.safety)),
    ...ctx.additions.filter((a) => a.trim().length > 0),
  ];
  return {
    before,
    during,
    safety: safetyLines.length > 0 ? safetyLines.join(' ') : null,
    ...(kept.some((k) => k.phase !== null) ? { duringPhases: kept.map((k) => k.phase) } : {}),
  };
}
