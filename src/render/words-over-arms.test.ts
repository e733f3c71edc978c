import { describe, expect, it } from 'vitest';
import { builtinBodyMap } from '../content/load.js';
import { builtinPlan } from '../core/test-support/builtin-plan.js';
import { momentAt } from '../core/timeline.js';
import { stepViews } from '../core/views.js';
import { renderLabels } from './labels.js';
import { renderMoment } from './render-moment.js';
import { themeColours } from './theme.js';
import { viewLabels } from './views/view-labels.js';

/*
 * Session 25: the practitioner's upper arms reach past the table's edge and into the corners of a close-up (the leg
 * drainage close-up's arm ran across "Close-up of the contact"; from above, an upper arm past the table's edge can
 * lie under "you"). The words are drawn over the arms, cased in the halo colour, so they read on the sleeve too:
 * for every step, in both themes, the view's title and the "you" words each carry the halo.
 */

const bodyMap = builtinBodyMap();
const plan = builtinPlan('spinal-column');

/** The `<text>` element of a drawn picture whose words are `words`, or undefined. */
function textElement(svg: string, words: string): string | undefined {
  return svg.match(new RegExp(`<text[^>]*>${words}</text>`))?.[0];
}

function isCased(element: string | undefined, halo: string): boolean {
  return (
    (element?.includes(`stroke="${halo}"`) ?? false) && (element?.includes('paint-order="stroke"') ?? false)
  );
}

describe('words over the arms', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every close-up's title and every top view's "you" are cased in the halo colour`, () => {
      const halo = themeColours(theme).labelHalo;
      const problems: string[] = [];
      let seen = 0;
      for (const step of plan.steps) {
        const m = momentAt(plan, step.start + step.duration * 0.1, bodyMap);
        const views = stepViews(step);
        if (views.includes('closeup')) {
          const svg = renderMoment(m, { bodyMap, view: 'closeup', text: 'text', theme });
          if (!isCased(textElement(svg, viewLabels('en').closeup), halo))
            problems.push(`${step.id} close-up title`);
        }
        if (views[0] === 'top' && m.hands.length > 0) {
          const svg = renderMoment(m, { bodyMap, view: 'top', text: 'text', theme });
          const you = textElement(svg, renderLabels('en').practitioner);
          if (you !== undefined) seen++;
          if (you !== undefined && !isCased(you, halo)) problems.push(`${step.id} "you"`);
        }
      }
      expect(seen).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    });
  }
});
