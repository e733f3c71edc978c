import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinBodyMap } from '../content/load.js';
import type { Language, View } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import type { Plan, PlannedFigure, PlannedPart, PlannedStep } from '../core/plan-types.js';
import { partView } from '../core/step-parts.js';
import { stepTellingPhase } from '../core/techniques/index.js';
import { momentAt } from '../core/timeline.js';
import { notoSansFontFiles } from '../export/fonts.js';
import { frameRasterizer } from '../export/png.js';
import { renderAnimatedPreview } from '../render/animated.js';
import { momentView } from '../render/moment-view.js';
import { renderMoment } from '../render/render-moment.js';
import type { ThemeName } from '../render/theme.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { type Loaded, type PlanInputOptions, planLoaded } from './plan-input.js';

export type { Loaded } from './plan-input.js';

/** What the render and figures commands share: which routine, which client, how long, which language. */
export type PlanSourceOptions = PlanInputOptions;

/** Plans the routine for the intake (default: 45 minutes, no conditions) in the language asked for. */
export function planForRendering(options: PlanSourceOptions, io: CliIo): Loaded<Plan> {
  return planLoaded(options, io);
}

/** The moment `phase` (0…1) into repetition `repetition` (1-based) of a planned step. */
export function stepMomentAt(
  plan: Plan,
  step: PlannedStep,
  options: { phase?: number | undefined; repetition?: number; part?: PlannedPart | undefined },
): Moment {
  // A step in parts: the moment is in the part asked for, else the first (its times, repetitions and still).
  const part = options.part ?? step.parts?.[0];
  const running = part ? partView(step, part) : step;
  const perRep = running.duration / Math.max(running.reps, 1);
  const rep = Math.min(Math.max(options.repetition ?? 1, 1), Math.max(running.reps, 1));
  const phase = Math.min(Math.max(options.phase ?? stepTellingPhase(running), 0), 0.999);
  return momentAt(plan, running.start + perRep * (rep - 1 + phase), builtinBodyMap());
}

function mostExtended(
  plan: Plan,
  step: PlannedStep,
  repetition: number,
  part: PlannedPart | undefined,
): Moment {
  let best = stepMomentAt(plan, step, { phase: 0, repetition, part });
  for (let i = 1; i <= 100; i++) {
    const m = stepMomentAt(plan, step, { phase: i / 100, repetition, part });
    if (m.extent > best.extent + 1e-9) best = m;
  }
  return best;
}

/**
 * The moment that shows a seed figure, as the routine names it (`figure: { figure, repetition, phase }` on the
 * step or one of its parts): a phase, the most extended moment, or the most telling one.
 */
export function figureMoment(plan: Plan, step: PlannedStep, figure: PlannedFigure): Moment {
  const part = figure.part ? step.parts?.find((p) => p.id === figure.part) : undefined;
  const repetition = figure.repetition ?? 1;
  if (figure.phase === 'most-extended') return mostExtended(plan, step, repetition, part);
  return stepMomentAt(plan, step, { phase: figure.phase ?? undefined, repetition, part });
}

/**
 * The view a seed figure is drawn from: the routine's `view` on the figure, else the main view of the part that
 * shows it, else of its step (its `views`, else its technique kind's).
 */
export function figureView(moment: Moment, figure: PlannedFigure): View {
  return figure.view ?? momentView(moment);
}

/** The file name of a step's still: its id, and the side where the side matters. */
export function stillName(step: PlannedStep): string {
  return step.side ? `${step.id}-${step.side}` : step.id;
}

/** Options of `massage-coach figures`. */
export interface FiguresCommandOptions extends PlanSourceOptions {
  readonly output: string;
  readonly theme?: ThemeName | undefined;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
}

/** Frames per looping preview, and its longest loop (a longer repetition is played faster). */
const PREVIEW_FRAMES = 30;
const PREVIEW_MAX_SECONDS = 8;

function htmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface GalleryEntry {
  readonly name: string;
  readonly title: string;
  readonly side: string | null;
  readonly technique: string;
  readonly figures: readonly { figure: number; what: string; file: string }[];
}

