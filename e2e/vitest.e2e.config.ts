import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core driving Debian's chromium against the built app (npm run build:web first).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: the browser tests mostly wait (on the player's clock, the records server, the voice), so
    // on CI's two cores two forks take the suite from about 280 s to 220 s; each file has its own browser and server.
    maxWorkers: 2,
  },
});
