import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './vitest.sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one fork fewer than the cores: a single fork on CI's two cores. Most files wait on
    // servers, databases and child processes, so two forks take the suite from about 470 s to 315 s there.
    maxWorkers: 2,
    // The slowest files start first, so none of them is the run's tail (vitest.sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
  },
});
