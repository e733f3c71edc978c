import { type BodyMap, type RegionHit, regionsWithin } from './body-map.js';
import { bodyPoint } from './geometry.js';
import { CONTACT_HALF_LENGTH, CONTACT_HALF_WIDTH, type ContactTool, HAND_SPAN } from './ids.js';
import { cachedValue } from './memo.js';
import type { HandTrack, StepMotion, TrackPoint } from './plan-types.js';
import { trackPointMirrored } from './step-motion.js';

/** How finely tracks are sampled for region tests, in body units (≈ 3.5 mm on a 175 cm client). */
export const TRACK_SAMPLE_STEP = 0.002;
/** The least reach of any contact around its centre when testing exclusions: a thumb circle or a fingertip's width. */
export const CONTACT_MARGIN = 0.01;
/** Within this distance of a never-press region a contact's edge counts as on it: skin moves, hands are not exact. */
export const NEVER_PRESS_MARGIN = 0.006;
const WIDEST = Math.max(...Object.values(CONTACT_HALF_WIDTH));

/** A tool's contact half-width (ids.ts); a tool without one counts as the widest (wider is safer). */
export function contactHalfWidth(tool: ContactTool): number {
  return CONTACT_HALF_WIDTH[tool] ?? WIDEST;
}

/**
 * The half-width a hand's contact is tested with: its tool's, for a hand that works (strokes, presses, lifts); a
 * holding hand (the routine's `hold`) only steadies the limb where it is held, so it counts where it holds, as a point.
 */
export function handHalfWidth(hand: Pick<HandTrack, 'tool' | 'isHolding'>): number {
  return hand.isHolding ? 0 : contactHalfWidth(hand.tool);
}

const LONGEST = Math.max(...Object.values(CONTACT_HALF_LENGTH));

/** A tool's contact half-length along the stroke (ids.ts); a tool without one counts as the longest (longer is safer). */
export function contactHalfLength(tool: ContactTool): number {
  return CONTACT_HALF_LENGTH[tool] ?? LONGEST;
}

/**
 * How far a hand's footprint reaches along its stroke beyond the disc of its half-width: the tool's half-length less
 * its half-width (the footprint is that disc swept this far either way along the stroke). A holding hand counts as a
 * point (handHalfWidth), so none. A hand whose stroke is shorter than its tool and whose fingers the step turns by a
 * rule of its own (`fingers` other than `along`: a stretch, a hair draw) works in place: its stroke's direction says
 * nothing of which way the hand lies, so none either. A hand that lies along its stroke (no rule, or `along`) lies
 * so however short the stroke: a forearm slid 2 cm still reaches its whole length along it.
 */
export function handReachAlong(
  hand: Pick<HandTrack, 'tool' | 'isHolding' | 'points'>,
  fingers?: StepMotion['fingers'],
): number {
  if (hand.isHolding) return 0;
  const halfLength = contactHalfLength(hand.tool);
  const liesAlong = fingers === undefined || fingers === 'along';
  if (!liesAlong && runLength(hand.points) < halfLength) return 0;
  return Math.max(0, halfLength - contactHalfWidth(hand.tool));
}

/** A hand's span (HAND_SPAN) as a footprint: a disc of this half-width swept along the stroke and past its ends. */
export interface HandSpanFootprint {
  readonly halfWidth: number;
  /** How far past the disc the span reaches behind the contact (against the fingers) and ahead of it. */
  readonly behind: number;
  readonly ahead: number;
}

/**
 * The footprint of the whole hand round its contact, for a tool whose hand reaches beyond its contact (HAND_SPAN);
 * null for the others and for a holding hand. The fingers point along the working stroke, and keep that way on the
 * way back (techniques' fingerAngle), so behind and ahead are along the working stroke. None for a hand the step
 * turns by a rule of its own (`fingers` other than `along`).
 */
export function handSpan(
  hand: Pick<HandTrack, 'tool' | 'isHolding'>,
  fingers?: StepMotion['fingers'],
): HandSpanFootprint | null {
  const span = HAND_SPAN[hand.tool];
  if (hand.isHolding || !span) return null;
  const behind = Math.max(0, span.behind - span.across);
  const ahead = Math.max(0, span.ahead - span.across);
  // A hand the step turns by a rule of its own (the sole's thumb, the scalp's fingertips) lies where that rule
  // puts it, which the stroke does not say: its contact's footprint is what the planner knows of it.
  const liesAlong = fingers === undefined || fingers === 'along';
  return liesAlong ? { halfWidth: span.across, behind, ahead } : null;
}

/**
 * The points a hand's span reaches past a stroke's two ends: behind its start and ahead of its end, swapped for the
 * way back (its fingers still point along the working stroke).
 */
