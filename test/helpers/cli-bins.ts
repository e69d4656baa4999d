import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The tests' own `handover` (cli-test-entry.ts, bundled by build-test-cli.ts before the tests): the
 * shipped CLI whose core takes the test Argon2id cost, for vaults made by makeCore() or by itself.
 * Spawn it as `node TEST_CLI args…`.
 */
export const TEST_CLI = join(ROOT, 'out/cli-test/handover.cjs');

/** The shipped one, as `npm ci` builds it (scripts/build-cli.mjs): only vaults at the shipped cost open in it. */
export const SHIPPED_CLI = join(ROOT, 'bin/handover.js');
