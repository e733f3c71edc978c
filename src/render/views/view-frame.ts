import type { BodyMap } from '../../core/body-map.js';
import type { ClientPosition } from '../../core/ids.js';
import { type Moment, momentMotion } from '../../core/moment.js';
import { circleSense, posedPoint } from '../../core/pose/client-pose.js';
import { momentPose, stepPoseSpec } from '../../core/pose/pose.js';
import type { Pose } from '../../core/pose/pose-types.js';
import { type Vec3, vecDifference, vecLength } from '../../core/pose/vec3.js';
import { partView } from '../../core/step-parts.js';
import { captionsSvg } from '../captions.js';
import { renderLabels } from '../labels.js';
import { type Framing, LAYER_RUN_BREAK, RENDER_LAYERS, type RenderLayer } from '../layers.js';
import { TECHNIQUE_MARKS } from '../marks.js';
import { hatchPatternSvg } from '../safety.js';
import { el, num, numberBadgeSvg, type XY, xmlEscaped } from '../svg.js';
import { type TextMode, textAsPaths } from '../text-path.js';
import { colourMixed, type Theme, type ThemeName, themeColours } from '../theme.js';
import { viewLayout } from '../view.js';
import type { Camera, SideBox, Viewport } from './camera.js';
import { clientDrawn, type DrawnGroup } from './client-drawn.js';
import { CONTACT_FONT, CONTACT_RING, closeupLabelFor, type LabelPlace } from './closeup-label.js';
import { panelCamera, type SolidView, sideBoxFor, startPose } from './solid-framing.js';
import {
  groupBox,
  groupsSplit,
  isOverlapping,
  primBox,
  type SplitGroup,
  stillGroupSvgs,
} from './solid-layers.js';
import { arrowHaloSvg, arrowLineSvg, circleArrowSvg, headMarks } from './solid-marks.js';
import {
  clientGroups,
  isBeyondLimb,
  practitionerGroups,
  type SceneGroup,
  trunkSamples,
} from './solid-scene.js';
import { cutAwayFill, groupSvg, primPathData } from './solid-svg.js';
import { type ViewLabels, viewLabels } from './view-labels.js';

export type { SolidView };

/** What a solid view is drawn with; every field but the view has a default. */
export interface SolidViewOptions {
  readonly view: SolidView;
  readonly width?: number;
  readonly height?: number;
  readonly language?: 'en' | 'ru';
  readonly theme?: ThemeName;
  readonly idPrefix?: string;
  readonly text?: TextMode;
  /** Shows repetition, time left and pressure in the captions band (default true). */
  readonly showsStatus?: boolean;
  /** Which layers to draw (default all; see `renderSolidView`). */
  readonly layers?: readonly RenderLayer[];
  /** Framed round the moment (default) or round its repetition (`step`; needs `bodyMap`). */
  readonly framing?: Framing;
  /** The plan's body map: with it, the groups that keep still through the repetition go to the static layer. */
  readonly bodyMap?: BodyMap;
}