export function handSpanEnds(
  points: readonly TrackPoint[],
  span: HandSpanFootprint,
  options: { isReturn: boolean },
): TrackEnds {
  const before = options.isReturn ? span.ahead : span.behind;
  const after = options.isReturn ? span.behind : span.ahead;
  return { before: trackEndsBeyond(points, before).before, after: trackEndsBeyond(points, after).after };
}

/** The points a stroke's footprint reaches beyond its two ends: before the start (in track order) and after the end. */
export interface TrackEnds {
  readonly before: readonly TrackPoint[];
  readonly after: readonly TrackPoint[];
}

const NO_ENDS: TrackEnds = { before: [], after: [] };
const endsCache = new WeakMap<readonly TrackPoint[], Map<number, TrackEnds>>();

/**
 * The points `reach` beyond each end of a track, straight on along its first and last pieces, at most
 * TRACK_SAMPLE_STEP apart: where a tool's footprint lies past the ends of its stroke (a palm's heel behind the start,
 * its fingers past the end). None for a point or a track of no length. Memoised per track and reach.
 */
export function trackEndsBeyond(points: readonly TrackPoint[], reach: number): TrackEnds {
  if (reach <= 0 || points.length < 2) return NO_ENDS;
  const byReach = cachedValue(endsCache, points, () => new Map<number, TrackEnds>());
  const known = byReach.get(reach);
  if (known) return known;
  const ends = endsComputed(points, reach);
  byReach.set(reach, ends);
  return ends;
}

function endsComputed(points: readonly TrackPoint[], reach: number): TrackEnds {
  const beyond = (end: TrackPoint, toward: readonly TrackPoint[]): TrackPoint[] => {
    // The direction away from the track at this end: from the first point that is not the end itself.
    const next = toward.find((q) => Math.hypot(q.x - end.x, q.y - end.y) > 1e-9);
    if (!next) return [];
    const d = Math.hypot(end.x - next.x, end.y - next.y);
    const ux = (end.x - next.x) / d;
    const uy = (end.y - next.y) / d;
    const n = Math.max(1, Math.ceil(reach / TRACK_SAMPLE_STEP));
    const out: TrackPoint[] = [];
    for (let k = 1; k <= n; k++) {
      const t = (reach * k) / n;
      out.push({ x: end.x + ux * t, y: end.y + uy * t, surface: end.surface });
    }
    return out;
  };
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    before: beyond(first, points.slice(1)).reverse(),
    after: beyond(last, [...points].reverse().slice(1)),
  };
}

/** One footprint a clip keeps free: what blocks it, and how far it reaches before and after each contact point. */
interface Footprint {
  readonly isBlocked: (p: TrackPoint) => boolean;
  readonly before: number;
  readonly after: number;
}

/**
 * Per sample of a track: whether the footprint there is blocked, that is whether any contact point within its
 * reach along the track (its end extensions, trackEndsBeyond, included) is blocked.
 */
function footprintBlockedFlags(
  points: readonly TrackPoint[],
  samples: readonly TrackPoint[],
  footprint: Footprint,
): boolean[] {
  const { isBlocked } = footprint;
  if (footprint.before <= 0 && footprint.after <= 0) return samples.map(isBlocked);
  const before = trackEndsBeyond(points, footprint.before).before;
  const after = trackEndsBeyond(points, footprint.after).after;
  const all = [...before, ...samples, ...after];
  const along = new Float64Array(all.length);
  const blockedBefore = new Int32Array(all.length + 1);
  for (let k = 0; k < all.length; k++) {
    if (k > 0) along[k] = along[k - 1]! + Math.hypot(all[k]!.x - all[k - 1]!.x, all[k]!.y - all[k - 1]!.y);
    blockedBefore[k + 1] = blockedBefore[k]! + (isBlocked(all[k]!) ? 1 : 0);
  }
  const out: boolean[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < samples.length; i++) {
    const k = before.length + i;
    while (along[lo]! < along[k]! - footprint.before - 1e-12) lo++;
    while (hi + 1 < all.length && along[hi + 1]! <= along[k]! + footprint.after + 1e-12) hi++;
    out.push(blockedBefore[hi + 1]! - blockedBefore[lo]! > 0);
  }
  return out;
}

/** Per sample: blocked for any of the footprints. */
function footprintsBlockedFlags(
  points: readonly TrackPoint[],
  samples: readonly TrackPoint[],
  footprints: readonly Footprint[],
): boolean[] {
  const flags = footprints.map((f) => footprintBlockedFlags(points, samples, f));
  return samples.map((_, i) => flags.some((f) => f[i]));
}

/**
 * The longest run of samples whose footprints are free, shortened at an end while a footprint's own extension past
 * that end (straight on, where the track went on round a bend) is blocked.
 */
