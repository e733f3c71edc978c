import { type BodyPoint, polygonContains } from '../core/geometry.js';
import type { ContactTool, TechniqueKind } from '../core/ids.js';
import { cachedValue } from '../core/memo.js';
import { type HandState, type Moment, momentMotion } from '../core/moment.js';
import type { StepMotion, TrackPoint } from '../core/plan-types.js';
import { KNEAD_RADIUS, rotationSense } from '../core/techniques/index.js';
import { armOutlinePairs } from './body-figure.js';
import { FACE_AND_THROAT } from './drawn-hands.js';
import { labelSize, type RenderLabels } from './labels.js';
import type { MarkLayerOptions } from './layer-options.js';
import { LAYER_RUN_BREAK } from './layers.js';
import {
  lineAt,
  lineMeasured,
  linePart,
  lineProjection,
  type MeasuredLine,
  polygonDistance,
} from './polyline.js';
import { el, num, numberBadgeSvg, polylinePathData, smoothPathData, type XY, xmlEscaped } from './svg.js';
import { textWidth } from './text-metrics.js';
import type { Theme } from './theme.js';
import { screenAngleFromBody, screenFromBody, type ViewLayout } from './view.js';

/** How a stroke is marked along its path. */
type StrokeMark = 'dashes' | 'dots' | 'loops' | 'chevrons' | 'brackets' | 'none';
/** An extra mark that shows what the technique does beyond the path. */
type Emphasis = 'bold-arrow' | 'circle-arrow' | 'lift' | 'none';

/** The marks one technique kind draws. */
interface MarkSpec {
  readonly stroke: StrokeMark;
  /** Loop radius for circular strokes, in body heights. */
  readonly loop?: number;
  readonly emphasis: Emphasis;
  /** Also shows the lift of the head or limb (moment.extent). */
  readonly showsLift?: boolean;
  /** The label beside the bold arrow. */
  readonly arrowLabel?: keyof Pick<RenderLabels, 'toResistance'>;
  /** With no stroke to follow, the bold arrow points against the fingers (a pull toward the practitioner). */
  readonly pullsAgainstFingers?: boolean;
  /**
   * The stroke ahead of the hand is drawn again over the hands (in the marks layer): short strokes the hand covers
   * nearly end to end (drainage, a hand's length at a time) would otherwise show no arrow at all.
   */
  readonly isAheadOverHands?: boolean;
  /**
   * With no stroke to follow, the end of the limb is bent: pressed on the surface in view (the sole, prone) it
   * moves toward the head (the foot toward the shin, seed figure 115); worked from the hidden side, toward the
   * feet (figure 116).
   */
  readonly bendsBySurface?: boolean;
  /**
   * How the head-end view marks it instead of by its stroke: the strand drawn out from its root (a hair draw), or
   * the pull toward the practitioner (a traction).
   */
  readonly headMark?: 'strand' | 'pull';
}

/** Each technique kind declares its marks (CONVENTIONS.md: each kind brings its own answer). */
export const TECHNIQUE_MARKS: Readonly<Record<TechniqueKind, MarkSpec>> = {
  glide: { stroke: 'dashes', emphasis: 'none' },
  press: { stroke: 'dots', emphasis: 'none' },
  knead: { stroke: 'loops', loop: KNEAD_RADIUS, emphasis: 'none' },
  friction: { stroke: 'loops', loop: 0.0065, emphasis: 'none' },
  rub: { stroke: 'loops', loop: 0.009, emphasis: 'none' },
  drain: { stroke: 'chevrons', emphasis: 'none', isAheadOverHands: true },
  squeeze: { stroke: 'brackets', emphasis: 'none' },
  traction: {
    stroke: 'dashes',
    emphasis: 'bold-arrow',
    showsLift: true,
    pullsAgainstFingers: true,
    headMark: 'pull',
  },
  stretch: { stroke: 'dashes', emphasis: 'bold-arrow', arrowLabel: 'toResistance', bendsBySurface: true },
  rotate: { stroke: 'dashes', emphasis: 'circle-arrow' },
  lift: { stroke: 'none', emphasis: 'lift', showsLift: true },
  tug: { stroke: 'dashes', emphasis: 'bold-arrow', headMark: 'strand' },
  rest: { stroke: 'none', emphasis: 'none' },
};

/** One hand's track on screen for the current repetition. */
export interface ScreenTrack {
  readonly hand: 'left' | 'right';
  /** The working stroke as drawn: beside the tool when the tool would hide it (`STROKE_BESIDE`). */
  readonly working: MeasuredLine;
  /** The working stroke where the hand goes (the same line unless it is drawn beside the tool). */
  readonly contact: MeasuredLine;
  readonly returning: MeasuredLine | null;
  readonly isReturnPressing: boolean;
  readonly isHolding: boolean;
}

/**
 * Tools whose drawing lies along their own stroke: the forearm (about 0.15 H long and 0.045 H wide, its middle on
 * the contact) covers the stroke ahead, arrowhead and all. Their stroke is drawn this far (body heights) beside
 * it, on the side away from the midline (so never across the spine), as ILLUSTRATION.md asks: "arrows run beside
 * the hands, not under them".
 */
const STROKE_BESIDE: Partial<Record<ContactTool, number>> = { forearm: 0.042 };

/** How far (body heights) a way back that follows the working stroke's own line is drawn beside it: about 3 cm. */
const RETURN_BESIDE = 0.018;

/** The client's arms from above (body frame), where no arrow beside a tool is drawn. */
const ARMS: readonly (readonly BodyPoint[])[] = armOutlinePairs().map((arm) =>
  arm.map(([x, y]) => ({ x, y }) as BodyPoint),
);

/**
 * How much of a line drawn beside a tool lies where no arrow may: points (every 0.005 H) within 0.03 H of the
 * spine line (its hatch and a margin) weigh a thousand (never, while another side is clear), points on the
 * client's arms one.
 */
function besideCost(points: readonly BodyPoint[]): number {
  let cost = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 0.005));
    for (let k = i === 1 ? 0 : 1; k <= n; k++) {
      const p = { x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n } as BodyPoint;
      if (Math.abs(p.x) < 0.03) cost += 1000;
      else if (ARMS.some((arm) => polygonContains(arm, p))) cost += 1;
    }
  }
  return cost;
}

