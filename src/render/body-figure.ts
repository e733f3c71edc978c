import { type BodyMap, landmarkPoint } from '../core/body-map.js';
import type { ClientPosition } from '../core/ids.js';
import { el, num, smoothPathData, type XY } from './svg.js';
import type { Theme } from './theme.js';
import { screenFromBody, type ViewLayout } from './view.js';

/** A body-frame coordinate pair [x, y] (x negative on the client's left). */
type Pair = readonly [number, number];

/*
 * The silhouette seen from above, client's left half (x ≤ 0), from the crown down the outer side,
 * round the left foot and up the inner leg to the crotch. Widths follow BODY-PROPORTIONS.md:
 * head 0.045, neck 0.035, deltoids 0.130, chest 0.100, waist 0.085 (y 0.37), hips 0.105 (y 0.48),
 * thigh centred at 0.055 ± 0.050, knee ± 0.032, calf ± 0.036 (y 0.78), ankle ± 0.020.
 */
const OUTLINE_LEFT: readonly Pair[] = [
  [0, 0],
  [-0.025, 0.006],
  [-0.039, 0.021],
  [-0.045, 0.043],
  [-0.045, 0.066],
  [-0.041, 0.088],
  [-0.034, 0.105],
  [-0.031, 0.12],
  [-0.033, 0.139],
  [-0.047, 0.152],
  [-0.079, 0.162],
  [-0.106, 0.171],
  [-0.123, 0.184],
  [-0.13, 0.204],
  [-0.126, 0.227],
  [-0.111, 0.248],
  [-0.103, 0.27],
  [-0.095, 0.31],
  [-0.087, 0.35],
  [-0.085, 0.372],
  [-0.089, 0.405],
  [-0.099, 0.44],
  [-0.105, 0.477],
  [-0.104, 0.512],
  [-0.1, 0.56],
  [-0.094, 0.62],
  [-0.088, 0.68],
  [-0.086, 0.715],
  [-0.089, 0.75],
  [-0.091, 0.78],
  [-0.087, 0.83],
  [-0.078, 0.89],
  [-0.073, 0.935],
  [-0.076, 0.955],
  [-0.079, 0.975],
  [-0.077, 0.992],
  [-0.067, 1.0],
  [-0.051, 1.0],
  [-0.038, 0.995],
  [-0.033, 0.976],
  [-0.035, 0.955],
  [-0.036, 0.935],
  [-0.031, 0.89],
  [-0.021, 0.82],
  [-0.019, 0.78],
  [-0.021, 0.745],
  [-0.024, 0.715],
  [-0.019, 0.67],
  [-0.012, 0.62],
  [-0.006, 0.577],
  [-0.002, 0.538],
];

/* The left arm, lying along the side: upper arm centred at x 0.145 ± 0.025 from the shoulder to the
 * elbow (y 0.37), forearm ± 0.022 to the wrist (0.48), the hand to the fingertips (about 0.58). */
const ARM_LEFT: readonly Pair[] = [
  [-0.121, 0.19],
  [-0.144, 0.186],
  [-0.162, 0.197],
  [-0.17, 0.224],
  [-0.17, 0.28],
  [-0.167, 0.34],
  [-0.166, 0.372],
  [-0.166, 0.42],
  [-0.164, 0.474],
  [-0.168, 0.5],
  [-0.168, 0.545],
  [-0.161, 0.574],
  [-0.147, 0.582],
  [-0.133, 0.573],
  [-0.125, 0.546],
  [-0.124, 0.5],
  [-0.126, 0.474],
  [-0.125, 0.42],
  [-0.123, 0.372],
  [-0.121, 0.31],
  [-0.119, 0.25],
  [-0.117, 0.212],
];

const mirrored = (pairs: readonly Pair[]): Pair[] => pairs.map(([x, y]) => [-x, y] as const);

function screenPoints(view: ViewLayout, pairs: readonly Pair[]): XY[] {
  return pairs.map(([x, y]) => screenFromBody(view, { x, y }));
}