function footprintRun(
  samples: readonly TrackPoint[],
  flags: readonly boolean[],
  footprints: readonly Footprint[],
): TrackPoint[] {
  let run = longestRun(samples, flags);
  while (run.length >= 2) {
    let cut = false;
    for (const f of footprints) {
      if (f.before > 0 && endsComputed(run, f.before).before.some(f.isBlocked)) {
        run = run.slice(1);
        cut = true;
        break;
      }
      if (f.after > 0 && endsComputed(run, f.after).after.some(f.isBlocked)) {
        run = run.slice(0, -1);
        cut = true;
        break;
      }
    }
    if (!cut) break;
  }
  return run;
}

/**
 * How far from a contact's centre the planner keeps an excluded region: the tool's half-width, and never less than
 * CONTACT_MARGIN (a circling thumb). A never-press region is kept the never-press margin further (contactReach).
 */
export function exclusionReach(halfWidth: number): number {
  return Math.max(CONTACT_MARGIN, halfWidth);
}

/**
 * How far from a contact's centre the planner keeps a never-press region: the tool's half-width and the never-press
 * margin, never less than CONTACT_MARGIN; never less than what checkPlan tests, so a planned step passes it.
 */
export function contactReach(halfWidth: number): number {
  return Math.max(CONTACT_MARGIN, halfWidth + NEVER_PRESS_MARGIN);
}

const sampledCache = new WeakMap<readonly TrackPoint[], readonly TrackPoint[]>();

/**
 * Densifies a polyline so no two consecutive points are further apart than `step`. The default step's
 * result is memoised per input array (the same array gives the same, shared, read-only samples).
 */
export function trackSampled(points: readonly TrackPoint[], step = TRACK_SAMPLE_STEP): readonly TrackPoint[] {
  if (step !== TRACK_SAMPLE_STEP) return sampledAt(points, step);
  return cachedValue(sampledCache, points, () => sampledAt(points, step));
}

function sampledAt(points: readonly TrackPoint[], step: number): TrackPoint[] {
  const first = points[0];
  if (!first) return [];
  const out: TrackPoint[] = [first];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 1; k <= n; k++) {
      const t = k / n;
      out.push({
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
        surface: k === n ? b.surface : a.surface,
      });
    }
  }
  return out;
}