/** Of lines drawn beside a tool, the one of least `besideCost` (each costed once), then of least `tieBreak`. */
function cheapestBeside(
  lines: readonly BodyPoint[][],
  tieBreak: (line: readonly BodyPoint[]) => number,
): BodyPoint[] {
  const costed = lines.map((line) => ({ line, cost: besideCost(line), tie: tieBreak(line) }));
  costed.sort((a, b) => a.cost - b.cost || a.tie - b.tie);
  return costed[0]!.line;
}

/** A polyline moved `distance` to one side (`side` +1: the left of its direction in the body frame). */
function lineBeside(points: readonly BodyPoint[], distance: number, side: number): BodyPoint[] {
  const normal = (a: BodyPoint, b: BodyPoint) => {
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
  };
  return points.map((p, i) => {
    const before = i > 0 ? normal(points[i - 1]!, p) : null;
    const after = i < points.length - 1 ? normal(p, points[i + 1]!) : null;
    const n =
      before && after
        ? { x: before.x + after.x, y: before.y + after.y }
        : (before ?? after ?? { x: 0, y: 0 });
    const len = Math.hypot(n.x, n.y) || 1;
    // At a bend the offset grows so the two sides stay `distance` from the line (at most twice, at sharp bends).
    const cos = before && after ? Math.max(before.x * after.x + before.y * after.y, -0.5) : 1;
    const k = (distance * side) / Math.sqrt((1 + cos) / 2) / len;
    return { x: p.x + n.x * k, y: p.y + n.y * k };
  });
}

/** True when this repetition works the mirror image of the tracks (alternateSidesEachRep, odd repetitions). */
export function isRepetitionMirrored(moment: Moment): boolean {
  return momentMotion(moment).alternateSidesEachRep && (moment.repetition - 1) % 2 === 1;
}

/** Tracks by view, motion and mirroring: the same for every frame of a step (the layouts are cached, one per size). */
const tracksCache = new WeakMap<ViewLayout, WeakMap<StepMotion, Map<number, readonly ScreenTrack[]>>>();

/**
 * The step's hand tracks in screen space for this moment's repetition (made from the view, the running motion and
 * whether the repetition is mirrored alone: found again for every frame of it, by the path, its numbers, the
 * legend and the emphasis). Shared: never change them.
 */
export function screenTracks(view: ViewLayout, moment: Moment): readonly ScreenTrack[] {
  const sign = isRepetitionMirrored(moment) ? -1 : 1;
  const byMotion = cachedValue(tracksCache, view, () => new WeakMap());
  const bySign = cachedValue(byMotion, momentMotion(moment), () => new Map<number, readonly ScreenTrack[]>());
  return cachedValue(bySign, sign, () => screenTracksMade(view, moment, sign));
}

function screenTracksMade(view: ViewLayout, moment: Moment, sign: -1 | 1): ScreenTrack[] {
  // Seen from above, supine, a path that goes on under the neck and head would be drawn over the face: the
  // picture stops it where it reaches the face or throat (the head-end view shows the rest).
  const isSupine = view.lateralSign === 1;
  const isOnFace = (p: { x: number; y: number }) => isSupine && polygonDistance(FACE_AND_THROAT, p) === 0;
  // Work on the surface the view cannot see (under the shoulders and neck, seen from above the face) is cut away
  // with it: the stroke stops where the hands go round the edge of the body, never drawn over the throat.
  const hidden = isSupine ? 'posterior' : 'anterior';
  const mapped = (t: readonly TrackPoint[], options: { isReturn: boolean }): BodyPoint[] => {
    let pts: (BodyPoint & { surface: string })[] = t.map((p) => ({
      x: sign * p.x,
      y: p.y,
      surface: p.surface,
    }));
    if (options.isReturn) {
      const last = pts.findLastIndex((p) => isOnFace(p));
      if (last >= 0) pts = pts.slice(last + 1);
      const under = pts.findLastIndex((p) => p.surface === hidden);
      // From the last point out of sight: the hands come back round the edge of the body there.
      if (under >= 0 && under < pts.length - 1) pts = pts.slice(under);
    } else {
      const first = pts.findIndex((p) => isOnFace(p));
      if (first >= 0) pts = pts.slice(0, first);
      const under = pts.findIndex((p) => p.surface === hidden);
      // Kept up to the first point out of sight: the hands reach the body's edge there.
      if (under > 0) pts = pts.slice(0, under + 1);
    }
    return pts.map((p) => ({ x: p.x, y: p.y }) as BodyPoint);
  };
  const line = (pts: readonly BodyPoint[]) => lineMeasured(pts.map((p) => screenFromBody(view, p)));
  return momentMotion(moment).hands.map((t) => {
    const contactPts = mapped(t.points, { isReturn: false });
    const returnPts =
      t.returnPoints && t.returnPoints.length > 0 ? mapped(t.returnPoints, { isReturn: true }) : null;
    const beside = STROKE_BESIDE[t.tool];
    // Of the two sides, the one that keeps clear of the spine (0.03 H: its hatch and a margin) and nearest the
    // midline, so the arrow stays on the back (the diagonals run out toward the shoulder and the buttock).
    const nearest = (l: readonly BodyPoint[]) => Math.min(...l.map((p) => Math.abs(p.x)));
    const furthest = (l: readonly BodyPoint[]) => Math.max(...l.map((p) => Math.abs(p.x)));
    const sides = (pts: readonly BodyPoint[], distance: number) =>
      [1, -1].map((side) => lineBeside(pts, distance, side));
    let workingPts = contactPts;
    let returningPts = returnPts;
    if (beside !== undefined && contactPts.length > 1) {
      // Of the lines beside the tool, the one with the least of its length near the spine (its hatch) or on the
      // client's arms (a stroke out to the shoulder has its outer side on the arm), then the one nearest the
      // midline, so the arrow stays on the back.
      workingPts = cheapestBeside(sides(contactPts, beside), furthest);
      if (returnPts && returnPts.length > 1) {
        // The lifted return on the tool's other side, or further out on the same side: never on the working
        // stroke (its end at least `beside` from the working stroke's start), then as clear as the stroke.
        const start = workingPts[0]!;
        const end = (l: readonly BodyPoint[]) => l[l.length - 1]!;
        const distanceFromWorking = (l: readonly BodyPoint[]) =>
          Math.hypot(end(l).x - start.x, end(l).y - start.y);
        const candidates = [
          ...sides(returnPts, beside).filter((l) => distanceFromWorking(l) > beside),
          ...sides(returnPts, beside * 1.45),
        ];
        returningPts = cheapestBeside(candidates, distanceFromWorking);
      }
    }
    if (beside === undefined && returningPts && returningPts.length > 1 && contactPts.length > 1) {
      // A way back along the very line of the working stroke would give one line arrowheads both ways: it is
      // drawn RETURN_BESIDE to the side, away from the spine.
      const working = line(contactPts);
      const back = line(returningPts);
      const n = 8;
      let apart = 0;
      for (let i = 0; i <= n; i++)
        apart += lineProjection(working, lineAt(back, (back.length * i) / n)).distance;
      if (apart / (n + 1) < 0.012 * view.scale) {
        const options = sides(returningPts, RETURN_BESIDE);
        returningPts = options.sort((a, b) => nearest(b) - nearest(a))[0]!;
      }
    }
    return {
      hand: t.hand,
      working: line(workingPts),
      contact: line(contactPts),
      returning: returningPts ? line(returningPts) : null,
      isReturnPressing: t.isReturnPressing ?? false,
      isHolding: t.isHolding ?? false,
    };
  });
}