/** The table (and the bolster the position calls for), as the camera sees it. */
function tableSvg(camera: Camera, position: ClientPosition, theme: Theme, unit: number): string {
  const corners = (z: number): Vec3[] => [
    [-0.2, -0.035, z],
    [0.2, -0.035, z],
    [0.2, 1.035, z],
    [-0.2, 1.035, z],
  ];
  const path = (pts: readonly XY[]) =>
    `${pts.map((q, i) => `${i === 0 ? 'M' : 'L'}${num(q.x)} ${num(q.y)}`).join('')}Z`;
  let out = '';
  if (camera.kind === 'head') {
    const top = corners(0).map((p) => camera.project(p));
    const edge = [
      camera.project([-0.2, -0.035, 0]),
      camera.project([0.2, -0.035, 0]),
      camera.project([0.2, -0.035, -0.05]),
      camera.project([-0.2, -0.035, -0.05]),
    ];
    out += el('path', { d: path(edge), fill: theme.tableEdge });
    out += el('path', {
      d: path(top),
      fill: theme.tableTop,
      stroke: theme.tableEdge,
      'stroke-width': num(2 * unit),
    });
  } else if (camera.kind === 'closeup') {
    // Seen from above the near side: the table top, and its near edge below it.
    const near = camera.nearSide === 'left' ? -0.2 : 0.2;
    const edge = [
      camera.project([near, -0.035, 0]),
      camera.project([near, 1.035, 0]),
      camera.project([near, 1.035, -0.05]),
      camera.project([near, -0.035, -0.05]),
    ];
    out += el('path', { d: path(edge), fill: theme.tableEdge });
    out += el('path', {
      d: path(corners(0).map((p) => camera.project(p))),
      fill: theme.tableTop,
      stroke: theme.tableEdge,
      'stroke-width': num(2 * unit),
    });
  } else {
    const slab = [
      camera.project([0, -0.035, 0]),
      camera.project([0, 1.035, 0]),
      camera.project([0, 1.035, -0.05]),
      camera.project([0, -0.035, -0.05]),
    ];
    const legs = [0.03, 0.97].map((y) =>
      path([
        camera.project([0, y - 0.02, -0.05]),
        camera.project([0, y + 0.02, -0.05]),
        camera.project([0, y + 0.02, -0.45]),
        camera.project([0, y - 0.02, -0.45]),
      ]),
    );
    out += el('path', { d: legs.join(''), fill: theme.tableEdge });
    out += el('path', {
      d: path(slab),
      fill: theme.tableTop,
      stroke: theme.tableEdge,
      'stroke-width': num(2 * unit),
    });
  }
  // A bolster under the ankles (prone) or the knees (supine).
  const bolster: Vec3 = position === 'prone' ? [0, 0.93, 0.042] : [0, 0.7, 0.032];
  const r = (position === 'prone' ? 0.042 : 0.032) * camera.scale;
  if (camera.kind === 'side') {
    const c = camera.project(bolster);
    out += el('circle', {
      cx: num(c.x),
      cy: num(c.y),
      r: num(r),
      fill: theme.drape,
      stroke: theme.drapeLine,
      'stroke-width': num(2 * unit),
    });
  }
  return out;
}

/** An arrow from a to b (pixels), its head at b; the working arrow of the movement. */
function arrowSvg(a: XY, b: XY, bend: number, theme: Theme, unit: number): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy) || 1;
  const nx = -dy / d;
  const ny = dx / d;
  const c = { x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend };
  const tx = b.x - c.x;
  const ty = b.y - c.y;
  const tl = Math.hypot(tx, ty) || 1;
  const ux = tx / tl;
  const uy = ty / tl;
  const head = 16 * unit;
  const end = { x: b.x - ux * head * 0.6, y: b.y - uy * head * 0.6 };
  const p1 = { x: b.x - ux * head - uy * head * 0.55, y: b.y - uy * head + ux * head * 0.55 };
  const p2 = { x: b.x - ux * head + uy * head * 0.55, y: b.y - uy * head - ux * head * 0.55 };
  return (
    el('path', {
      d: `M${num(a.x)} ${num(a.y)}Q${num(c.x)} ${num(c.y)} ${num(end.x)} ${num(end.y)}`,
      fill: 'none',
      stroke: theme.background,
      'stroke-width': num(10 * unit),
      'stroke-linecap': 'round',
    }) +
    arrowLineSvg(
      `M${num(a.x)} ${num(a.y)}Q${num(c.x)} ${num(c.y)} ${num(end.x)} ${num(end.y)}`,
      [b, p1, p2],
      theme,
      unit,
    )
  );
}

/** The largest turn about an axis across the body (seen edge-on from the side): the ankle's flex, the hip's lift. */
function turningMove(pose: Pose): { origin: Vec3; angle: number } | null {
  let best: { origin: Vec3; angle: number } | null = null;
  for (const m of pose.moves) {
    if (m.kind !== 'rotate' || Math.abs(m.axis[0]) < 0.7) continue;
    if (!best || Math.abs(m.angle) > Math.abs(best.angle)) best = { origin: m.origin, angle: m.angle };
  }
  return best;
}

/**
 * Of the joints a turn carries (away from its origin), the one highest in the picture (its start and end), and how
 * far from the origin the farthest of them reaches on the picture.
 */
function highestTurned(
  start: Pose,
  now: Pose,
  camera: Camera,
  origin: Vec3,
): { a: XY; b: XY; reach: number } | null {
  let best: { a: XY; b: XY } | null = null;
  let reach = 0;
  const o = camera.project(origin);
  for (const [name, p] of Object.entries(now.client)) {
    const q = start.client[name];
    if (!q || vecLength(vecDifference(p, q)) < 0.002 || vecLength(vecDifference(q, origin)) < 0.02) continue;
    const b = camera.project(p);
    reach = Math.max(reach, Math.hypot(b.x - o.x, b.y - o.y));
    if (!best || b.y < best.b.y) best = { a: camera.project(q), b };
  }
  return best ? { ...best, reach } : null;
}