/** The closed silhouette (head, trunk and legs) in body-frame pairs. */
export function bodyOutlinePairs(): Pair[] {
  const right = mirrored(OUTLINE_LEFT);
  const out: Pair[] = [...OUTLINE_LEFT];
  for (let i = right.length - 1; i >= 1; i--) out.push(right[i]!);
  return out;
}

/** The arms' outlines, left then right, in body-frame pairs. */
export function armOutlinePairs(): [Pair[], Pair[]] {
  return [[...ARM_LEFT], mirrored(ARM_LEFT)];
}

interface Pen {
  readonly view: ViewLayout;
  readonly theme: Theme;
  readonly u: number;
}

function curve(pen: Pen, pairs: readonly Pair[], options: { isClosed?: boolean; tension?: number } = {}) {
  return smoothPathData(screenPoints(pen.view, pairs), options);
}

/** A detail line drawn on the skin, both sides when `isBilateral`. */
function detail(
  pen: Pen,
  pairs: readonly Pair[],
  options: { isBilateral?: boolean; width?: number; colour?: string; opacity?: number } = {},
): string {
  const sets = options.isBilateral ? [pairs, mirrored(pairs)] : [pairs];
  const d = sets.map((s) => curve(pen, s)).join('');
  return el('path', {
    d,
    fill: 'none',
    stroke: options.colour ?? pen.theme.skinDetail,
    'stroke-width': num((options.width ?? 1.6) * pen.u, 2),
    'stroke-linecap': 'round',
    'stroke-opacity': options.opacity,
  });
}

function ellipseAt(
  pen: Pen,
  x: number,
  y: number,
  rAcross: number,
  rAlong: number,
  extra: Record<string, string>,
) {
  const c = screenFromBody(pen.view, { x, y });
  return el('ellipse', {
    cx: num(c.x),
    cy: num(c.y),
    rx: num(rAlong * pen.view.scale),
    ry: num(rAcross * pen.view.scale),
    ...extra,
  });
}

function landmark(map: BodyMap, id: string, fallback: Pair): Pair {
  const p = landmarkPoint(map, id);
  return p ? [p.x, p.y] : fallback;
}

function tableSvg(pen: Pen): string {
  const { view, theme, u } = pen;
  const t = view.table;
  // Plain rectangles: resvg fills axis-aligned rectangles fast, rounded ones through the slow path.
  const headRest = el('rect', {
    x: num(t.x),
    y: num(t.y),
    width: num(0.15 * view.scale),
    height: num(t.height),
    fill: theme.tableHeadRest,
  });
  return (
    el('rect', {
      x: num(t.x - 3 * u),
      y: num(t.y - 3 * u),
      width: num(t.width + 6 * u),
      height: num(t.height + 6 * u),
      fill: theme.tableEdge,
    }) +
    el('rect', {
      x: num(t.x),
      y: num(t.y),
      width: num(t.width),
      height: num(t.height),
      fill: theme.tableTop,
    }) +
    headRest
  );
}

/** Both ears, the same in either view (the head is seen from above). */
function earsDrawn(pen: Pen): string {
  const style = {
    fill: pen.theme.skinShade,
    stroke: pen.theme.skinLine,
    'stroke-width': num(1.2 * pen.u, 2),
  };
  return ellipseAt(pen, -0.046, 0.07, 0.007, 0.013, style) + ellipseAt(pen, 0.046, 0.07, 0.007, 0.013, style);
}

