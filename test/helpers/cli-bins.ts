import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Where vitest's global setup (build-test-cli.ts) bundles the tests' CLI, child processes and worker threads. */
export const TEST_BUNDLES = join(ROOT, 'out/cli-test');

/**
 * The tests' own `handover` (cli-test-entry.ts, bundled by build-test-cli.ts before the tests): the
 * shipped CLI whose core takes the test Argon2id cost, for vaults made by makeCore() or by itself.
 * Spawn it as `node TEST_CLI args…`.
 */
export const TEST_CLI = join(TEST_BUNDLES, 'handover.cjs');

/** The shipped one, as `npm ci` builds it (scripts/build-cli.mjs): only vaults at the shipped cost open in it. */
export const SHIPPED_CLI = join(ROOT, 'bin/handover.js');

/** The child processes of the kill tests, test/helpers/<name>.ts, each bundled into out/cli-test/<name>.cjs. */
export const TEST_CHILDREN = ['rotation-child', 'rotation-kill-at-progress', 'upgrade-child', 'writer-child', 'export-child', 'clients-export-child', 'export-kill-child', 'unlock-kill-child'] as const;

/** The bundle of test/helpers/<name>.ts to start as its own process: `spawn(process.execPath, [testChild(name), …args])`. */
export const testChild = (name: (typeof TEST_CHILDREN)[number]): string => join(TEST_BUNDLES, `${name}.cjs`);