/** A curved arrow round o at radius r from angle a0 to a1 (screen radians), at least 56 px long, its head at a1. */
function arcArrowSvg(o: XY, r: number, a0: number, a1: number, theme: Theme, unit: number): string {
  let sweep = a1 - a0;
  while (sweep > Math.PI) sweep -= 2 * Math.PI;
  while (sweep < -Math.PI) sweep += 2 * Math.PI;
  const dir = sweep >= 0 ? 1 : -1;
  const minSweep = (84 * unit) / r;
  const mid = a0 + sweep / 2;
  const half = Math.max(Math.abs(sweep), minSweep) / 2;
  const from = mid - dir * half;
  const to = mid + dir * half;
  const head = 16 * unit;
  const lineEnd = to - (dir * head * 0.6) / r;
  const pt = (ang: number): XY => ({ x: o.x + r * Math.cos(ang), y: o.y + r * Math.sin(ang) });
  const p0 = pt(from);
  const p1 = pt(lineEnd);
  const tip = pt(to);
  const t = { x: -Math.sin(to) * dir, y: Math.cos(to) * dir };
  const back = { x: tip.x - t.x * head, y: tip.y - t.y * head };
  const w1 = { x: back.x - t.y * head * 0.55, y: back.y + t.x * head * 0.55 };
  const w2 = { x: back.x + t.y * head * 0.55, y: back.y - t.x * head * 0.55 };
  const d = `M${num(p0.x)} ${num(p0.y)}A${num(r)} ${num(r)} 0 0 ${dir > 0 ? 1 : 0} ${num(p1.x)} ${num(p1.y)}`;
  return arrowHaloSvg(d, theme, unit) + arrowLineSvg(d, [tip, w1, w2], theme, unit);
}

/**
 * The working contact of a technique that works in circles (its marks are loops: knead, friction, rub), as this
 * camera sees it, and whether it lies on the far side of the limb it works (`isBeyondLimb`).
 */
function circledContact(pose: Pose, camera: Camera, moment: Moment): { at: XY; isFarSide: boolean } | null {
  if (TECHNIQUE_MARKS[moment.technique].stroke !== 'loops') return null;
  const hand = pose.hands.find((h) => !h.isHolding);
  if (!hand) return null;
  return { at: camera.project(hand.contact), isFarSide: isBeyondLimb(pose, camera, hand.contact) };
}

/** A point just over the posed trunk's or head's outline, above a midline point p (0.03 H clear of it). */
function overBody(pose: Pose, p: Vec3): Vec3 {
  let top = p[2];
  for (const s of trunkSamples(pose.position)) {
    if (Math.abs(s.y - p[1]) > 0.03) continue;
    top = Math.max(top, posedPoint(pose.moves, [0, s.y, s.top])[2]);
  }
  return [p[0], p[1], top + 0.03];
}

/** The client joint that moved most from the start pose, and how far. */
function mostMoved(start: Pose, now: Pose): { name: string; distance: number } {
  let best = { name: '', distance: 0 };
  for (const [name, p] of Object.entries(now.client)) {
    const q = start.client[name];
    if (!q) continue;
    const d = vecLength(vecDifference(p, q));
    if (d > best.distance) best = { name, distance: d };
  }
  return best;
}

