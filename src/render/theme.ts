/** The two colour themes. */
export type ThemeName = 'light' | 'dark';

/** Colours of one theme; every fill and stroke the renderer uses comes from here. */
export interface Theme {
  readonly background: string;
  readonly tableTop: string;
  readonly tableEdge: string;
  readonly tableHeadRest: string;
  readonly skin: string;
  readonly skinShade: string;
  readonly skinLine: string;
  readonly skinDetail: string;
  readonly hair: string;
  readonly hairLine: string;
  readonly drape: string;
  readonly drapeLine: string;
  readonly practitionerSkin: string;
  readonly practitionerLine: string;
  readonly practitionerDetail: string;
  readonly sleeve: string;
  readonly path: string;
  readonly pathReturn: string;
  readonly accent: string;
  readonly danger: string;
  /** The never-press hatch's stripes: dark enough to show on the skin printed in grey. */
  readonly hatch: string;
  readonly excluded: string;
  readonly excludedText: string;
  readonly captionBand: string;
  readonly captionText: string;
  readonly captionMuted: string;
  readonly captionSafety: string;
  readonly chip: string;
  readonly chipText: string;
  readonly label: string;
  readonly labelHalo: string;
}

const light: Theme = {
  background: '#f4f1ec',
  tableTop: '#dfe4ea',
  tableEdge: '#a7b1bd',
  tableHeadRest: '#d2d8e0',
  skin: '#f1d6c2',
  skinShade: '#e6c2a8',
  skinLine: '#9c6f55',
  skinDetail: '#c4977c',
  hair: '#6b4f3a',
  hairLine: '#4a3526',
  drape: '#cfe2de',
  drapeLine: '#8fb5ad',
  practitionerSkin: '#cf9570',
  practitionerLine: '#4d2c1a',
  practitionerDetail: '#9a6446',
  sleeve: '#2f6f8f',
  path: '#1565c0',
  pathReturn: '#5c8fd1',
  accent: '#2f6f8f',
  danger: '#c62a3c',
  hatch: '#c62a3c',
  excluded: '#6e737b',
  excludedText: '#2b2f36',
  captionBand: '#ffffff',
  captionText: '#1b2430',
  captionMuted: '#5b6675',
  captionSafety: '#b3261e',
  chip: '#2f6f8f',
  chipText: '#ffffff',
  label: '#1b2430',
  labelHalo: '#f4f1ec',
};

const dark: Theme = {
  background: '#161a20',
  tableTop: '#2b333e',
  tableEdge: '#4c5867',
  tableHeadRest: '#35404d',
  skin: '#e3c3ab',
  skinShade: '#d3ae94',
  skinLine: '#7d5440',
  skinDetail: '#b38469',
  hair: '#4d3a2c',
  hairLine: '#2e2119',
  drape: '#5d7f7a',
  drapeLine: '#3f5f5a',
  practitionerSkin: '#c98a63',
  practitionerLine: '#2a160b',
  practitionerDetail: '#8d573a',
  sleeve: '#4aa3c8',
  path: '#7cc0ff',
  pathReturn: '#6b98c7',
  accent: '#4aa3c8',
  danger: '#ff6b7a',
  hatch: '#a3162c',
  excluded: '#0c0e11',
  excludedText: '#e8edf2',
  captionBand: '#0e1116',
  captionText: '#eef2f6',
  captionMuted: '#a4afbd',
  captionSafety: '#ff8a80',
  chip: '#4aa3c8',
  chipText: '#0e1116',
  label: '#eef2f6',
  labelHalo: '#161a20',
};

/** The colours of a theme. */
export function themeColours(name: ThemeName): Theme {
  return name === 'dark' ? dark : light;
}

function channel(hex: string, i: number): number {
  return Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
}

/** Mixes two #rrggbb colours: t 0 gives `a`, 1 gives `b`. */
export function colourMixed(a: string, b: string, t: number): string {
  let out = '#';
  for (let i = 0; i < 3; i++) {
    const v = Math.round(channel(a, i) * (1 - t) + channel(b, i) * t);
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}

/**
 * The theme with the practitioner's colours faded toward the table (lifted or hidden hands). Opaque colours,
 * not `opacity`: in resvg every element or group with opacity costs a full-frame layer.
 */
export function themeFaded(theme: Theme, t: number): Theme {
  const toward = theme.tableTop;
  return {
    ...theme,
    practitionerSkin: colourMixed(theme.practitionerSkin, toward, t),
    practitionerLine: colourMixed(theme.practitionerLine, toward, t),
    practitionerDetail: colourMixed(theme.practitionerDetail, toward, t),
    sleeve: colourMixed(theme.sleeve, toward, t),
    path: colourMixed(theme.path, toward, t),
  };
}
