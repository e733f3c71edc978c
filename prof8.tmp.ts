import { pathToFileURL } from 'node:url';
const root = process.argv[2]!;
const load = (p: string) => import(pathToFileURL(`${root}/${p}`).href);
const [content, planner, intake, fd] = await Promise.all([load('src/content/load.ts'), load('src/core/planner.ts'), load('src/core/intake.ts'), load('src/export/video/frame-drawing.ts')]);
const bodyMap = content.builtinBodyMap();
const plan = planner.planFromIntake(content.builtinRoutine('spinal-column'), content.builtinRules(), intake.Intake.parse({ minutes: 45 }), { bodyMap });
const si = Number(process.argv[3] ?? 1);
const start = plan.steps[si].start + 5;
const spec = { plan, from: start, to: start + 20, fps: 30, width: 1280, height: 720, language: 'en', theme: 'light', excluded: plan.excludedRegions, pixelFormat: 'yuv420p' };
const drawer = fd.frameDrawer(spec);
const into = Buffer.alloc(fd.frameBytes(spec));
const cpu0 = process.cpuUsage(); const t0 = performance.now();
let drawn = 0;
for (let i = 0; i < 240; i++) {
  if (drawer.frame(i, into)) drawn++;
  if (drawer.released) await drawer.released(); else if (i % 6 === 5) await new Promise((r) => setImmediate(r));
}
const cpu = process.cpuUsage(cpu0);
console.log(root, plan.steps[si].id, 'wall ms/frame', ((performance.now() - t0) / 240).toFixed(1), 'cpu ms/frame', ((cpu.user + cpu.system) / 1000 / 240).toFixed(1), 'drawn', drawn, 'rss MiB', (process.memoryUsage().rss / 2 ** 20).toFixed(0));
