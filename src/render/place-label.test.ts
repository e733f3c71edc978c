import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import type { Moment } from '../core/moment.js';
import { momentPose } from '../core/pose/pose.js';
import { surfaceForPosition } from '../core/step-motion.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { stepViews } from '../core/views.js';
import { drawnArmsTop } from './drawn-arms.js';
import { drawnHandsTop, excludedAreaPolygons, neverPressAreas } from './drawn-hands.js';
import { labelSize, renderLabels } from './labels.js';
import { armsClearance, placeMarkerSvg } from './place.js';
import { textWidth } from './text-metrics.js';
import { themeColours } from './theme.js';
import { viewLayout } from './view.js';

/*
 * Issue 10, "Pictures that teach": from above, the words "you" beside the practitioner's place marker are never
 * covered by an arm. At the feet the marker sits at the end of the table between the two arms reaching in from
 * beyond it, and in the leg drainage an elbow lay on the words; they now go to the nearest spot clear of the arms.
 */

const map = builtinBodyMap();
const plan = builtinPlan('spinal-column');
const labels = renderLabels('en');
const theme = themeColours('light');

/** The arms as the top view draws them at a moment, the view, and the marker's words' box (px). */
function labelAndArms(m: Moment) {
  const position = m.step.position === 'supine' ? 'supine' : 'prone';
  const view = viewLayout({ width: 1280, height: 720, position });
  const zones = {
    neverPress: neverPressAreas(map),
    excluded: excludedAreaPolygons(map, plan.excludedRegions),
  };
  const drawn = drawnHandsTop(m.hands, { position, ...zones });
  const arms = drawnArmsTop(drawn, momentPose(m), { surface: surfaceForPosition(position), ...zones });
  const svg = placeMarkerSvg({ view, theme, labels, moment: m, arms });
  const text = /<text x="([\d.-]+)" y="([\d.-]+)"/.exec(svg);
  if (!text) return null;
  const size = labelSize(view.unit, 14);
  const left = Number(text[1]);
  const baseline = Number(text[2]);
  const box = {
    x0: left,
    x1: left + textWidth(labels.practitioner, size, 'semibold'),
    y0: baseline - size * 0.8,
    y1: baseline + size * 0.25,
  };
  return { view, arms, box };
}

describe('the place marker’s words from above', () => {
  it('every step drawn from above, 24 moments each: no arm over the words', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const step of plan.steps.filter((s) => stepViews(s).includes('top')))
      for (let k = 0; k < 24; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 24) * step.duration, map);
        const at = labelAndArms(m);
        if (!at) continue;
        seen++;
        const clearance = armsClearance(at.view, at.arms, at.box);
        // The words are cased in a halo 2 px each side of their strokes: an arm's edge may reach into it.
        if (clearance < -2)
          problems.push(
            `${step.id}${step.side ? ` ${step.side}` : ''}: an arm over “you” (${clearance.toFixed(1)} px)`,
          );
      }
    expect(seen).toBeGreaterThan(200);
    expect([...new Set(problems.map((p) => p.replace(/ \([-\d.]+ px\)/, '')))]).toEqual([]);
  });

  it('is drawn on a canvas too small for any spot inside it (a 160×90 video), near the marker', () => {
    let drawn = 0;
    for (const step of plan.steps.filter((s) => stepViews(s).includes('top')))
      for (let k = 0; k < 8; k++) {
        const m = momentAt(plan, step.start + ((k + 0.5) / 8) * step.duration, map);
        const position = m.step.position === 'supine' ? 'supine' : 'prone';
        const view = viewLayout({ width: 160, height: 90, position });
        const svg = placeMarkerSvg({ view, theme, labels, moment: m, arms: [] });
        if (svg === '') continue;
        drawn++;
        expect(svg).toContain(`>${labels.practitioner}</text>`);
      }
    expect(drawn).toBeGreaterThan(0);
  });
});
