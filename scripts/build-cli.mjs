// Bundles the `handover` CLI (electron/cli + core + shared) into out/cli/handover.cjs, and its worker threads.
// Runs on `npm ci` (prepare), so `npx handover --help` works from a fresh checkout.
// Native and wasm modules stay external and load from node_modules at run time.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  external: ['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo'],
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['electron/cli/main.ts'], outfile: 'out/cli/handover.cjs' });

// Each worker thread is its own entry, next to the CLI as out/cli/workers/<name>.cjs (electron/core/workers/start.ts).
const WORKERS = ['hash', 'argon2', 'document-reader', 'audit-scan', 'import-table', 'rewrite-vault', 'package-clients', 'search-index', 'package-sink'];
await build({
  entryPoints: Object.fromEntries(WORKERS.map((name) => [name, `electron/core/workers/${name}.ts`])),
  outdir: 'out/cli/workers',
  outExtension: { '.js': '.cjs' },
  ...common,
});