function proneDetails(pen: Pen, map: BodyMap): string {
  const { theme, u } = pen;
  const out: string[] = [];
  // Ears, just showing beside the hair.
  out.push(earsDrawn(pen));
  // Hair over the back of the head, the hairline at the skull base.
  const hair: Pair[] = [
    [0, -0.003],
    [-0.027, 0.003],
    [-0.043, 0.021],
    [-0.048, 0.045],
    [-0.047, 0.07],
    [-0.042, 0.092],
    [-0.031, 0.105],
    [-0.014, 0.111],
  ];
  const hairPairs = [...hair, [0, 0.112] as Pair, ...mirrored(hair).reverse().slice(0, -1)];
  out.push(
    el('path', {
      d: curve(pen, hairPairs, { isClosed: true }),
      fill: theme.hair,
      stroke: theme.hairLine,
      'stroke-width': num(1.4 * u, 2),
    }),
  );
  // Strands from the crown whorl.
  const whorl: Pair = [0.006, 0.04];
  const strands: Pair[][] = [
    [whorl, [-0.012, 0.06], [-0.02, 0.095]],
    [whorl, [0.02, 0.062], [0.026, 0.095]],
    [whorl, [-0.026, 0.038], [-0.04, 0.07]],
    [whorl, [0.03, 0.03], [0.04, 0.068]],
    [whorl, [-0.01, 0.018], [-0.03, 0.012]],
    [whorl, [0.018, 0.012], [0.028, 0.008]],
    [whorl, [0.002, 0.075], [-0.004, 0.104]],
  ];
  for (const s of strands) out.push(detail(pen, s, { colour: theme.hairLine, width: 1.1, opacity: 0.8 }));
  // Neck: the two bands of the upper trapezius.
  out.push(
    detail(
      pen,
      [
        [-0.014, 0.115],
        [-0.016, 0.14],
        [-0.03, 0.155],
      ],
      { isBilateral: true, opacity: 0.7 },
    ),
  );
  // The spine line: the spinous processes from C7 to L5, then the sacrum.
  const c7 = landmark(map, 'c7', [0, 0.15]);
  const l5 = landmark(map, 'l5', [0, 0.42]);
  out.push(detail(pen, [c7, [0, (c7[1] + l5[1]) / 2], l5], { width: 1.2, opacity: 0.55 }));
  for (let i = 0; i <= 17; i++) {
    const y = c7[1] + ((l5[1] - c7[1]) * i) / 17;
    const r = i === 0 ? 0.0055 : 0.0038;
    out.push(ellipseAt(pen, 0, y, r * 0.8, r, { fill: theme.skinDetail, 'fill-opacity': '0.85' }));
  }
  // Shoulder blades: medial border, inferior angle, lateral border; the spine of the scapula to the acromion.
  const sup = landmark(map, 'scapula-superior', [-0.05, 0.19]);
  const inf = landmark(map, 'scapula-inferior', [-0.055, 0.27]);
  const acr = landmark(map, 'acromion', [-0.115, 0.18]);
  const scapula: Pair[] = [
    [sup[0] + 0.004, sup[1]],
    [sup[0] - 0.001, (sup[1] + inf[1]) / 2],
    [inf[0], inf[1]],
    [inf[0] - 0.022, inf[1] - 0.03],
    [-0.098, 0.212],
  ];
  out.push(detail(pen, scapula, { isBilateral: true }));
  out.push(
    detail(
      pen,
      [
        [sup[0], sup[1] + 0.016],
        [-0.08, 0.19],
        [acr[0] + 0.004, acr[1] + 0.004],
      ],
      { isBilateral: true },
    ),
  );
  // Long back muscles beside the spine.
  out.push(
    detail(
      pen,
      [
        [-0.034, 0.3],
        [-0.038, 0.36],
        [-0.03, 0.425],
      ],
      { isBilateral: true, opacity: 0.6 },
    ),
  );
  // Waist and the iliac crest, the sacral dimples.
  const crest = landmark(map, 'iliac-crest', [-0.085, 0.405]);
  const psis = landmark(map, 'psis', [-0.025, 0.44]);
  out.push(
    detail(
      pen,
      [
        [psis[0] - 0.006, psis[1] - 0.006],
        [-0.055, 0.418],
        [crest[0] + 0.002, crest[1]],
      ],
      { isBilateral: true, opacity: 0.8 },
    ),
  );
  out.push(ellipseAt(pen, psis[0], psis[1], 0.0035, 0.0035, { fill: theme.skinDetail }));
  out.push(ellipseAt(pen, -psis[0], psis[1], 0.0035, 0.0035, { fill: theme.skinDetail }));
  // Backs of the thighs: the groove between the hamstrings.
  out.push(
    detail(
      pen,
      [
        [-0.058, 0.585],
        [-0.055, 0.64],
        [-0.056, 0.69],
      ],
      { isBilateral: true, opacity: 0.5 },
    ),
  );
  // Knee creases.
  const pop = landmark(map, 'popliteal', [-0.055, 0.715]);
  out.push(
    detail(
      pen,
      [
        [pop[0] - 0.026, pop[1] - 0.003],
        [pop[0], pop[1] + 0.003],
        [pop[0] + 0.027, pop[1] - 0.003],
      ],
      { isBilateral: true, width: 1.8 },
    ),
  );
  // Calves: the two heads of the gastrocnemius meeting in the Achilles tendon.
  out.push(
    detail(
      pen,
      [
        [-0.083, 0.75],
        [-0.086, 0.8],
        [-0.062, 0.875],
      ],
      { isBilateral: true, opacity: 0.7 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.028, 0.75],
        [-0.024, 0.795],
        [-0.049, 0.875],
      ],
      { isBilateral: true, opacity: 0.7 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.052, 0.88],
        [-0.053, 0.94],
      ],
      { isBilateral: true, opacity: 0.6 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.059, 0.88],
        [-0.058, 0.94],
      ],
      { isBilateral: true, opacity: 0.6 },
    ),
  );
  // Heels and soles (the toes rest on the table).
  const heel = landmark(map, 'heel', [-0.055, 0.965]);
  for (const sign of [1, -1]) {
    const hx = heel[0] * sign;
    out.push(
      el('path', {
        d: curve(
          pen,
          [
            [hx - 0.016, 0.958],
            [hx, 0.951],
            [hx + 0.016, 0.958],
            [hx + 0.019, 0.985],
            [hx, 0.995],
            [hx - 0.019, 0.985],
          ],
          { isClosed: true },
        ),
        fill: theme.skinShade,
        stroke: theme.skinDetail,
        'stroke-width': num(1.2 * u, 2),
      }),
    );
    out.push(
      ellipseAt(pen, hx, heel[1], 0.011, 0.008, {
        fill: 'none',
        stroke: theme.skinDetail,
        'stroke-width': num(1.1 * u, 2),
      }),
    );
  }
  out.push(toes(pen, { isProne: true }));
  return out.join('');
}