/** A small legend naming the symbols this picture uses, and no others. */
function legendSvg(
  items: readonly LegendItem[],
  at: XY,
  theme: Theme,
  words: ViewLabels,
  unit: number,
): string {
  if (items.length === 0) return '';
  const rowH = 24 * unit;
  const w = 300 * unit;
  let out = el('rect', {
    x: num(at.x),
    y: num(at.y),
    width: num(w),
    height: num(rowH * items.length + 12 * unit),
    rx: num(6 * unit),
    fill: theme.captionBand,
    stroke: theme.tableEdge,
    'stroke-width': num(1.5 * unit),
  });
  items.forEach((item, i) => {
    const y = at.y + 6 * unit + rowH * i + rowH / 2;
    const x = at.x + 12 * unit;
    if (item === 'start')
      out += el('rect', {
        x: num(x),
        y: num(y - 7 * unit),
        width: num(34 * unit),
        height: num(14 * unit),
        rx: num(7 * unit),
        fill: colourMixed(theme.skin, theme.background, 0.94),
        stroke: colourMixed(theme.skinLine, theme.background, 0.45),
        'stroke-width': num(1.5 * unit),
      });
    else if (item === 'movement') out += arrowSvg({ x, y }, { x: x + 34 * unit, y }, 0, theme, unit * 0.8);
    else if (item === 'far')
      out += el('path', {
        d: `M${num(x)} ${num(y)}H${num(x + 34 * unit)}`,
        stroke: theme.path,
        'stroke-width': num(4 * unit),
        'stroke-dasharray': `${num(9 * unit)} ${num(6 * unit)}`,
      });
    else if (item === 'return')
      out += el('path', {
        d: `M${num(x)} ${num(y)}H${num(x + 30 * unit)}M${num(x + 24 * unit)} ${num(y - 6 * unit)}L${num(x + 32 * unit)} ${num(y)}L${num(x + 24 * unit)} ${num(y + 6 * unit)}`,
        fill: 'none',
        stroke: theme.pathReturn,
        'stroke-width': num(3 * unit),
        'stroke-dasharray': `${num(8 * unit)} ${num(5 * unit)}`,
        'stroke-linecap': 'round',
      });
    else
      out += el('rect', {
        x: num(x),
        y: num(y - 7 * unit),
        width: num(34 * unit),
        height: num(14 * unit),
        rx: num(4 * unit),
        fill: cutAwayFill(theme),
        stroke: theme.practitionerLine,
        'stroke-width': num(2 * unit),
        'stroke-dasharray': `${num(6 * unit)} ${num(4 * unit)}`,
      });
    const text =
      item === 'start'
        ? words.start
        : item === 'movement'
          ? words.movement
          : item === 'far'
            ? words.farSide
            : item === 'return'
              ? words.return
              : words.under;
    out += el(
      'text',
      { x: num(x + 46 * unit), y: num(y + 5 * unit), 'font-size': num(15 * unit), fill: theme.captionText },
      xmlEscaped(text),
    );
  });
  return out;
}

/** A panel's drawing in pieces, one per layer it feeds, and the symbols it used (for the legend). */
interface PanelPieces {
  /** The table and the start-position ghost (the `table` layer). */
  readonly back: string;
  /** The scene's groups in depth order, each marked static (the `body` layer) or moving (the `hands` layer). */
  readonly groups: readonly SplitGroup[];
  /** What is drawn over the groups: hands cut away under the body, the contact mark, the arrows (`hands`). */
  readonly front: string;
  readonly used: Set<LegendItem>;
}

type LegendItem = 'start' | 'movement' | 'return' | 'far' | 'under';

/** The client's and the practitioner's groups, farthest first, each with its drawing. */
function sceneDrawn(
  pose: Pose,
  camera: Camera,
  cameraKey: string,
  paint: { theme: Theme; unit: number; maskPrefix: string },
): DrawnGroup[] {
  const { theme, unit, maskPrefix } = paint;
  // The client's drawings are found again while the client keeps still (client-drawn.ts).
  const client = clientDrawn(pose, camera, cameraKey, theme, unit);
  const clientSvgs = new Map(client.map(({ group, svg }) => [group, svg]));
  const groups: SceneGroup[] = [...client.map(({ group }) => group), ...practitionerGroups(pose, camera)];
  // Farthest first; a hand under the body always goes behind it (never drawn over the face or throat). From the
  // head end, above, a hand on the body lies on top of it, however far down the body it works.
  const isBehind = (g: SceneGroup) =>
    (g.isUnder && camera.kind !== 'head') || (camera.kind === 'head' && g.role.startsWith('client'));
  const order = (g: SceneGroup) => (isBehind(g) ? 10 : 0) + g.depth;
  groups.sort((a, b) => order(b) - order(a));
  // From the head end a hand under the body is drawn over it but masked by the client's outline: its forearm comes
  // in beside the head or the shoulder, the hand hidden where the body covers it. Drawn after the client, the client
  // stays in the still layer.
  const clientPrims =
    camera.kind === 'head' ? client.flatMap(({ group: g }) => g.prims).filter((p) => p.kind !== 'line') : [];
  return groups.map((group) => {
    const clientSvg = clientSvgs.get(group);
    if (clientSvg !== undefined) return { group, svg: clientSvg };
    // From the side, an arm reaching under the body is drawn behind it, and its hand (with the forearm, when that
    // too lies under the body) cut away over it (`panelPieces`), never solid across the table top or the body.
    if (camera.kind !== 'head' && group.isUnder)
      return {
        group,
        svg: groupSvg({ ...group, prims: group.prims.slice(0, group.isForearmUnder ? 1 : 2) }, theme, {
          unit,
        }),
      };
    if (!(camera.kind === 'head' && group.isUnder)) return { group, svg: groupSvg(group, theme, { unit }) };
    // The upper arm in plain sight; the forearm and the hand masked by the shapes of the client that can cover them
    // (never drawn over the neck or the face; a mask over the forearm and hand alone rasterizes fast).
    const arm: SceneGroup = { ...group, prims: group.prims.slice(0, 1) };
    const hand: SceneGroup = { ...group, prims: group.prims.slice(1) };
    const id = `${maskPrefix}-${group.id}`;
    const box = groupBox(hand, 6 * unit);
    // One path per shape: shapes joined in one path could cancel where they overlap with opposite windings.
    const clientShape = clientPrims
      .filter((p) => isOverlapping(primBox(p), box))
      .map((p) => el('path', { d: primPathData(p), fill: '#000' }))
      .join('');
    const area = {
      x: num(box.x0),
      y: num(box.y0),
      width: num(box.x1 - box.x0),
      height: num(box.y1 - box.y0),
    };
    const mask =
      `<mask id="${id}" maskUnits="userSpaceOnUse" x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}">` +
      el('rect', { ...area, fill: '#fff' }) +
      clientShape +
      '</mask>';
    const handSvg = groupSvg(hand, theme, { unit });
    return {
      group,
      svg: `${groupSvg(arm, theme, { unit })}${clientShape === '' ? handSvg : `${mask}<g mask="url(#${id})">${handSvg}</g>`}`,
    };
  });
}

