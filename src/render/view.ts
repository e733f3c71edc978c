import type { BodyPoint, ScreenPoint } from '../core/geometry.js';
import type { ClientPosition } from '../core/ids.js';

/** How the table, the body and the captions band sit on the canvas, and the body-frame → screen map. */
export interface ViewLayout {
  readonly width: number;
  readonly height: number;
  /** Pixels per body height H (the body frame's unit). */
  readonly scale: number;
  /** Screen x of the crown (body y = 0); the head is on the left, the feet on the right. */
  readonly originX: number;
  /** Screen y of the spine line (body x = 0). */
  readonly axisY: number;
  /**
   * −1 prone (the client's left, negative x, lies toward the bottom of the screen), +1 supine
   * (seen from above the face, the client's left lies toward the top): each view is drawn as seen.
   */
  readonly lateralSign: -1 | 1;
  /** Font and stroke unit: 1 at 1280×720. */
  readonly unit: number;
  /** The table's rectangle. */
  readonly table: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Top of the captions band (it runs to the bottom of the canvas). */
  readonly captionTop: number;
}

/** Table length and width in body heights (BODY-PROPORTIONS.md "Around the body"). */
export const TABLE_LENGTH = 1.07;
/** Table width in body heights. */
export const TABLE_WIDTH = 0.4;

const layouts = new Map<string, ViewLayout>();

/** The layout for a canvas size and a client position: the table lengthwise, a captions band below. */
export function viewLayout(options: { width: number; height: number; position: ClientPosition }): ViewLayout {
  const key = `${options.width}x${options.height}/${options.position}`;
  const cached = layouts.get(key);
  if (cached) return cached;
  const { width, height } = options;
  const unit = Math.min(width / 1280, height / 720);
  const captionTop = Math.round(height - 152 * unit);
  const markerRoom = 40 * unit;
  const scale = Math.min(
    (width - 2 * markerRoom) / TABLE_LENGTH,
    (captionTop - 2 * markerRoom - 4 * unit) / TABLE_WIDTH,
  );
  const tableWidth = TABLE_LENGTH * scale;
  const tableHeight = TABLE_WIDTH * scale;
  const tableX = (width - tableWidth) / 2;
  const tableY = (captionTop - tableHeight) / 2;
  const layout: ViewLayout = {
    width,
    height,
    scale,
    originX: tableX + ((TABLE_LENGTH - 1) / 2) * scale,
    axisY: tableY + tableHeight / 2,
    lateralSign: options.position === 'supine' ? 1 : -1,
    unit,
    table: { x: tableX, y: tableY, width: tableWidth, height: tableHeight },
    captionTop,
  };
  layouts.set(key, layout);
  return layout;
}

/** Maps a body-frame point to screen pixels. */
export function screenFromBody(view: ViewLayout, p: { readonly x: number; readonly y: number }): ScreenPoint {
  return {
    x: view.originX + p.y * view.scale,
    y: view.axisY + view.lateralSign * p.x * view.scale,
  } as ScreenPoint;
}

/** Maps a screen point back to the body frame. */
export function bodyFromScreen(view: ViewLayout, p: ScreenPoint): BodyPoint {
  return {
    x: (p.y - view.axisY) / (view.lateralSign * view.scale),
    y: (p.x - view.originX) / view.scale,
  } as BodyPoint;
}

/** Maps a body-frame direction (radians; 0 toward +x, π/2 toward the feet) to a screen direction (radians, y down). */
export function screenAngleFromBody(view: ViewLayout, angle: number): number {
  // Body (dx, dy) becomes screen (dy, sign·dx).
  return Math.atan2(view.lateralSign * Math.cos(angle), Math.sin(angle));
}
