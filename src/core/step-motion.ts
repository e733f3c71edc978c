import { type BodyMap, landmarkPoint } from './body-map.js';
import type { ClientPosition, ContactTool, Side, Surface } from './ids.js';
import type { HandTrack, StepMotion, TrackPoint } from './plan-types.js';
import type { PathSpec, Step, Waypoint } from './routine.js';

/** A landmark a step names that the body map does not have. */
export interface UnknownLandmark {
  readonly landmark: string;
  /** Where in the step it was named, as a path of keys (for error positions). */
  readonly path: readonly (string | number)[];
}

/** The surface a position shows from above. */
export function surfaceForPosition(position: ClientPosition): Surface {
  return position === 'supine' ? 'anterior' : 'posterior';
}

interface Context {
  readonly map: BodyMap;
  readonly side: Side | null;
  readonly unknown: UnknownLandmark[];
}

function landmarkResolved(
  ctx: Context,
  at: string,
  offsets: { lateral?: number | undefined; dy?: number | undefined },
  surface: Surface,
  where: readonly (string | number)[],
): TrackPoint {
  const base = landmarkPoint(ctx.map, at, ctx.side);
  if (!base) {
    ctx.unknown.push({ landmark: at, path: where });
    return { x: 0, y: 0, surface };
  }
  const sign = ctx.side === 'right' ? 1 : -1;
  return { x: base.x + sign * (offsets.lateral ?? 0), y: base.y + (offsets.dy ?? 0), surface };
}

function waypointResolved(
  ctx: Context,
  wp: Waypoint,
  surface: Surface,
  where: readonly (string | number)[],
): TrackPoint {
  const next = wp.surface ?? surface;
  if ('at' in wp) return landmarkResolved(ctx, wp.at, wp, next, [...where, 'at']);
  // Absolute points are written for the client's left; the right side mirrors them.
  const sign = ctx.side === 'right' ? -1 : 1;
  return { x: wp.x * sign, y: wp.y, surface: next };
}

function pathResolved(
  ctx: Context,
  spec: PathSpec,
  surface: Surface,
  where: readonly (string | number)[],
): TrackPoint[] {
  if (Array.isArray(spec)) {
    const out: TrackPoint[] = [];
    let current = surface;
    spec.forEach((wp, i) => {
      const p = waypointResolved(ctx, wp, current, [...where, i]);
      current = p.surface;
      out.push(p);
    });
    return out;
  }
  const span = spec as Exclude<PathSpec, readonly unknown[]>;
  const s = span.surface ?? surface;
  return [
    landmarkResolved(ctx, span.from, span, s, [...where, 'from']),
    landmarkResolved(ctx, span.to, span, s, [...where, 'to']),
  ];
}

function toolsFor(step: Step): { left: ContactTool; right: ContactTool } {
  const t = step.tools;
  if (t === undefined) return { left: 'palm', right: 'palm' };
  if (typeof t === 'string') return { left: t, right: t };
  return t;
}

function sideCtx(ctx: Context, side: Side | null): Context {
  return { map: ctx.map, side, unknown: ctx.unknown };
}

/**
 * Resolves a step's paths into hand tracks for one side (null: a midline step).
 * Unknown landmarks are collected, not thrown, so a validator can report them all.
 */
export function stepMotionResolved(
  map: BodyMap,
  step: Step,
  options: { position: ClientPosition; side: Side | null },
): { motion: StepMotion; unknownLandmarks: UnknownLandmark[] } {
  const unknown: UnknownLandmark[] = [];
  const ctx: Context = { map, side: options.side, unknown };
  const surface = surfaceForPosition(options.position);
  const tools = toolsFor(step);
  const arrangement = step.hands ?? (step.path || step.paths ? 'together' : 'none');
  const alternateSidesEachRep = step.alternateSidesEachRep ?? false;
  if (step.technique === 'rest' || arrangement === 'none' || (!step.path && !step.paths)) {
    return { motion: { arrangement: 'none', hands: [], alternateSidesEachRep }, unknownLandmarks: unknown };
  }
  const ret = step.return ?? 'none';
  // A per-side step is written for the client's left; on the right everything mirrors, the practitioner's
  // hands included: what the YAML gives the left hand, the right hand does (and the other way round).
  const roleOf = (hand: 'left' | 'right'): 'left' | 'right' =>
    options.side === 'right' ? (hand === 'left' ? 'right' : 'left') : hand;
  const withReturn = (hand: 'left' | 'right', points: TrackPoint[], handCtx: Context): HandTrack => {
    const base: HandTrack = { hand, tool: tools[roleOf(hand)], points };
    if (ret === 'none') return base;
    if (ret === 'lifted' || ret === 'pressing') {
      return { ...base, returnPoints: [...points].reverse(), isReturnPressing: ret === 'pressing' };
    }
    const spec = ret[roleOf(hand)];
    if (!spec) return { ...base, returnPoints: [...points].reverse(), isReturnPressing: false };
    const last = points.at(-1)?.surface ?? surface;
    return {
      ...base,
      returnPoints: pathResolved(handCtx, spec, last, ['return', hand]),
      isReturnPressing: true,
      ...(ret.pressure !== undefined ? { returnPressure: ret.pressure } : {}),
    };
  };

  const hands: HandTrack[] = [];
  if (arrangement === 'independent') {
    const paths = step.paths;
    if (paths) {
      const leftCtx = sideCtx(ctx, options.side ?? 'left');
      const rightCtx = sideCtx(ctx, options.side ?? 'right');
      hands.push(withReturn('left', pathResolved(leftCtx, paths.left, surface, ['paths', 'left']), leftCtx));
      hands.push(
        withReturn('right', pathResolved(rightCtx, paths.right, surface, ['paths', 'right']), rightCtx),
      );
    }
  } else if (step.path) {
    if (arrangement === 'mirrored') {
      const leftCtx = sideCtx(ctx, 'left');
      const rightCtx = sideCtx(ctx, 'right');
      hands.push(withReturn('left', pathResolved(leftCtx, step.path, surface, ['path']), leftCtx));
      const before = unknown.length;
      hands.push(withReturn('right', pathResolved(rightCtx, step.path, surface, ['path']), rightCtx));
      unknown.length = before; // the same names were reported for the left hand
    } else {
      const workCtx = options.side ? ctx : sideCtx(ctx, 'left');
      const points = pathResolved(workCtx, step.path, surface, ['path']);
      // The hand on the worked side leads (the seed: on the left leg the left hand is above the right).
      const lead: 'left' | 'right' = options.side === 'right' ? 'right' : 'left';
      const other: 'left' | 'right' = lead === 'left' ? 'right' : 'left';
      if (arrangement === 'hold-and-work') {
        hands.push(withReturn(lead, points, workCtx));
        const holdAt = step.hold
          ? waypointResolved(workCtx, step.hold, surface, ['hold'])
          : (points[0] ?? { x: 0, y: 0, surface });
        hands.push({ hand: other, tool: tools[roleOf(other)], points: [holdAt], isHolding: true });
      } else {
        hands.push(withReturn(lead, points, workCtx));
        hands.push(withReturn(other, points, workCtx));
      }
    }
  }
  const { fingers, turn } = step;
  return {
    motion: {
      arrangement,
      hands,
      alternateSidesEachRep,
      ...(fingers ? { fingers } : {}),
      ...(turn ? { turn } : {}),
    },
    unknownLandmarks: unknown,
  };
}

/** Mirrors a track point across the spine line. */
export function trackPointMirrored(p: TrackPoint): TrackPoint {
  return { x: -p.x, y: p.y, surface: p.surface };
}