/** What one panel of a solid view draws, in pieces. */
function panelPieces(
  moment: Moment,
  view: SolidView,
  viewport: Viewport,
  box: SideBox,
  framing: { framing: Framing; map: BodyMap | undefined },
  paint: { theme: Theme; themeName: ThemeName; unit: number; words: ViewLabels; prefix: string },
): PanelPieces {
  const { theme, unit, words } = paint;
  const pose = momentPose(moment);
  const start = startPose(moment);
  const { camera, key } = panelCamera(moment, view, viewport, box, framing);
  const used = new Set<LegendItem>();
  let back = tableSvg(camera, pose.position, theme, unit);
  const moved = mostMoved(start, pose);
  // A move seen end-on is a few pixels: no ghost, no arrow pointing nowhere.
  const seenMove = moved.name
    ? Math.hypot(
        camera.project(start.client[moved.name]!).x - camera.project(pose.client[moved.name]!).x,
        camera.project(start.client[moved.name]!).y - camera.project(pose.client[moved.name]!).y,
      )
    : 0;
  // From the head end a rise is seen end-on (the side view shows it): no ghost, no arrow toward the face.
  const hasGhost = moved.distance > 0.008 && view === 'side' && seenMove > 6 * unit;
  if (hasGhost) {
    for (const g of clientGroups(start, camera, { role: 'ghost' })) back += groupSvg(g, theme, { unit });
    used.add('start');
  }
  const maskPrefix = `${paint.prefix}-under-${Math.round(viewport.x)}`;
  const drawn = sceneDrawn(pose, camera, key, { theme, unit, maskPrefix });
  const still = framing.map
    ? stillGroupSvgs(moment, framing.map, camera, `${key}|${paint.themeName}|${unit}`, (p, c) =>
        sceneDrawn(p, c, key, { theme, unit, maskPrefix }),
      )
    : new Map<string, string>();
  const groups = groupsSplit(drawn, still, 12 * unit);
  let front = '';
  if (camera.kind !== 'head') {
    // Seen from the side the hands under the body are drawn cut away: dashed, below the body, away from the face.
    for (const { group: g } of drawn) {
      if (!g.isUnder) continue;
      front += groupSvg({ ...g, prims: g.prims.slice(g.isForearmUnder ? 1 : 2) }, theme, {
        unit,
        isDashed: true,
      });
      used.add('under');
    }
  }
  if (view === 'closeup') {
    const hand = pose.hands.find((h) => !h.isHolding) ?? pose.hands[0];
    if (hand) {
      // The label goes where it covers none of the head and least of the hands and arms, never across the fingers
      // it names (closeup-label.ts).
      const at = camera.project(hand.contact);
      const text = words.contact[hand.shape];
      const best = closeupLabelFor(
        pose,
        camera,
        text,
        unit,
        viewport,
        drawn.map(({ group: g }) => g),
      );
      front += contactMarkSvg(at, text, theme, unit, best);
      if (TECHNIQUE_MARKS[moment.technique].stroke === 'loops' && !hand.isHolding) {
        // Worked in circles (the seed's kneading: "circular and deep"): the circle round the contact's ring, moved
        // there on whole pixels as the ring is (a drawer of many frames rasterises it once).
        front += movedRun(at, circleArrowSvg({ x: 0, y: 0 }, 44 * unit, theme, unit));
        used.add('movement');
      }
    }
  }
  if (view === 'head') {
    // From the head end: the stroke's arrows, the way back, their order, a traction's pull, a drawn strand, the
    // circles of a kneading or friction.
    const marks = headMarks(moment, pose, camera, theme, unit);
    // The hands in sight drawn again over the marks, as the top view draws them over its paths: an arrow never
    // hides the fingers (the hands turning round the shoulders, Figure 118).
    const handsOver = drawn
      .filter(({ group: g }) => g.role === 'practitioner' && !g.isUnder)
      .map(({ group: g }) => groupSvg({ ...g, prims: g.prims.slice(2) }, theme, { unit }))
      .join('');
    // Apart: the marks keep still through a phase while the hands over them move frame after frame.
    front += marks.svg + LAYER_RUN_BREAK + handsOver;
    for (const item of marks.used) used.add(item);
  }
  const spec = stepPoseSpec(moment.part ? partView(moment.step, moment.part) : moment.step);
  const circled = view === 'side' ? circledContact(pose, camera, moment) : null;
  if (spec.ankleCircle && pose.workedSide && view !== 'head') {
    // The big toe's circle, turning the way this part (or repetition) turns, as seen from this side.
    const toes = camera.project(pose.client[`toes-${pose.workedSide}`]!);
    const sense = circleSense(momentMotion(moment).turn, moment.repetition);
    const isCounter = sense * (camera.nearSide === 'right' ? 1 : -1) < 0;
    front += circleArrowSvg(toes, 0.03 * camera.scale, theme, unit, { isCounter });
    used.add('movement');
  } else if (circled) {
    // Circles worked round a point (kneading round an ankle bone): the circle where the thumb works, dashed when
    // that point is on the far side of the limb (the inner ankle bone, seen from the outer side).
    front += circleArrowSvg(circled.at, 0.02 * camera.scale, theme, unit, { isFarSide: circled.isFarSide });
    used.add(circled.isFarSide ? 'far' : 'movement');
  } else if (hasGhost) {
    const turn = turningMove(pose);
    let a = camera.project(start.client[moved.name]!);
    let b = camera.project(pose.client[moved.name]!);
    if (turn && camera.kind !== 'head') {
      // A joint turning (the foot at the ankle, the leg at the hip): a curved arrow round the joint, beyond the limb,
      // on the side with room (above it), where the hands do not cover it.
      const o = camera.project(turn.origin);
      const high = highestTurned(start, pose, camera, turn.origin) ?? {
        a,
        b,
        reach: Math.hypot(a.x - o.x, a.y - o.y),
      };
      // Just beyond the joint that shows the turn best, close enough to read as the limb's own turn.
      const r = Math.min(Math.hypot(high.a.x - o.x, high.a.y - o.y) + 46 * unit, high.reach + 34 * unit);
      const angle = (q: XY) => Math.atan2(q.y - o.y, q.x - o.x);
      front += arcArrowSvg(o, r, angle(high.a), angle(high.b), theme, unit);
      used.add('movement');
    } else {
      // A joint on the midline (the back arching, the head lifting) lies inside the body as seen from the side: the
      // arrow goes over the body's outline there instead, from above the start to above where it is now.
      const q = start.client[moved.name]!;
      if (Math.abs(q[0]) < 0.01 && camera.kind !== 'head') {
        a = camera.project(overBody(start, q));
        b = camera.project(overBody(pose, pose.client[moved.name]!));
      }
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy);
      if (len > 1) {
        // At least 48 px long, beside the joint rather than on it.
        const k = Math.max(len, 48 * unit) / len;
        const off = { x: (dy / len) * 26 * unit, y: (-dx / len) * 26 * unit };
        const side = off.y > 0 ? -1 : 1;
        const from = { x: a.x + side * off.x, y: a.y + side * off.y };
        const to = { x: from.x + dx * k, y: from.y + dy * k };
        front += arrowSvg(from, to, 0.18 * Math.max(len, 48 * unit) * side, theme, unit);
        used.add('movement');
      }
    }
  }
  return { back, groups, front, used };
}

