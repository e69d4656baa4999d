import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { TEST_CLI } from './cli-bins';

const ROOT = join(__dirname, '../..');

/**
 * Vitest global setup for the Node project: bundles cli-test-entry.ts the way scripts/build-cli.mjs
 * bundles the shipped CLI, into out/cli-test/ (electron-builder packs only out/{main,preload,renderer}).
 * The worker threads are the shipped CLI's own (out/cli/workers, built by scripts/build-cli.mjs), copied
 * next to it where electron/core/workers/start.ts looks for them.
 */
export default async function setup(): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'test/helpers/cli-test-entry.ts')],
    outfile: TEST_CLI,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo'],
    logLevel: 'warning',
  });
  const workers = join(ROOT, 'out/cli/workers');
  if (existsSync(workers)) cpSync(workers, join(ROOT, 'out/cli-test/workers'), { recursive: true });
}
