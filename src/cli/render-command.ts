import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { builtinBodyMap } from '../content/load.js';
import type { Side, View } from '../core/ids.js';
import type { Moment } from '../core/moment.js';
import { momentAt } from '../core/timeline.js';
import { stepViews } from '../core/views.js';
import { notoSansFontFiles } from '../export/fonts.js';
import { svgToPng } from '../export/png.js';
import { renderMoment } from '../render/render-moment.js';
import type { ThemeName } from '../render/theme.js';
import { renderSolidView } from '../render/views/view-frame.js';
import { EXIT } from './exit-codes.js';
import { figuresCommand, type PlanSourceOptions, planForRendering, stepMomentAt } from './figures-command.js';
import type { CliIo } from './io.js';
import { plannedPartFound, plannedStepFound, withPlanInputOptions } from './plan-input.js';

/** Options of `massage-coach render`, as commander parses them. */
export interface RenderCommandOptions extends PlanSourceOptions {
  readonly step: string;
  readonly side?: Side | undefined;
  /** For a step in parts: the part's id. */
  readonly part?: string | undefined;
  /** Seconds from the step's start. */
  readonly at?: number | undefined;
  /** Phase of the first repetition, 0…1. */
  readonly phase?: number | undefined;
  readonly size?: { width: number; height: number } | undefined;
  readonly theme?: ThemeName | undefined;
  /** Where the moment is seen from (default: the step's own main view); `contact` is a synonym of `closeup`. */
  readonly view?: View | 'contact' | undefined;
  readonly output: string;
}

/** `massage-coach render`: draws one moment of a planned step to an SVG or PNG file. */
export function renderCommand(options: RenderCommandOptions, io: CliIo): number {
  const format = /\.svg$/i.test(options.output) ? 'svg' : /\.png$/i.test(options.output) ? 'png' : null;
  if (!format) {
    io.stderr(`error: -o ${options.output}: the file name must end in .svg or .png\n`);
    return EXIT.usage;
  }
  if (options.at !== undefined && options.phase !== undefined) {
    io.stderr('error: give --at or --phase, not both\n');
    return EXIT.usage;
  }
  const planned = planForRendering(options, io);
  if (!planned.ok) return planned.code;
  const plan = planned.value;
  const found = plannedStepFound(plan, options, io);
  if (!found.ok) return found.code;
  const step = found.value;
  const partFound = plannedPartFound(step, options.part, io);
  if (!partFound.ok) return partFound.code;
  const part = partFound.value;
  const view: View = options.view === 'contact' ? 'closeup' : (options.view ?? stepViews(step)[0] ?? 'top');
  let moment: Moment;
  if (options.at !== undefined) {
    if (options.at > step.duration) {
      io.stderr(`error: --at ${options.at}: ${step.id} lasts ${step.duration.toFixed(1)} s\n`);
      return EXIT.usage;
    }
    // Just inside the step at its very end, so the moment is still this step's last instant.
    moment = momentAt(plan, step.start + Math.min(options.at, step.duration - 1e-6), builtinBodyMap());
  } else {
    moment = stepMomentAt(plan, step, { phase: options.phase, part });
  }
  const language = options.lang ?? plan.language;
  const theme = options.theme ?? 'light';
  // A step drawn as two panels (start and end, Figure 115 then 116) unless one instant is asked for.
  const panels = options.at === undefined && options.phase === undefined ? step.panels : undefined;
  const svg =
    panels && view !== 'top'
      ? renderSolidView(
          panels.map((phase) => stepMomentAt(plan, step, { phase, part })),
          { view, ...(options.size ?? {}), language, theme },
        )
      : renderMoment(moment, {
          bodyMap: builtinBodyMap(),
          ...(options.size ?? {}),
          language,
          theme,
          excluded: plan.excludedRegions,
          view,
        });
  try {
    writeFileSync(options.output, format === 'svg' ? svg : svgToPng(svg, { fontFiles: notoSansFontFiles() }));
  } catch (e) {
    io.stderr(`${options.output}: cannot write: ${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
  io.stdout(
    `wrote ${options.output} (${step.id}${step.side ? `, ${step.side}` : ''}, ${view} view${panels && view !== 'top' ? ', two panels' : `, t = ${moment.t.toFixed(1)} s`})\n`,
  );
  return EXIT.ok;
}

/** Parses `--size WxH` (160x90 to 7680x4320). */
export function sizeParsed(value: string): { width: number; height: number } {
  const m = /^(\d{2,5})x(\d{2,5})$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected WIDTHxHEIGHT, e.g. 1280x720.');
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 160 || height < 90 || width > 7680 || height > 4320) {
    throw new InvalidArgumentError('expected a size from 160x90 to 7680x4320.');
  }
  return { width, height };
}

/** A commander parser of a number from `min` to `max`. */
export function numberParsed(what: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${what} from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Where render commands write, and how they hand their exit code back to the program. */
export interface RenderCommandIo extends CliIo {
  readonly setExitCode: (code: number) => void;
}

/**
 * Adds `render` and `figures` to the program: `render --step ID [--side] [--at S|--phase P] [--view V] [--intake FILE]
 * [--lang en|ru] [--size WxH] [--theme light|dark] -o FILE.svg|FILE.png` and `figures [--routine ID] -o DIR`.
 */
export function registerRenderCommands(program: Command, io: RenderCommandIo): void {
  const common = (command: Command) =>
    withPlanInputOptions(command)
      .option('--size <WxH>', 'picture size in pixels (default 1280x720)', sizeParsed)
      .addOption(new Option('--theme <theme>', 'colours').choices(['light', 'dark']).default('light'));

  common(
    program
      .command('render')
      .description('Draw one moment of a planned step as SVG or PNG.')
      .requiredOption('--step <id>', 'the step id, e.g. leg-glide')
      .addOption(new Option('--side <side>', 'for a per-side step: which side').choices(['left', 'right']))
      .option('--part <id>', 'for a step in parts: which part (default: the first; --phase is of that part)')
      .option('--at <seconds>', 'seconds from the step’s start', numberParsed('seconds', 0, 36_000))
      .option(
        '--phase <0..1>',
        'how far into the first repetition (default: its most telling moment)',
        numberParsed('a phase', 0, 1),
      )
      .addOption(
        new Option(
          '--view <view>',
          'seen from above, the side, the head end, or a close-up of the contact (default: the step’s own view)',
        ).choices(['top', 'side', 'head', 'closeup', 'contact']),
      )
      .requiredOption('-o, --output <file>', 'the picture to write: FILE.svg or FILE.png'),
  ).action((options: RenderCommandOptions) => {
    io.setExitCode(renderCommand(options, io));
  });

  common(
    program
      .command('figures')
      .description('Draw every step (a still and a looping animated SVG) and an index.html gallery.')
      .requiredOption('-o, --output <dir>', 'the folder to write into (created if missing)'),
  ).action(
    (
      options: PlanSourceOptions & {
        output: string;
        theme?: ThemeName;
        size?: { width: number; height: number };
      },
    ) => {
      io.setExitCode(
        figuresCommand(
          {
            ...options,
            ...(options.size ? { width: options.size.width, height: options.size.height } : {}),
          },
          io,
        ),
      );
    },
  );
}
