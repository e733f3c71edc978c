import { builtinBodyMap, builtinRoutine, builtinRules } from './src/content/load.js';
import { Intake } from './src/core/intake.js';
import { planFromIntake } from './src/core/planner.js';
import { momentAt } from './src/core/timeline.js';
import { renderMoment } from './src/render/render-moment.js';

const bodyMap = builtinBodyMap();
const plan = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
  bodyMap,
}) as any;
const a = renderMoment(momentAt(plan, plan.steps[3].start + 5, bodyMap), {
  bodyMap,
  layers: ['marks'],
  text: 'text',
});
const b = renderMoment(momentAt(plan, plan.steps[3].start + 5 + 1 / 30, bodyMap), {
  bodyMap,
  layers: ['marks'],
  text: 'text',
});
const ea = a.split(/(?=<)/),
  eb = b.split(/(?=<)/);
console.log(ea.length, eb.length);
ea.forEach((e, i) => {
  if (e !== eb[i]) console.log(i, e.slice(0, 150), '\n   ', eb[i]?.slice(0, 150));
});
