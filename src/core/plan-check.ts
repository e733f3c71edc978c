import type { BodyMap, RegionHit } from './body-map.js';
import type { Side } from './ids.js';
import type { Intake } from './intake.js';
import { cachedValue } from './memo.js';
import {
  handHalfWidth,
  handReachAlong,
  NEVER_PRESS_MARGIN,
  regionsNear,
  trackEndsBeyond,
  trackSampled,
} from './motion-clip.js';
import type { PlannedPart, PlannedStep, PlanResult, StepMotion, TrackPoint } from './plan-types.js';
import { DURATION_TOLERANCE } from './planner.js';
import {
  effectsFiring,
  exclusionCovers,
  exclusionsFor,
  type MatchTarget,
  regionCapCovers,
  stepMatches,
} from './rule-match.js';
import { DEFAULT_RULE_OPTIONS, type Rule, type RuleOptions } from './rules.js';
import { plannedPieces } from './step-parts.js';

/** One broken safety or timing invariant. */
export interface PlanViolation {
  readonly code:
    | 'not-refused'
    | 'refused-without-rule'
    | 'never-press-region'
    | 'over-tolerance'
    | 'excluded-region'
    | 'skipped-step-planned'
    | 'over-cap'
    | 'timing'
    | 'length'
    | 'position-time'
    | 'missing-warning';
  readonly step?: string;
  readonly side?: Side | null;
  readonly message: string;
}

export { NEVER_PRESS_MARGIN };

interface Contact {
  readonly point: TrackPoint;
  /** The contact's half-width (handHalfWidth): its whole width is checked, not its centre. */
  readonly halfWidth: number;
  readonly isPressing: boolean;
  /** A lighter pressure for this part of the motion (a pressing return's own). */
  readonly pressureCap?: number;
  /** Where the tool's footprint reaches past a stroke's end: kept off never-press and excluded regions only. */
  readonly isEnd?: boolean;
}

function motionContacts(motion: StepMotion): Contact[] {
  const out: Contact[] = [];
  for (const h of motion.hands) {
    const halfWidth = handHalfWidth(h);
    // The whole footprint: past a stroke's ends too, as far as the tool reaches along it (handReachAlong).
    const reach = handReachAlong(h, motion.fingers);
    const ends = trackEndsBeyond(h.points, reach);
    for (const p of trackSampled(h.points)) out.push({ point: p, halfWidth, isPressing: !h.isHolding });
    for (const p of [...ends.before, ...ends.after])
      out.push({ point: p, halfWidth, isPressing: true, isEnd: true });
    if (h.returnPoints && h.isReturnPressing) {
      const back = trackEndsBeyond(h.returnPoints, reach);
      for (const p of [...back.before, ...back.after])
        out.push({ point: p, halfWidth, isPressing: true, isEnd: true });
      for (const p of trackSampled(h.returnPoints)) {
        out.push({
          point: p,
          halfWidth,
          isPressing: true,
          ...(h.returnPressure !== undefined ? { pressureCap: h.returnPressure } : {}),
        });
      }
    }
  }
  if (motion.alternateSidesEachRep) {
    const n = out.length;
    for (let i = 0; i < n; i++) out.push({ ...out[i]!, point: { ...out[i]!.point, x: -out[i]!.point.x } });
  }
  return out;
}

/**
 * Contacts of a motion grouped by the regions their whole width lies on (centre ± the tool's half-width), and the
 * never-press regions within the never-press margin of that width.
 */
interface ContactGroup {
  readonly isPressing: boolean;
  readonly pressureCap: number | undefined;
  readonly hits: readonly RegionHit[];
  readonly near: readonly RegionHit[];
  /** Past a stroke's end (Contact.isEnd): tested for never-press and excluded regions, not for pressure. */
  readonly isEnd: boolean;
}

const groupsCache = new WeakMap<BodyMap, WeakMap<StepMotion, readonly ContactGroup[]>>();

/**
 * The distinct region sets a motion's contacts fall in: every contact is tested, but a plan's checks then
 * run once per set. Memoised per body map and motion (the same motion always lies in the same regions).
 */
export function contactGroups(map: BodyMap, motion: StepMotion): readonly ContactGroup[] {
  const byMotion = cachedValue(groupsCache, map, () => new WeakMap());
  return cachedValue(byMotion, motion, () => contactGroupsComputed(map, motion));
}

