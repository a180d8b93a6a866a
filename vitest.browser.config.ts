import { defineConfig } from 'vitest/config';

// Browser tests: a real server on a free port, Debian's Chromium through playwright-core, axe on
// every page visited. They need `dist/web` (npm run build) and /usr/bin/chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
