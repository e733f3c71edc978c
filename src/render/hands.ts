import type { BodyPoint } from '../core/geometry.js';
import type { ContactTool } from '../core/ids.js';
import type { HandState } from '../core/moment.js';
import type { ArmPiece, DrawnArm } from './drawn-arms.js';
import type { DrawnHand } from './drawn-hands.js';
import { placementScreenTurn } from './drawn-hands.js';
import { LAYER_RUN_BREAK } from './layers.js';
import { el, num, smoothPathData, type XY } from './svg.js';
import { type Theme, themeFaded } from './theme.js';
import { screenFromBody, type ViewLayout } from './view.js';

/*
 * Hands are drawn in a local frame of 1/1000 body heights: +u along the fingers, v across with the thumb at −v
 * for the practitioner's right hand seen from above (its back towards the viewer); the left hand is the mirror
 * image. A hand is about 100 long (0.10 H) and 50 wide at the palm (BODY-PROPORTIONS.md), a forearm's contact
 * about 140 by 40.
 */

/** One finger, the thumb or a forearm: a tapered capsule from its base along an angle (degrees from +u). */
export interface Digit {
  readonly u: number;
  readonly v: number;
  readonly angle: number;
  readonly length: number;
  readonly width: number;
  readonly tipWidth?: number;
  /** Drawn in the sleeve colour (the practitioner's arm beyond the wrist). */
  readonly isSleeve?: boolean;
  /** Marks the fingertip (or thumb tip) that touches the client. */
  readonly isContact?: boolean;
  /** The practitioner's forearm beyond the wrist, not part of the hand's 0.10 H. */
  readonly isArm?: boolean;
}

/** A drawable pose: a palm outline, its digits, and which local point sits on the HandState's position. */
export interface HandPose {
  readonly palm: readonly (readonly [number, number])[];
  readonly digits: readonly Digit[];
  readonly contact: readonly [number, number];
  /** The hand is off the body (beyond a working forearm): palm and fingers drawn lighter, as lifted. */
  readonly isHandAloft?: boolean;
  /** Extra lines on the back of the hand (knuckles of a grasp). */
  readonly details?: readonly (readonly (readonly [number, number])[])[];
}

const PALM: readonly (readonly [number, number])[] = [
  [-40, -19],
  [-27, -24],
  [-5, -25],
  [12, -22],
  [15, -8],
  [15, 5],
  [12, 17],
  [4, 23],
  [-20, 23],
  [-40, 19],
];

// A short stub of the forearm and a cuff: enough to show where the arm comes from, not enough to hide the body.
const WRIST: Digit = { u: -34, v: 0, angle: 180, length: 36, width: 40, tipWidth: 42, isArm: true };
const SLEEVE: Digit = { u: -58, v: 0, angle: 180, length: 12, width: 45, tipWidth: 46, isSleeve: true };

const flatFingers = (spread: number, lengths: readonly [number, number, number, number]): Digit[] => [
  { u: 10, v: -17, angle: -1 - spread, length: lengths[0], width: 11 },
  { u: 12, v: -5.8, angle: -spread * 0.3, length: lengths[1], width: 11.5 },
  { u: 10, v: 5.5, angle: spread * 0.6, length: lengths[2], width: 11 },
  { u: 4, v: 16, angle: 4 + spread * 1.2, length: lengths[3], width: 9.5, tipWidth: 8.5 },
];

/** A flat hand, fingers together, with this thumb: the contact is the middle of the palm. */
const flatHand = (thumb: Digit): HandPose => ({
  palm: PALM,
  digits: [WRIST, SLEEVE, ...flatFingers(0, [42, 46, 43, 34]), thumb],
  contact: [-12, 0],
});

