import type { RegionHit } from './body-map.js';
import { regionMatchesPrefix, type Side } from './ids.js';
import type { Intake, IntakeCondition } from './intake.js';
import type { DerivedCondition, Rule, RuleEffect, RuleOptions, RuleWhen, StepMatch } from './rules.js';

/** A rule effect that fires for this intake, with the condition instance that fired it (if any). */
export interface FiredEffect {
  readonly rule: Rule;
  readonly effect: RuleEffect;
  readonly condition: IntakeCondition | null;
  /** The sides the condition names; null when the condition has no side (applies to the whole body). */
  readonly sides: readonly Side[] | null;
}

/** What a rule match is tested against: one step on one side. */
export interface MatchTarget {
  readonly id: string;
  readonly technique: string;
  readonly tags: readonly string[];
  readonly position: string;
  readonly side: Side | null;
  readonly regions: readonly RegionHit[];
}

/** The sides a condition names: `both` or none means both sides. */
export function conditionSides(
  condition: IntakeCondition | null,
  field: 'side' | 'lymphNodesRemovedSide' = 'side',
): readonly Side[] | null {
  if (!condition) return null;
  const side = condition[field];
  if (side === 'left') return ['left'];
  if (side === 'right') return ['right'];
  return ['left', 'right'];
}

/**
 * True when the client is much heavier or taller than the practitioner (CATALOGUE: heavy-or-tall-client).
 * Unknown heights or weights never fire it.
 */
export function isHeavyOrTallClient(intake: Intake, options: RuleOptions): boolean {
  const c = intake.client;
  const p = intake.practitioner;
  if (!c || !p) return false;
  const heavy =
    c.weightKg !== undefined && p.weightKg !== undefined && c.weightKg > options.heavyRatio * p.weightKg;
  const tall =
    c.heightCm !== undefined && p.heightCm !== undefined && c.heightCm > options.tallRatio * p.heightCm;
  return heavy || tall;
}

/** True when neither the weights nor the heights of both client and practitioner are given: the size rule cannot be checked. */
export function isSizeNotGiven(intake: Intake): boolean {
  const c = intake.client;
  const p = intake.practitioner;
  const weights = c?.weightKg !== undefined && p?.weightKg !== undefined;
  const heights = c?.heightCm !== undefined && p?.heightCm !== undefined;
  return !weights && !heights;
}

/** True when the intake derives this condition (sizes, age), with the options' thresholds. */
export function isDerived(derived: DerivedCondition, intake: Intake, options: RuleOptions): boolean {
  const age = intake.client?.ageYears;
  switch (derived) {
    case 'heavy-or-tall-client':
      return isHeavyOrTallClient(intake, options);
    case 'size-not-given':
      return isSizeNotGiven(intake);
    case 'older-client':
      return age !== undefined && age >= options.olderAgeYears;
    case 'minor-client':
      return age !== undefined && age < options.adultAgeYears;
  }
}

/** The reading of a severity the intake leaves out: the cautious one (CATALOGUE: "a field left out"). */
const CAUTIOUS_SEVERITY: Partial<Record<string, string>> = {
  'varicose-veins': 'severe',
  'high-blood-pressure': 'uncontrolled',
};

/**
 * True when a rule's `when` holds for one reported condition. Every detail the intake leaves out takes the
 * cautious reading (CATALOGUE.md): not cleared, the cautious severity, red flags, neuropathy and high risk
 * assumed, any kind and any level, and unknown weeks meet every bound.
 */
export function conditionFires(rule: Rule, c: IntakeCondition): boolean {
  return whenHolds(rule.when, c);
}

/** True when a rule's `when` holds for one reported condition, each detail left out read cautiously. */
export function whenHolds(when: RuleWhen, c: IntakeCondition): boolean {
  if (!('condition' in when) || when.condition !== c.id) return false;
  if (when.severity !== undefined && (c.severity ?? CAUTIOUS_SEVERITY[c.id]) !== when.severity) return false;
  if (when.weeksOver !== undefined && c.weeks !== undefined && !(c.weeks > when.weeksOver)) return false;
  if (when.weeksUnder !== undefined && c.weeks !== undefined && !(c.weeks < when.weeksUnder)) return false;
  if (when.isCleared !== undefined && (c.isCleared === true) !== when.isCleared) return false;
  if (when.kinds !== undefined && c.kind !== undefined && !when.kinds.includes(c.kind)) return false;
  if (when.regions !== undefined) {
    const region = c.region;
    if (region === undefined || !when.regions.some((p) => regionMatchesPrefix(region, p))) return false;
  }
  if (when.level !== undefined && c.level !== undefined && c.level !== when.level) return false;
  if (when.hasRedFlags !== undefined && (c.hasRedFlags ?? true) !== when.hasRedFlags) return false;
  if (when.hasNeuropathy !== undefined && (c.hasNeuropathy ?? true) !== when.hasNeuropathy) return false;
  if (when.isHighRisk !== undefined && (c.isHighRisk ?? true) !== when.isHighRisk) return false;
  if (when.sideField !== undefined && c[when.sideField] === undefined) return false;
  return true;
}

