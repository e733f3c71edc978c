import { defineConfig } from 'vitest/config';

// Unit tests of the web app's pure modules (node environment; browser tests live in e2e/).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['web/src/**/*.test.ts'],
    pool: 'forks',
  },
});