function contactGroupsComputed(map: BodyMap, motion: StepMotion): readonly ContactGroup[] {
  const groups = new Map<string, ContactGroup>();
  for (const c of motionContacts(motion)) {
    const hits = regionsNear(map, c.point, c.halfWidth);
    const near = regionsNear(map, c.point, c.halfWidth + NEVER_PRESS_MARGIN).filter(
      (h) => h.maxPressure === 0,
    );
    const isEnd = c.isEnd === true;
    const key = `${c.isPressing}|${c.pressureCap}|${isEnd}|${hits.map((h) => `${h.region}/${h.side}`).join(',')}|${near.map((h) => h.region).join(',')}`;
    if (!groups.has(key))
      groups.set(key, { isPressing: c.isPressing, pressureCap: c.pressureCap, hits, near, isEnd });
  }
  return [...groups.values()];
}

function effectivePressure(step: PlannedStep | PlannedPart, regionIds: readonly string[]): number {
  // A hold presses nothing, but it is contact: count it as a resting touch.
  let p = step.pressure ?? 1;
  for (const r of regionIds) {
    const cap = step.pressureByRegion[r];
    if (cap !== undefined && cap < p) p = cap;
  }
  return p;
}

/**
 * Re-derives every safety invariant of a plan from geometry and the rules alone (DESIGN.md "Safety is an
 * invariant"): no contact on a never-press region, no pressure past a region's tolerance, nothing on an
 * excluded region, no step a rule skips, every cap honoured, every refusal honoured, and sound timing.
 * Returns the violations; an empty list means the plan is safe.
 */
