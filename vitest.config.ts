import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import InterleavedSequencer from './test/helpers/sequencer';

// Every file's setup; with HANDOVER_CPU_LOG=<file>, also the CPU each test file spent (test/helpers/cpu-meter.ts).
const setupFiles = ['./test/helpers/prebuilt-workers.ts', ...(process.env.HANDOVER_CPU_LOG ? ['./test/helpers/cpu-meter.ts'] : [])];

// Two projects: the Node suites (unit, integration, security, CLI) and the
// Chromium end-to-end suite, which needs the built renderer (npm test builds it first).
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // One file per core and one more: the end-to-end files mostly wait (Chromium's frames, antd's motion, polls),
    // so two files per 2 cores left CPU idle. Both projects share one queue, dealt out in turn, the longest first
    // (test/helpers/sequencer.ts): the e2e files' waits overlap the Node files' work.
    maxWorkers: Math.max(2, availableParallelism()) + 1,
    sequence: { sequencer: InterleavedSequencer },
    // The tests' CLI, the kill tests' child processes and every worker thread, bundled once before any file
    // (out/cli-test/); the setup file makes the tests' cores start those workers instead of each .ts through tsx.
    globalSetup: ['./test/helpers/build-test-cli.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // A guard against hangs, not a speed check: a CLI test spawns dozens of processes, each of which
          // unlocks the vault with Argon2id at the shipped cost (about 2.5 s alone, far more on shared cores).
          testTimeout: 600_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles,
          // The screenshot tour (every page, 3 widths, 2 languages; about 4 min) is a review run, `npm run tour`:
          // its layout checks are heuristics whose findings still vary with machine load, so it is not in `npm test`.
          exclude: process.env.HANDOVER_TOUR === '1' ? [] : ['test/e2e/tour.test.ts'],
          // A user action may include an Argon2id derivation, which no longer blocks the event loop.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Files in parallel like the Node suite's, each with its own Chromium and temp folders: vitest runs a
          // project without file parallelism as a group of its own AFTER every other file, on one worker, so on
          // a 2-core machine one core sat idle for the whole end-to-end suite.
        },
      },
    ],
  },
});