/** The close-up's mark: a ring round the contact and, where `place` puts it, which part of the hand touches. */
function contactMarkSvg(at: XY, text: string, theme: Theme, unit: number, place: LabelPlace): string {
  const r = CONTACT_RING * unit;
  const ring = (stroke: string, width: number) =>
    el('circle', { cx: '0', cy: '0', r: num(r), fill: 'none', stroke, 'stroke-width': num(width * unit) });
  return (
    // The ring and the label follow the contact frame after frame: each placed on whole pixels, a run of its own.
    movedRun(at, ring(theme.background, 8) + ring(theme.path, 4)) +
    el('path', {
      d: `M${num(place.lineFrom.x)} ${num(place.lineFrom.y)}L${num(place.lineTo.x)} ${num(place.lineTo.y)}`,
      stroke: theme.path,
      'stroke-width': num(3 * unit),
    }) +
    movedRun(
      place,
      el(
        'text',
        {
          x: '0',
          y: '0',
          'font-size': num(CONTACT_FONT * unit),
          'font-weight': '600',
          fill: theme.label,
          stroke: theme.labelHalo,
          'stroke-width': num(5 * unit),
          'paint-order': 'stroke',
        },
        xmlEscaped(text),
      ),
    )
  );
}

/**
 * Marks drawn round the origin, moved to `at` on whole pixels, as a run of the moving layer of their own: a mark
 * that follows a hand frame after frame is then the same run moved, which a drawer of many frames rasterises once
 * and moves (`translatedLayer`, src/export/png.ts). Half a pixel off at most.
 */
