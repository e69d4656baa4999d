import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { WORKER_NAMES } from '../../electron/core/workers/start';
import { TEST_BUNDLES, TEST_CHILDREN } from './cli-bins';

const ROOT = join(__dirname, '../..');

/**
 * Vitest global setup (once per run, before any file): bundles, from the sources as they are now, the way
 * scripts/build-cli.mjs bundles the shipped CLI, into out/cli-test/ (electron-builder packs only
 * out/{main,preload,renderer}):
 * - cli-test-entry.ts, the tests' own `handover`;
 * - the child processes the kill tests start (test/helpers/*-child.ts): Node loads a bundle on a fraction of the
 *   CPU that `--import tsx` spends compiling the whole core again in every child;
 * - every worker thread, which the tests' cores start from here (prebuilt-workers.ts) rather than through tsx,
 *   and which the bundles above find beside them as the shipped CLI does.
 */
export default async function setup(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo'],
    logLevel: 'warning',
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { handover: join(ROOT, 'test/helpers/cli-test-entry.ts'), ...Object.fromEntries(TEST_CHILDREN.map((name) => [name, join(ROOT, `test/helpers/${name}.ts`)])) },
      outdir: TEST_BUNDLES,
    }),
    build({
      ...common,
      entryPoints: Object.fromEntries(WORKER_NAMES.map((name) => [name, join(ROOT, `electron/core/workers/${name}.ts`)])),
      outdir: join(TEST_BUNDLES, 'workers'),
    }),
  ]);
}
