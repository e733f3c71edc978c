import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core driving Debian's chromium against the built app (npm run build:web first).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One browser at a time: two cores are shared by chromium, the server and vitest.
    fileParallelism: false,
  },
});