interface Pen {
  readonly view: ViewLayout;
  readonly theme: Theme;
  readonly u: number;
}

function arrowHead(
  pen: Pen,
  at: { x: number; y: number; angle: number },
  size: number,
  fill: string,
  opacity?: string,
) {
  const a = at.angle;
  const back = (k: number, side: number): XY => ({
    x: at.x - Math.cos(a) * size * k - Math.sin(a) * size * 0.55 * side,
    y: at.y - Math.sin(a) * size * k + Math.cos(a) * size * 0.55 * side,
  });
  const tip = { x: at.x + Math.cos(a) * size * 0.35, y: at.y + Math.sin(a) * size * 0.35 };
  return el('path', {
    d: polylinePathData([tip, back(1, 1), back(0.7, 0), back(1, -1)], { isClosed: true }),
    fill,
    'fill-opacity': opacity,
    'stroke-opacity': opacity,
    stroke: pen.theme.labelHalo,
    'stroke-width': num(1 * pen.u, 2),
    'stroke-linejoin': 'round',
  });
}

function openArrowHead(pen: Pen, at: { x: number; y: number; angle: number }, size: number, colour: string) {
  const a = at.angle;
  const back = (side: number): XY => ({
    x: at.x - Math.cos(a) * size - Math.sin(a) * size * 0.55 * side,
    y: at.y - Math.sin(a) * size + Math.cos(a) * size * 0.55 * side,
  });
  const d = polylinePathData([back(1), at, back(-1)]);
  const line = { d, fill: 'none', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };
  // Cased like its line, so it shows in grey on any ground.
  return (
    el('path', { ...line, stroke: pen.theme.labelHalo, 'stroke-width': num(5.2 * pen.u, 2) }) +
    el('path', { ...line, stroke: colour, 'stroke-width': num(2.2 * pen.u, 2) })
  );
}

/** A numbered circle: the order of the phases (1 the working stroke, 2 the way back). */
function phaseNumber(pen: Pen, at: XY, n: number, colour: string) {
  const { u, theme } = pen;
  // 14 px at 1280×720, never under 12 px: the circle grows with its digit.
  const size = labelSize(u, 14);
  const k = size / 14;
  return numberBadgeSvg(at, n, {
    radius: 11 * k,
    fill: theme.labelHalo,
    stroke: { colour, width: num(2 * k, 2) },
    digit: { size, colour, drop: 5 * k },
  });
}

/**
 * A second number's place `at`, moved on (away from `anchor`, the point it is beside) until its circle is clear of
 * the first number's at `other`: on a short track the two would be drawn on each other.
 */
function clearOf(pen: Pen, at: XY, anchor: XY, other: XY): XY {
  const gap = 2 * 11 * (labelSize(pen.u, 14) / 14) + 4 * pen.u;
  let dx = at.x - anchor.x;
  let dy = at.y - anchor.y;
  let len = Math.hypot(dx, dy);
  if (len < 1e-6) {
    dx = at.x - other.x;
    dy = at.y - other.y;
    len = Math.hypot(dx, dy) || 1;
  }
  let p = at;
  for (let i = 0; i < 40 && Math.hypot(p.x - other.x, p.y - other.y) < gap; i++)
    p = { x: p.x + (dx / len) * 3 * pen.u, y: p.y + (dy / len) * 3 * pen.u };
  if (Math.hypot(p.x - other.x, p.y - other.y) >= gap) return p;
  // Straight on would not clear it: beside the first number, across the way from the anchor.
  const ox = other.x - anchor.x;
  const oy = other.y - anchor.y;
  const ol = Math.hypot(ox, oy) || 1;
  return { x: other.x - (oy / ol) * gap, y: other.y + (ox / ol) * gap };
}

/**
 * Where a part of a stroke lies on the whole of it: `along` its start's distance from the whole's start, `length` the
 * whole's. A pattern (loops, dots, chevrons, brackets) is laid on the whole stroke, so the part ahead of a hand shows
 * the same marks in the same places as the hand moves on, not marks that travel with it.
 */
interface OnStroke {
  readonly along: number;
  readonly length: number;
}

/** A line as the whole stroke it draws (not a part of one). */
function wholeStroke(line: MeasuredLine): OnStroke {
  return { along: 0, length: line.length };
}

/** Points every `step` or so along a line (spread evenly over the whole stroke it is part of), with their direction. */
function samples(
  line: MeasuredLine,
  step: number,
  on: OnStroke,
): { x: number; y: number; angle: number; s: number }[] {
  const out: { x: number; y: number; angle: number; s: number }[] = [];
  if (line.length === 0) return out;
  const n = Math.max(1, Math.floor(on.length / step));
  const gap = on.length / n;
  for (let i = 0; i < n; i++) {
    const s = gap * (i + 0.5) - on.along;
    if (s < 0 || s > line.length) continue;
    out.push({ ...lineAt(line, s), s });
  }
  return out;
}