/** A grasp's wrist, sleeve, four curled fingers and opposed thumb (the grasp and the holding hand). */
const GRASP_DIGITS: Digit[] = [
  WRIST,
  SLEEVE,
  { u: 10, v: -17, angle: 10, length: 27, width: 12.5, tipWidth: 12.5 },
  { u: 12, v: -5.8, angle: 10, length: 29, width: 13, tipWidth: 13 },
  { u: 10, v: 5.5, angle: 12, length: 27, width: 12.5, tipWidth: 12.5 },
  { u: 4, v: 16, angle: 16, length: 22, width: 11, tipWidth: 11 },
  { u: -22, v: -21, angle: -6, length: 44, width: 15.5, tipWidth: 13 },
];
export const POSES = {
  // A flat hand, fingers together, the thumb alongside: the contact is the middle of the palm.
  palm: flatHand({ u: -26, v: -19, angle: -36, length: 44, width: 15, tipWidth: 12 }),
  // A flat hand with the thumb alongside the fingers: the reinforced (stacked) palm, narrow enough to lie beside
  // the spine.
  flat: flatHand({ u: -24, v: -20, angle: -12, length: 42, width: 15, tipWidth: 12 }),
  // Index and middle fingers straight, ring and little fingers folded, the thumb tucked: the tips touch.
  fingertips: {
    palm: PALM,
    digits: [
      WRIST,
      SLEEVE,
      { u: 10, v: -16, angle: -2, length: 47, width: 11.5, isContact: true },
      { u: 12, v: -4.5, angle: 1, length: 49, width: 12, isContact: true },
      { u: 10, v: 6.5, angle: 6, length: 16, width: 12.5, tipWidth: 12.5 },
      { u: 4, v: 16, angle: 10, length: 12, width: 11, tipWidth: 11 },
      { u: -22, v: -19, angle: -14, length: 32, width: 14, tipWidth: 12 },
    ],
    contact: [58, -9],
    details: [
      [
        [18, 4],
        [22, 10],
        [18, 20],
      ],
    ],
  },
  // The thumb reaches forward to press, the fingers rest spread on the body as an anchor.
  thumb: {
    palm: PALM,
    digits: [
      WRIST,
      SLEEVE,
      ...flatFingers(6, [34, 38, 35, 27]),
      { u: -22, v: -20, angle: -22, length: 52, width: 15.5, tipWidth: 13, isContact: true },
    ],
    contact: [21, -36.5],
  },
  // A grasp round a limb: the palm on it, the fingers long across it and over its far side (a crease where they
  // bend down out of sight), the thumb spread wide and opposed along the near side. Never a fist (ILLUSTRATION.md).
  grasp: {
    palm: PALM,
    digits: [
      WRIST,
      SLEEVE,
      { u: 10, v: -17, angle: -5, length: 31, width: 12, tipWidth: 10.5 },
      { u: 12, v: -5.8, angle: -1, length: 34, width: 12.5, tipWidth: 11 },
      { u: 10, v: 5.5, angle: 3, length: 32, width: 12, tipWidth: 10.5 },
      { u: 4, v: 16, angle: 8, length: 26, width: 10, tipWidth: 9.5 },
      { u: -22, v: -21, angle: -48, length: 42, width: 15, tipWidth: 12.5 },
    ],
    contact: [0, 0],
    details: [
      [
        [30, -24],
        [34, -8],
        [33, 7],
        [27, 20],
      ],
    ],
  },
  // A holding hand: the grasp with its fingers (not its palm) on the held point, so from above the palm lies beside
  // the limb or foot it holds and only the fingers lie round it, leaving in sight what the other hand works on.
  hold: {
    palm: PALM,
    digits: GRASP_DIGITS,
    contact: [24, 0],
    details: [
      [
        [20, -22],
        [24, -6],
        [22, 8],
        [16, 22],
      ],
    ],
  },
  // Fingers spread and a little curled, as in washing hair.
  fingers: {
    palm: PALM,
    digits: [
      WRIST,
      SLEEVE,
      ...flatFingers(14, [38, 42, 39, 31]),
      { u: -24, v: -20, angle: -58, length: 40, width: 14.5, tipWidth: 12 },
    ],
    contact: [6, 0],
  },
  // The forearm from the elbow to the wrist, the hand loose beyond it: the contact is the forearm's middle.
  forearm: {
    palm: [
      [70, -19],
      [82, -22],
      [100, -21],
      [106, -8],
      [106, 6],
      [100, 19],
      [82, 21],
      [70, 18],
    ],
    digits: [
      { u: 78, v: 0, angle: 180, length: 152, width: 36, tipWidth: 42 },
      { u: -70, v: 0, angle: 180, length: 18, width: 46, tipWidth: 48, isSleeve: true },
      { u: 100, v: -16, angle: 14, length: 16, width: 11.5, tipWidth: 11.5 },
      { u: 102, v: -5, angle: 14, length: 17, width: 12, tipWidth: 12 },
      { u: 100, v: 6, angle: 16, length: 16, width: 11.5, tipWidth: 11.5 },
      { u: 96, v: 15, angle: 20, length: 13, width: 10, tipWidth: 10 },
      // The loose hand's thumb lies along the index finger, inside the forearm's width.
      { u: 78, v: -16, angle: -2, length: 32, width: 14, tipWidth: 12 },
    ],
    contact: [0, 0],
    isHandAloft: true,
    details: [
      [
        [-60, -8],
        [-64, 0],
        [-60, 8],
      ],
    ],
  },
} satisfies Record<string, HandPose>;