/** Every effect of every rule that fires for this intake, in rule order. */
export function effectsFiring(rules: readonly Rule[], intake: Intake, options: RuleOptions): FiredEffect[] {
  const out: FiredEffect[] = [];
  for (const rule of rules) {
    const when = rule.when;
    if ('always' in when) {
      for (const effect of rule.effects) out.push({ rule, effect, condition: null, sides: null });
    } else if ('derived' in when) {
      if (isDerived(when.derived, intake, options)) {
        for (const effect of rule.effects) out.push({ rule, effect, condition: null, sides: null });
      }
    } else {
      for (const c of intake.conditions) {
        if (!conditionFires(rule, c)) continue;
        const sides = conditionSides(c, when.sideField ?? 'side');
        for (const effect of rule.effects) out.push({ rule, effect, condition: c, sides });
      }
    }
  }
  return out;
}

/** True when a region cap (a soften effect with a region) covers this region hit, on its side when it says so. */
export function regionCapCovers(f: FiredEffect, hit: { region: string; side: Side | null }): boolean {
  if (f.effect.kind !== 'soften' || f.effect.region === undefined) return false;
  if (!regionMatchesPrefix(hit.region, f.effect.region)) return false;
  if (f.effect.side === 'condition' && f.sides) return hit.side !== null && f.sides.includes(hit.side);
  return true;
}

/** True when a step on a side meets every criterion of a match (an absent match meets every step). */
export function stepMatches(
  match: StepMatch | undefined,
  target: MatchTarget,
  sides: readonly Side[] | null,
): boolean {
  if (!match) return true;
  if (match.ids && !match.ids.includes(target.id)) return false;
  if (match.techniques && !match.techniques.includes(target.technique as never)) return false;
  if (match.tags && !match.tags.some((t) => target.tags.includes(t))) return false;
  if (match.positions && !match.positions.includes(target.position as never)) return false;
  const regionPrefixes = match.regions;
  const relevant = regionPrefixes
    ? target.regions.filter((h) => regionPrefixes.some((p) => regionMatchesPrefix(h.region, p)))
    : target.regions;
  if (regionPrefixes && relevant.length === 0) return false;
  if (match.side === 'condition' && sides) {
    if (target.side !== null) return sides.includes(target.side);
    return relevant.some((h) => h.side !== null && sides.includes(h.side));
  }
  return true;
}

/** A region the plan must not touch: a region id or prefix, on some sides (null: either side and the midline). */
export interface Exclusion {
  readonly region: string;
  readonly sides: readonly Side[] | null;
  readonly rule: string;
  readonly reason: string;
}

/** True when a region hit falls inside an exclusion. */
export function exclusionCovers(ex: Exclusion, hit: RegionHit): boolean {
  if (!regionMatchesPrefix(hit.region, ex.region)) return false;
  if (ex.sides === null) return true;
  return hit.side !== null && ex.sides.includes(hit.side);
}

/** The exclusions an intake implies: the rules' exclude-region effects and the client's own avoided regions. */
export function exclusionsFor(
  fired: readonly FiredEffect[],
  intake: Intake,
  text: (t: { en: string; ru?: string | undefined }) => string,
  avoidReason: string,
): Exclusion[] {
  const out: Exclusion[] = [];
  for (const f of fired) {
    if (f.effect.kind !== 'exclude-region') continue;
    const region = f.effect.region === 'condition' ? f.condition?.region : f.effect.region;
    if (!region) continue;
    let sides: readonly Side[] | null = null;
    if (f.effect.side === 'condition') {
      const field = 'sideField' in f.rule.when ? (f.rule.when.sideField ?? 'side') : 'side';
      const side = f.condition?.[field];
      sides = side === undefined || side === 'both' ? null : [side];
    } else if (f.effect.side) sides = [f.effect.side];
    out.push({ region, sides, rule: f.rule.id, reason: text(f.effect.reason) });
  }
  for (const a of intake.avoidRegions) {
    out.push({
      region: a.region,
      sides: a.side ? [a.side] : null,
      rule: 'client-avoid-region',
      reason: avoidReason,
    });
  }
  return out;
}
