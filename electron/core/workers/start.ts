import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Every worker thread is a TypeScript entry file in this folder (issue 16: no code runs from a
 * string), loaded three ways:
 * - the app (electron-vite) and the CLI (esbuild) build each entry next to their bundle, as
 *   `workers/<name>.js` (out/main) or `workers/<name>.cjs` (out/cli);
 * - from sources (vitest, `tsx` for the bench), this file is itself a `.ts`: the worker runs the
 *   `.ts` entry with tsx's CommonJS hook, resolved from here, so it works whatever the caller's loader;
 * - in the single-file CLI (a Node SEA, scripts/build-sea.mjs) there is no file beside the executable:
 *   the built entry travels as the asset `workers/<name>.cjs` and the thread runs that built text.
 * Adding a worker: an entry file here, its name below, and one line in electron.vite.config.ts and
 * scripts/build-cli.mjs (test/unit/workers.test.ts checks the three agree).
 */
export const WORKER_NAMES = ['hash', 'argon2', 'document-reader', 'audit-scan', 'import-table', 'rewrite-vault', 'package-clients', 'search-index', 'package-sink'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

const fromSources = __filename.endsWith('.ts');

function builtEntry(name: WorkerName): string {
  for (const dir of [join(__dirname, 'workers'), join(__dirname, '..', 'workers')]) {
    for (const ext of ['.js', '.cjs']) {
      const file = join(dir, `${name}${ext}`);
      if (existsSync(file)) return file;
    }
  }
  throw new Error(`The worker "${name}" is missing from the build (looked in ${join(__dirname, 'workers')})`);
}

let tsxHook: string | null = null;
let prebuiltDir: string | null = null;

/**
 * From sources only (a `.ts` caller; a build never reaches this): run the entries as bundled from these same
 * sources into `dir` instead of through tsx. The tests do (test/helpers/prebuilt-workers.ts, bundled by their
 * global setup): a thread then starts on about a third of the CPU, and the tests start thousands. null: tsx again.
 */
export function runPrebuiltWorkers(dir: string | null): void {
  prebuiltDir = dir;
}

/** Where the worker's code is, and how Node must load it. */
export function workerEntry(name: WorkerName): { file: string; execArgv: string[] } {
  if (!fromSources) return { file: builtEntry(name), execArgv: [] };
  if (prebuiltDir !== null) return { file: join(prebuiltDir, `${name}.cjs`), execArgv: [] };
  tsxHook ??= createRequire(__filename).resolve('tsx/cjs');
  return { file: join(__dirname, `${name}.ts`), execArgv: ['--require', tsxHook] };
}

/** The built worker from the single executable's assets, or null outside one (Electron, plain Node). */
function seaWorker(name: WorkerName): string | null {
  try {
    const sea = createRequire(__filename)('node:sea') as typeof import('node:sea');
    return sea.isSea() ? sea.getAsset(`workers/${name}.cjs`, 'utf8') : null;
  } catch {
    return null;
  }
}

/** A worker thread running `electron/core/workers/<name>.ts`; the parent's loader flags are never inherited. */
export function startWorker(name: WorkerName, options: Omit<WorkerOptions, 'eval' | 'execArgv'> = {}): Worker {
  const built = fromSources ? null : seaWorker(name);
  if (built !== null) return new Worker(built, { ...options, eval: true, execArgv: [] });
  const { file, execArgv } = workerEntry(name);
  return new Worker(file, { ...options, execArgv });
}