function movedRun(at: XY, marks: string): string {
  return `${LAYER_RUN_BREAK}<g transform="translate(${Math.round(at.x)} ${Math.round(at.y)})">${marks}</g>${LAYER_RUN_BREAK}`;
}

function viewTitleSvg(text: string, at: XY, theme: Theme, unit: number, number?: number): string {
  let out = '';
  let x = at.x;
  if (number !== undefined) {
    out += numberBadgeSvg({ x: x + 14 * unit, y: at.y }, number, {
      radius: 14 * unit,
      fill: theme.chip,
      digit: { size: 17 * unit, colour: theme.chipText, drop: 6 * unit },
    });
    x += 36 * unit;
  }
  out += el(
    'text',
    {
      x: num(x),
      y: num(at.y + 6 * unit),
      'font-size': num(17 * unit),
      'font-weight': '600',
      fill: theme.label,
      // Cased in the halo colour: an upper arm reaching in past the corner (the close-up of a leg) passes under it.
      stroke: theme.labelHalo,
      'stroke-width': num(5 * unit),
      'paint-order': 'stroke',
    },
    xmlEscaped(text),
  );
  return out;
}

/**
 * The groups of the moving layer in order, one run each (`LAYER_RUN_BREAK` between them), then what is drawn over
 * them as a run of its own: a drawer of many frames rasterises only the groups that changed (most frames move an arm
 * and a hand, not the whole scene).
 */
function movingRuns(groups: readonly SplitGroup[], front: string): string {
  const runs = groups.filter((g) => !g.isStatic).map((g) => g.svg);
  if (front !== '') runs.push(front);
  return runs.join(LAYER_RUN_BREAK);
}

/** A panel's pieces for the layers asked for: the groups split only when one of body and hands is left out. */
function panelLayers(pieces: PanelPieces, layers: ReadonlySet<RenderLayer>) {
  const hasBody = layers.has('body');
  const hasHands = layers.has('hands');
  const groups = (isStatic: boolean) =>
    pieces.groups
      .filter((g) => (hasBody && hasHands) || g.isStatic === isStatic)
      .map((g) => g.svg)
      .join('');
  return {
    table: layers.has('table') ? pieces.back : '',
    body: hasBody ? groups(true) : '',
    hands: !hasHands
      ? ''
      : hasBody
        ? pieces.front.replaceAll(LAYER_RUN_BREAK, '')
        : movingRuns(pieces.groups, pieces.front),
  };
}

/**
 * Draws a moment from the side, the head end or as a close-up of the contact, from its posed solid: one panel, or
 * two side by side (start and end, Figure 115 then 116) when two moments are given. The captions band speaks of the
 * last. `layers` as for the top view: `table` the background, table and start ghost; `body` the groups that keep
 * still through the repetition (under everything that moves); `hands` the rest of the scene and the arrows;
 * `marks` the titles and the legend; `captions` the band. Pure: the same moments give the same bytes.
 */
export function renderSolidView(moments: readonly Moment[], options: SolidViewOptions): string {
  return solidViewLayers(moments, options, [options.layers ?? RENDER_LAYERS])[0]!;
}

