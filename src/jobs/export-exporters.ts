// What an export job runs: the handout (A4 PDF) or the narrated video (MP4) of a stored plan, written to a temp
// file that the worker then stores in the database.
import { z } from 'zod';
import { builtinBodyMap, builtinRoutine, builtinRoutineIds, builtinRules } from '../content/load.js';
import type { Plan } from '../core/plan-types.js';
import { stepWindow } from '../export/video/video-script.js';
import type { ExportJob, ExportKind } from '../store/export-job-store.js';

const Id = z.string().min(1).max(100);

/** A video's picture size, `WIDTHxHEIGHT` (even sides, 160x90 to 1920x1080). */
const VideoSize = z
  .string()
  .regex(/^\d{2,4}x\d{2,4}$/, 'expected WIDTHxHEIGHT, e.g. 1280x720')
  .refine((value) => {
    const [w, h] = value.split('x').map(Number) as [number, number];
    return w >= 160 && h >= 90 && w <= 1920 && h <= 1080 && w % 2 === 0 && h % 2 === 0;
  }, 'expected an even width and height from 160x90 to 1920x1080');

/** The options of a video job: picture size, frame rate, and optionally one step (a few repetitions of it). */
export const VideoJobOptions = z
  .object({
    size: VideoSize.optional(),
    fps: z.number().int().min(1).max(60).optional(),
    step: Id.optional(),
    side: z.enum(['left', 'right']).optional(),
  })
  .strict()
  .refine((o) => o.side === undefined || o.step !== undefined, {
    message: 'side goes with step',
    path: ['side'],
  });

/** The options of a handout job (none yet). */
export const HandoutJobOptions = z.object({}).strict();

/** `POST /api/export-jobs`: a stored plan, what to make of it, and how. */
export const ExportJobRequest = z.discriminatedUnion('kind', [
  z.object({ planId: Id, kind: z.literal('video'), options: VideoJobOptions.optional() }).strict(),
  z.object({ planId: Id, kind: z.literal('handout'), options: HandoutJobOptions.optional() }).strict(),
]);
export type ExportJobRequest = z.infer<typeof ExportJobRequest>;

/** A job's options checked against its plan: the message and field of what is wrong, or null. */
export function jobOptionsProblem(
  kind: ExportKind,
  options: Record<string, unknown>,
  plan: Plan,
): { field: string; message: string } | null {
  if (kind !== 'video' || typeof options.step !== 'string') return null;
  const side = options.side === 'left' || options.side === 'right' ? options.side : undefined;
  if (stepWindow(plan, options.step, { side })) return null;
  const skipped = plan.skipped.find((s) => s.id === options.step);
  return {
    field: 'options.step',
    message: skipped
      ? `the plan leaves out ${options.step}: ${skipped.reason}`
      : `the plan has no step "${options.step}"${side ? ` on the ${side} side` : ''} (steps: ${[
          ...new Set(plan.steps.map((s) => s.id)),
        ].join(', ')})`,
  };
}

/** How far an exporter is (its own phases). */
export interface ExporterProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** What an exporter gets: the job, its plan, where to write, a stop signal and a progress callback. */
export interface ExporterInput {
  readonly job: ExportJob;
  readonly plan: Plan;
  readonly routineId: string;
  /** The folder to write into (the worker removes it afterwards). */
  readonly dir: string;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: ExporterProgress) => void;
}

/** What an exporter wrote: the file, the name to download it as, and its media type. */
export interface ExporterOutput {
  readonly file: string;
  readonly name: string;
  readonly type: string;
}

/** Makes one kind of export. */
export type Exporter = (input: ExporterInput) => Promise<ExporterOutput>;

/** The exporters a worker runs, by kind. */
export type Exporters = Readonly<Record<ExportKind, Exporter>>;

/** The name a finished export is downloaded as. */
export function resultName(job: ExportJob, extension: string): string {
  return `massage-${job.kind}-${job.createdAt.slice(0, 10)}-${job.id.slice(0, 8)}.${extension}`;
}

/** The real exporters: chromium prints the handout, ffmpeg and espeak-ng make the video. */
export const EXPORTERS: Exporters = {
  async handout({ job, plan, routineId, dir, onProgress, signal }) {
    onProgress({ phase: 'printing', done: 0, total: 1 });
    const output = `${dir}/handout.pdf`;
    // Loaded when a job runs: the server starts without chromium's driver and the video encoder in memory.
    const { exportHandout } = await import('../export/handout/handout-pdf.js');
    await exportHandout({
      plan,
      bodyMap: builtinBodyMap(),
      routine: builtinRoutineIds().includes(routineId) ? builtinRoutine(routineId) : undefined,
      rules: builtinRules(),
      output,
    });
    if (signal.aborted) throw new DOMException('export stopped', 'AbortError');
    onProgress({ phase: 'printing', done: 1, total: 1 });
    return { file: output, name: resultName(job, 'pdf'), type: 'application/pdf' };
  },
  async video({ job, plan, dir, onProgress, signal }) {
    const options = job.options as { size?: string; fps?: number; step?: string; side?: 'left' | 'right' };
    const [width, height] = (options.size ?? '1280x720').split('x').map(Number) as [number, number];
    const window = options.step ? stepWindow(plan, options.step, { side: options.side }) : null;
    const output = `${dir}/video.mp4`;
    const { exportVideo } = await import('../export/video/video-export.js');
    await exportVideo({
      plan,
      output,
      width,
      height,
      fps: options.fps ?? 30,
      ...(window ? { window } : {}),
      title: options.step ? `${plan.routineId}: ${options.step}` : plan.routineId,
      signal,
      onProgress,
    });
    return { file: output, name: resultName(job, 'mp4'), type: 'video/mp4' };
  },
};