function loopsPath(line: MeasuredLine, radius: number, on: OnStroke): string {
  // A prolate cycloid: small circles carried along the stroke, as kneading moves.
  const pitch = radius * 2.3;
  const steps = Math.max(8, Math.ceil((on.length / pitch) * 20));
  // The part's ends, and between them the whole stroke's samples that fall on it.
  const along: number[] = [0];
  for (let i = 1; i < steps; i++) {
    const s = (on.length * i) / steps - on.along;
    if (s > 1e-9 && s < line.length - 1e-9) along.push(s);
  }
  along.push(line.length);
  const pts = along.map((s): XY => {
    const p = lineAt(line, s);
    const phi = (2 * Math.PI * (s + on.along)) / pitch;
    const nx = -Math.sin(p.angle);
    const ny = Math.cos(p.angle);
    // Centred on the stroke line, so loops beside the spine stay off it.
    const c = Math.cos(phi);
    const d = Math.sin(phi);
    return {
      x: p.x + Math.cos(p.angle) * d * radius + nx * c * radius,
      y: p.y + Math.sin(p.angle) * d * radius + ny * c * radius,
    };
  });
  return polylinePathData(pts);
}

/** The stroke of one line in the technique's style; `isFaint` for the part already done or the return. */
function strokeMarkup(
  pen: Pen,
  line: MeasuredLine,
  spec: MarkSpec,
  style: {
    colour: string;
    isFaint: boolean;
    hasArrow: boolean;
    pressure?: number | null;
    isReturn?: boolean;
    /** The part of the whole stroke this line is (default: all of it). */
    on?: OnStroke;
    /** The line's ends (default round): butt where pieces of one stroke meet, so no two overlap there. */
    linecap?: 'round' | 'butt';
  },
) {
  const { u, view } = pen;
  const on = style.on ?? wholeStroke(line);
  if (line.length < 2 * u || spec.stroke === 'none') return '';
  const opacity = style.isFaint && !style.isReturn ? '0.45' : undefined;
  // The working stroke's width says the planned pressure (1…5); a return is thin.
  const width = style.isReturn ? 2 * u : (style.isFaint ? 2.2 : 1.6 + 1.1 * (style.pressure ?? 2)) * u;
  const out: string[] = [];
  const base = {
    fill: 'none',
    stroke: style.colour,
    'stroke-width': num(width, 2),
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'stroke-opacity': opacity,
  };
  // The line itself (not the marks along it) ends as the piece asks.
  const lineBase = { ...base, 'stroke-linecap': style.linecap ?? 'round' };
  const d = polylinePathData(line.points);
  switch (spec.stroke) {
    case 'dashes':
      // A working stroke is solid; the lifted return dashed (ILLUSTRATION.md: clearly unlike each other). A casing
      // of the halo colour under it keeps it visible in grey on skin and table alike (printed in black and white).
      out.push(
        el('path', {
          d,
          ...lineBase,
          stroke: pen.theme.labelHalo,
          'stroke-width': num(width + 3 * u, 2),
          'stroke-opacity': opacity,
        }),
        el('path', {
          d,
          ...lineBase,
          'stroke-dasharray': style.isReturn ? `${num(9 * u)} ${num(7 * u)}` : undefined,
        }),
      );
      break;
    case 'loops':
      out.push(
        el('path', {
          d: loopsPath(line, (spec.loop ?? 0.01) * view.scale, on),
          ...lineBase,
          'stroke-width': num(width * 0.8, 2),
        }),
      );
      break;
    case 'dots': {
      out.push(
        el('path', {
          d,
          ...lineBase,
          'stroke-width': num(1.4 * u, 2),
          'stroke-dasharray': `${num(4 * u)} ${num(6 * u)}`,
        }),
      );
      for (const p of samples(line, 26 * u, on)) {
        out.push(
          el('circle', {
            cx: num(p.x),
            cy: num(p.y),
            r: num(4.5 * u),
            fill: style.colour,
            'fill-opacity': opacity,
          }),
        );
      }
      break;
    }
    case 'chevrons': {
      out.push(el('path', { d, ...lineBase, 'stroke-width': num(1.4 * u, 2) }));
      const v = 7 * u;
      let chevrons = '';
      for (const p of samples(line, 22 * u, on)) {
        const c = Math.cos(p.angle);
        const s = Math.sin(p.angle);
        const a = { x: p.x - c * v - s * v, y: p.y - s * v + c * v };
        const b = { x: p.x - c * v + s * v, y: p.y - s * v - c * v };
        chevrons += `M${num(a.x)} ${num(a.y)}L${num(p.x)} ${num(p.y)}L${num(b.x)} ${num(b.y)}`;
      }
      out.push(el('path', { d: chevrons, ...base }));
      break;
    }
    case 'brackets': {
      // A thin solid line under the brackets: a dashed one would read as the lifted way back.
      out.push(el('path', { d, ...lineBase, 'stroke-width': num(1.4 * u, 2) }));
      // Paired arcs either side of the limb, bowed inward: the hands closing on it in turn.
      const r = 0.03 * view.scale;
      let arcs = '';
      for (const p of samples(line, 40 * u, on)) {
        const c = Math.cos(p.angle);
        const sn = Math.sin(p.angle);
        const at = (along: number, across: number): XY => ({
          x: p.x + c * along - sn * across,
          y: p.y + sn * along + c * across,
        });
        for (const side of [1, -1]) {
          arcs += smoothPathData([at(-8 * u, r * side), at(0, r * 0.72 * side), at(8 * u, r * side)]);
        }
      }
      out.push(el('path', { d: arcs, ...base }));
      break;
    }
  }
  if (style.hasArrow) {
    // One arrowhead per line, at its end: filled for the working stroke, open for a return.
    const end = lineAt(line, line.length);
    if (style.isReturn) out.push(openArrowHead(pen, end, 13 * u, style.colour));
    else out.push(arrowHead(pen, end, 12 * u + width * 1.6, style.colour, opacity));
  }
  return out.join('');
}