/** `renderSolidView` for several groups of layers at once (one document each), the drawing shared. */
export function solidViewLayers(
  moments: readonly Moment[],
  options: Omit<SolidViewOptions, 'layers'>,
  layerGroups: readonly (readonly RenderLayer[])[],
): string[] {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const language = options.language ?? 'en';
  const themeName = options.theme ?? 'light';
  const theme = themeColours(themeName);
  const last = moments[moments.length - 1]!;
  const layout = viewLayout({
    width,
    height,
    position: last.step.position === 'supine' ? 'supine' : 'prone',
  });
  const unit = layout.unit;
  const words = viewLabels(language);
  const prefix = options.idPrefix ?? 'mc';
  const hatchId = `${prefix}-hatch`;
  const top = 44 * unit;
  const areaH = layout.captionTop - top - 8 * unit;
  const panelW = width / moments.length;
  const used = new Set<LegendItem>();
  const framing = { framing: options.framing ?? 'moment', map: options.bodyMap };
  const asked = new Set(layerGroups.flat());
  const box = sideBoxFor(moments, framing);
  let clips = '';
  const panels = moments.map((m, i) => {
    const viewport: Viewport = {
      x: panelW * i + 12 * unit,
      y: top,
      width: panelW - 24 * unit,
      height: areaH,
    };
    const pieces = panelPieces(m, options.view, viewport, box, framing, {
      theme,
      themeName,
      unit,
      words,
      prefix,
    });
    for (const u of pieces.used) used.add(u);
    const clipId = `${prefix}-panel-${i}`;
    if (moments.length > 1)
      clips += `<clipPath id="${clipId}"><rect x="${num(panelW * i)}" y="0" width="${num(panelW)}" height="${num(layout.captionTop)}"/></clipPath>`;
    const title = options.view === 'side' ? words.side : options.view === 'head' ? words.head : words.closeup;
    let marks = viewTitleSvg(
      title,
      { x: panelW * i + 20 * unit, y: 24 * unit },
      theme,
      unit,
      moments.length > 1 ? i + 1 : undefined,
    );
    if (i > 0)
      marks += el('path', {
        d: `M${num(panelW * i)} ${num(12 * unit)}V${num(layout.captionTop - 8 * unit)}`,
        stroke: theme.tableEdge,
        'stroke-width': num(2 * unit),
      });
    const clipped = (svg: string) =>
      moments.length > 1 && svg !== '' ? `<g clip-path="url(#${clipId})">${svg}</g>` : svg;
    return { pieces, marks, clipped };
  });
  const legendItems = (['start', 'movement', 'return', 'far', 'under'] as const).filter((u) => used.has(u));
  const legend = legendSvg(legendItems, { x: width - 316 * unit, y: 12 * unit }, theme, words, unit);
  const captions = asked.has('captions')
    ? captionsSvg({
        view: layout,
        theme,
        labels: renderLabels(language),
        moment: last,
        hasNeverPressKey: false,
        hatchId,
        showsStatus: options.showsStatus ?? true,
      })
    : '';
  const background = el('rect', {
    x: '0',
    y: '0',
    width: String(width),
    height: String(height),
    fill: theme.background,
  });
  const opening =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="'Noto Sans', 'Segoe UI', Arial, sans-serif" role="img"><title>${xmlEscaped(last.step.title)}</title>`;
  const isPaths = (options.text ?? 'paths') === 'paths';
  return layerGroups.map((group) => {
    const layers = new Set<RenderLayer>(group);
    const parts = panels.map((p) => ({ ...panelLayers(p.pieces, layers), clipped: p.clipped }));
    const marks = (p: (typeof panels)[number]) => (layers.has('marks') ? p.marks : '');
    let body = layers.has('table') ? background : '';
    // Everything asked for: each panel whole with its title, as a still is drawn; else layer by layer.
    if ((['table', 'body', 'hands', 'marks'] as const).every((l) => layers.has(l)))
      panels.forEach((p, i) => {
        const q = parts[i]!;
        body += q.clipped(q.table + q.body + q.hands) + marks(p);
      });
    else {
      for (const layer of ['table', 'body', 'hands'] as const)
        for (const q of parts) body += q.clipped(q[layer]);
      for (const p of panels) body += marks(p);
    }
    if (layers.has('marks')) body += legend;
    if (layers.has('captions')) body += captions;
    const hasHatch = layers.has('captions');
    const defs =
      hasHatch || clips !== ''
        ? `<defs>${hasHatch ? hatchPatternSvg({ id: hatchId, theme, unit }) : ''}${clips}</defs>`
        : '';
    return `${opening}${defs}${isPaths ? textAsPaths(body) : body}</svg>`;
  });
}
