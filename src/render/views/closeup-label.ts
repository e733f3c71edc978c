import { posedPoint } from '../../core/pose/client-pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import type { XY } from '../svg.js';
import { textWidth } from '../text-metrics.js';
import type { Camera, Viewport } from './camera.js';
import { primBox } from './solid-layers.js';
import { type Prim, practitionerGroups, type SceneGroup } from './solid-scene.js';

/** A screen box: left, top, right, bottom. */
export interface LabelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Where the close-up's label goes: its text's start, the end of its leader line and the box it covers. */
export interface LabelPlace {
  readonly x: number;
  readonly y: number;
  readonly lineFrom: XY;
  readonly lineTo: XY;
  readonly box: LabelBox;
}

/** The radius of the ring round the contact, and the label's font size (px at unit 1). */
export const CONTACT_RING = 22;
export const CONTACT_FONT = 20;

/**
 * The label beside the contact's ring on a side (1 right, −1 left), below (1) or above (−1) it, its text `reach` px
 * beyond the ring and `drop` px below (or above) it.
 */
export function contactLabelPlace(
  at: XY,
  text: string,
  unit: number,
  side: 1 | -1,
  below: 1 | -1,
  reach: number,
  drop = 30,
): LabelPlace {
  const r = CONTACT_RING * unit;
  const fontSize = CONTACT_FONT * unit;
  const width = textWidth(text, fontSize, 'semibold');
  const x = side > 0 ? at.x + r + reach * unit : at.x - r - reach * unit - width;
  const baseline = below > 0 ? at.y + r + drop * unit + fontSize * 0.7 : at.y - r - drop * unit;
  return {
    x,
    y: baseline,
    lineFrom: { x: at.x + side * r * 0.7, y: at.y + below * r * 0.7 },
    lineTo: { x: side > 0 ? x - 6 * unit : x + width + 6 * unit, y: baseline - fontSize * 0.35 },
    box: { x0: x, y0: baseline - fontSize, x1: x + width, y1: baseline + fontSize * 0.3 },
  };
}

/**
 * The head's box on screen: round the skull as posed (crown to skull base, BODY-PROPORTIONS.md), a little wide, so
 * a label kept out of it never touches the hair.
 */
export function headScreenBox(pose: Pose, camera: Camera): LabelBox {
  let box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const x of [-0.05, 0, 0.05])
    for (const y of [-0.005, 0.03, 0.0575, 0.085, 0.12])
      for (const z of [0, 0.055, 0.115]) {
        const q = camera.project(posedPoint(pose.moves, [x, y, z]));
        box = {
          x0: Math.min(box.x0, q.x),
          y0: Math.min(box.y0, q.y),
          x1: Math.max(box.x1, q.x),
          y1: Math.max(box.y1, q.y),
        };
      }
  return box;
}

/** How far from the ring the label may go (px across, px down or up), nearest first. */
const PLACES: readonly (readonly [number, number])[] = [
  [40, 30],
  [110, 30],
  [180, 30],
  [40, 100],
  [110, 100],
  [180, 100],
];

/**
 * The close-up's label for a pose: the working hand's contact (the first hand that does not only hold) named beside
 * its ring, where it covers none of the head (its leader line as little as may be), then least of the hands (its box, then its leader line), then least of
 * the arms (box and line), inside the panel;
 * nearest the ring, away from the wrist and below it first (the arms come in from above). `drawn`: the scene's
 * practitioner groups, when the caller has them.
 */
export function closeupLabelFor(
  pose: Pose,
  camera: Camera,
  text: string,
  unit: number,
  viewport: Viewport,
  drawn: readonly SceneGroup[] = practitionerGroups(pose, camera),
): LabelPlace {
  const hand = pose.hands.find((h) => !h.isHolding) ?? pose.hands[0]!;
  const at = camera.project(hand.contact);
  const wrist = camera.project(pose.practitioner[`wrist-${hand.arm}`] ?? hand.contact);
  const away: 1 | -1 = wrist.x > at.x ? -1 : 1;
  const groups = drawn.filter((g) => g.role === 'practitioner');
  const hands = boxed(groups.flatMap((g) => g.prims.slice(2)));
  const arms = boxed(groups.flatMap((g) => g.prims.slice(0, 2)));
  const head = headScreenBox(pose, camera);
  let best: LabelPlace | null = null;
  let bestScore = Infinity;
  for (const [reach, drop] of PLACES)
    for (const side of [away, -away as 1 | -1])
      for (const below of [1, -1] as const) {
        const place = contactLabelPlace(at, text, unit, side, below, reach, drop);
        const b = place.box;
        const isOut =
          b.x0 < viewport.x ||
          b.x1 > viewport.x + viewport.width ||
          b.y0 < viewport.y ||
          b.y1 > viewport.y + viewport.height;
        // Out of the panel or over the head: only when nothing else is left; then the hands, then the arms.
        const base = (isOut ? 1e6 : 0) + (isOverlapping(b, head) ? 1e4 : 0) + 300 * lineInBox(place, head);
        if (base >= bestScore) continue;
        const score =
          base +
          100 * boxCovered(b, hands) +
          30 * lineCovered(place, hands) +
          boxCovered(b, arms) +
          lineCovered(place, arms);
        if (score < bestScore) {
          best = place;
          bestScore = score;
        }
        if (bestScore === 0) return place;
      }
  return best!;
}