function galleryHtml(entries: readonly GalleryEntry[], language: Language): string {
  const cards = entries
    .map((e) => {
      const figureNotes = e.figures
        .map(
          (f) =>
            `<p class="figure"><a href="${f.file}.png">Seed figure ${f.figure}</a>: ${htmlEscaped(f.what)}</p>`,
        )
        .join('');
      return `<figure id="${e.name}"><a href="${e.name}.svg"><img src="${e.name}.png" alt="${htmlEscaped(e.title)}" loading="lazy" width="640" height="360"></a>
<figcaption><strong>${htmlEscaped(e.title)}</strong>${e.side ? ` <span class="side">${e.side}</span>` : ''} <span class="kind">${e.technique}</span>
<a href="${e.name}.anim.svg">animated</a>${figureNotes}</figcaption></figure>`;
    })
    .join('\n');
  const index = entries
    .flatMap((e) => e.figures.map((f) => ({ ...f, name: e.name, title: e.title })))
    .sort((a, b) => a.figure - b.figure)
    .map(
      (f) =>
        `<li><a href="${f.file}.png">Figure ${f.figure}</a> — ${htmlEscaped(f.title)}: ${htmlEscaped(f.what)}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>massage-coach figures</title>
<style>
body { font-family: 'Noto Sans', system-ui, sans-serif; margin: 24px; background: #f4f1ec; color: #1b2430; }
main { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 20px; }
figure { margin: 0; background: #fff; border-radius: 8px; padding: 10px; box-shadow: 0 1px 3px #0002; }
img { width: 100%; height: auto; display: block; border-radius: 4px; }
figcaption { margin-top: 6px; } .side, .kind { color: #5b6675; font-size: 0.9em; } .figure { margin: 4px 0 0; color: #2f6f8f; }
</style></head>
<body><h1>Every step, one still each</h1>
<p>Seed figures:</p><ul>
${index}
</ul>
<main>
${cards}
</main></body></html>
`;
}

/**
 * `massage-coach figures`: a still (SVG and PNG) of every planned step at its most telling phase, one per side
 * where the side matters, a looping animated SVG of one repetition, each from the step's own view (`momentView`),
 * stills for the seed's Figures 114–120 (each from its own view: `figureView`), and an index.html gallery naming
 * them.
 */
export function figuresCommand(options: FiguresCommandOptions, io: CliIo): number {
  const planned = planForRendering(options, io);
  if (!planned.ok) return planned.code;
  const plan = planned.value;
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const language = options.lang ?? plan.language;
  const render = {
    bodyMap: builtinBodyMap(),
    width,
    height,
    language,
    theme: options.theme ?? 'light',
    excluded: plan.excludedRegions,
  } as const;
  try {
    mkdirSync(options.output, { recursive: true });
  } catch (e) {
    io.stderr(`${options.output}: cannot create: ${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
  const raster = frameRasterizer({ fontFiles: notoSansFontFiles() });
  const write = (name: string, moment: Moment, view: View) => {
    const svg = renderMoment(moment, { ...render, view });
    writeFileSync(join(options.output, `${name}.svg`), svg);
    writeFileSync(join(options.output, `${name}.png`), raster.png(svg));
  };
  const entries: GalleryEntry[] = [];
  const seen = new Set<string>();
  const drawnFigures = new Set<string>();
  let files = 0;
  for (const step of plan.steps) {
    const name = stillName(step);
    if (seen.has(name)) continue;
    seen.add(name);
    const still = stepMomentAt(plan, step, { phase: stepTellingPhase(step) });
    write(name, still, momentView(still));
    // One repetition (two when the repetitions alternate sides), played in a loop.
    const loopReps = step.motion.alternateSidesEachRep && step.reps > 1 ? 2 : 1;
    const perRep = step.duration / Math.max(step.reps, 1);
    const moments: Moment[] = [];
    for (let i = 0; i < PREVIEW_FRAMES; i++) {
      moments.push(momentAt(plan, step.start + (perRep * loopReps * i) / PREVIEW_FRAMES, builtinBodyMap()));
    }
    const seconds = Math.min(perRep * loopReps, PREVIEW_MAX_SECONDS);
    writeFileSync(
      join(options.output, `${name}.anim.svg`),
      // From the view of the loop's first moment (a step in parts: its first part's).
      renderAnimatedPreview(moments, { ...render, seconds, view: momentView(moments[0]!) }),
    );
    files += 3;
    const figures: { figure: number; what: string; file: string }[] = [];
    // A figure's still belongs to the first side of a per-side step; which moment is the routine's to say.
    if (!drawnFigures.has(step.id)) {
      drawnFigures.add(step.id);
      for (const f of step.figures ?? []) {
        const file = `${name}-figure-${f.figure}`;
        const moment = figureMoment(plan, step, f);
        write(file, moment, figureView(moment, f));
        files += 2;
        figures.push({ figure: f.figure, what: f.what ?? step.title, file });
      }
    }
    entries.push({ name, title: step.title, side: step.side, technique: step.technique, figures });
  }
  writeFileSync(join(options.output, 'index.html'), galleryHtml(entries, language));
  io.stdout(`wrote ${files + 1} files to ${options.output} (${entries.length} steps; open index.html)\n`);
  return EXIT.ok;
}
