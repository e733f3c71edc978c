import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core driving Debian's chromium against the built app (npm run build:web first).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time (each its own chromium and server): most of a browser test is waiting (timeouts, the
    // player's clock), so two take the suite from about 290 s to 230 s on two cores. Tests that watch the player's
    // picture over time compare it within one step, never across a step's end (a busy machine moves time on).
    maxWorkers: 2,
  },
});
