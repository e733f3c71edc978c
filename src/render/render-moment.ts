import type { BodyMap } from '../core/body-map.js';
import type { ClientPosition, Language, View } from '../core/ids.js';
import { cachedValue } from '../core/memo.js';
import type { Moment } from '../core/moment.js';
import type { PlannedStep } from '../core/plan-types.js';
import { momentPose } from '../core/pose/pose.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { bodyFigureSvg, tableFigureSvg } from './body-figure.js';
import { captionsSvg } from './captions.js';
import { drawnArmsTop } from './drawn-arms.js';
import { drawnHandsTop, excludedAreaPolygons, handOnlyParts, neverPressAreas } from './drawn-hands.js';
import { handsSvg } from './hands.js';
import { labelSize, renderLabels } from './labels.js';
import {
  type Framing,
  LAYER_RUN_BREAK,
  MOVING_LAYERS,
  RENDER_LAYERS,
  type RenderLayer,
  STATIC_LAYERS,
} from './layers.js';
import { legendBounds, legendSvg } from './legend.js';
import { emphasisSvg, pathSvg, phaseNumbersSvg } from './marks.js';
import { placeMarkerSvg } from './place.js';
import { restSceneSvg } from './rest-scene.js';
import { type ExcludedArea, hatchPatternSvg, neverPressRegionsNear, safetySvg } from './safety.js';
import { type StartHandsOptions, startGhostsDrawn, startHandsDrawn } from './start-ghost.js';
import { el, num, type XY, xmlEscaped } from './svg.js';
import { type TextMode, textAsPaths } from './text-path.js';
import { type ThemeName, themeColours } from './theme.js';
import { screenFromBody, TABLE_WIDTH, type ViewLayout, viewLayout } from './view.js';
import { renderSolidView, solidViewLayers } from './views/view-frame.js';

export { MOVING_LAYERS, RENDER_LAYERS, type RenderLayer, STATIC_LAYERS } from './layers.js';
export type { ExcludedArea };

/** Options of renderMoment; every field has a default. */
export interface RenderOptions {
  /** Canvas size in pixels (default 1280×720). */
  readonly width?: number;
  readonly height?: number;
  /** The language of the renderer's own labels (titles and cues come from the plan). Default en. */
  readonly language?: Language;
  readonly theme?: ThemeName;
  /** Which layers to draw (default all). */
  readonly layers?: readonly RenderLayer[];
  /** Regions to grey out, e.g. a plan's `excludedRegions`. */
  readonly excluded?: readonly ExcludedArea[];
  /** The body map the plan was made with (the caller's; the renderer builds none of its own). */
  readonly bodyMap: BodyMap;
  /** Prefix for element ids, so several frames can be inlined in one HTML page. */
  readonly idPrefix?: string;
  /**
   * Text as glyph outlines (default: identical pixels in resvg and every browser, no font to load, cheaper to
   * rasterise) or as `<text>` in Noto Sans (selectable, needs the font).
   */
  readonly text?: TextMode;
  /**
   * Where the moment is seen from (default `top`); side, head and closeup are drawn from the posed solid. A running
   * session draws each moment from `momentView(moment)`.
   */
  readonly view?: View;
  /**
   * How a solid view frames its camera (default `moment`, for stills): frames of a running session pass `step`, so
   * the camera holds still through a repetition and the static layers stay the same.
   */
  readonly framing?: Framing;
  /**
   * From above, each hand placed on whole pixels as a run of its own moved there (default false): a drawer of many
   * frames finds a hand that only moved since the frame before in its cache (`translatedLayer`, src/export/png.ts)
   * instead of rasterising it again. Half a pixel off at most; the video's frames ask for it, pictures and the
   * player do not.
   */
  readonly wholePixelHands?: boolean;
}

const NOTHING_EXCLUDED: readonly ExcludedArea[] = [];
const staticCache = new WeakMap<BodyMap, Map<string, string>>();
const neverPressCache = new WeakMap<BodyMap, ReturnType<typeof neverPressAreas>>();

const excludedCache = new WeakMap<
  BodyMap,
  WeakMap<readonly ExcludedArea[], ReturnType<typeof excludedAreaPolygons>>
>();

/** A plan's excluded areas as polygons, built once per map and list (every frame of a plan shares them). */
function excludedAreasOf(map: BodyMap, excluded: readonly ExcludedArea[]) {
  return cachedValue(
    cachedValue(excludedCache, map, () => new WeakMap()),
    excluded,
    () => excludedAreaPolygons(map, excluded),
  );
}

