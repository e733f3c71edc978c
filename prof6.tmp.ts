import { builtinBodyMap, builtinRoutine, builtinRules } from './src/content/load.js';
import { Intake } from './src/core/intake.js';
import { planFromIntake } from './src/core/planner.js';
import { momentAt } from './src/core/timeline.js';
import { renderMoment } from './src/render/render-moment.js';

const bodyMap = builtinBodyMap();
const plan = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
  bodyMap,
}) as any;
for (const si of [1, 2, 3, 5, 7, 8, 22]) {
  const changes: Record<string, number> = {};
  const prev: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    const m = momentAt(plan, plan.steps[si].start + 5 + i / 30, bodyMap);
    for (const l of ['safety', 'path', 'hands', 'marks', 'captions'] as const) {
      const svg = renderMoment(m, { bodyMap, layers: [l], text: 'text' });
      if (prev[l] !== undefined && prev[l] !== svg) changes[l] = (changes[l] ?? 0) + 1;
      prev[l] = svg;
    }
  }
  console.log(plan.steps[si].id, JSON.stringify(changes));
}
