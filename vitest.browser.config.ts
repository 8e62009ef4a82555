import { defineConfig } from 'vitest/config';

// The browser suite (`npm run test:browser`): Chromium against a local stack it starts itself. `npm test` never
// runs it, because it needs Chromium; one file at a time, because each starts a browser and DynamoDB Local.
export default defineConfig({
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
