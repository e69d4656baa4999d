// Builds better-sqlite3-multiple-ciphers for Electron's ABI, beside (not over)
// the Node build that `npm ci` made, so `npm test` (Node) and `npm start`
// (Electron) both work without rebuilding in between:
//   node_modules/better-sqlite3-multiple-ciphers/build/Release/  <- Node (tests, CLI)
//   .native/electron-<version>/better_sqlite3.node               <- Electron (the app)
// The main process passes the second one to the driver as `nativeBinding`.
// Needs the Electron headers, which @electron/rebuild fetches: run it on a
// machine with the usual internet access (it is what `npm start` runs first).
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = require('electron/package.json').version;
const moduleName = 'better-sqlite3-multiple-ciphers';
const moduleVersion = require(`${moduleName}/package.json`).version;
const target = join(root, '.native', `electron-${electronVersion}`);
const binary = join(target, 'better_sqlite3.node');
const stamp = join(target, `${moduleName}@${moduleVersion}`);

if (existsSync(binary) && existsSync(stamp)) {
  console.log(`native module for Electron ${electronVersion}: up to date`);
  process.exit(0);
}

const work = join(target, 'build-area');
rmSync(target, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
cpSync(join(root, 'node_modules', moduleName), join(work, 'node_modules', moduleName), {
  recursive: true,
  filter: (src) => !src.includes(`${moduleName}/build`),
});
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'native-electron', private: true, dependencies: { [moduleName]: moduleVersion } }));

const { rebuild } = await import('@electron/rebuild');
console.log(`building ${moduleName} ${moduleVersion} for Electron ${electronVersion}…`);
await rebuild({ buildPath: work, electronVersion, force: true, onlyModules: [moduleName], buildFromSource: true });
cpSync(join(work, 'node_modules', moduleName, 'build', 'Release', 'better_sqlite3.node'), binary);
writeFileSync(stamp, new Date().toISOString());
rmSync(work, { recursive: true, force: true });
console.log(`native module for Electron written to ${binary}`);