/** Where a hand is along its track: on the working stroke at distance s, or on the return. */
function trackProgress(pen: Pen, track: ScreenTrack, hand: HandState | undefined) {
  if (!hand) return { working: 0, returning: 0 };
  const p = screenFromBody(pen.view, hand);
  const onWorking = lineProjection(track.contact, p);
  const onReturn = track.returning ? lineProjection(track.returning, p) : null;
  const near = 0.03 * pen.view.scale;
  if (
    onReturn &&
    onReturn.distance + 1e-6 < onWorking.distance &&
    onReturn.distance < near &&
    !hand.isHolding
  ) {
    return { working: track.working.length, returning: onReturn.s };
  }
  // Along the line as drawn (beside the tool, it is a little longer or shorter than where the hand goes).
  const along = track.contact.length > 0 ? (onWorking.s / track.contact.length) * track.working.length : 0;
  return { working: onWorking.distance < near ? along : 0, returning: 0 };
}

/**
 * The path ahead of every hand in the technique's style: the working stroke strong with arrowheads (the part
 * already done faint), the return stroke lighter; circles for kneading, dots for pressing, chevrons for drainage.
 */
export function pathSvg(options: PathOptions): string {
  return pathParts(options).strokes;
}

/**
 * The numbers in circles that say the order of the phases (1 the working stroke, 2 the way back), drawn with the
 * marks over the hands: in the path's layer, under the hands, a hand at the start covered its 1. With them, for a
 * technique that asks (`isAheadOverHands`), the stroke ahead of the hand, drawn over the hand that would cover it.
 */
export function phaseNumbersSvg(options: PathOptions): string {
  return pathParts(options).numbers;
}

/**
 * What a path and its phase numbers are drawn for: the view, theme and moment, and the outlines (screen polygons)
 * the numbers keep clear of, e.g. the hands at the repetition's start; the same array for the path and the numbers
 * of one frame (they are made together, once).
 */
export interface PathOptions {
  readonly view: ViewLayout;
  readonly theme: Theme;
  readonly moment: Moment;
  readonly avoid?: readonly (readonly XY[])[] | undefined;
}

/** The path's strokes and the phase numbers beside them. */
interface PathParts {
  readonly strokes: string;
  readonly numbers: string;
}

/** The last path parts made for a moment (the path and its numbers are drawn in two layers of one frame). */
const pathPartsCache = new WeakMap<
  Moment,
  { view: ViewLayout; theme: Theme; avoid: PathOptions['avoid']; parts: PathParts }
>();

/** The path's strokes and the phase numbers beside them, made once for a moment drawn in one view and theme. */
function pathParts(options: PathOptions): PathParts {
  const hit = pathPartsCache.get(options.moment);
  if (hit && hit.view === options.view && hit.theme === options.theme && hit.avoid === options.avoid)
    return hit.parts;
  const parts = pathPartsMade(options);
  pathPartsCache.set(options.moment, {
    view: options.view,
    theme: options.theme,
    avoid: options.avoid,
    parts,
  });
  return parts;
}

/** Whether a phase number's circle at `at` keeps `gap` pixels clear of every outline. */
function isClearOf(outlines: readonly (readonly XY[])[], at: XY, gap: number): boolean {
  return outlines.every((outline) => polygonDistance(outline, at) >= gap);
}