function toes(pen: Pen, options: { isProne: boolean }): string {
  const { theme, u } = pen;
  const out: string[] = [];
  // Big toe nearest the midline, then four smaller ones outward.
  const across = [-0.039, -0.048, -0.056, -0.063, -0.07];
  const radius = [0.0065, 0.0048, 0.0045, 0.0042, 0.0038];
  const along = [0.995, 0.996, 0.994, 0.991, 0.987];
  for (const sign of [1, -1]) {
    for (let i = 0; i < 5; i++) {
      out.push(
        ellipseAt(
          pen,
          across[i]! * sign,
          along[i]! - (options.isProne ? 0 : 0.002),
          radius[i]!,
          radius[i]! * 0.85,
          {
            fill: theme.skin,
            stroke: theme.skinLine,
            'stroke-width': num(1 * u, 2),
          },
        ),
      );
    }
  }
  return out.join('');
}

function supineDetails(pen: Pen, map: BodyMap): string {
  const { theme, u } = pen;
  const out: string[] = [];
  out.push(earsDrawn(pen));
  // Hair framing the face: round the crown down to the temples, the hairline across the forehead.
  const outer: Pair[] = [
    [-0.047, 0.068],
    [-0.048, 0.045],
    [-0.043, 0.021],
    [-0.027, 0.003],
    [0, -0.003],
    [0.027, 0.003],
    [0.043, 0.021],
    [0.048, 0.045],
    [0.047, 0.068],
  ];
  const hairline: Pair[] = [
    [0.04, 0.066],
    [0.036, 0.038],
    [0.018, 0.026],
    [0, 0.023],
    [-0.018, 0.026],
    [-0.036, 0.038],
    [-0.04, 0.066],
  ];
  out.push(
    el('path', {
      d: curve(pen, [...outer, ...hairline], { isClosed: true, tension: 0.8 }),
      fill: theme.hair,
      stroke: theme.hairLine,
      'stroke-width': num(1.4 * u, 2),
    }),
  );
  // The face: closed eyes, brows, nose, mouth; calm, not a caricature.
  out.push(
    detail(
      pen,
      [
        [-0.025, 0.055],
        [-0.017, 0.058],
        [-0.009, 0.055],
      ],
      { isBilateral: true, colour: theme.skinLine, width: 1.5 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.027, 0.045],
        [-0.017, 0.042],
        [-0.008, 0.045],
      ],
      { isBilateral: true, colour: theme.hairLine, width: 1.8, opacity: 0.8 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [0.002, 0.06],
        [0.003, 0.072],
        [0.004, 0.081],
      ],
      { colour: theme.skinDetail, width: 1.4 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.007, 0.083],
        [0, 0.086],
        [0.007, 0.083],
      ],
      { colour: theme.skinDetail, width: 1.4 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.012, 0.099],
        [0, 0.101],
        [0.012, 0.099],
      ],
      { colour: theme.skinLine, width: 1.5, opacity: 0.8 },
    ),
  );
  // Front of the neck, converging on the sternal notch.
  const notch = landmark(map, 'sternal-notch', [0, 0.18]);
  out.push(
    detail(
      pen,
      [
        [-0.03, 0.118],
        [-0.02, 0.15],
        [notch[0] - 0.008, notch[1] - 0.004],
      ],
      { isBilateral: true, opacity: 0.6 },
    ),
  );
  // Collarbones from the sternal notch out to the acromion.
  const acr = landmark(map, 'acromion', [-0.115, 0.18]);
  const mid = landmark(map, 'clavicle-mid', [-0.055, 0.185]);
  out.push(
    detail(
      pen,
      [
        [notch[0] - 0.01, notch[1]],
        [mid[0], mid[1]],
        [-0.088, 0.178],
        [acr[0] + 0.003, acr[1] + 0.002],
      ],
      { isBilateral: true, width: 1.9 },
    ),
  );
  // Upper chest: the lower border of the pectorals, the sternum.
  out.push(
    detail(
      pen,
      [
        [-0.008, 0.262],
        [-0.05, 0.268],
        [-0.092, 0.24],
      ],
      { isBilateral: true, opacity: 0.55 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [0, 0.195],
        [0, 0.27],
      ],
      { opacity: 0.4 },
    ),
  );
  // Lower ribs and the navel.
  out.push(
    detail(
      pen,
      [
        [-0.004, 0.3],
        [-0.045, 0.33],
        [-0.08, 0.345],
      ],
      { isBilateral: true, opacity: 0.35 },
    ),
  );
  out.push(ellipseAt(pen, 0, 0.39, 0.004, 0.003, { fill: theme.skinDetail }));
  // Kneecaps and shins.
  const patella = landmark(map, 'patella', [-0.055, 0.715]);
  for (const sign of [1, -1]) {
    out.push(
      ellipseAt(pen, patella[0] * sign, patella[1], 0.016, 0.015, {
        fill: theme.skinShade,
        stroke: theme.skinDetail,
        'stroke-width': num(1.2 * u, 2),
        'fill-opacity': '0.8',
        'stroke-opacity': '0.8',
      }),
    );
  }
  out.push(
    detail(
      pen,
      [
        [-0.052, 0.745],
        [-0.049, 0.83],
        [-0.05, 0.925],
      ],
      { isBilateral: true, opacity: 0.6 },
    ),
  );
  // Ankle bones.
  out.push(ellipseAt(pen, -0.073, 0.948, 0.004, 0.005, { fill: theme.skinShade }));
  out.push(ellipseAt(pen, 0.073, 0.948, 0.004, 0.005, { fill: theme.skinShade }));
  out.push(toes(pen, { isProne: false }));
  return out.join('');
}