/** A map's never-press areas, built once per map. */
function neverPressAreasOf(map: BodyMap) {
  return cachedValue(neverPressCache, map, neverPressAreas);
}

/** What the static layers depend on. */
interface StaticLayersOptions {
  map: BodyMap;
  position: ClientPosition;
  theme: ThemeName;
  width: number;
  height: number;
  language: Language;
  hasTable: boolean;
  hasBody: boolean;
  text?: TextMode;
}

/**
 * The static part of a frame (table, body, drape, the L/R marks): it depends only on the position, theme, size,
 * language and layers, so it is built once and memoised.
 */
export function staticLayersSvg(options: StaticLayersOptions): string {
  const textMode = options.text ?? 'paths';
  const key = `${options.position}|${options.theme}|${options.width}x${options.height}|${options.language}|${options.hasTable}|${options.hasBody}|${textMode}`;
  return cachedValue(
    cachedValue(staticCache, options.map, () => new Map()),
    key,
    () => staticLayersComputed(options, textMode),
  );
}

function staticLayersComputed(options: StaticLayersOptions, textMode: TextMode): string {
  const view = viewLayout(options);
  const theme = themeColours(options.theme);
  let out = '';
  if (options.hasTable)
    out += tableFigureSvg({ view, theme }) + sideMarksSvg(view, options.theme, options.language);
  if (options.hasBody) out += bodyFigureSvg({ view, theme, map: options.map, position: options.position });
  return textMode === 'paths' ? textAsPaths(out) : out;
}

/** L and R badges on the table's long edges, naming the client's sides (the supine view is mirrored). */
function sideMarksSvg(view: ViewLayout, themeName: ThemeName, language: Language): string {
  const theme = themeColours(themeName);
  const labels = renderLabels(language);
  const u = view.unit;
  const out: string[] = [];
  for (const side of ['left', 'right'] as const) {
    const edge = screenFromBody(view, { x: (side === 'left' ? -1 : 1) * (TABLE_WIDTH / 2), y: 0.02 });
    const outward = Math.sign(edge.y - view.axisY);
    // 14 px at 1280×720 and never under 12 px (labelSize); on a small canvas the badge keeps to the margin.
    const letter = labelSize(u, 15);
    const r = Math.max(12 * u, 0.72 * letter);
    const cy = edge.y + outward * Math.max(18 * u, r + 1.5 * u);
    const cx = edge.x + 8 * u;
    out.push(el('circle', { cx: num(cx), cy: num(cy), r: num(r), fill: theme.accent }));
    out.push(
      el(
        'text',
        {
          x: num(cx),
          y: num(cy + (5.5 * letter) / 15),
          'font-size': num(letter),
          'font-weight': '600',
          fill: theme.chipText,
          'text-anchor': 'middle',
        },
        side === 'left' ? labels.leftLetter : labels.rightLetter,
      ),
    );
    const size = labelSize(u, 14);
    out.push(
      el(
        'text',
        {
          x: num(cx + r + 8 * u),
          y: num(cy + (5 * size) / 14),
          'font-size': num(size),
          fill: theme.captionMuted,
        },
        xmlEscaped(side === 'left' ? labels.clientLeft : labels.clientRight),
      ),
    );
  }
  return out.join('');
}

/** The pieces of a frame: the `<defs>`, the static part (background, table, body) and the moving part. */
export interface FrameParts {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly defs: string;
  readonly still: string;
  readonly moving: string;
}

/** Builds the pieces of one moment's frame (renderMoment joins them; the animated preview reuses them). */
export function frameParts(
  moment: Moment,
  options: RenderOptions & { readonly showsStatus?: boolean },
): FrameParts {
  const pieces = topLayerPieces(moment, options);
  return frameFromPieces(pieces, options.layers ?? RENDER_LAYERS);
}

/** The top view's drawing, one piece per layer (text as outlines when asked), and what every frame shares. */
interface TopLayerPieces {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** The hatch pattern's `<defs>`. */
  readonly defs: string;
  readonly pieces: Readonly<Record<RenderLayer, string>>;
}

/** The last start outlines made, per step: a repetition's frames all ask for the same (see startOutlines). */
const startOutlinesCache = new WeakMap<
  PlannedStep,
  {
    key: string;
    view: ViewLayout;
    neverPress: StartHandsOptions['neverPress'];
    excluded: StartHandsOptions['excluded'];
    outlines: readonly (readonly XY[])[];
  }
>();

/**
 * The screen outlines of the hands at the running repetition's start (`startHandsDrawn`), made once per
 * repetition, view and zones: the same array for every frame of it, so the path and its numbers are found again.
 */