function pathPartsMade(options: PathOptions): PathParts {
  const { view, theme, moment } = options;
  const pen: Pen = { view, theme, u: view.unit };
  const spec = TECHNIQUE_MARKS[moment.technique];
  if (spec.stroke === 'none') return { strokes: '', numbers: '' };
  const seen = new Set<string>();
  const out: string[] = [];
  const numbers: string[] = [];
  const over: string[] = [];
  const numbered = new Set<number>();
  const pressure = moment.step.pressure;
  const tracks = screenTracks(view, moment).filter((t) => !t.isHolding && t.working.points.length > 1);
  const lineKey = (line: MeasuredLine) => line.points.map((p) => `${num(p.x, 0)},${num(p.y, 0)}`).join(' ');
  // Every way back first, each once (two stacked hands share one), so no return is drawn over a working stroke.
  const returnsSeen = new Set<string>();
  for (const track of tracks) {
    if (!track.returning || track.returning.points.length < 2) continue;
    const key = lineKey(track.returning);
    if (returnsSeen.has(key)) continue;
    returnsSeen.add(key);
    const returnSpec: MarkSpec = track.isReturnPressing ? spec : { stroke: 'dashes', emphasis: 'none' };
    out.push(
      strokeMarkup(pen, track.returning, returnSpec, {
        colour: theme.pathReturn,
        isFaint: true,
        hasArrow: true,
        isReturn: !track.isReturnPressing,
      }),
    );
  }
  for (const track of tracks) {
    const key = lineKey(track.working);
    const hand = moment.hands.find((h) => h.hand === track.hand);
    const progress = trackProgress(pen, track, hand);
    if (seen.has(key)) continue;
    seen.add(key);
    if (track.returning && track.returning.points.length > 1 && numbered.size < 2) {
      // Numbers in circles say the order: 1 the working stroke, 2 the way back (beside its start, on the side away
      // from the working stroke, so it does not sit on that stroke's arrowhead).
      const off = 16 * view.unit;
      const awayFrom = (other: MeasuredLine, p: { x: number; y: number; angle: number }) => {
        let nx = Math.sin(p.angle);
        let ny = -Math.cos(p.angle);
        const q = lineAt(other, lineProjection(other, p).s);
        if ((q.x - p.x) * nx + (q.y - p.y) * ny > 0) {
          nx = -nx;
          ny = -ny;
        }
        return { x: p.x + nx * off, y: p.y + ny * off };
      };
      const returning = track.returning;
      // 1 just behind the working stroke's start, along its line: beside it, it could lie on the spine's hatch.
      const behindStart = (p: { x: number; y: number; angle: number }, k: number) => ({
        x: p.x - Math.cos(p.angle) * off * k,
        y: p.y - Math.sin(p.angle) * off * k,
      });
      // Farther back along that line, a step at a time, until its circle is clear of the hands at the start.
      const start = lineAt(track.working, 0);
      const avoid = options.avoid ?? [];
      const clearance = 11 * (labelSize(view.unit, 14) / 14) + 3 * view.unit;
      // Only along its own line, so it stays with the stroke it numbers; where none is clear, where it always was.
      const candidates = [1.3, 1.6, 1.9, 2.2, 2.5, 2.8, 3.1, 3.4, 3.7, 4].map((k) => behindStart(start, k));
      const isInCanvas = (p: XY) =>
        p.x >= clearance &&
        p.x <= view.width - clearance &&
        p.y >= clearance &&
        p.y <= view.height - clearance;
      const one =
        candidates.find((p) => isInCanvas(p) && isClearOf(avoid, p, clearance)) ?? behindStart(start, 1.3);
      if (!numbered.has(1)) {
        numbers.push(phaseNumber(pen, one, 1, theme.path));
        numbered.add(1);
      }
      if (!numbered.has(2)) {
        const from = lineAt(returning, 0);
        numbers.push(
          phaseNumber(pen, clearOf(pen, awayFrom(track.working, from), from, one), 2, theme.pathReturn),
        );
        numbered.add(2);
      }
    }
    const done = progress.working;
    const length = track.working.length;
    const isAheadShown = length - done > 2 * view.unit;
    // In pieces, a run each: the pieces behind the hands and ahead of them keep still as the hands move along.
    const cuts = pieceCuts(track.working, PATH_PIECE_LENGTH * view.unit);
    const trackKey = track.working.points.map((p) => `${p.x},${p.y}`).join(' ');
    const piece = (from: number, to: number, isFaint: boolean) =>
      pieceMarkup(pen, spec, trackKey, { from, to, length, isFaint, pressure, isCut: cuts.length > 2 }, () =>
        lineMeasured(linePart(track.working, from, to)),
      );
    const runs: string[] = [];
    const aheadRuns: string[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k]!;
      const b = cuts[k + 1]!;
      let run = done > a ? piece(a, Math.min(b, done), true) : '';
      if (isAheadShown && done < b) {
        const ahead = piece(Math.max(a, done), b, false);
        run += ahead;
        aheadRuns.push(ahead);
      }
      runs.push(run);
    }
    if (!isAheadShown) {
      // At the stroke's end: the whole of it again, strong, for the next repetition.
      const whole = strokeMarkup(pen, track.working, spec, {
        colour: theme.path,
        isFaint: false,
        hasArrow: true,
        pressure,
      });
      runs.push(whole);
      aheadRuns.push(whole);
    }
    out.push(runs.filter((run) => run !== '').join(LAYER_RUN_BREAK));
    const aheadMarkup = aheadRuns.join('');
    if (spec.isAheadOverHands) over.push(aheadMarkup);
  }
  return {
    strokes: out.filter((run) => run !== '').join(LAYER_RUN_BREAK),
    numbers: over.join('') + numbers.join(''),
  };
}

/**
 * A working stroke from above is drawn in pieces of about this length (× the unit), each a run of the path's layer
 * (`LAYER_RUN_BREAK`): as the hands move along it only the piece they are on changes, so a drawer of many frames
 * rasterises that piece again, not the whole stroke (the thumbs' kneading down the back: a third of the pixels).
 */
export const PATH_PIECE_LENGTH = 160;

/** Where a stroke is cut into pieces of about `piece` pixels: 0, the cuts, its length; no cut on a corner. */
function pieceCuts(line: MeasuredLine, piece: number): number[] {
  const n = Math.max(1, Math.round(line.length / piece));
  const cuts = [0];
  for (let k = 1; k < n; k++) {
    let at = (line.length * k) / n;
    // Two pieces meet flush (butt ends) only along a straight segment.
    while (line.cumulative.some((c) => Math.abs(c - at) < 1)) at += 1;
    if (at < line.length - 1) cuts.push(at);
  }
  cuts.push(line.length);
  return cuts;
}

/** Pieces of strokes drawn lately, by theme: a piece behind or ahead of the hands is the same frame after frame. */
const piecesDrawn = new WeakMap<Theme, Map<string, string>>();
const PIECES_KEPT = 512;

/**
 * One piece (`from` … `to` along the working stroke `trackKey`) in the technique's style: faint behind the hands,
 * strong ahead of them with the arrowhead at the stroke's end; butt ends where the stroke is cut. Remembered.
 */
function pieceMarkup(
  pen: Pen,
  spec: MarkSpec,
  trackKey: string,
  piece: {
    from: number;
    to: number;
    /** The whole stroke's length. */
    length: number;
    isFaint: boolean;
    pressure: number | null;
    isCut: boolean;
  },
  line: () => MeasuredLine,
): string {
  const key = [
    trackKey,
    piece.from,
    piece.to,
    piece.isFaint,
    piece.pressure,
    piece.isCut,
    spec.stroke,
    spec.loop,
    pen.u,
    pen.view.scale,
  ].join('|');
  const drawn = cachedValue(piecesDrawn, pen.theme, () => new Map<string, string>());
  const hit = drawn.get(key);
  if (hit !== undefined) return hit;
  const markup = strokeMarkup(pen, line(), spec, {
    colour: pen.theme.path,
    isFaint: piece.isFaint,
    hasArrow: !piece.isFaint && piece.to >= piece.length,
    pressure: piece.pressure,
    on: { along: piece.from, length: piece.length },
    ...(piece.isCut ? { linecap: 'butt' as const } : {}),
  });
  drawn.set(key, markup);
  if (drawn.size > PIECES_KEPT) drawn.delete(drawn.keys().next().value as string);
  return markup;
}

function labelText(
  pen: Pen,
  at: XY,
  text: string,
  options: { size?: number; fill?: string; anchor?: string } = {},
) {
  const size = labelSize(pen.u, options.size ?? 15);
  return el(
    'text',
    {
      x: num(at.x),
      y: num(at.y),
      'font-size': num(size),
      'font-weight': '600',
      fill: options.fill ?? pen.theme.label,
      stroke: pen.theme.labelHalo,
      'stroke-width': num(3.5 * pen.u, 2),
      'paint-order': 'stroke',
      'text-anchor': options.anchor ?? 'middle',
    },
    xmlEscaped(text),
  );
}

