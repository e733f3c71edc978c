import { describe, expect, it } from 'vitest';
import { TECHNIQUE_KINDS } from '../core/ids.js';
import { fixtureBodyMap as bodyMap } from '../core/test-support/plan-fixture.js';
import { FIGURE_117, hand, KIND_MOMENTS, momentFixture } from './__fixtures__/moments.js';
import { bodyOutlinePairs } from './body-figure.js';
import { drawnHandsTop, handOnlyParts } from './drawn-hands.js';
import { RENDER_LAYERS, renderMoment, STATIC_LAYERS, staticLayersSvg } from './render-moment.js';
import { bodyFromScreen, screenAngleFromBody, screenFromBody, viewLayout } from './view.js';

describe('renderMoment', () => {
  // Snapshots keep text as <text>, so they stay readable; text-path.test.ts covers the outlines.
  it.each(TECHNIQUE_KINDS)('draws a %s moment (snapshot)', (kind) => {
    const svg = renderMoment(KIND_MOMENTS[kind], { bodyMap, text: 'text' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toMatchSnapshot();
  });

  it('draws seed figure 117 in Russian on the dark theme (snapshot)', () => {
    const svg = renderMoment(FIGURE_117, { bodyMap, language: 'ru', theme: 'dark', text: 'text' });
    expect(svg).toContain('П');
    expect(svg).toContain('левая сторона клиента');
    expect(svg).toMatchSnapshot();
  });

  it('is deterministic: the same moment, or a copy of it, gives the same bytes', () => {
    const moment = KIND_MOMENTS.knead;
    const first = renderMoment(moment, { bodyMap });
    renderMoment(KIND_MOMENTS.glide, { bodyMap, theme: 'dark', width: 640, height: 360 });
    const copy = JSON.parse(JSON.stringify(moment)) as typeof moment;
    expect(renderMoment(moment, { bodyMap })).toBe(first);
    expect(renderMoment(copy, { bodyMap })).toBe(first);
  });

  it('changes when the moment changes', () => {
    const a = renderMoment(KIND_MOMENTS.knead, { bodyMap });
    const moved = { ...KIND_MOMENTS.knead, hands: [hand('left', 'thumb', [-0.028, 0.25], -90)] };
    expect(renderMoment(moved, { bodyMap })).not.toBe(a);
  });

  it('writes numbers with at most two decimals and no exponent or negative zero', () => {
    for (const kind of TECHNIQUE_KINDS) {
      // Hand transforms keep four decimals of scale; everything else two at most.
      const svg = renderMoment(KIND_MOMENTS[kind], { bodyMap })
        .replace(/scale\([^)]*\)/g, '')
        .replace(/#[0-9a-f]{6}/g, '');
      expect(svg).not.toMatch(/\d\.\d{3,}/);
      expect(svg).not.toMatch(/\de[+-]?\d/);
      expect(svg).not.toMatch(/[^\d.]-0(?![.\d])/);
      expect(svg).not.toContain('NaN');
      // Element or group opacity costs resvg a full-frame layer each: colours are faded instead.
      expect(svg).not.toMatch(/[^-]opacity="/);
      expect(svg).not.toContain('undefined');
    }
  });

  it('draws only the layers asked for', () => {
    const onlyHands = renderMoment(KIND_MOMENTS.glide, { bodyMap, layers: ['hands'] });
    expect(onlyHands).toContain('data-hand="left"');
    expect(onlyHands).not.toContain('aria-label');
    expect(onlyHands).not.toContain('fill="#f4f1ec"'); // no background: the moving layers render transparent
    const noHands = renderMoment(KIND_MOMENTS.glide, {
      bodyMap,
      layers: RENDER_LAYERS.filter((l) => l !== 'hands'),
    });
    expect(noHands).not.toContain('data-hand');
    expect(noHands).toContain('Reinforced palm beside the spine');
  });

  it('keeps the static layers in a memo that depends on position, theme, size and language only', () => {
    const options = {
      map: bodyMap,
      position: 'prone',
      theme: 'light',
      width: 1280,
      height: 720,
      language: 'en',
      hasTable: true,
      hasBody: true,
    } as const;
    const a = staticLayersSvg(options);
    expect(staticLayersSvg(options)).toBe(a);
    expect(staticLayersSvg({ ...options, position: 'supine' })).not.toBe(a);
    expect(renderMoment(KIND_MOMENTS.glide, { bodyMap, layers: STATIC_LAYERS })).toContain(a);
  });

  it('grey out excluded regions with a label, but not never-press regions (they are hatched near the work)', () => {
    const drain = KIND_MOMENTS.drain;
    const plain = renderMoment(drain, { bodyMap });
    const excluded = renderMoment(drain, {
      bodyMap,
      excluded: [
        { region: 'leg.lower', side: 'left' },
        { region: 'back.spine', side: null },
      ],
    });
    expect(plain).not.toContain('not today');
    expect(excluded.match(/aria-label="not today"/g)).toHaveLength(1);
  });

  it('hatches the spine line when a step works beside it, and not when it works the feet', () => {
    expect(renderMoment(KIND_MOMENTS.knead, { bodyMap })).toContain('url(#mc-hatch)');
    expect(renderMoment(KIND_MOMENTS.rub, { bodyMap })).not.toContain('url(#mc-hatch)');
  });

  it('writes text as glyph outlines by default and as <text> when asked', () => {
    const paths = renderMoment(KIND_MOMENTS.drain, { bodyMap });
    expect(paths).not.toContain('<text');
    expect(paths).toContain('aria-label="Leg drainage"');
    const text = renderMoment(KIND_MOMENTS.drain, { bodyMap, text: 'text' });
    expect(text).toContain('>Leg drainage</text>');
    expect(text).toContain('>Left side</text>');
  });

  it('prefixes ids so several frames can share one page', () => {
    const svg = renderMoment(KIND_MOMENTS.knead, { bodyMap, idPrefix: 'frame7' });
    expect(svg).toContain('id="frame7-hatch"');
    expect(svg).toContain('url(#frame7-hatch)');
  });

  it('shows the side, repetition, time left and pressure in the captions', () => {
    const svg = renderMoment(KIND_MOMENTS.drain, { bodyMap });
    expect(svg).toContain('aria-label="Left side"');
    expect(svg).toContain('aria-label="3 / 6"');
    expect(svg).toContain('aria-label="1:18"');
    expect(svg).toContain('aria-label="3 / 5"');
    expect(renderMoment(KIND_MOMENTS.drain, { bodyMap, language: 'ru' })).toContain(
      'aria-label="Левая сторона"',
    );
  });

  it('says "no pressure" when no hand presses', () => {
    expect(renderMoment(KIND_MOMENTS.lift, { bodyMap })).toContain('aria-label="no pressure"');
  });

  it('escapes text from the plan', () => {
    const m = momentFixture({
      ...KIND_MOMENTS.glide,
      id: 'x',
      title: 'A <b> & "c"',
      technique: 'glide',
      tracks: [],
      hands: [],
    });
    const svg = renderMoment(m, { bodyMap });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<b>');
  });
});

describe('the view transform', () => {
  it('puts the head on the left and the client’s left at the bottom prone, at the top supine', () => {
    const prone = viewLayout({ width: 1280, height: 720, position: 'prone' });
    const supine = viewLayout({ width: 1280, height: 720, position: 'supine' });
    const crown = screenFromBody(prone, { x: 0, y: 0 });
    const feet = screenFromBody(prone, { x: 0, y: 1 });
    expect(crown.x).toBeLessThan(feet.x);
    expect(screenFromBody(prone, { x: -0.1, y: 0.5 }).y).toBeGreaterThan(prone.axisY);
    expect(screenFromBody(supine, { x: -0.1, y: 0.5 }).y).toBeLessThan(supine.axisY);
  });

  it('round-trips body points and maps directions consistently', () => {
    for (const position of ['prone', 'supine'] as const) {
      const view = viewLayout({ width: 1280, height: 720, position });
      const p = { x: -0.055, y: 0.715 };
      const back = bodyFromScreen(view, screenFromBody(view, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
      // Toward the feet is screen right in both views.
      expect(screenAngleFromBody(view, Math.PI / 2)).toBeCloseTo(0, 9);
    }
  });

  it('draws a hand about 0.10 body heights long (BODY-PROPORTIONS.md), not the size of the back', () => {
    const view = viewLayout({ width: 1280, height: 720, position: 'prone' });
    const palm = hand('left', 'palm', [-0.04, 0.3], -90);
    const [drawn] = drawnHandsTop([palm], { position: 'prone', neverPress: [], excluded: [] });
    const pts = handOnlyParts(drawn!).flatMap((poly) => poly.map((p) => screenFromBody(view, p)));
    const xs = pts.map((p) => p.x);
    const lengthInH = (Math.max(...xs) - Math.min(...xs)) / view.scale;
    expect(lengthInH).toBeGreaterThan(0.05);
    expect(lengthInH).toBeLessThan(0.11);
  });

  it('keeps the table and the captions band inside the canvas at several sizes', () => {
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [640, 360],
      [800, 800],
    ] as const) {
      const view = viewLayout({ width, height, position: 'prone' });
      expect(view.table.x).toBeGreaterThan(0);
      expect(view.table.x + view.table.width).toBeLessThan(width);
      expect(view.table.y).toBeGreaterThan(0);
      expect(view.table.y + view.table.height).toBeLessThan(view.captionTop);
      expect(view.captionTop).toBeLessThan(height);
    }
  });

  it('outlines a body that fits on the table', () => {
    for (const [x, y] of bodyOutlinePairs()) {
      expect(Math.abs(x)).toBeLessThan(0.2);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
  });
});