function startOutlines(
  moment: Moment,
  view: ViewLayout,
  zones: StartHandsOptions,
): readonly (readonly XY[])[] {
  const key = `${moment.part?.id ?? ''}|${moment.repetition}|${zones.position}`;
  const hit = startOutlinesCache.get(moment.step);
  if (
    hit?.key === key &&
    hit.view === view &&
    hit.neverPress === zones.neverPress &&
    hit.excluded === zones.excluded
  )
    return hit.outlines;
  const outlines = startHandsDrawn(moment, zones).flatMap((d) =>
    handOnlyParts(d).map((part) => part.map((p) => screenFromBody(view, p))),
  );
  startOutlinesCache.set(moment.step, {
    key,
    view,
    neverPress: zones.neverPress,
    excluded: zones.excluded,
    outlines,
  });
  return outlines;
}

/** Draws each layer of the top view asked for in `options.layers` (the others empty). */
function topLayerPieces(
  moment: Moment,
  options: RenderOptions & { readonly showsStatus?: boolean },
): TopLayerPieces {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const language = options.language ?? 'en';
  const themeName = options.theme ?? 'light';
  const layers = new Set<RenderLayer>(options.layers ?? RENDER_LAYERS);
  const map = options.bodyMap;
  const prefix = options.idPrefix ?? 'mc';
  const position: ClientPosition = moment.step.position === 'supine' ? 'supine' : 'prone';
  const view = viewLayout({ width, height, position });
  const theme = themeColours(themeName);
  const labels = renderLabels(language);
  const surface = surfaceForPosition(position);
  const hatchId = `${prefix}-hatch`;
  const textMode = options.text ?? 'paths';
  const text = (svg: string) => (textMode === 'paths' ? textAsPaths(svg) : svg);
  const staticOf = (options2: { hasTable: boolean; hasBody: boolean }) =>
    staticLayersSvg({
      map,
      position,
      theme: themeName,
      width,
      height,
      language,
      ...options2,
      text: textMode,
    });
  // The phase numbers keep clear of the hands at the repetition's start (they stay put through the repetition).
  const numbersAvoid =
    layers.has('path') || layers.has('marks')
      ? startOutlines(moment, view, {
          map,
          position,
          neverPress: neverPressAreasOf(map),
          excluded: excludedAreasOf(map, options.excluded ?? NOTHING_EXCLUDED),
        })
      : undefined;
  const pieces: Record<RenderLayer, string> = {
    // The background belongs to the table layer, so the moving layers alone render on a transparent canvas.
    table: layers.has('table')
      ? el('rect', { x: '0', y: '0', width: String(width), height: String(height), fill: theme.background }) +
        staticOf({ hasTable: true, hasBody: false })
      : '',
    body: layers.has('body') ? staticOf({ hasTable: false, hasBody: true }) : '',
    safety: layers.has('safety')
      ? text(
          safetySvg({ view, theme, labels, map, surface, moment, excluded: options.excluded ?? [], hatchId }),
        )
      : '',
    path: layers.has('path') ? text(pathSvg({ view, theme, moment, avoid: numbersAvoid })) : '',
    hands: '',
    marks: '',
    place: '',
    captions: '',
  };
  const drawn =
    layers.has('hands') || layers.has('marks') || layers.has('place')
      ? drawnHandsTop(moment.hands, {
          position,
          neverPress: neverPressAreasOf(map),
          excluded: excludedAreasOf(map, options.excluded ?? NOTHING_EXCLUDED),
        })
      : [];
  const ghosts =
    layers.has('hands') || layers.has('marks')
      ? startGhostsDrawn(moment, {
          map,
          position,
          neverPress: neverPressAreasOf(map),
          excluded: excludedAreasOf(map, options.excluded ?? NOTHING_EXCLUDED),
        })
      : [];
  // The arms reach from where the pose puts the practitioner's shoulders to the hands as drawn; the place marker's
  // words keep clear of them.
  const arms =
    layers.has('hands') || layers.has('place')
      ? drawnArmsTop(drawn, momentPose(moment), {
          surface,
          neverPress: neverPressAreasOf(map),
          excluded: excludedAreasOf(map, options.excluded ?? NOTHING_EXCLUDED),
        })
      : [];
  if (layers.has('hands')) {
    // Each hand a run: drawn as a layer of its own (a frame of a video), one that holds still is kept
    // (frameFromPieces).
    pieces.hands = text(
      handsSvg({
        view,
        theme,
        hands: drawn,
        ghosts,
        arms,
        isInRuns: true,
        isOnWholePixels: options.wholePixelHands === true,
      }),
    );
  }
  if (layers.has('marks'))
    // Each kind of mark a run: the legend and the phase numbers hold still through a repetition while the emphasis
    // follows the hands, and drawn as one layer their box spans the picture (a frame drawer crops to it).
    pieces.marks = text(
      [
        restSceneSvg({ view, theme, labels, moment }),
        legendSvg({ view, theme, labels, moment, drawn, ghosts, map }),
        emphasisSvg({
          view,
          theme,
          labels,
          moment,
          avoid: legendBounds({ view, theme, labels, moment, drawn, ghosts, map }),
        }),
        phaseNumbersSvg({ view, theme, moment, avoid: numbersAvoid }),
      ]
        .filter((piece) => piece !== '')
        .join(LAYER_RUN_BREAK),
    );
  if (layers.has('place')) pieces.place = text(placeMarkerSvg({ view, theme, labels, moment, arms }));
  if (layers.has('captions')) {
    const hasNeverPressKey = neverPressRegionsNear(map, surface, moment).length > 0;
    pieces.captions = text(
      captionsSvg({
        view,
        theme,
        labels,
        moment,
        hasNeverPressKey,
        hatchId,
        showsStatus: options.showsStatus ?? true,
      }),
    );
  }
  return {
    width,
    height,
    title: moment.step.title,
    defs: `<defs>${hatchPatternSvg({ id: hatchId, theme, unit: view.unit })}</defs>`,
    pieces,
  };
}

