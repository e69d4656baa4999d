// Bundles the `handover` CLI (electron/cli + core + shared) into out/cli/handover.cjs.
// Runs on `npm ci` (prepare), so `npx handover --help` works from a fresh checkout.
// Native and wasm modules stay external and load from node_modules at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'out/cli/handover.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  external: ['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo'],
  logLevel: 'warning',
});