function drapeSvg(pen: Pen, position: ClientPosition): string {
  const { theme, u } = pen;
  // A towel over the pelvis, a little wider than the hips, its hem rounding over each buttock.
  const top = position === 'prone' ? 0.452 : 0.43;
  const lobes: Pair[] =
    position === 'prone'
      ? [
          [-0.108, 0.532],
          [-0.08, 0.548],
          [-0.045, 0.552],
          [-0.012, 0.543],
          [0, 0.539],
          [0.012, 0.543],
          [0.045, 0.552],
          [0.08, 0.548],
          [0.108, 0.532],
        ]
      : [
          [-0.108, 0.535],
          [-0.06, 0.55],
          [0, 0.555],
          [0.06, 0.55],
          [0.108, 0.535],
        ];
  const pairs: Pair[] = [
    [0.104, top + 0.003],
    [0.06, top - 0.001],
    [0, top - 0.002],
    [-0.06, top - 0.001],
    [-0.104, top + 0.003],
    [-0.111, 0.49],
    ...lobes,
    [0.111, 0.49],
  ];
  const out: string[] = [
    el('path', {
      d: curve(pen, pairs, { isClosed: true, tension: 0.7 }),
      fill: theme.drape,
      stroke: theme.drapeLine,
      'stroke-width': num(1.5 * u, 2),
    }),
  ];
  const folds: Pair[][] =
    position === 'prone'
      ? [
          [
            [0, 0.475],
            [0.001, 0.51],
            [0, 0.536],
          ],
          [
            [-0.085, 0.47],
            [-0.07, 0.5],
            [-0.066, 0.525],
          ],
          [
            [0.085, 0.47],
            [0.07, 0.5],
            [0.066, 0.525],
          ],
        ]
      : [
          [
            [-0.085, 0.45],
            [-0.05, 0.49],
            [-0.025, 0.532],
          ],
          [
            [0.085, 0.45],
            [0.05, 0.49],
            [0.025, 0.532],
          ],
        ];
  for (const f of folds) out.push(detail(pen, f, { colour: theme.drapeLine, width: 1.3, opacity: 0.8 }));
  return out.join('');
}