/** A frame's parts from its layers' pieces: the layers asked for, in order. */
function frameFromPieces(top: TopLayerPieces, layers: readonly RenderLayer[]): FrameParts {
  const asked = new Set(layers);
  const joined = (of: readonly RenderLayer[]) =>
    of
      .filter((l) => asked.has(l))
      .map((l) => top.pieces[l])
      .join('');
  return {
    width: top.width,
    height: top.height,
    title: top.title,
    defs: asked.has('safety') || asked.has('captions') ? top.defs : '',
    still: joined(STATIC_LAYERS),
    // A picture drawn whole (with the body) has no use for the hands' run breaks.
    moving: asked.has('body') ? joined(MOVING_LAYERS).replaceAll(LAYER_RUN_BREAK, '') : joined(MOVING_LAYERS),
  };
}

/** The `<svg>` root element's opening tag for a frame. */
export function svgOpening(width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` font-family="'Noto Sans', 'Segoe UI', Arial, sans-serif" role="img">`
  );
}

/** A frame's parts as one standalone SVG document. */
function frameSvg(parts: FrameParts): string {
  return `${svgOpening(parts.width, parts.height)}<title>${xmlEscaped(parts.title)}</title>${parts.defs}${parts.still}${parts.moving}</svg>`;
}

/** Draws one moment of a session as a standalone SVG document (a string). Pure: same moment, same bytes. */
export function renderMoment(moment: Moment, options: RenderOptions): string {
  if (options.view && options.view !== 'top')
    return renderSolidView([moment], { ...options, view: options.view });
  return frameSvg(frameParts(moment, options));
}

/**
 * Draws one moment as several SVG documents at once, one per group of layers (e.g. the static layers, then each
 * moving one): each the same as `renderMoment` with those `layers`, the moment's work shared between them.
 */
export function renderMomentLayers(
  moment: Moment,
  options: Omit<RenderOptions, 'layers'>,
  groups: readonly (readonly RenderLayer[])[],
): string[] {
  if (options.view && options.view !== 'top')
    return solidViewLayers([moment], { ...options, view: options.view }, groups);
  const top = topLayerPieces(moment, { ...options, layers: [...new Set(groups.flat())] });
  return groups.map((layers) => frameSvg(frameFromPieces(top, layers)));
}

/**
 * A key that is equal for two moments exactly when their static layers (`STATIC_LAYERS`) are, drawn with these
 * options: a caller keeps the static layers' picture (pixels, a DOM node) while the key stays the same. From above
 * it is cheap (position, theme, size, language); for a solid view it is the static layers' own text.
 */
export function staticLayersKey(moment: Moment, options: RenderOptions): string {
  const view = options.view ?? 'top';
  if (view === 'top') {
    const position = moment.step.position === 'supine' ? 'supine' : 'prone';
    return [
      view,
      position,
      options.theme ?? 'light',
      `${options.width ?? 1280}x${options.height ?? 720}`,
      options.language ?? 'en',
      options.text ?? 'paths',
    ].join('|');
  }
  return `${view}|${renderMoment(moment, { ...options, layers: STATIC_LAYERS, text: 'text' })}`;
}