/** A box on the canvas that the marks' words keep off (the legend's). */
export interface CanvasBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** True when a word of `size` px centred at `at` (its baseline) would lie on `box`. */
function wordOnBox(pen: Pen, at: XY, text: string, box: CanvasBox | null | undefined, size = 15): boolean {
  if (!box) return false;
  const px = labelSize(pen.u, size);
  const half = textWidth(text, px, 'semibold') / 2 + 3 * pen.u;
  return (
    at.x - half < box.x + box.width &&
    at.x + half > box.x &&
    at.y - 0.76 * px - 3 * pen.u < box.y + box.height &&
    at.y + 0.24 * px + 3 * pen.u > box.y
  );
}

function boldArrow(
  pen: Pen,
  line: MeasuredLine,
  options: { label?: string; fallbackAngle: number; avoid?: CanvasBox | null | undefined },
) {
  const { u, theme, view } = pen;
  const start = lineAt(line, 0);
  const end = lineAt(line, line.length);
  const hasStroke = line.length > 4 * u;
  const angle = hasStroke ? Math.atan2(end.y - start.y, end.x - start.x) : options.fallbackAngle;
  // Beside the hands, not under them: offset across the stroke, at least 0.07 H long.
  const length = Math.max(line.length, 0.07 * view.scale);
  const off = 0.06 * view.scale;
  let nx = Math.sin(angle);
  let ny = -Math.cos(angle);
  const base = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  // Off the body's midline, toward the worked side's table edge.
  if (Math.abs(base.y - view.axisY) > 0.02 * view.scale && Math.sign(ny) !== Math.sign(base.y - view.axisY)) {
    nx = -nx;
    ny = -ny;
  }
  const mid = { x: base.x + nx * off, y: base.y + ny * off };
  const a = { x: mid.x - (Math.cos(angle) * length) / 2, y: mid.y - (Math.sin(angle) * length) / 2 };
  const b = { x: mid.x + (Math.cos(angle) * length) / 2, y: mid.y + (Math.sin(angle) * length) / 2 };
  const out = [
    el('path', {
      d: polylinePathData([a, b]),
      stroke: theme.labelHalo,
      'stroke-width': num(9 * u, 2),
      'stroke-linecap': 'round',
    }),
    el('path', {
      d: polylinePathData([a, b]),
      stroke: theme.path,
      'stroke-width': num(5 * u, 2),
      'stroke-linecap': 'round',
    }),
    arrowHead(pen, { ...b, angle }, 22 * u, theme.path),
  ];
  if (options.label) {
    // Beside the arrow on its outer side, or on its inner side where the outer one lies on the legend.
    let at = { x: mid.x + nx * 22 * u, y: mid.y + ny * 22 * u + 5 * u };
    if (wordOnBox(pen, at, options.label, options.avoid))
      at = { x: mid.x - nx * 22 * u, y: mid.y - ny * 22 * u + 5 * u };
    out.push(labelText(pen, at, options.label));
  }
  return out.join('');
}

/** The smallest a circle mark is across at 1280×720 (ILLUSTRATION.md: circles at least 40 px), in canvas units. */
const CIRCLE_MARK_RADIUS = 24;

/**
 * A curved arrow round `centre` that says "in circles" (a rotation, or the small circles of kneading and
 * friction), in the marks layer over the hands, cased so it shows on skin, hand and table alike.
 */
function circleArrow(pen: Pen, centre: XY, options: { isCounter: boolean; radius?: number }) {
  const { u, theme, view } = pen;
  const r = Math.max(options.radius ?? 0.035 * view.scale, CIRCLE_MARK_RADIUS * u);
  const sweep = options.isCounter ? -1 : 1;
  const from = -Math.PI / 2;
  const to = from + sweep * Math.PI * 1.6;
  const pt = (a: number): XY => ({ x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) });
  const p0 = pt(from);
  const p1 = pt(to);
  const d = `M${num(p0.x)} ${num(p0.y)}A${num(r)} ${num(r)} 0 1 ${sweep === 1 ? 1 : 0} ${num(p1.x)} ${num(p1.y)}`;
  return el(
    'g',
    { 'data-mark': 'circle' },
    el('path', { d, fill: 'none', stroke: theme.labelHalo, 'stroke-width': num(8 * u, 2) }) +
      el('path', {
        d,
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(4 * u, 2),
        'stroke-linecap': 'round',
      }) +
      arrowHead(pen, { ...p1, angle: to + (sweep * Math.PI) / 2 }, 18 * u, theme.path),
  );
}

/**
 * Where the circles of a kneading or friction hand are drawn: round the whole of a short track (the small circles
 * round an ankle bone are drawn round that bone, on its own side of the joint), or beside the hand on a long one,
 * on the side away from the body's midline so the mark never reaches the spine.
 */
function circlesCentre(pen: Pen, track: ScreenTrack | undefined, hand: HandState): XY {
  const { view, u } = pen;
  const r = CIRCLE_MARK_RADIUS * u;
  if (track && track.contact.points.length > 0 && track.contact.length < 2.5 * r)
    return centroid(track.contact.points);
  const at = screenFromBody(view, hand);
  const outward = Math.abs(at.y - view.axisY) < 0.01 * view.scale ? -1 : Math.sign(at.y - view.axisY);
  return { x: at.x, y: at.y + outward * (r + 4 * u) };
}

/** Where the lift badge's word is: above the badge. */
function liftLabelAt(pen: Pen, at: XY): XY {
  return { x: at.x, y: at.y - 15 * pen.u - 12 * pen.u };
}

/** True when the lift badge at `at` (its ring, gauge and word) would lie on `box`. */
function liftBadgeOnBox(pen: Pen, at: XY, label: string, box: CanvasBox | null | undefined): boolean {
  if (!box) return false;
  const R = 21 * pen.u + 2 * pen.u;
  const ring =
    at.x - R < box.x + box.width && at.x + R > box.x && at.y - R < box.y + box.height && at.y + R > box.y;
  return ring || wordOnBox(pen, liftLabelAt(pen, at), label, box);
}

