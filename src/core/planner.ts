import { type BodyMap, type RegionHit, regionsAt } from './body-map.js';
import { type CueExclusion, cuesAdapted } from './cue-adapt.js';
import { cuesOnCutStroke } from './cue-windows-cut.js';
import { bodyPoint } from './geometry.js';
import type { Language, RegionId, Side } from './ids.js';
import type { Intake } from './intake.js';
import { cachedValue } from './memo.js';
import {
  CONTACT_MARGIN,
  contactReach,
  exclusionReach,
  handHalfWidth,
  handReachAlong,
  handSpan,
  handSpanEnds,
  motionAvoiding,
  regionsNear,
  trackEndsBeyond,
  trackSampled,
} from './motion-clip.js';
import { planReasons } from './plan-explain.js';
import type {
  ExcludedRegion,
  PlanChange,
  PlannedCues,
  PlannedFigure,
  PlannedPart,
  PlannedStep,
  PlanResult,
  PlanWarning,
  SkippedStep,
  StepMotion,
  TrackPoint,
} from './plan-types.js';
import { plannerText, textIn } from './planner-text.js';
import {
  type FigureShot,
  figureNumber,
  type Routine,
  type Section,
  type Step,
  type StepPart,
  type Vocabulary,
} from './routine.js';
import {
  type Exclusion,
  effectsFiring,
  exclusionCovers,
  exclusionsFor,
  type FiredEffect,
  type MatchTarget,
  regionCapCovers,
  stepMatches,
} from './rule-match.js';
import { DEFAULT_RULE_OPTIONS, type Rule, type RuleOptions } from './rules.js';
import { stepMotionResolved } from './step-motion.js';
import { partStep } from './step-parts.js';
import { sectionBudgetsFor } from './timing.js';

/** Options of the planner; every field but the body map has a default. */
export interface PlanOptions extends Partial<RuleOptions> {
  /** The body map the routine's paths are resolved on. */
  readonly bodyMap: BodyMap;
  /** Which side a per-side block does first (default: the routine's own order, left first). */
  readonly firstSide?: Side;
  /** How far a time-bound step may grow past its usual share when others are skipped (default 2×). */
  readonly maxStretch?: number;
}

/** A planned total may differ from the minutes asked by this fraction before the plan warns. */
export const DURATION_TOLERANCE = 0.02;

/** One step on one side, before timing. */
interface Unit {
  readonly section: Section;
  readonly step: Step;
  readonly side: Side | null;
  motion: StepMotion;
  regions: readonly RegionHit[];
  changes: PlanChange[];
  /** Safety cues rules add to the step's own. */
  safetyAdditions: string[];
  pressure: number | null;
  pressureByRegion: Record<string, number>;
  reps: number;
  duration: number;
  /** A step in parts: the parts still planned, each with its own motion, pressure and changes. */
  parts?: UnitPart[];
}

/** One part of a step in parts, before timing: the part and the step as the part does it. */
interface UnitPart {
  readonly part: StepPart;
  /** The step as this part does it (`partStep`): rules match it, its motion is this part's. */
  readonly step: Step;
  readonly section: Section;
  readonly side: Side | null;
  motion: StepMotion;
  regions: readonly RegionHit[];
  changes: PlanChange[];
  pressure: number | null;
  pressureByRegion: Record<string, number>;
}

/** The routine resolved on a body map: each step's motion and regions per side. Cached per routine and map. */
interface PreparedUnit {
  readonly section: Section;
  readonly step: Step;
  readonly side: Side | null;
  readonly motion: StepMotion;
  readonly regions: readonly RegionHit[];
  /** Regions within each tool's reach (contactReach): the quick test of whether an exclusion can touch the step. */
  readonly regionsNear: readonly RegionHit[];
  /** A step in parts: each part resolved the same way (the unit's own fields are then the parts' union). */
  readonly parts?: readonly (PreparedUnit & { readonly part: StepPart })[];
}

/** Clip results per motion and set of relevant exclusions: the same inputs always clip the same way. */
const clipCache = new WeakMap<
  StepMotion,
  Map<string, { clip: ReturnType<typeof motionAvoiding>; blocking: number[]; regions: readonly RegionHit[] }>
>();
const preparedCache = new WeakMap<Routine, WeakMap<BodyMap, Map<string, PreparedUnit>>>();
const nearHitsCache = new WeakMap<BodyMap, Map<number, WeakMap<TrackPoint, RegionHit[]>>>();

/** The regions within `reach` of a contact point; memoised per body map, reach and point. */
function nearHits(map: BodyMap, p: TrackPoint, reach: number): RegionHit[] {
  const byReach = cachedValue(nearHitsCache, map, () => new Map());
  let byPoint = byReach.get(reach);
  if (!byPoint) {
    byPoint = new WeakMap();
    byReach.set(reach, byPoint);
  }
  return cachedValue(byPoint, p, () => regionsNear(map, p, reach));
}