/** How many of the points along the leader line (past the ring) lie in a box. */
function lineInBox(place: LabelPlace, box: LabelBox): number {
  let n = 0;
  for (let i = 1; i <= 6; i++) {
    const t = i / 6;
    const x = place.lineFrom.x + (place.lineTo.x - place.lineFrom.x) * t;
    const y = place.lineFrom.y + (place.lineTo.y - place.lineFrom.y) * t;
    if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) n++;
  }
  return n;
}

/** How many of the points along the leader line (past the ring) lie inside one of the shapes. */
function lineCovered(place: LabelPlace, shapes: readonly BoxedPrim[]): number {
  const { lineFrom: a, lineTo: b } = place;
  const prims = near(shapes, {
    x0: Math.min(a.x, b.x),
    y0: Math.min(a.y, b.y),
    x1: Math.max(a.x, b.x),
    y1: Math.max(a.y, b.y),
  });
  if (prims.length === 0) return 0;
  let n = 0;
  for (let i = 1; i <= 6; i++) {
    const t = i / 6;
    const q = {
      x: place.lineFrom.x + (place.lineTo.x - place.lineFrom.x) * t,
      y: place.lineFrom.y + (place.lineTo.y - place.lineFrom.y) * t,
    };
    if (prims.some((p) => isInsidePrim(p, q))) n++;
  }
  return n;
}

/** A drawn shape with its box on screen, so the label's places test only the shapes near them. */
interface BoxedPrim {
  readonly prim: Prim;
  readonly box: LabelBox;
}

function boxed(prims: readonly Prim[]): BoxedPrim[] {
  return prims.map((prim) => ({ prim, box: primBox(prim) }));
}

/** The shapes whose boxes meet a box (touching counts). */
function near(shapes: readonly BoxedPrim[], box: LabelBox): Prim[] {
  return shapes
    .filter(({ box: b }) => b.x0 <= box.x1 && box.x0 <= b.x1 && b.y0 <= box.y1 && box.y0 <= b.y1)
    .map((s) => s.prim);
}

function isOverlapping(a: LabelBox, b: LabelBox): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** How much of a box the shapes cover: of points spread over it, how many lie inside one of them. */
function boxCovered(box: LabelBox, shapes: readonly BoxedPrim[]): number {
  const prims = near(shapes, box);
  if (prims.length === 0) return 0;
  let n = 0;
  for (let i = 0; i <= 12; i++)
    for (let j = 0; j <= 3; j++) {
      const q = { x: box.x0 + ((box.x1 - box.x0) * i) / 12, y: box.y0 + ((box.y1 - box.y0) * j) / 3 };
      if (prims.some((p) => isInsidePrim(p, q))) n++;
    }
  return n;
}

/** Whether a point lies inside a drawn shape. */
function isInsidePrim(p: Prim, q: XY): boolean {
  switch (p.kind) {
    case 'blob': {
      const dx = p.b.x - p.a.x;
      const dy = p.b.y - p.a.y;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((q.x - p.a.x) * dx + (q.y - p.a.y) * dy) / len2)) : 0;
      return Math.hypot(q.x - p.a.x - dx * t, q.y - p.a.y - dy * t) <= p.ra + (p.rb - p.ra) * t;
    }
    case 'ellipse':
      return ((q.x - p.c.x) / p.rx) ** 2 + ((q.y - p.c.y) / p.ry) ** 2 <= 1;
    case 'poly': {
      let inside = false;
      const pts = p.points;
      for (let i = 0, k = pts.length - 1; i < pts.length; k = i++) {
        const a = pts[i]!;
        const b = pts[k]!;
        if (a.y > q.y !== b.y > q.y && q.x < ((b.x - a.x) * (q.y - a.y)) / (b.y - a.y) + a.x)
          inside = !inside;
      }
      return inside;
    }
    default:
      return false;
  }
}
