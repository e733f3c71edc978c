// The order the unit suite's files start in. On CI's two cores a file of a minute or two that starts near the end
// is the whole run's tail (in a clean clone Vitest has no timings yet and starts the largest files first, so the
// 42-second cues property test, a small file, ran last). The slowest files, as measured there, start first; the
// others follow in Vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The unit suite's slowest files, slowest first (CI log of session 25: seconds on two cores, two forks). */
export const SLOWEST_FIRST: readonly string[] = [
  'src/core/planner.property.test.ts', // 121 s
  'src/render/drawn-hands.intakes.test.ts', // 68 s
  'src/server/export-jobs.test.ts', // 63 s
  'src/server/crash.test.ts', // 63 s
  'src/core/cues.property.test.ts', // 42 s
  'src/export/video/video-export.test.ts', // 39 s
  'src/core/routine-parse.property.test.ts', // 33 s
];

/** `files` with those named in SLOWEST_FIRST moved to the front, in its order; the rest keep their order. */
export function slowestFirst<T>(files: readonly T[], pathOf: (file: T) => string): T[] {
  const rank = (file: T) => {
    const path = pathOf(file).replaceAll('\\', '/');
    const at = SLOWEST_FIRST.findIndex((slow) => path.endsWith(`/${slow}`));
    return at < 0 ? SLOWEST_FIRST.length : at;
  };
  // Array sort is stable: the rest keep the order given.
  return [...files].sort((a, b) => rank(a) - rank(b));
}

/** Vitest's sequencer with SLOWEST_FIRST moved to the front. */
export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return slowestFirst(await super.sort(files), (file) => file.moduleId);
  }
}
