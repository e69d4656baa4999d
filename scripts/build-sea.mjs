// Builds the standalone, single-file `handover` CLI for the current platform with Node's
// single executable applications (https://nodejs.org/api/single-executable-applications.html):
//   1. bundle electron/cli/standalone.ts with everything it needs (esbuild, CommonJS);
//   2. a SEA blob holding that bundle and, as assets, the SQLite native module built
//      for this Node (node_modules/better-sqlite3-multiple-ciphers) with its SHA-256;
//   3. a copy of this node binary with the blob injected (postject), re-signed on macOS.
// Output: out/sea/handover (handover.exe on Windows). The release workflow runs it on each
// OS with the Node version the CLI is released for; it needs no network.
//   node scripts/build-sea.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out/sea');
const exe = join(out, process.platform === 'win32' ? 'handover.exe' : 'handover');
const native = join(root, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root });

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'electron/cli/standalone.ts')],
  outfile: join(out, 'handover.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // A SEA's require() only reaches built-in modules: everything else is in the bundle.
  external: [],
  logLevel: 'warning',
});

// The worker threads (electron/core/workers/start.ts), each one bundled whole: a SEA has no file beside it,
// so each travels as an asset and runs from its built text.
const WORKERS = ['hash', 'argon2', 'document-reader', 'audit-scan', 'import-table', 'rewrite-vault', 'package-clients', 'search-index', 'package-sink'];
await build({
  entryPoints: Object.fromEntries(WORKERS.map((name) => [name, join(root, `electron/core/workers/${name}.ts`)])),
  outdir: join(out, 'workers'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: [],
  logLevel: 'warning',
});

writeFileSync(join(out, 'better_sqlite3.node.sha256'), createHash('sha256').update(readFileSync(native)).digest('hex'));
writeFileSync(join(out, 'sea-config.json'), JSON.stringify({
  main: join(out, 'handover.cjs'),
  output: join(out, 'sea-prep.blob'),
  disableExperimentalSEAWarning: true,
  assets: {
    'better_sqlite3.node': native, 'better_sqlite3.node.sha256': join(out, 'better_sqlite3.node.sha256'),
    // The font every PDF embeds a subset of (electron/core/pdf/document-font.ts).
    'fonts/wqy-microhei.ttc': join(root, 'resources/fonts/wqy-microhei.ttc'),
    ...Object.fromEntries(WORKERS.map((name) => [`workers/${name}.cjs`, join(out, 'workers', `${name}.cjs`)])),
  },
}));
run(process.execPath, ['--experimental-sea-config', join(out, 'sea-config.json')]);

copyFileSync(process.execPath, exe);
if (process.platform === 'darwin') run('codesign', ['--remove-signature', exe]);
// postject comes with the install (an optional peer of @electron/windows-sign, in the lockfile);
// where it is missing, the release runner fetches the same version.
const postject = join(root, 'node_modules/postject/dist/cli.js');
const inject = [exe, 'NODE_SEA_BLOB', join(out, 'sea-prep.blob'), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [])];
if (existsSync(postject)) run(process.execPath, [postject, ...inject]);
// (npx is a .cmd on Windows, which Node starts only through a shell; the paths are ours, quoted.)
else execFileSync('npx', ['--yes', 'postject@1.0.0-alpha.6', ...inject.map((a) => `"${a}"`)], { stdio: 'inherit', cwd: root, shell: true });
// An ad-hoc signature so macOS runs it; the release workflow signs it properly where a certificate is given.
if (process.platform === 'darwin') run('codesign', ['--sign', '-', exe]);

for (const scratch of ['handover.cjs', 'sea-prep.blob', 'sea-config.json', 'better_sqlite3.node.sha256', 'workers']) rmSync(join(out, scratch), { recursive: true });
console.log(`standalone CLI written to ${exe}`);