function hitsUnion(lists: Iterable<readonly RegionHit[]>): RegionHit[] {
  const seen = new Set<string>();
  const out: RegionHit[] = [];
  for (const list of lists) {
    for (const h of list) {
      const key = `${h.region}/${h.side}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(h);
      }
    }
  }
  return out;
}

/** The contact points of one hand in a motion, and the half-width they are tested with (handHalfWidth). */
export interface ToolSamples {
  readonly halfWidth: number;
  readonly points: readonly TrackPoint[];
  /** Where the tool's footprint reaches past its strokes' ends (trackEndsBeyond): kept off what it must not touch. */
  readonly ends: readonly TrackPoint[];
  /** The whole hand round its contacts (handSpan), where it reaches beyond them: its half-width and its points. */
  readonly span?: { readonly halfWidth: number; readonly points: readonly TrackPoint[] };
}

const contactSamplesCache = new WeakMap<StepMotion, readonly ToolSamples[]>();

/** The contact points of a motion (working strokes, pressing returns, holds) per hand's tool, densely sampled; memoised. */
export function motionContactSamples(motion: StepMotion): readonly ToolSamples[] {
  return cachedValue(contactSamplesCache, motion, contactSamplesComputed);
}

function contactSamplesComputed(motion: StepMotion): ToolSamples[] {
  const out: ToolSamples[] = [];
  for (const h of motion.hands) {
    const points: TrackPoint[] = [...trackSampled(h.points)];
    // The whole footprint: past a stroke's ends too, as far as the tool reaches along it (handReachAlong).
    const reach = handReachAlong(h, motion.fingers);
    const work = trackEndsBeyond(h.points, reach);
    const ends: TrackPoint[] = [...work.before, ...work.after];
    if (h.returnPoints && h.isReturnPressing) {
      points.push(...trackSampled(h.returnPoints));
      const back = trackEndsBeyond(h.returnPoints, reach);
      ends.push(...back.before, ...back.after);
    }
    const span = handSpan(h, motion.fingers);
    const spanPoints: TrackPoint[] = [];
    if (span) {
      const work = handSpanEnds(h.points, span, { isReturn: false });
      spanPoints.push(...points, ...work.before, ...work.after);
      if (h.returnPoints && h.isReturnPressing) {
        const back = handSpanEnds(h.returnPoints, span, { isReturn: true });
        spanPoints.push(...back.before, ...back.after);
      }
    }
    if (motion.alternateSidesEachRep) {
      for (const list of [points, ends, spanPoints]) {
        const n = list.length;
        for (let i = 0; i < n; i++) list.push({ ...list[i]!, x: -list[i]!.x });
      }
    }
    out.push({
      halfWidth: handHalfWidth(h),
      points,
      ends,
      ...(span ? { span: { halfWidth: span.halfWidth, points: spanPoints } } : {}),
    });
  }
  return out;
}

/** The regions within a reach (given each hand's half-width) of a motion's contact points. */
function motionRegionsWithin(
  map: BodyMap,
  motion: StepMotion,
  reach: (halfWidth: number) => number,
  options: { withEnds: boolean },
): RegionHit[] {
  return hitsUnion(
    motionContactSamples(motion).flatMap((s) =>
      (options.withEnds ? [...s.points, ...s.ends] : s.points).map((p) =>
        nearHits(map, p, reach(s.halfWidth)),
      ),
    ),
  );
}

/**
 * The regions a motion's contacts lie on: every region under each contact's whole width (handHalfWidth) along its
 * strokes. What the step lists, and what rules and pressure caps match.
 */
export function motionRegions(map: BodyMap, motion: StepMotion): RegionHit[] {
  return motionRegionsWithin(map, motion, (halfWidth) => halfWidth, { withEnds: false });
}

/**
 * The regions within each contact's reach (contactReach), the footprint past its strokes' ends included: what an
 * exclusion must be tested against.
 */
function motionRegionsNear(map: BodyMap, motion: StepMotion): RegionHit[] {
  const spans = motionContactSamples(motion).flatMap((s) =>
    s.span ? s.span.points.map((p) => nearHits(map, p, exclusionReach(s.span!.halfWidth))) : [],
  );
  return hitsUnion([motionRegionsWithin(map, motion, contactReach, { withEnds: true }), ...spans]);
}

function unitKey(sectionId: string, stepId: string, side: Side | null): string {
  return `${sectionId}/${stepId}/${side ?? '-'}`;
}

function preparedUnits(routine: Routine, map: BodyMap): Map<string, PreparedUnit> {
  const byMap = cachedValue(preparedCache, routine, () => new WeakMap());
  return cachedValue(byMap, map, () => preparedUnitsComputed(routine, map));
}

function preparedUnitsComputed(routine: Routine, map: BodyMap): Map<string, PreparedUnit> {
  const units = new Map<string, PreparedUnit>();
  for (const section of routine.sections) {
    const sides: (Side | null)[] = section.perSide ? ['left', 'right'] : [null];
    for (const step of section.steps) {
      for (const side of sides) {
        const resolved = (as: Step): PreparedUnit => {
          const { motion } = stepMotionResolved(map, as, { position: section.position, side });
          return {
            section,
            step: as,
            side,
            motion,
            regions: motionRegions(map, motion),
            regionsNear: motionRegionsNear(map, motion),
          };
        };
        if (!step.parts) {
          units.set(unitKey(section.id, step.id, side), resolved(step));
          continue;
        }
        const parts = step.parts.map((part) => ({ ...resolved(partStep(step, part)), part }));
        units.set(unitKey(section.id, step.id, side), {
          section,
          step,
          side,
          motion: parts[0]!.motion,
          regions: hitsUnion(parts.map((p) => p.regions)),
          regionsNear: hitsUnion(parts.map((p) => p.regionsNear)),
          parts,
        });
      }
    }
  }
  return units;
}

function matchTarget(unit: {
  section: Section;
  step: Step;
  side: Side | null;
  regions: readonly RegionHit[];
}) {
  return {
    id: unit.step.id,
    technique: unit.step.technique,
    tags: unit.step.tags ?? [],
    position: unit.section.position,
    side: unit.side,
    regions: unit.regions,
  } satisfies MatchTarget;
}

function sectionOrder(section: Section, firstSide: Side | undefined): (Side | null)[] {
  if (!section.perSide) return [null];
  const order = [...section.perSide.order];
  if (firstSide && order[0] !== firstSide) order.reverse();
  return order;
}

function distinctRegionIds(hits: readonly RegionHit[]): string[] {
  return [...new Set(hits.map((h) => h.region))];
}

/** Fits a routine to one client: a timed Plan, or a Refusal with reasons. Pure: same input, same output. */
export function planFromIntake(
  routine: Routine,
  rules: readonly Rule[],
  intake: Intake,
  options: PlanOptions,
): PlanResult {
  const ruleOptions: RuleOptions = {
    heavyRatio: options.heavyRatio ?? DEFAULT_RULE_OPTIONS.heavyRatio,
    tallRatio: options.tallRatio ?? DEFAULT_RULE_OPTIONS.tallRatio,
    olderAgeYears: options.olderAgeYears ?? DEFAULT_RULE_OPTIONS.olderAgeYears,
    adultAgeYears: options.adultAgeYears ?? DEFAULT_RULE_OPTIONS.adultAgeYears,
  };
  const lang = intake.language;
  const text = (t: { en: string; ru?: string | undefined }) => textIn(lang, t);
  const fired = effectsFiring(rules, intake, ruleOptions);

  // Precedence 1: refuse.
  const refusals = fired.filter((f) => f.effect.kind === 'refuse');
  if (refusals.length > 0) {
    return {
      refused: true,
      reasons: refusals.map((f) => ({
        rule: f.rule.id,
        condition: f.condition?.id ?? f.rule.id,
        reason: text(f.effect.reason),
      })),
    };
  }

  const map = options.bodyMap;
  const prepared = preparedUnits(routine, map);
  const exclusions = exclusionsFor(
    fired,
    intake,
    text,
    text({ en: plannerText.avoidRegion.en(), ru: plannerText.avoidRegion.ru() }),
  );
  const skipped: SkippedStep[] = [];
  const units: Unit[] = [];

  for (const section of routine.sections) {
    for (const side of sectionOrder(section, options.firstSide)) {
      for (const step of section.steps) {
        const p = prepared.get(unitKey(section.id, step.id, side))!;
        if (p.parts) {
          // A step in parts: rules skip and exclude part by part; the step goes when no part is left.
          const unit = partedUnit(p, p.parts, fired, exclusions, map, skipped, text);
          if (unit) units.push(unit);
          continue;
        }
        const target = matchTarget(p);
        // Precedence 2: skip.
        const skip = fired.find(
          (f) => f.effect.kind === 'skip' && stepMatches(f.effect.match, target, f.sides),
        );
        if (skip) {
          skipped.push({ id: step.id, side, rule: skip.rule.id, reason: text(skip.effect.reason) });
          continue;
        }
        // Precedence 3: exclude regions — cut the strokes short of them, or skip the step.
        const unit = excludedFrom(p, exclusions, map, skipped);
        if (!unit) continue;
        units.push(unit);
      }
    }
  }

  // A transition (turn over) only where work is planned on both sides of it.
  for (const unit of [...units]) {
    const between = unit.step.transition;
    if (!between) continue;
    const works = (position: string) =>
      units.some((u) => u.section.position === position && !u.step.transition && u.motion.hands.length > 0);
    if (works(between.from) && works(between.to)) continue;
    units.splice(units.indexOf(unit), 1);
    skipped.push({
      id: unit.step.id,
      side: unit.side,
      rule: 'transition-not-needed',
      reason: text({ en: plannerText.noTransition.en(), ru: plannerText.noTransition.ru() }),
    });
  }

  for (const unit of units) {
    const target = matchTarget(unit);
    // Precedence 4: replace (the safety cue).
    for (const f of fired) {
      if (f.effect.kind !== 'replace' || !stepMatches(f.effect.match, target, f.sides)) continue;
      unit.safetyAdditions.push(text(f.effect.cue));
      unit.changes.push({ rule: f.rule.id, kind: 'replace', reason: text(f.effect.reason) });
    }
    // Precedence 5: soften — the lowest cap wins (part by part for a step in parts).
    if (unit.parts) {
      for (const part of unit.parts) softenedPart(part, fired, intake, map, text);
      unit.pressure = highestPressure(unit.parts);
    } else softened(unit, fired, intake, map, text);
    // Limit repetitions.
    for (const f of fired) {
      if (f.effect.kind !== 'limit-reps' || !stepMatches(f.effect.match, target, f.sides)) continue;
      if (unit.reps > f.effect.maxReps) {
        unit.changes.push({
          rule: f.rule.id,
          kind: 'limit-reps',
          reason: text(f.effect.reason),
          from: unit.reps,
          to: f.effect.maxReps,
        });
        unit.reps = f.effect.maxReps;
      }
    }
  }

  const warnings: PlanWarning[] = [];
  for (const f of fired) {
    if (f.effect.kind !== 'warn') continue;
    const message = text(f.effect.reason);
    if (!warnings.some((w) => w.rule === f.rule.id && w.message === message)) {
      warnings.push({ rule: f.rule.id, message, mustAcknowledge: f.effect.mustAcknowledge ?? false });
    }
  }

  const positionLimits = positionLimitsFor(routine, fired);
  const timed = timedUnits(
    routine,
    units,
    skipped,
    intake.minutes,
    options.maxStretch ?? 2,
    text,
    Object.fromEntries(Object.entries(positionLimits).map(([position, limit]) => [position, limit.minutes])),
  );
  // The length warning names a rule's limit on time in one position when it is what cut the plan short.
  const limitReason = timed.limited.map((position) => positionLimits[position]?.reason).find((r) => r);
  const positionCut = limitReason ? { reason: limitReason } : null;
  const alwaysOn = new Set(rules.filter((r) => 'always' in r.when).map((r) => r.id));
  const cueExclusions: CueExclusion[] = exclusions
    .filter((ex) => !alwaysOn.has(ex.rule))
    .map((ex) => ({ region: ex.region, sides: ex.sides }));
  const rulesApplying = new Set(fired.map((f) => f.rule.id));
  const plannedPositions = new Set(
    timed.units.filter((u) => !u.step.transition && u.motion.hands.length > 0).map((u) => u.section.position),
  );
  const steps: PlannedStep[] = [];
  let clock = 0;
  for (const u of timed.units) {
    const cueLanguage = u.step.cues[lang] ? lang : 'en';
    const vocabulary = routine.vocabulary?.[cueLanguage] ?? undefined;
    const routineRegions = prepared.get(unitKey(u.section.id, u.step.id, u.side))!.regions;
    const planned = new Set(u.regions.map((h) => h.region));
    const adapted = cuesAdapted({
      cues: u.step.cues[cueLanguage] ?? u.step.cues.en,
      vocabulary,
      pressure: u.pressure,
      side: u.side,
      surface: u.section.position === 'supine' ? 'anterior' : 'posterior',
      excluded: cueExclusions,
      lostRegions: new Set(routineRegions.map((h) => h.region).filter((r) => !planned.has(r))),
      rules: rulesApplying,
      plannedPositions,
      startRegion: startRegionOf(map, u.motion, vocabulary),
      title: text(u.step.title),
      additions: u.safetyAdditions,
      map,
    });
    const routineMotion = prepared.get(unitKey(u.section.id, u.step.id, u.side))!.motion;
    // A cut stroke: a line about one stretch of it is heard where the hands are on that stretch now.
    const cues =
      u.motion === routineMotion
        ? adapted
        : cuesOnCutStroke(
            adapted,
            routineMotion,
            {
              technique: u.step.technique,
              motion: u.motion,
              reps: u.reps,
              duration: u.duration,
              place: u.step.place ?? null,
              pressure: u.pressure,
              pressureByRegion: u.pressureByRegion,
              side: u.side,
            },
            map,
          );
    const parts = u.parts
      ? plannedParts(u, u.parts, clock, {
          language: cueLanguage,
          vocabulary,
          excluded: cueExclusions,
          rules: rulesApplying,
          plannedPositions,
          prepared: prepared.get(unitKey(u.section.id, u.step.id, u.side))!,
          map,
          text,
          shortReason: text({
            en: plannerText.shortSession.en(intake.minutes),
            ru: plannerText.shortSession.ru(intake.minutes),
          }),
        })
      : undefined;
    steps.push({
      id: u.step.id,
      sectionId: u.section.id,
      title: text(u.step.title),
      technique: u.step.technique,
      tags: u.step.tags ?? [],
      position: u.section.position,
      place: u.step.place ?? null,
      ...(u.step.posture !== undefined ? { posture: u.step.posture } : {}),
      side: u.side,
      regions: parts
        ? [...new Set(parts.planned.flatMap((part) => part.regions))]
        : distinctRegionIds(u.regions),
      pressure: parts ? highestPressure(parts.planned) : u.pressure,
      pressureByRegion: parts ? partsPressureByRegion(parts.planned) : u.pressureByRegion,
      reps: u.reps,
      isCountBound: u.step.reps.isCountBound ?? false,
      start: clock,
      duration: u.duration,
      cues,
      changes: parts
        ? [...u.changes, ...parts.changes, ...parts.planned.flatMap((part) => part.changes)]
        : u.changes,
      figure:
        (u.step.figure !== undefined ? figureNumber(u.step.figure) : null) ??
        parts?.planned.find((part) => part.figure !== null)?.figure ??
        null,
      ...plannedFigures(u.step, parts?.planned ?? null, text),
      motion: parts ? parts.planned[0]!.motion : u.motion,
      ...(u.step.tellingPhase !== undefined ? { tellingPhase: u.step.tellingPhase } : {}),
      ...(parts ? { parts: parts.planned } : {}),
      ...(u.step.views !== undefined ? { views: u.step.views } : {}),
      ...(u.step.panels !== undefined ? { panels: u.step.panels } : {}),
      ...(u.step.pose !== undefined ? { pose: u.step.pose } : {}),
      ...(u.step.handShape !== undefined ? { handShape: u.step.handShape } : {}),
    });
    clock += u.duration;
  }
  const totalSeconds = clock;
  const asked = intake.minutes * 60;
  if (Math.abs(totalSeconds - asked) > asked * DURATION_TOLERANCE) {
    const shortWhy = positionCut
      ? { en: () => positionCut.reason.en, ru: () => positionCut.reason.ru ?? positionCut.reason.en }
      : plannerText.tooShortWhy;
    const why = totalSeconds < asked ? shortWhy : plannerText.tooLongWhy;
    warnings.push({
      rule: 'session-length',
      message: text({
        en: plannerText.lengthMismatch.en(Math.round(totalSeconds / 6) / 10, intake.minutes, why.en()),
        ru: plannerText.lengthMismatch.ru(Math.round(totalSeconds / 6) / 10, intake.minutes, why.ru()),
      }),
      mustAcknowledge: false,
    });
  }
  const excludedRegions: ExcludedRegion[] = [];
  for (const ex of exclusions) {
    const sides: (Side | null)[] = ex.sides ? [...ex.sides] : [null];
    for (const side of sides)
      excludedRegions.push({ region: ex.region, side, rule: ex.rule, reason: ex.reason });
  }
  const allSkipped = [...skipped, ...timed.skipped];
  const stepTitles = new Map(
    routine.sections.flatMap((sec) => sec.steps.map((st) => [st.id, text(st.title)] as const)),
  );
  const because = planReasons({
    language: lang,
    steps,
    skipped: allSkipped,
    excludedRegions,
    warnings,
    alwaysOn,
    ruleTitle: (id) => {
      const rule = rules.find((r) => r.id === id);
      return rule ? text(rule.title) : undefined;
    },
    stepTitle: (id) => stepTitles.get(id) ?? id,
    regionName: (region) => regionNameIn(routine, lang, map, region),
  });
  return {
    refused: false,
    version: 1,
    routineId: routine.id,
    language: lang,
    minutes: intake.minutes,
    steps,
    skipped: allSkipped,
    warnings,
    excludedRegions,
    because,
    totalSeconds,
  };
}

/** A region's name for people: the routine's vocabulary, else the body map's. */
function regionNameIn(routine: Routine, language: Language, map: BodyMap, region: string): string {
  const entry = (routine.vocabulary?.[language] ?? undefined)?.regions[region as RegionId];
  return entry?.name ?? map.regions.find((r) => r.id === region)?.name ?? region;
}

/** Minutes a client may spend in each position: the routine's limits, lowered by rules (an older client). */
function positionLimitsFor(
  routine: Routine,
  fired: readonly FiredEffect[],
): Record<string, { minutes: number; reason: { en: string; ru?: string | undefined } | null }> {
  const out: Record<string, { minutes: number; reason: { en: string; ru?: string | undefined } | null }> = {};
  for (const [position, minutes] of Object.entries(routine.maxMinutesIn ?? {})) {
    if (minutes !== undefined) out[position] = { minutes, reason: null };
  }
  for (const f of fired) {
    if (f.effect.kind !== 'limit-position') continue;
    const now = out[f.effect.position];
    if (now === undefined || f.effect.maxMinutes < now.minutes)
      out[f.effect.position] = { minutes: f.effect.maxMinutes, reason: f.effect.reason };
  }
  return out;
}

/** The region a motion's working stroke starts in, as the vocabulary can name it (listed regions first). */
function startRegionOf(map: BodyMap, motion: StepMotion, vocabulary: Vocabulary | undefined): string | null {
  if (!vocabulary) return null;
  const byVocabulary = cachedValue(startCache, motion, () => new WeakMap<Vocabulary, string | null>());
  return cachedValue(byVocabulary, vocabulary, () => startRegionComputed(map, motion, vocabulary));
}

const startCache = new WeakMap<StepMotion, WeakMap<Vocabulary, string | null>>();

function startRegionComputed(map: BodyMap, motion: StepMotion, vocabulary: Vocabulary): string | null {
  const hand = motion.hands.find((h) => !h.isHolding && h.points.length > 0) ?? motion.hands[0];
  const first = hand?.points[0];
  if (!first) return null;
  const named = Object.keys(vocabulary.regions).filter((r) => vocabulary.regions[r as RegionId]?.on);
  for (const hits of [
    regionsAt(map, first.surface, bodyPoint(first.x, first.y)),
    nearHits(map, first, CONTACT_MARGIN),
  ]) {
    const found = named.find((r) => hits.some((h) => h.region === r));
    if (found) return found;
  }
  return null;
}

/**
 * A step in parts after the rules' skips and excluded regions, part by part: a part a rule skips, or that an
 * excluded region cuts to nothing, is dropped with its reason (a `drop-part` change); the step is skipped, with
 * the first part's reason, when no part is left.
 */
function partedUnit(
  p: PreparedUnit,
  preparedParts: readonly (PreparedUnit & { readonly part: StepPart })[],
  fired: readonly FiredEffect[],
  exclusions: readonly Exclusion[],
  map: BodyMap,
  skipped: SkippedStep[],
  text: (t: { en: string; ru?: string | undefined }) => string,
): Unit | null {
  const kept: UnitPart[] = [];
  const dropped: PlanChange[] = [];
  for (const pp of preparedParts) {
    const skip = fired.find(
      (f) => f.effect.kind === 'skip' && stepMatches(f.effect.match, matchTarget(pp), f.sides),
    );
    if (skip) {
      dropped.push({
        rule: skip.rule.id,
        kind: 'drop-part',
        reason: text(skip.effect.reason),
        part: pp.part.id,
      });
      continue;
    }
    const cut: SkippedStep[] = [];
    const unit = excludedFrom(pp, exclusions, map, cut);
    if (!unit) {
      const why = cut[0]!;
      dropped.push({ rule: why.rule, kind: 'drop-part', reason: why.reason, part: pp.part.id });
      continue;
    }
    kept.push({
      part: pp.part,
      step: pp.step,
      section: p.section,
      side: p.side,
      motion: unit.motion,
      regions: unit.regions,
      changes: unit.changes.map((c) => ({ ...c, part: pp.part.id })),
      pressure: unit.pressure,
      pressureByRegion: unit.pressureByRegion,
    });
  }
  if (kept.length === 0) {
    const first = dropped[0]!;
    skipped.push({ id: p.step.id, side: p.side, rule: first.rule, reason: first.reason });
    return null;
  }
  return {
    section: p.section,
    step: p.step,
    side: p.side,
    motion: kept[0]!.motion,
    regions: hitsUnion(kept.map((k) => k.regions)),
    changes: dropped,
    safetyAdditions: [],
    pressure: highestPressure(kept),
    pressureByRegion: {},
    reps: p.step.reps.default,
    duration: 0,
    parts: kept,
  };
}

/**
 * A step in parts, summed up: per region a part touches, the most any part presses it, where that is less than
 * the step's highest pressure (what a reader of the step alone may rely on).
 */
function partsPressureByRegion(parts: readonly PlannedPart[]): Record<string, number> {
  const top = highestPressure(parts);
  if (top === null) return {};
  const most: Record<string, number> = {};
  for (const part of parts) {
    if (part.pressure === null) continue;
    for (const region of part.regions) {
      const p = Math.min(part.pressure, part.pressureByRegion[region] ?? part.pressure);
      most[region] = Math.max(most[region] ?? 0, p);
    }
  }
  for (const [region, p] of Object.entries(most)) if (p >= top) delete most[region];
  return most;
}

/**
 * The seed figures a planned step shows: the step's `figure` and `figures`, and the `figure` of each part still
 * planned (a dropped part's figure is not shown); each number once, a shot with its moment over a bare number.
 */
function plannedFigures(
  step: Step,
  parts: readonly PlannedPart[] | null,
  text: (t: { en: string; ru?: string | undefined }) => string,
): { figures?: PlannedFigure[] } {
  const shots: { shot: FigureShot; part: string | null }[] = [
    ...(step.figure !== undefined ? [{ shot: step.figure, part: null }] : []),
    ...(step.figures ?? []).map((shot) => ({ shot, part: null })),
    ...(step.parts ?? [])
      .filter((p) => p.figure !== undefined && (parts?.some((kept) => kept.id === p.id) ?? false))
      .map((p) => ({ shot: p.figure!, part: p.id })),
  ];
  const out: PlannedFigure[] = [];
  for (const { shot, part } of shots) {
    const figure = figureNumber(shot);
    const planned: PlannedFigure = {
      figure,
      what: typeof shot === 'object' && shot.what ? text(shot.what) : null,
      part,
      repetition: typeof shot === 'object' ? (shot.repetition ?? null) : null,
      phase: typeof shot === 'object' ? (shot.phase ?? null) : null,
      view: typeof shot === 'object' ? (shot.view ?? null) : null,
    };
    const at = out.findIndex((f) => f.figure === figure);
    if (at < 0) out.push(planned);
    else if (typeof shot === 'object' || part !== null) out[at] = { ...planned, part: part ?? out[at]!.part };
  }
  // A figure a dropped part shows is not shown, even where the step's `figures` names it.
  const dropped = new Set(
    (step.parts ?? [])
      .filter((p) => p.figure !== undefined && !(parts?.some((kept) => kept.id === p.id) ?? false))
      .map((p) => figureNumber(p.figure!)),
  );
  const shown = out.filter((f) => !dropped.has(f.figure));
  return shown.length > 0 ? { figures: shown } : {};
}

/** The highest pressure among pieces, or null when none presses. */
function highestPressure(pieces: readonly { readonly pressure: number | null }[]): number | null {
  let out: number | null = null;
  for (const piece of pieces) {
    if (piece.pressure !== null && (out === null || piece.pressure > out)) out = piece.pressure;
  }
  return out;
}

/** Softens one part as `softened` softens a step (the part's own tags, technique and regions match). */
function softenedPart(
  part: UnitPart,
  fired: readonly FiredEffect[],
  intake: Intake,
  map: BodyMap,
  text: (t: { en: string; ru?: string | undefined }) => string,
): void {
  const unit: Unit = {
    section: part.section,
    step: part.step,
    side: part.side,
    motion: part.motion,
    regions: part.regions,
    changes: [],
    safetyAdditions: [],
    pressure: part.pressure,
    pressureByRegion: part.pressureByRegion,
    reps: 0,
    duration: 0,
  };
  softened(unit, fired, intake, map, text);
  part.pressure = unit.pressure;
  part.pressureByRegion = unit.pressureByRegion;
  for (const c of unit.changes) part.changes.push({ ...c, part: part.part.id });
}

interface PartsContext {
  readonly language: Language;
  readonly vocabulary: Vocabulary | undefined;
  readonly excluded: readonly CueExclusion[];
  readonly rules: ReadonlySet<string>;
  readonly plannedPositions: ReadonlySet<string>;
  readonly prepared: PreparedUnit;
  readonly map: BodyMap;
  readonly text: (t: { en: string; ru?: string | undefined }) => string;
  readonly shortReason: string;
}

const NO_CUES: PlannedCues = Object.freeze({ before: '', during: Object.freeze([]), safety: null });

/**
 * The planned parts of a timed step in parts: the step's time split by the kept parts' shares (whole seconds,
 * boundaries rounded, so the parts add up to the step exactly); repetitions by share for a step counted in
 * repetitions, else by each part's time; each part's cues adapted like a step's. A part left with no second is
 * dropped (a `drop-part` change).
 */
function plannedParts(
  unit: Unit,
  parts: readonly UnitPart[],
  start: number,
  ctx: PartsContext,
): { planned: PlannedPart[]; changes: PlanChange[] } {
  const total = parts.reduce((sum, part) => sum + part.part.share, 0);
  const countBound = unit.step.reps.isCountBound ?? false;
  const timed: { part: UnitPart; start: number; duration: number }[] = [];
  const changes: PlanChange[] = [];
  let cumulative = 0;
  let previous = 0;
  for (const part of parts) {
    cumulative += part.part.share;
    const boundary = part === parts.at(-1) ? unit.duration : Math.round((unit.duration * cumulative) / total);
    const duration = boundary - previous;
    if (duration <= 0) {
      changes.push({
        rule: 'session-length',
        kind: 'drop-part',
        reason: ctx.shortReason,
        part: part.part.id,
      });
      continue;
    }
    timed.push({ part, start: start + previous, duration });
    previous = boundary;
  }
  const preparedParts = ctx.prepared.parts ?? [];
  // The step's repetitions split by the kept parts' shares, boundaries rounded (so they add up to the step's);
  // a part timed in its own repetitions (repSeconds) counts them in its own.
  const keptShare = timed.reduce((sum, t) => sum + t.part.part.share, 0);
  let repsBefore = 0;
  let shareBefore = 0;
  const planned = timed.map(({ part, start: partStart, duration }): PlannedPart => {
    const step = part.step;
    shareBefore += part.part.share;
    const repsUntil = Math.round((unit.reps * shareBefore) / keptShare);
    const stepReps = repsUntil - repsBefore;
    repsBefore = repsUntil;
    const hasHands = part.motion.hands.length > 0;
    const reps = !hasHands
      ? 1
      : countBound || step.repSeconds === unit.step.repSeconds
        ? Math.max(1, stepReps)
        : Math.max(1, Math.round(duration / step.repSeconds));
    const routineRegions = preparedParts.find((pp) => pp.part === part.part)?.regions ?? [];
    const kept = new Set(part.regions.map((h) => h.region));
    const own = part.part.cues?.[ctx.language] ?? part.part.cues?.en;
    const routineMotion = preparedParts.find((pp) => pp.part === part.part)?.motion;
    const adapted = own
      ? cuesAdapted({
          cues: own,
          vocabulary: ctx.vocabulary,
          pressure: part.pressure,
          side: part.side,
          surface: part.section.position === 'supine' ? 'anterior' : 'posterior',
          excluded: ctx.excluded,
          lostRegions: new Set(routineRegions.map((h) => h.region).filter((r) => !kept.has(r))),
          rules: ctx.rules,
          plannedPositions: ctx.plannedPositions,
          startRegion: startRegionOf(ctx.map, part.motion, ctx.vocabulary),
          title: ctx.text(part.part.title),
          additions: [],
          map: ctx.map,
        })
      : NO_CUES;
    // A cut stroke: a line about one stretch of it is heard where the hands are on that stretch now.
    const cues =
      routineMotion === undefined || routineMotion === part.motion
        ? adapted
        : cuesOnCutStroke(
            adapted,
            routineMotion,
            {
              technique: step.technique,
              motion: part.motion,
              reps,
              duration,
              place: step.place ?? null,
              pressure: part.pressure,
              pressureByRegion: part.pressureByRegion,
              side: unit.side,
            },
            ctx.map,
          );
    return {
      id: part.part.id,
      title: ctx.text(part.part.title),
      technique: step.technique,
      tags: step.tags ?? [],
      place: step.place ?? null,
      ...(step.posture !== undefined ? { posture: step.posture } : {}),
      regions: distinctRegionIds(part.regions),
      pressure: part.pressure,
      pressureByRegion: part.pressureByRegion,
      reps,
      start: partStart,
      duration,
      cues,
      changes: part.changes,
      figure: part.part.figure !== undefined ? figureNumber(part.part.figure) : null,
      motion: part.motion,
      ...(part.part.tellingPhase !== undefined ? { tellingPhase: part.part.tellingPhase } : {}),
      ...(step.views !== undefined ? { views: step.views } : {}),
      ...(step.panels !== undefined ? { panels: step.panels } : {}),
      ...(step.pose !== undefined ? { pose: step.pose } : {}),
      ...(step.handShape !== undefined ? { handShape: step.handShape } : {}),
    };
  });
  return { planned, changes };
}

/**
 * A unit's motion fitted around the given exclusions, memoised per motion and exclusions: the clip, the exclusions
 * (indices into `relevant`) that blocked some contact, and the regions the fitted motion lies on.
 */
function clipAvoiding(
  p: PreparedUnit,
  relevant: readonly Exclusion[],
  map: BodyMap,
): { clip: ReturnType<typeof motionAvoiding>; blocking: number[]; regions: readonly RegionHit[] } {
  const key = relevant.map((ex) => `${ex.rule}|${ex.region}|${ex.sides?.join(',') ?? '*'}`).join(';');
  // The motion belongs to one body map (preparedUnits), so the motion and the exclusions' key decide the clip.
  return cachedValue(
    cachedValue(clipCache, p.motion, () => new Map()),
    key,
    () => {
      const blocking = new Set<Exclusion>();
      const isBlocked = (pt: TrackPoint, halfWidth: number) => {
        let blocked = false;
        // A never-press region is kept off by the contact's width and the never-press margin, any other by its width.
        const within = nearHits(map, pt, exclusionReach(halfWidth));
        for (const h of nearHits(map, pt, contactReach(halfWidth))) {
          if (h.maxPressure > 0 && !within.some((w) => w.region === h.region && w.side === h.side)) continue;
          for (const ex of relevant) {
            if (exclusionCovers(ex, h)) {
              blocking.add(ex);
              blocked = true;
            }
          }
        }
        return blocked;
      };
      // The whole hand round a contact (handSpan) keeps off the regions the plan excludes, not the never-press
      // ones: those lie beside every spine step, and the pictures turn the hand clear of them (drawn-hands.ts).
      const isSpanBlocked = (pt: TrackPoint, halfWidth: number) => {
        let blocked = false;
        for (const h of nearHits(map, pt, exclusionReach(halfWidth))) {
          if (h.maxPressure === 0) continue;
          for (const ex of relevant) {
            if (exclusionCovers(ex, h)) {
              blocking.add(ex);
              blocked = true;
            }
          }
        }
        return blocked;
      };
      const clip = motionAvoiding(p.motion, isBlocked, isSpanBlocked);
      return {
        clip,
        blocking: relevant.filter((ex) => blocking.has(ex)).map((ex) => relevant.indexOf(ex)),
        regions: clip.kind === 'clipped' ? motionRegions(map, clip.motion) : p.regions,
      };
    },
  );
}

function excludedFrom(
  p: PreparedUnit,
  exclusions: readonly Exclusion[],
  map: BodyMap,
  skipped: SkippedStep[],
): Unit | null {
  const base: Unit = {
    section: p.section,
    step: p.step,
    side: p.side,
    motion: p.motion,
    regions: p.regions,
    changes: [],
    safetyAdditions: [],
    pressure: p.step.pressure,
    pressureByRegion: { ...(p.step.pressureByRegion ?? {}) },
    reps: p.step.reps.default,
    duration: 0,
  };
  let relevant = exclusions.filter((ex) => p.regionsNear.some((h) => exclusionCovers(ex, h)));
  if (relevant.length === 0) return base;
  let cached = clipAvoiding(p, relevant, map);
  // A clipped stroke has new ends, and its footprint past them may reach a region the whole stroke's did not (the
  // chest stroke cut short under the neck points at the spine): clip again with those exclusions too.
  while (cached.clip.kind === 'clipped') {
    const near = motionRegionsNear(map, cached.clip.motion);
    const more = exclusions.filter(
      (ex) => !relevant.includes(ex) && near.some((h) => exclusionCovers(ex, h)),
    );
    if (more.length === 0) break;
    relevant = exclusions.filter((ex) => relevant.includes(ex) || more.includes(ex));
    cached = clipAvoiding(p, relevant, map);
  }
  const { clip } = cached;
  const blockingNow = cached.blocking.map((i) => relevant[i]!);
  const first = blockingNow[0] ?? relevant[0]!;
  if (clip.kind === 'blocked') {
    skipped.push({ id: p.step.id, side: p.side, rule: first.rule, reason: first.reason });
    return null;
  }
  if (clip.kind === 'clipped') {
    base.motion = clip.motion;
    base.regions = cached.regions;
    for (const ex of blockingNow)
      base.changes.push({ rule: ex.rule, kind: 'exclude-region', reason: ex.reason });
  }
  return base;
}

function softened(
  unit: Unit,
  fired: readonly FiredEffect[],
  intake: Intake,
  map: BodyMap,
  text: (t: { en: string; ru?: string | undefined }) => string,
): void {
  const target = matchTarget(unit);
  const original = unit.pressure;
  if (original !== null) {
    let cap = original;
    let by: { rule: string; reason: string } | null = null;
    for (const f of fired) {
      if (f.effect.kind !== 'soften' || f.effect.region !== undefined) continue;
      if (!stepMatches(f.effect.match, target, f.sides)) continue;
      if (f.effect.maxPressure < cap) {
        cap = f.effect.maxPressure;
        by = { rule: f.rule.id, reason: text(f.effect.reason) };
      }
    }
    if (intake.pressurePreference < cap) {
      cap = intake.pressurePreference;
      by = {
        rule: 'pressure-preference',
        reason: text({
          en: plannerText.pressurePreference.en(cap),
          ru: plannerText.pressurePreference.ru(cap),
        }),
      };
    }
    if (by) {
      unit.pressure = cap;
      unit.changes.push({ rule: by.rule, kind: 'soften', reason: by.reason, from: original, to: cap });
    }
  }
  const pressure = unit.pressure;
  if (pressure === null) return;
  // Region caps: the rules' (knee-light) and the body map's own tolerance.
  for (const hit of unit.regions) {
    const current = unit.pressureByRegion[hit.region] ?? pressure;
    let cap = Math.min(current, pressure);
    let by: { rule: string; reason: string } | null = null;
    for (const f of fired) {
      if (f.effect.kind !== 'soften' || !regionCapCovers(f, hit)) continue;
      if (!stepMatches(f.effect.match, target, f.sides)) continue;
      if (f.effect.maxPressure < cap) {
        cap = f.effect.maxPressure;
        by = { rule: f.rule.id, reason: text(f.effect.reason) };
      }
    }
    if (hit.maxPressure > 0 && hit.maxPressure < cap) {
      cap = hit.maxPressure;
      const name = map.regions.find((r) => r.id === hit.region)?.name ?? hit.region;
      by = {
        rule: 'region-tolerance',
        reason: text({
          en: plannerText.regionTolerance.en(name, cap),
          ru: plannerText.regionTolerance.ru(name, cap),
        }),
      };
    }
    if (by) {
      unit.changes.push({ rule: by.rule, kind: 'soften', reason: by.reason, from: current, to: cap });
    }
    if (cap < pressure) unit.pressureByRegion[hit.region] = cap;
  }
  for (const [region, value] of Object.entries(unit.pressureByRegion)) {
    if (value >= pressure) delete unit.pressureByRegion[region];
  }
}

/**
 * Shortens the time-bound steps of a position to the lowest `limit-position` cap among the fired rules (count-
 * bound steps keep their counts); the time is not moved elsewhere. Returns the effect that cut, or null.
 */
interface TimedResult {
  readonly units: Unit[];
  readonly skipped: SkippedStep[];
  /** Positions whose time limit shortened their steps. */
  readonly limited: readonly string[];
  /** Seconds asked for that no step could use well (the plan is that much shorter). */
  readonly unusedSeconds: number;
}

/** Seconds kept under a position's limit, so rounding each step to whole seconds never crosses it. */
const POSITION_LIMIT_MARGIN = 30;

function repSeconds(u: Unit): number {
  return u.step.repSeconds;
}

function isCountBound(u: Unit): boolean {
  return u.step.reps.isCountBound ?? false;
}

/**
 * The least time a step can take: `soft` keeps counts and minimum repetitions; `hard` (only to fit a session
 * shorter than the shortest timing row) allows one repetition of a time-bound step and the minimum count.
 */
function floorSeconds(u: Unit, level: 'soft' | 'hard' = 'soft'): number {
  if (isCountBound(u)) return (level === 'hard' ? (u.step.reps.min ?? u.reps) : u.reps) * repSeconds(u);
  // The routine's own floor (the rest before turning) holds at any length.
  return Math.max(u.step.minSeconds ?? 0, repSeconds(u) * (level === 'hard' ? 1 : (u.step.reps.min ?? 1)));
}

/** The most time a time-bound step may take: its ceiling, and no more repetitions than `reps.max`. */
function ceilingSeconds(u: Unit): number {
  const byReps =
    u.motion.hands.length > 0 && u.step.reps.max !== undefined ? u.step.reps.max * repSeconds(u) : Infinity;
  return Math.max(floorSeconds(u), Math.min(u.step.maxSeconds ?? Infinity, byReps));
}

/**
 * Times the units: section budgets from the routine, count-bound steps keep their counts, the rest of a
 * section goes to its time-bound steps by weight; freed time flows to the same section first, then others.
 */
function timedUnits(
  routine: Routine,
  all: Unit[],
  alreadySkipped: readonly SkippedStep[],
  minutes: number,
  maxStretch: number,
  text: (t: { en: string; ru?: string | undefined }) => string,
  positionLimits: Readonly<Record<string, number>>,
): TimedResult {
  const budgets = sectionBudgetsFor(routine, minutes);
  // A section gets at least what its steps' own floors need (the rest before turning: 2 minutes at any length).
  for (const section of routine.sections) {
    const least = all
      .filter((u) => u.section === section)
      .reduce((sum, u) => sum + floorSeconds(u, 'hard'), 0);
    if ((budgets.get(section.id) ?? 0) < least) budgets.set(section.id, least);
  }
  const skipped: SkippedStep[] = [];
  let units = all;
  const rows = [...routine.timing].sort((a, b) => a.minutes - b.minutes);
  const shortest = rows[0]!.minutes;
  const target = minutes * 60;

  // Nominal time-bound share per step at this length, before any skip: the base for the stretch cap.
  const nominal = new Map<string, number>();
  for (const section of routine.sections) {
    const budget = budgets.get(section.id) ?? 0;
    const sides = section.perSide ? 2 : 1;
    let counted = 0;
    let weights = 0;
    for (const s of section.steps) {
      if (s.reps.isCountBound) counted += s.reps.default * s.repSeconds * sides;
      else weights += (s.weight ?? 1) * sides;
    }
    const free = Math.max(0, budget - counted);
    for (const s of section.steps) {
      if (!s.reps.isCountBound)
        nominal.set(`${section.id}/${s.id}`, (free * (s.weight ?? 1)) / Math.max(weights, 1e-9));
    }
  }

  const hardSections = new Set<string>();
  const limited: string[] = [];
  const floorOf = (u: Unit) => floorSeconds(u, hardSections.has(u.section.id) ? 'hard' : 'soft');
  const shortReason = text({
    en: plannerText.shortSession.en(minutes),
    ru: plannerText.shortSession.ru(minutes),
  });
  if (minutes < shortest) {
    // Below the shortest timing row: optional steps go first, then sections shrink in their order.
    let deficit = [...budgets.values()].reduce((a, b) => a + b, 0) - target;
    const optional = routine.sections
      .flatMap((section) => section.steps.filter((s) => s.isOptional).map((step) => ({ section, step })))
      .sort((a, b) => (a.step.dropOrder ?? 99) - (b.step.dropOrder ?? 99));
    for (const { section, step } of optional) {
      if (deficit <= 0) break;
      const mine = units.filter((u) => u.section === section && u.step === step);
      const freed = mine.reduce(
        (sum, u) =>
          sum + (isCountBound(u) ? u.reps * repSeconds(u) : (nominal.get(`${section.id}/${step.id}`) ?? 0)),
        0,
      );
      units = units.filter((u) => !mine.includes(u));
      const reason = text({
        en: plannerText.shortSession.en(minutes),
        ru: plannerText.shortSession.ru(minutes),
      });
      const sides = section.perSide ? section.perSide.order : [null];
      for (const side of sides) {
        if (!alreadySkipped.some((s) => s.id === step.id && s.side === side)) {
          skipped.push({ id: step.id, side, rule: 'session-length', reason });
        }
      }
      const take = Math.min(freed, deficit);
      budgets.set(section.id, (budgets.get(section.id) ?? 0) - take);
      deficit -= take;
    }
    const shrinkable = routine.sections
      .filter((s) => s.shrinkOrder !== undefined)
      .sort((a, b) => a.shrinkOrder! - b.shrinkOrder!);
    for (const level of ['soft', 'hard'] as const) {
      for (const section of shrinkable) {
        if (deficit <= 0) break;
        const mine = units.filter((u) => u.section === section);
        const floor = mine.reduce((sum, u) => sum + floorSeconds(u, level), 0);
        const budget = budgets.get(section.id) ?? 0;
        const take = Math.min(deficit, Math.max(0, budget - floor));
        if (take <= 0) continue;
        budgets.set(section.id, budget - take);
        deficit -= take;
        if (level === 'hard') hardSections.add(section.id);
      }
    }
    // Still too long: leave out whole time-bound steps, lightest first, shrinkable sections in their order,
    // keeping at least one step in each section.
    for (const section of shrinkable) {
      // Lightest first; among equals the later step goes first (the opening strokes stay).
      const candidates = section.steps
        .map((step, index) => ({ step, index }))
        .filter(({ step }) => !step.reps.isCountBound)
        .sort((a, b) => (a.step.weight ?? 1) - (b.step.weight ?? 1) || b.index - a.index)
        .map(({ step }) => step);
      for (const step of candidates) {
        if (deficit <= 0) break;
        const mine = units.filter((u) => u.section === section && u.step === step);
        const others = units.filter((u) => u.section === section && u.step !== step && !isCountBound(u));
        if (mine.length === 0 || others.length === 0) continue;
        const freed = mine.reduce((sum, u) => sum + floorSeconds(u, 'hard'), 0);
        units = units.filter((u) => !mine.includes(u));
        for (const u of mine)
          skipped.push({ id: step.id, side: u.side, rule: 'session-length', reason: shortReason });
        hardSections.add(section.id);
        budgets.set(section.id, (budgets.get(section.id) ?? 0) - Math.min(freed, deficit));
        deficit -= Math.min(freed, deficit);
      }
    }
  }

  // Allocate within sections; collect time no step of a section could take.
  let pool = 0;
  const capOf = new Map<Unit, number>();
  for (const section of routine.sections) {
    const mine = units.filter((u) => u.section === section);
    const budget = budgets.get(section.id) ?? 0;
    const level = hardSections.has(section.id) ? 'hard' : 'soft';
    const counted = mine.filter(isCountBound);
    const timed = mine.filter((u) => !isCountBound(u));
    for (const u of counted) {
      if (level === 'hard') {
        const least = u.step.reps.min ?? u.reps;
        if (least < u.reps) {
          u.changes.push({
            rule: 'session-length',
            kind: 'limit-reps',
            reason: text({
              en: plannerText.shortSessionReps.en(minutes),
              ru: plannerText.shortSessionReps.ru(minutes),
            }),
            from: u.reps,
            to: least,
          });
          u.reps = least;
        }
      }
      u.duration = u.reps * repSeconds(u);
    }
    const free = budget - counted.reduce((s, u) => s + u.duration, 0);
    if (timed.length === 0) {
      pool += Math.max(0, free);
      continue;
    }
    // Each time-bound step gets its floor, then the rest of the section by weight, up to its stretch cap.
    const weights = timed.reduce((s, u) => s + (u.step.weight ?? 1), 0);
    const floors = timed.reduce((s, u) => s + floorSeconds(u, level), 0);
    const rest = Math.max(0, free - floors);
    for (const u of timed) {
      const floor = floorSeconds(u, level);
      const share = floor + (rest * (u.step.weight ?? 1)) / Math.max(weights, 1e-9);
      const stretched = Math.max(floor, (nominal.get(`${section.id}/${u.step.id}`) ?? share) * maxStretch);
      const cap = Math.min(stretched, ceilingSeconds(u));
      capOf.set(u, cap);
      u.duration = Math.min(share, cap);
      pool += share - u.duration;
    }
  }
  // Give the pooled time to time-bound steps with room left, by weight, a few rounds.
  const poolGiven = () => {
    for (let round = 0; round < 6 && pool > 0.5; round++) {
      const open = units.filter((u) => !isCountBound(u) && (capOf.get(u) ?? 0) - u.duration > 0.5);
      const weights = open.reduce((s, u) => s + (u.step.weight ?? 1), 0);
      if (open.length === 0 || weights <= 0) break;
      let given = 0;
      for (const u of open) {
        const room = (capOf.get(u) ?? 0) - u.duration;
        const add = Math.min(room, (pool * (u.step.weight ?? 1)) / weights);
        u.duration += add;
        given += add;
      }
      pool -= given;
    }
  };
  poolGiven();
  // Time in one position has a limit (face down at most 40 minutes): shorten that position's time-bound steps
  // toward their floors, and give what they free to the others.
  for (const [position, limitMinutes] of Object.entries(positionLimits)) {
    const limit = limitMinutes * 60 - POSITION_LIMIT_MARGIN;
    const mine = units.filter((u) => u.section.position === position);
    const total = mine.reduce((s, u) => s + u.duration, 0);
    if (total <= limit) continue;
    const flexible = mine.filter((u) => !isCountBound(u));
    const room = flexible.reduce((s, u) => s + (u.duration - floorOf(u)), 0);
    const cut = Math.min(total - limit, room);
    for (const u of flexible) {
      const take = room > 0 ? ((u.duration - floorOf(u)) * cut) / room : 0;
      u.duration -= take;
      capOf.set(u, u.duration);
      pool += take;
    }
    for (const u of mine) capOf.set(u, Math.min(capOf.get(u) ?? u.duration, u.duration));
    if (cut > 0) limited.push(position);
  }
  poolGiven();

  // Whole seconds; the rounding error goes to the longest time-bound step.
  let total = 0;
  for (const u of units) {
    u.duration = Math.max(1, Math.round(u.duration));
    total += u.duration;
  }
  const wanted = Math.round(Math.min(target, total + pool));
  const longest = units
    .filter((u) => !isCountBound(u) && !limited.includes(u.section.position))
    .filter((u) => u.duration + (wanted - total) <= (capOf.get(u) ?? Infinity) + 0.5)
    .reduce<Unit | null>((best, u) => (!best || u.duration > best.duration ? u : best), null);
  if (longest && Math.abs(wanted - total) <= 30 && longest.duration + (wanted - total) >= floorOf(longest)) {
    longest.duration += wanted - total;
  }
  for (const u of units) {
    if (!isCountBound(u)) {
      const least = hardSections.has(u.section.id) ? 1 : (u.step.reps.min ?? 1);
      // A step without hands (a rest, a talk) is one span of time, not repetitions.
      u.reps = u.motion.hands.length === 0 ? 1 : Math.max(least, Math.round(u.duration / repSeconds(u)));
    }
  }
  return {
    units,
    skipped,
    limited,
    unusedSeconds: Math.max(0, target - units.reduce((s, u) => s + u.duration, 0)),
  };
}
