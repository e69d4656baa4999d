// Reads a packaged app's fuse wire back and compares it with electron-builder.yml's
// electronFuses; exits 1 on any difference. The release workflow runs it on every
// release build (and on the smoke-test build with --allow-inspect):
//   node scripts/check-fuses.mjs "dist/linux-unpacked/handover-vault"
//   node scripts/check-fuses.mjs "dist/mac-arm64/Handover Vault.app"
//   node scripts/check-fuses.mjs dist/win-unpacked/handover-vault.exe
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [target, ...flags] = process.argv.slice(2);
if (!target) {
  console.error('usage: node scripts/check-fuses.mjs <packaged executable or .app> [--allow-inspect]');
  process.exit(2);
}

// The electronFuses block: two-space indented `name: true|false` lines under the key.
const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const block = yml.split(/^electronFuses:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
const expected = Object.fromEntries([...block.matchAll(/^ {2}(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']));
if (flags.includes('--allow-inspect')) expected.enableNodeCliInspectArguments = true;
if (Object.keys(expected).length < 7) {
  console.error('electron-builder.yml: electronFuses not found or incomplete');
  process.exit(2);
}

const wire = await getCurrentFuseWire(target);
let failed = false;
for (const [name, on] of Object.entries(expected)) {
  const option = FuseV1Options[name[0].toUpperCase() + name.slice(1)];
  const actual = wire[option];
  const ok = actual === (on ? FuseState.ENABLE : FuseState.DISABLE);
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: expected ${on ? 'on' : 'off'}, found ${actual === FuseState.ENABLE ? 'on' : actual === FuseState.DISABLE ? 'off' : `state ${actual}`}`);
}
process.exit(failed ? 1 : 0);