/** The regions within `margin` of a point: every region a disc of that radius around it reaches, once per side. */
export function regionsNear(map: BodyMap, p: TrackPoint, margin = CONTACT_MARGIN): RegionHit[] {
  const seen = new Set<string>();
  const out: RegionHit[] = [];
  for (const h of regionsWithin(map, p.surface, bodyPoint(p.x, p.y), margin)) {
    const key = `${h.region}/${h.side}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(h);
    }
  }
  return out;
}

/** Whether a contact point of a hand is blocked (the hand's contact half-width, handHalfWidth, decides what it reaches). */
export type ContactBlocked = (p: TrackPoint, halfWidth: number) => boolean;

function longestRun(samples: readonly TrackPoint[], blocked: readonly boolean[]): TrackPoint[] {
  let best: TrackPoint[] = [];
  let current: TrackPoint[] = [];
  for (let i = 0; i < samples.length; i++) {
    const p = samples[i]!;
    if (blocked[i]) {
      if (current.length > best.length) best = current;
      current = [];
    } else current.push(p);
  }
  return current.length > best.length ? current : best;
}

function simplified(points: readonly TrackPoint[]): TrackPoint[] {
  // Keep the corners of a densified run: drop points collinear with their neighbours.
  if (points.length <= 2) return [...points];
  const out: TrackPoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const a = out[out.length - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (Math.abs(cross) > 1e-9 || b.surface !== c.surface) out.push(b);
  }
  out.push(points[points.length - 1]!);
  return out;
}

function runLength(points: readonly TrackPoint[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  }
  return total;
}

/** The outcome of fitting a motion around blocked regions. */
export type ClipResult =
  | { readonly kind: 'unchanged'; readonly motion: StepMotion }
  | { readonly kind: 'clipped'; readonly motion: StepMotion }
  | { readonly kind: 'blocked' };

function handClipped(
  hand: HandTrack,
  isBlockedFor: ContactBlocked,
  fingers: StepMotion['fingers'],
  isSpanBlockedFor?: ContactBlocked,
): { hand: HandTrack; changed: boolean } | null {
  const halfWidth = handHalfWidth(hand);
  const isBlocked = (p: TrackPoint) => isBlockedFor(p, halfWidth);
  const samples = trackSampled(hand.points);
  if (hand.isHolding || hand.points.length === 1) {
    return samples.some(isBlocked) ? null : { hand, changed: false };
  }
  // The whole footprint: the half-width's disc swept along the stroke, and past its ends by the tool's length.
  const reach = handReachAlong(hand, fingers);
  const contact: Footprint = { isBlocked, before: reach, after: reach };
  // And the whole hand round the contact (HAND_SPAN), where the tool's hand reaches beyond it: its fingers keep
  // pointing along the working stroke, so on the way back what lay behind lies ahead.
  const span = isSpanBlockedFor ? handSpan(hand, fingers) : null;
  const isSpanBlocked = (p: TrackPoint) => isSpanBlockedFor!(p, span!.halfWidth);
  const workFootprints: Footprint[] = span
    ? [contact, { isBlocked: isSpanBlocked, before: span.behind, after: span.ahead }]
    : [contact];
  const returnFootprints: Footprint[] = span
    ? [contact, { isBlocked: isSpanBlocked, before: span.ahead, after: span.behind }]
    : [contact];
  const workFlags = footprintsBlockedFlags(hand.points, samples, workFootprints);
  const workBlocked = workFlags.some(Boolean);
  const returnPressing = hand.isReturnPressing === true && hand.returnPoints !== undefined;
  const returnSamples = returnPressing ? trackSampled(hand.returnPoints ?? []) : [];
  const returnFlags = returnPressing
    ? footprintsBlockedFlags(hand.returnPoints ?? [], returnSamples, returnFootprints)
    : [];
  const returnBlocked = returnFlags.some(Boolean);
  if (!workBlocked && !returnBlocked) return { hand, changed: false };
  const work = workBlocked ? footprintRun(samples, workFlags, workFootprints) : samples;
  const original = runLength(hand.points);
  // A stroke cut to less than a quarter of itself (or under 3 cm) is not worth doing: skip the step instead.
  if (work.length < 2 || runLength(work) < Math.max(0.015, original * 0.25)) return null;
  const points = workBlocked ? simplified(work) : hand.points;
  let returnPoints: readonly TrackPoint[] | undefined = hand.returnPoints;
  let isReturnPressing = hand.isReturnPressing;
  if (hand.returnPoints !== undefined) {
    if (!returnPressing) returnPoints = [...points].reverse();
    else if (returnBlocked || workBlocked) {
      const kept = returnBlocked ? footprintRun(returnSamples, returnFlags, returnFootprints) : returnSamples;
      if (kept.length >= 2 && runLength(kept) >= 0.015) returnPoints = simplified(kept);
      else {
        returnPoints = [...points].reverse();
        isReturnPressing = false;
      }
    }
  }
  const next: HandTrack = {
    ...hand,
    points,
    ...(returnPoints !== undefined ? { returnPoints } : {}),
    ...(isReturnPressing !== undefined ? { isReturnPressing } : {}),
  };
  return { hand: next, changed: true };
}

function motionClipped(
  motion: StepMotion,
  isBlocked: ContactBlocked,
  isSpanBlocked?: ContactBlocked,
): ClipResult {
  const hands: HandTrack[] = [];
  let changed = false;
  for (const h of motion.hands) {
    const r = handClipped(h, isBlocked, motion.fingers, isSpanBlocked);
    if (!r) return { kind: 'blocked' };
    hands.push(r.hand);
    changed ||= r.changed;
  }
  const next: StepMotion = { ...motion, hands };
  return changed ? { kind: 'clipped', motion: next } : { kind: 'unchanged', motion };
}

function mirroredMotion(motion: StepMotion): StepMotion {
  return {
    ...motion,
    hands: motion.hands.map((h) => ({
      ...h,
      points: h.points.map(trackPointMirrored),
      ...(h.returnPoints ? { returnPoints: h.returnPoints.map(trackPointMirrored) } : {}),
    })),
  };
}

/**
 * Fits a motion around blocked contact points: strokes are cut to their longest free run, a hold on a
 * blocked point blocks the step, and an alternating-sides motion keeps only a side that is free. With
 * `isSpanBlocked`, the whole hand round each contact (handSpan) is kept off what it blocks too.
 */
export function motionAvoiding(
  motion: StepMotion,
  isBlocked: ContactBlocked,
  isSpanBlocked?: ContactBlocked,
): ClipResult {
  const primary = motionClipped(motion, isBlocked, isSpanBlocked);
  if (!motion.alternateSidesEachRep) return primary;
  const mirror = motionClipped(mirroredMotion(motion), isBlocked, isSpanBlocked);
  if (primary.kind === 'unchanged' && mirror.kind === 'unchanged') return primary;
  // Work only the side that is free, rather than cut both.
  if (primary.kind === 'unchanged')
    return { kind: 'clipped', motion: { ...motion, alternateSidesEachRep: false } };
  if (mirror.kind === 'unchanged') {
    return { kind: 'clipped', motion: { ...mirror.motion, alternateSidesEachRep: false } };
  }
  if (primary.kind === 'clipped') {
    return { kind: 'clipped', motion: { ...primary.motion, alternateSidesEachRep: false } };
  }
  return { kind: 'blocked' };
}