/** A hand shape the renderer can draw. */
export type PoseName = keyof typeof POSES;

/** Which pose draws a tool; a holding hand is always a grasp held by its fingers (`hold`). */
export const TOOL_POSE: Record<ContactTool, PoseName> = {
  palm: 'palm',
  'stacked-palms': 'flat',
  fingertips: 'fingertips',
  thumb: 'thumb',
  forearm: 'forearm',
  'whole-hand': 'grasp',
  fingers: 'fingers',
};

function digitPath(d: Digit): string {
  const a = (d.angle * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const w0 = d.width / 2;
  const w1 = (d.tipWidth ?? d.width * 0.9) / 2;
  const reach = d.length - w1;
  const px = (along: number, across: number): string =>
    `${num(d.u + along * cos - across * sin)} ${num(d.v + along * sin + across * cos)}`;
  // A sleeve's cuff is a band with a straight hem; a digit has a round tip (an arc of radius w1).
  if (d.isSleeve) return `M${px(0, -w0)}L${px(d.length, -w1)}L${px(d.length, w1)}L${px(0, w0)}Z`;
  return `M${px(0, -w0)}L${px(reach, -w1)}A${num(w1)} ${num(w1)} 0 0 1 ${px(reach, w1)}L${px(0, w0)}Z`;
}

function digitTip(d: Digit): XY {
  const a = (d.angle * Math.PI) / 180;
  const w1 = (d.tipWidth ?? d.width * 0.9) / 2;
  const reach = d.length - w1 * 1.1;
  return { x: d.u + reach * Math.cos(a), y: d.v + reach * Math.sin(a) };
}

interface HandStyle {
  readonly isLifted: boolean;
  readonly isUnder: boolean;
  /** The arm is drawn from the wrist (drawn-arms.ts): the pose's own stub of a wrist and cuff is left out. */
  readonly hasArm?: boolean;
  /** The loose hand beyond a forearm is in the air over the head: its outline only, dashed, no fill. */
  readonly isAloftOverHead?: boolean;
}

const poseCache = new Map<string, string>();

/** The inner markup of a pose in local units (outline pass, then fills), memoised per theme and stroke scale. */
function poseMarkup(pose: PoseName, theme: Theme, strokeLocal: number, style: HandStyle): string {
  const key = `${pose}|${theme.practitionerSkin}|${theme.tableTop}|${num(strokeLocal, 3)}|${style.isLifted}|${style.isUnder}|${style.hasArm === true}|${style.isAloftOverHead === true}`;
  const cached = poseCache.get(key);
  if (cached !== undefined) return cached;
  if (style.isLifted || style.isUnder) theme = themeFaded(theme, style.isLifted ? 0.5 : 0.45);
  const whole: HandPose = POSES[pose];
  const p: HandPose = style.hasArm
    ? { ...whole, digits: whole.digits.filter((d) => !d.isArm && !d.isSleeve) }
    : whole;
  const palmD = smoothPathData(
    p.palm.map(([x, y]) => ({ x, y })),
    { isClosed: true, tension: 0.8 },
  );
  const digitDs = p.digits.map(digitPath);
  const outline = theme.practitionerLine;
  const dash = style.isUnder ? `${num(strokeLocal * 4)} ${num(strokeLocal * 3)}` : undefined;
  // The loose hand in the air over the head: the forearm and sleeve as usual, the hand an outline (like an arm cut
  // where it passes above a zone).
  const isInAir = (i: number) =>
    style.isAloftOverHead === true && p.isHandAloft === true && i > 0 && !p.digits[i]!.isSleeve;
  const airHand =
    style.isAloftOverHead === true && p.isHandAloft === true
      ? el('path', {
          d: palmD + digitDs.filter((_, i) => isInAir(i)).join(''),
          fill: 'none',
          stroke: outline,
          'stroke-width': num(strokeLocal * 1.2, 2),
          'stroke-dasharray': `${num(strokeLocal * 4)} ${num(strokeLocal * 3)}`,
          'stroke-linejoin': 'round',
          'data-in-air': 'true',
        })
      : '';
  // Pass 1: every part with a thick outline; pass 2 fills over the inner half, leaving one silhouette.
  const pass1 = el('path', {
    d: (airHand ? '' : palmD) + digitDs.filter((_, i) => !isInAir(i)).join(''),
    fill: outline,
    stroke: outline,
    'stroke-width': num(strokeLocal * 2, 2),
    'stroke-linejoin': 'round',
    'stroke-dasharray': dash,
  });
  const sleeves = p.digits
    .map((d, i) => (d.isSleeve ? el('path', { d: digitDs[i]!, fill: theme.sleeve }) : ''))
    .join('');
  // A hand held off the body beyond a working forearm is drawn as lifted: lighter than the forearm that presses.
  const aloft = p.isHandAloft ? themeFaded(theme, 0.5) : theme;
  const fingers = p.digits
    .map((d, i) =>
      d.isSleeve || isInAir(i)
        ? ''
        : el('path', {
            d: digitDs[i]!,
            fill: i === 0 || !p.isHandAloft ? theme.practitionerSkin : aloft.practitionerSkin,
            stroke: theme.practitionerDetail,
            'stroke-width': num(strokeLocal * 0.8, 2),
          }),
    )
    .join('');
  const palm = airHand || el('path', { d: palmD, fill: aloft.practitionerSkin });
  const details = detailsMarkup(p, theme, strokeLocal);
  const contacts = p.digits
    .filter((d) => d.isContact)
    .map((d) => {
      const t = digitTip(d);
      return el('circle', {
        cx: num(t.x),
        cy: num(t.y),
        r: num(4.2),
        fill: theme.path,
        stroke: theme.captionBand,
        'stroke-width': num(strokeLocal * 0.8, 2),
      });
    })
    .join('');
  const markup = pass1 + fingers + sleeves + palm + details + (style.isLifted ? '' : contacts);
  poseCache.set(key, markup);
  return markup;
}

/** The local-to-screen transform of a drawn hand: its contact on the point, turned, mirrored for the left hand. */
function handTransform(view: ViewLayout, drawn: DrawnHand): string {
  const { at, turned } = handPlacement(view, drawn);
  return `translate(${num(at.x)} ${num(at.y)}) ${turned}`;
}

/** Where a drawn hand's contact lies on the screen, and the rest of its transform (turned, scaled, mirrored). */
function handPlacement(view: ViewLayout, drawn: DrawnHand): { at: XY; turned: string } {
  const at = screenFromBody(view, drawn.at);
  const turn = placementScreenTurn(
    {
      pose: drawn.pose,
      at: drawn.at,
      angle: drawn.angle,
      isMirrored: drawn.state.hand === 'left',
      stackIndex: drawn.stackIndex,
      ...(drawn.stackTurn ? { stackTurn: drawn.stackTurn } : {}),
    },
    view.lateralSign,
  );
  const k = view.scale / 1000;
  const [cu, cv] = POSES[drawn.pose].contact;
  const flip = drawn.state.hand === 'left' ? -1 : 1;
  return {
    at,
    turned: `rotate(${num(turn.deg, 2)}) scale(${num(k, 4)} ${num(flip * k, 4)}) translate(${num(-cu + turn.du)} ${num(-cv)})`,
  };
}

/**
 * Draws the practitioner's hands (or forearms) as a view describes them (drawn-hands.ts): each a recognisable
 * hand shape at real size; lifted hands lighter with a shadow; hands under the body (a surface the view does not
 * show) dashed and see-through; holding hands quieter (see-through, so the limb they hold shows); the upper of
 * stacked palms edged apart from the lower; hands the view cuts away not drawn; the stroke's start ghosted.
 */
export function handsSvg(options: {
  view: ViewLayout;
  theme: Theme;
  hands: readonly DrawnHand[];
  /** The hands where the stroke started (start-ghost.ts), ghosted under the hands of the moment. */
  ghosts?: readonly DrawnHand[];
  /** Each ghost and hand a run of its own (`LAYER_RUN_BREAK`), for a drawer that keeps the runs that did not change. */
  isInRuns?: boolean;
  /**
   * Each hand (with its shadow) placed on whole pixels, in a group that only moves it there (`translate(X Y)`,
   * integers), so a hand that only moved since the last frame is the same markup moved (see RenderOptions).
   */
  isOnWholePixels?: boolean;
  /** The practitioner's arms to the hands (drawn-arms.ts), under the hands; a hand with one drops its stub. */
  arms?: readonly DrawnArm[];
}): string {
  const { view, theme } = options;
  const k = view.scale / 1000;
  const strokeLocal = (1.5 * view.unit) / k;
  const out: string[] = [];
  const armed = new Set<DrawnHand>();
  for (const arm of options.arms ?? []) if (arm.elbow) armed.add(arm.hand);
  for (const ghost of options.ghosts ?? []) {
    if (!ghost.isShown) continue;
    out.push(
      el(
        'g',
        { 'data-ghost': ghost.state.hand, transform: handTransform(view, ghost) },
        ghostMarkup(ghost.pose, theme, strokeLocal),
      ),
    );
  }
  // Each arm its own entry, so each is a run of its own when the hands are drawn in runs.
  for (const arm of options.arms ?? []) out.push(armsSvg(view, theme, [arm]));
  // Lifted and holding hands first, so pressing hands stay on top; the top of a stack after the lower hand.
  const rank = (d: DrawnHand) => (d.state.isLifted ? 0 : d.state.isHolding ? 1 : 2) + d.stackIndex;
  const order = options.hands.filter((d) => d.isShown).sort((a, b) => rank(a) - rank(b));
  for (const drawn of order) {
    const hand = drawn.state;
    const pose = drawn.pose;
    const style: HandStyle = {
      isLifted: hand.isLifted,
      isUnder: drawn.isUnder,
      hasArm: armed.has(drawn),
      isAloftOverHead: drawn.isAloftOverHead === true,
    };
    const placed = handPlacement(view, drawn);
    // On whole pixels: the hand drawn at the origin of a group moved there (the move is all that changes).
    const moved = options.isOnWholePixels ? { x: Math.round(placed.at.x), y: Math.round(placed.at.y) } : null;
    const transform = moved
      ? placed.turned
      : `translate(${num(placed.at.x)} ${num(placed.at.y)}) ${placed.turned}`;
    let shadowSvg = '';
    if (hand.isLifted) {
      // A soft shadow under a lifted hand; fill-opacity, not opacity (no offscreen layer in resvg).
      const shadow = `translate(${num(6 * view.unit)} ${num(8 * view.unit)}) `;
      shadowSvg = el('path', {
        transform: shadow + transform,
        d: shadowPath(pose, { hasArm: style.hasArm === true }),
        fill: '#000000',
        'fill-opacity': '0.14',
      });
      if (!moved) out.push(shadowSvg);
    }
    // data-* name what is drawn, for the player's hit-testing and for tests.
    const data = {
      'data-hand': hand.hand,
      'data-tool': hand.tool,
      'data-pressure': hand.pressure !== null && !hand.isLifted ? hand.pressure : undefined,
      'data-under': style.isUnder ? 'true' : undefined,
      'data-holding': hand.isHolding ? 'true' : undefined,
    };
    let markup: string;
    if (style.isUnder) markup = underMarkup(pose, theme, strokeLocal);
    else if (hand.isHolding && !hand.isLifted) markup = holdingMarkup(pose, theme, strokeLocal);
    else markup = poseMarkup(pose, theme, strokeLocal, style);
    if (drawn.stackIndex > 0) {
      // A light rim round the upper hand, so the two hands read as two (not one with eight fingers).
      markup =
        el('path', {
          d: shadowPath(pose, { hasArm: style.hasArm === true }),
          fill: 'none',
          stroke: theme.labelHalo,
          'stroke-width': num(strokeLocal * 4.5, 2),
          'stroke-linejoin': 'round',
        }) + markup;
    }
    const handSvg = el('g', { ...data, transform }, markup);
    out.push(moved ? `<g transform="translate(${moved.x} ${moved.y})">${shadowSvg}${handSvg}</g>` : handSvg);
  }
  return out.join(options.isInRuns ? LAYER_RUN_BREAK : '');
}

/**
 * A band from p to q, `w0` and `w1` half wide at its ends (screen space): round ends, or a straight one where the
 * band goes on as a cut stretch (a round end there reads as the arm ending).
 */
function bandPath(p: XY, q: XY, w0: number, w1: number, ends = { p: true, q: true }): string {
  const length = Math.hypot(q.x - p.x, q.y - p.y);
  if (length < 1e-6) return '';
  const nx = -(q.y - p.y) / length;
  const ny = (q.x - p.x) / length;
  const at = (o: XY, w: number, side: number) => `${num(o.x + nx * w * side)} ${num(o.y + ny * w * side)}`;
  const end = (w: number, to: string, isRound: boolean) =>
    isRound ? `A${num(w)} ${num(w)} 0 0 0 ${to}` : `L${to}`;
  return (
    `M${at(p, w0, 1)}L${at(q, w1, 1)}${end(w1, at(q, w1, -1), ends.q)}` +
    `L${at(p, w0, -1)}${end(w0, at(p, w0, 1), ends.p)}Z`
  );
}

/** Whether an arm's piece meets a cut stretch at its point `at` (the two share that end). */
function meetsCut(pieces: readonly ArmPiece[], piece: ArmPiece, at: BodyPoint): boolean {
  return pieces.some(
    (o) =>
      o !== piece &&
      o.isCut &&
      [o.from, o.to].some((e) => Math.abs(e.x - at.x) < 1e-9 && Math.abs(e.y - at.y) < 1e-9),
  );
}

/**
 * The practitioner's arms from above (drawn-arms.ts): the upper arm in its sleeve from the shoulder, the forearm
 * from the elbow to the hand's wrist, outlined like the hands; an arm to a lifted hand faded like it; where the arm
 * passes over a never-press or excluded zone, only a thin dashed outline with no fill (it is above, not on it).
 */
function armsSvg(view: ViewLayout, theme: Theme, arms: readonly DrawnArm[]): string {
  const s = view.scale;
  const line = 1.5 * view.unit;
  const parts: string[] = [];
  for (const arm of arms) {
    const t = arm.hand.state.isLifted ? themeFaded(theme, 0.5) : theme;
    const outline = { stroke: t.practitionerLine, 'stroke-width': num(line, 2), 'stroke-linejoin': 'round' };
    const cut = {
      fill: 'none',
      stroke: t.practitionerLine,
      'stroke-width': num(line, 2),
      'stroke-dasharray': `${num(line * 3)} ${num(line * 2)}`,
    };
    // Upper arm first, so the forearm lies over it at the elbow; cut stretches last, over neither.
    const drawnPieces = [...arm.pieces].sort((a, b) => Number(a.isCut) - Number(b.isCut));
    const markup = drawnPieces.map((piece) => {
      // A solid stretch that goes on as a cut one ends straight there: the arm reads as one, passing above the zone.
      const ends = piece.isCut
        ? { p: true, q: true }
        : { p: !meetsCut(arm.pieces, piece, piece.from), q: !meetsCut(arm.pieces, piece, piece.to) };
      const d = bandPath(
        screenFromBody(view, piece.from),
        screenFromBody(view, piece.to),
        piece.w0 * s,
        piece.w1 * s,
        ends,
      );
      if (!d) return '';
      if (piece.isCut) return el('path', { d, ...cut, 'data-cut': 'true' });
      return el('path', { d, fill: piece.segment === 'upper' ? t.sleeve : t.practitionerSkin, ...outline });
    });
    parts.push(el('g', { 'data-arm': arm.arm }, markup.join('')));
  }
  return parts.join('');
}

/** A pose's detail lines (knuckles, the elbow's crease) in local units. */
function detailsMarkup(p: HandPose, theme: Theme, strokeLocal: number): string {
  return (p.details ?? [])
    .map((line) =>
      el('path', {
        d: smoothPathData(line.map(([x, y]) => ({ x, y }))),
        fill: 'none',
        stroke: theme.practitionerDetail,
        'stroke-width': num(strokeLocal * 0.9, 2),
        'stroke-linecap': 'round',
      }),
    )
    .join('');
}

/** The ghosted start position's fill: a pale, see-through hand (its rim is thin and dotted). */
export function ghostFill(theme: Theme): { fill: string; 'fill-opacity': string } {
  return { fill: theme.practitionerSkin, 'fill-opacity': '0.3' };
}

/** A hand at the stroke's start, ghosted: a pale silhouette with a thin dotted rim, no detail. */
function ghostMarkup(pose: PoseName, theme: Theme, strokeLocal: number): string {
  return el('path', {
    d: shadowPath(pose),
    ...ghostFill(theme),
    stroke: theme.practitionerLine,
    'stroke-opacity': '0.7',
    'stroke-width': num(strokeLocal * 0.9, 2),
    'stroke-dasharray': `${num(strokeLocal * 1.4)} ${num(strokeLocal * 1.8)}`,
    'stroke-linejoin': 'round',
  });
}

/** A holding hand: a see-through silhouette with a solid thin rim and its knuckle lines (quieter than the working hand). */
function holdingMarkup(pose: PoseName, theme: Theme, strokeLocal: number): string {
  const p: HandPose = POSES[pose];
  const details = detailsMarkup(p, theme, strokeLocal);
  return (
    el('path', {
      d: shadowPath(pose),
      fill: theme.practitionerSkin,
      'fill-opacity': '0.5',
      stroke: theme.practitionerLine,
      'stroke-width': num(strokeLocal, 2),
      'stroke-linejoin': 'round',
    }) + details
  );
}

/**
 * True when the hand works the surface the view does not show (under the neck, the back or the knee). The top of
 * the head is the exception: seen from above, the scalp round the crown shows in both views.
 */
export function isHandUnder(hand: HandState, viewSurface: 'posterior' | 'anterior'): boolean {
  if (hand.surface === viewSurface) return false;
  return !(viewSurface === 'anterior' && hand.y < CROWN_VISIBLE_TO);
}

/** Body y above which (toward the crown) the scalp shows from above in the supine view: the occiput's level. */
const CROWN_VISIBLE_TO = 0.085;

/**
 * A hand under the body, seen through it: its silhouette as one path (the union of palm and digits, so one
 * fill-opacity covers it evenly, and the body shows through), a dashed rim and the contact dots.
 */
function underMarkup(pose: PoseName, theme: Theme, strokeLocal: number): string {
  const p: HandPose = POSES[pose];
  const contacts = p.digits
    .filter((d) => d.isContact)
    .map((d) => {
      const t = digitTip(d);
      return el('circle', { cx: num(t.x), cy: num(t.y), r: num(4.2), fill: theme.path });
    })
    .join('');
  return (
    el('path', {
      d: shadowPath(pose),
      fill: theme.practitionerSkin,
      'fill-opacity': '0.42',
      stroke: theme.practitionerLine,
      'stroke-opacity': '0.45',
      'stroke-width': num(strokeLocal, 2),
      'stroke-dasharray': `${num(strokeLocal * 4)} ${num(strokeLocal * 3)}`,
    }) + contacts
  );
}

function shadowPath(pose: PoseName, options: { hasArm?: boolean } = {}): string {
  const p: HandPose = POSES[pose];
  const digits: readonly Digit[] = options.hasArm
    ? p.digits.filter((d) => !d.isArm && !d.isSleeve)
    : p.digits;
  return (
    smoothPathData(
      p.palm.map(([x, y]) => ({ x, y })),
      { isClosed: true, tension: 0.8 },
    ) + digits.map(digitPath).join('')
  );
}

/** The screen points a drawn hand covers, for tests: every vertex of its outline. */
export function handExtentPoints(view: ViewLayout, drawn: DrawnHand): XY[] {
  return drawn.parts.flatMap((poly) => poly.map((p) => screenFromBody(view, p)));
}
