import { defineConfig } from 'vitest/config';

// Two projects: the Node suites (unit, integration, security, CLI) and the
// Chromium end-to-end suite, which needs the built renderer (npm test builds it first).
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // A user action may include an Argon2id derivation (1-2 s here), which no longer blocks the event loop.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