function armsSvg(pen: Pen): string {
  const { theme, u } = pen;
  const [left, right] = armOutlinePairs();
  const out: string[] = [];
  for (const arm of [left, right]) {
    out.push(
      el('path', {
        d: curve(pen, arm, { isClosed: true }),
        fill: theme.skin,
        stroke: theme.skinLine,
        'stroke-width': num(1.6 * u, 2),
      }),
    );
  }
  // Elbow creases and the fingers of the resting hands.
  out.push(
    detail(
      pen,
      [
        [-0.16, 0.372],
        [-0.145, 0.375],
        [-0.13, 0.372],
      ],
      { isBilateral: true, opacity: 0.5 },
    ),
  );
  out.push(
    detail(
      pen,
      [
        [-0.126, 0.5],
        [-0.146, 0.498],
        [-0.166, 0.5],
      ],
      { isBilateral: true, opacity: 0.5 },
    ),
  );
  for (const x of [-0.137, -0.147, -0.157])
    out.push(
      detail(
        pen,
        [
          [x, 0.545],
          [x, 0.572],
        ],
        { isBilateral: true, width: 1.1, opacity: 0.7 },
      ),
    );
  return out.join('');
}

/** The client's body seen from above, lying in `position`: arms, silhouette, anatomical details and the drape. */
export function bodyFigureSvg(options: {
  view: ViewLayout;
  theme: Theme;
  map: BodyMap;
  position: ClientPosition;
}): string {
  const pen: Pen = { view: options.view, theme: options.theme, u: options.view.unit };
  const { theme, u } = pen;
  const isSupine = options.position === 'supine';
  const silhouette = el('path', {
    d: curve(pen, bodyOutlinePairs(), { isClosed: true }),
    fill: theme.skin,
    stroke: theme.skinLine,
    'stroke-width': num(1.8 * u, 2),
    'stroke-linejoin': 'round',
  });
  return (
    armsSvg(pen) +
    silhouette +
    (isSupine ? supineDetails(pen, options.map) : proneDetails(pen, options.map)) +
    drapeSvg(pen, options.position)
  );
}

/** The massage table seen from above. */
export function tableFigureSvg(options: { view: ViewLayout; theme: Theme }): string {
  return tableSvg({ view: options.view, theme: options.theme, u: options.view.unit });
}