export function checkPlan(
  result: PlanResult,
  intake: Intake,
  rules: readonly Rule[],
  map: BodyMap,
  options: Partial<RuleOptions> = {},
): PlanViolation[] {
  const ruleOptions: RuleOptions = { ...DEFAULT_RULE_OPTIONS, ...options };
  const fired = effectsFiring(rules, intake, ruleOptions);
  const refusing = fired.filter((f) => f.effect.kind === 'refuse');
  const out: PlanViolation[] = [];
  if (result.refused) {
    if (refusing.length === 0)
      out.push({ code: 'refused-without-rule', message: 'refused, but no rule refuses' });
    return out;
  }
  for (const f of refusing) {
    out.push({ code: 'not-refused', message: `rule ${f.rule.id} refuses this intake, but a plan was made` });
  }
  const exclusions = exclusionsFor(fired, intake, (t) => t.en, 'client-avoid-region');

  for (const planned of result.steps) {
    // A step in parts is checked part by part: each part's own motion, pressure, tags and technique.
    for (const step of plannedPieces(planned)) {
      const isPart = step !== planned;
      const name = isPart ? `${planned.id} (${step.id})` : planned.id;
      const where = { step: planned.id, side: planned.side };
      const hitsAll = new Map<string, { region: string; side: Side | null }>();
      const reported = new Set<string>();
      const report = (key: string, v: PlanViolation) => {
        if (!reported.has(key)) {
          reported.add(key);
          out.push(v);
        }
      };
      for (const g of contactGroups(map, step.motion)) {
        const ids = g.hits.map((h) => h.region);
        const pressure = Math.min(effectivePressure(step, ids), g.pressureCap ?? 5);
        if (!g.isEnd) for (const h of g.hits) hitsAll.set(`${h.region}/${h.side}`, h);
        for (const h of g.near) {
          if (h.maxPressure === 0) {
            report(`never/${h.region}`, {
              code: 'never-press-region',
              ...where,
              message: `${name} touches ${h.region}, which is never pressed`,
            });
          }
        }
        for (const h of g.hits) {
          if (g.isPressing && !g.isEnd && h.maxPressure > 0 && pressure > h.maxPressure) {
            report(`tol/${h.region}`, {
              code: 'over-tolerance',
              ...where,
              message: `${name} presses ${h.region} at ${pressure}; it tolerates ${h.maxPressure}`,
            });
          }
          for (const ex of exclusions) {
            if (exclusionCovers(ex, h)) {
              report(`ex/${ex.rule}/${h.region}`, {
                code: 'excluded-region',
                ...where,
                message: `${name} touches ${h.region} (${h.side ?? 'midline'}), excluded by ${ex.rule}`,
              });
            }
          }
          // Region caps from soften rules (knee-light, neck-injury).
          for (const f of fired) {
            if (f.effect.kind !== 'soften' || !regionCapCovers(f, h)) continue;
            if (!g.isPressing || g.isEnd || step.pressure === null) continue;
            if (pressure > f.effect.maxPressure) {
              report(`cap/${f.rule.id}/${h.region}`, {
                code: 'over-cap',
                ...where,
                message: `${name} presses ${h.region} at ${pressure}; ${f.rule.id} caps it at ${f.effect.maxPressure}`,
              });
            }
          }
        }
      }
      const target: MatchTarget = {
        id: planned.id,
        technique: step.technique,
        tags: step.tags,
        position: planned.position,
        side: planned.side,
        regions: [...hitsAll.values()].map((h) => ({ ...h, region: h.region as never, maxPressure: 5 })),
      };
      for (const f of fired) {
        if (
          f.effect.kind === 'skip' &&
          f.effect.match?.tags === undefined &&
          stepMatches(f.effect.match, target, f.sides)
        ) {
          out.push({
            code: 'skipped-step-planned',
            ...where,
            message: `${f.rule.id} skips ${name}, but it is planned`,
          });
        }
        if (
          f.effect.kind === 'soften' &&
          f.effect.region === undefined &&
          step.pressure !== null &&
          step.pressure > f.effect.maxPressure &&
          stepMatches(f.effect.match, target, f.sides)
        ) {
          out.push({
            code: 'over-cap',
            ...where,
            message: `${name} at ${step.pressure}; ${f.rule.id} caps it at ${f.effect.maxPressure}`,
          });
        }
      }
      if (step.pressure !== null && step.pressure > intake.pressurePreference) {
        out.push({
          code: 'over-cap',
          ...where,
          message: `${name} at ${step.pressure}; the client asked for at most ${intake.pressurePreference}`,
        });
      }
    }
  }

  let clock = 0;
  for (const step of result.steps) {
    if (Math.abs(step.start - clock) > 1e-6 || !(step.duration > 0) || !(step.reps >= 1)) {
      out.push({
        code: 'timing',
        step: step.id,
        side: step.side,
        message: `${step.id} starts at ${step.start}, expected ${clock}`,
      });
    }
    if (step.parts) {
      let partClock = step.start;
      for (const part of step.parts) {
        if (Math.abs(part.start - partClock) > 1e-6 || !(part.duration > 0) || !(part.reps >= 1)) {
          out.push({
            code: 'timing',
            step: step.id,
            side: step.side,
            message: `${step.id} (${part.id}) starts at ${part.start}, expected ${partClock}`,
          });
        }
        partClock = part.start + part.duration;
      }
      if (Math.abs(partClock - (step.start + step.duration)) > 1e-6) {
        out.push({
          code: 'timing',
          step: step.id,
          side: step.side,
          message: `the parts of ${step.id} end at ${partClock}, the step at ${step.start + step.duration}`,
        });
      }
    }
    clock = step.start + step.duration;
  }
  if (Math.abs(clock - result.totalSeconds) > 1e-6) {
    out.push({
      code: 'timing',
      message: `totalSeconds ${result.totalSeconds} but the steps add up to ${clock}`,
    });
  }
  const asked = intake.minutes * 60;
  if (
    Math.abs(result.totalSeconds - asked) > asked * DURATION_TOLERANCE &&
    !result.warnings.some((w) => w.rule === 'session-length')
  ) {
    out.push({
      code: 'length',
      message: `${result.totalSeconds} s planned for ${asked} s asked, with no warning saying why`,
    });
  }
  for (const f of fired) {
    if (f.effect.kind !== 'limit-position') continue;
    const position = f.effect.position;
    const seconds = result.steps.filter((s) => s.position === position).reduce((a, s) => a + s.duration, 0);
    if (seconds > f.effect.maxMinutes * 60) {
      out.push({
        code: 'position-time',
        message: `${seconds} s ${position}; ${f.rule.id} allows at most ${f.effect.maxMinutes} minutes`,
      });
    }
  }
  for (const f of fired) {
    if (f.effect.kind === 'warn' && !result.warnings.some((w) => w.rule === f.rule.id)) {
      out.push({
        code: 'missing-warning',
        message: `rule ${f.rule.id} warns, but the plan has no such warning`,
      });
    }
  }
  return out;
}