function liftBadge(pen: Pen, at: XY, extent: number, label: string) {
  const { u, theme } = pen;
  const r = 15 * u;
  const e = Math.min(Math.max(extent, 0), 1);
  const out = [
    el('circle', {
      cx: num(at.x),
      cy: num(at.y),
      r: num(r),
      fill: theme.labelHalo,
      stroke: theme.path,
      'stroke-width': num(2.5 * u, 2),
    }),
    el('circle', { cx: num(at.x), cy: num(at.y), r: num(4.5 * u), fill: theme.path }),
  ];
  if (e > 0.01) {
    // The gauge round the badge: how far up the head or the leg is now.
    const a0 = -Math.PI / 2;
    const a1 = a0 + e * Math.PI * 2 * 0.999;
    const R = r + 6 * u;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    out.push(
      el('path', {
        d: `M${num(at.x + R * Math.cos(a0))} ${num(at.y + R * Math.sin(a0))}A${num(R)} ${num(R)} 0 ${large} 1 ${num(at.x + R * Math.cos(a1))} ${num(at.y + R * Math.sin(a1))}`,
        fill: 'none',
        stroke: theme.path,
        'stroke-width': num(4 * u, 2),
        'stroke-linecap': 'round',
      }),
    );
  }
  out.push(labelText(pen, liftLabelAt(pen, at), label));
  return out.join('');
}

/** The mean direction of the hands' fingers on screen (radians). */
function meanScreenAngle(view: ViewLayout, hands: readonly HandState[]): number {
  let x = 0;
  let y = 0;
  for (const h of hands) {
    const a = screenAngleFromBody(view, h.angle);
    x += Math.cos(a);
    y += Math.sin(a);
  }
  return hands.length === 0 ? 0 : Math.atan2(y, x);
}

function centroid(points: readonly XY[]): XY {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / Math.max(points.length, 1), y: y / Math.max(points.length, 1) };
}

/**
 * The track the technique's bold arrow is drawn beside, or null when the picture draws none: the bold arrow says
 * which way a short pull, bend or tug goes; a stroke that travels (spine-extension's glide up the back) already says
 * it with its own arrow, and a track cut away with the hands under the head leaves nothing to draw it beside.
 */
export function boldArrowTrack(view: ViewLayout, moment: Moment): ScreenTrack | null {
  if (TECHNIQUE_MARKS[moment.technique].emphasis !== 'bold-arrow') return null;
  const tracks = screenTracks(view, moment).filter((t) => !t.isHolding && t.working.points.length > 0);
  if (tracks.some((t) => t.working.length > 0.05 * view.scale)) return null;
  return tracks.find((t) => t.working.length > 0) ?? tracks[0] ?? null;
}

/** The technique's extra marks: the stretch or traction direction, the circling of a rotation, the lift. */
export function emphasisSvg(options: MarkLayerOptions & { readonly avoid?: CanvasBox | null }): string {
  const { view, theme, labels, moment, avoid } = options;
  const pen: Pen = { view, theme, u: view.unit };
  const spec = TECHNIQUE_MARKS[moment.technique];
  const tracks = screenTracks(view, moment).filter((t) => !t.isHolding);
  const out: string[] = [];
  const handPoints = moment.hands.map((h) => screenFromBody(view, h));
  if (spec.emphasis === 'bold-arrow') {
    const track = boldArrowTrack(view, moment);
    if (track) {
      const label = spec.arrowLabel ? labels[spec.arrowLabel] : undefined;
      const working = moment.hands.filter((h) => !h.isHolding);
      const fingers = meanScreenAngle(view, working.length > 0 ? working : moment.hands);
      let fallbackAngle = spec.pullsAgainstFingers ? fingers + Math.PI : fingers;
      if (spec.bendsBySurface && working[0]) {
        const isInView = working[0].surface === (view.lateralSign === 1 ? 'anterior' : 'posterior');
        fallbackAngle = isInView ? Math.PI : 0;
      }
      out.push(boldArrow(pen, track.working, label ? { label, fallbackAngle, avoid } : { fallbackAngle }));
    }
  }
  if (spec.stroke === 'loops') {
    // The circles themselves, big enough to see (the loops along the path are the way the hand creeps).
    // A hand on the surface the view cannot see (under the head, seen from above the face) is cut away: its
    // circles are drawn in the view that shows it, never over the face.
    const hidden = view.lateralSign === 1 ? 'posterior' : 'anterior';
    for (const hand of moment.hands) {
      if (hand.isHolding || hand.surface === hidden) continue;
      const track = tracks.find((t) => t.hand === hand.hand);
      const centre = circlesCentre(pen, track, hand);
      const mirrored = isRepetitionMirrored(moment) ? -1 : 1;
      const side = hand.hand === 'left' ? -1 : 1;
      out.push(circleArrow(pen, centre, { isCounter: side * mirrored * view.lateralSign > 0, radius: 0 }));
    }
  }
  if (spec.emphasis === 'circle-arrow') {
    const track = tracks[0];
    const pts = track && track.working.points.length > 0 ? track.working.points : handPoints;
    if (pts.length > 0) {
      // The hand turns the way the motion does (rotationSense, in the body frame); the view's mapping may mirror it
      // (screenFromBody: body x goes to screen y times lateralSign, so +1 shows anticlockwise when that is +1).
      const sense = rotationSense(momentMotion(moment).turn, moment.repetition - 1);
      out.push(circleArrow(pen, centroid(pts), { isCounter: sense * view.lateralSign > 0 }));
    }
  }
  if (spec.showsLift && handPoints.length > 0) {
    // Beside the hands, away from the spine line (toward the worked side's table edge), above the head.
    const c = centroid(handPoints);
    const outward = Math.abs(c.y - view.axisY) < 0.02 * view.scale ? -1 : Math.sign(c.y - view.axisY);
    // On the legend there: moved along the table toward the head until clear of it, on the same side (the other
    // side would put it on the other leg).
    let at = { x: c.x, y: c.y + outward * 0.09 * view.scale };
    for (let i = 0; i < 60 && liftBadgeOnBox(pen, at, labels.lift, avoid); i++)
      at = { x: at.x - 4 * pen.u, y: at.y };
    out.push(liftBadge(pen, at, moment.extent, labels.lift));
  }
  return out.join('');
}
