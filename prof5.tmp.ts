import { builtinBodyMap, builtinRoutine, builtinRules } from './src/content/load.js';
import { Intake } from './src/core/intake.js';
import { planFromIntake } from './src/core/planner.js';
import { momentAt } from './src/core/timeline.js';
import { notoSansFontFiles } from './src/export/fonts.js';
import { frameRasterizer } from './src/export/png.js';
import { FRAME_LAYER_GROUPS } from './src/export/video/frame-drawing.js';
import { renderMomentLayers } from './src/render/render-moment.js';
import { textAsPaths } from './src/render/text-path.js';

const bodyMap = builtinBodyMap();
const plan = planFromIntake(builtinRoutine('spinal-column'), builtinRules(), Intake.parse({ minutes: 45 }), {
  bodyMap,
}) as any;
const raster = frameRasterizer({ fontFiles: notoSansFontFiles() }, { cacheSize: 12 });
const view = (process.argv[2] ?? 'top') as any;
const si = Number(process.argv[3] ?? 3);
const ms = Array.from({ length: 300 }, (_, i) => momentAt(plan, plan.steps[si].start + 5 + i / 30, bodyMap));
let tKeys = 0,
  tPaths = 0,
  tRaster = 0,
  tRel = 0;
const written = FRAME_LAYER_GROUPS.map(() => ({ key: '', svg: '' }));
for (let i = 0; i < ms.length; i++) {
  let t0 = performance.now();
  const keys = renderMomentLayers(
    ms[i],
    { bodyMap, view, framing: 'step', text: 'text' },
    FRAME_LAYER_GROUPS,
  );
  tKeys += performance.now() - t0;
  t0 = performance.now();
  const layers = keys.map((k, g) => {
    const s = written[g];
    if (s.key !== k) {
      s.key = k;
      s.svg = textAsPaths(k);
    }
    return s.svg;
  });
  tPaths += performance.now() - t0;
  t0 = performance.now();
  const out = raster.rgbaLayered(layers);
  tRaster += performance.now() - t0;
  t0 = performance.now();
  await raster.released();
  tRel += performance.now() - t0;
  if (i === 100) {
    tKeys = tPaths = tRaster = tRel = 0;
  }
  if (i === 299) console.log(view, plan.steps[si].id, 'boxes', JSON.stringify(out.drawn));
}
const n = 199;
console.log(
  'keys',
  (tKeys / n).toFixed(2),
  'paths',
  (tPaths / n).toFixed(2),
  'raster',
  (tRaster / n).toFixed(2),
  'released',
  (tRel / n).toFixed(2),
);
