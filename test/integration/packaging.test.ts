import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAsar, readAsarFile } from '../helpers/asar';
import { STOCK_FUSES, writeStandInElectron } from '../helpers/electron-stand-in';
import { icnsEntries, icoEntries, pngSize } from '../helpers/icons';
import { tempDir } from '../helpers/temp';

const root = join(__dirname, '../..');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const appVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a command to its end; the packager's log is shown only when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${log}`))));
  });
}

const bin = (name: string) => join(root, 'node_modules/.bin', name);

// The stand-in is a Linux executable and the test packages for Linux; the Windows and macOS release
// jobs read their own real builds' fuses back with scripts/check-fuses.mjs instead.
const skipPackaging = process.platform === 'win32' ? 'packaging for Linux is not tried from Windows' : null;
if (skipPackaging) console.warn(`packaging test skipped: ${skipPackaging}`);

describe('packaging (electron-builder with a stand-in Electron distribution, --linux dir)', () => {
  it.skipIf(skipPackaging !== null)('flips every fuse as configured, packs main, preload and renderer into the asar with the SQLite module unpacked', async () => {
    // The shell (main + preload) is built here; the renderer is the one `npm test` built (build:renderer).
    expect(existsSync(join(root, 'out/renderer/index.html')), 'run npm run build:renderer first').toBe(true);
    await run(bin('electron-vite'), ['build', '--logLevel', 'warn'], { HANDOVER_BUILD_SHELL_ONLY: '1' });

    // The release workflow points HANDOVER_ELECTRON_DIST at the real, unpacked Electron.
    const dist = process.env.HANDOVER_ELECTRON_DIST ?? tempDir('hv-electron-');
    if (!process.env.HANDOVER_ELECTRON_DIST) writeStandInElectron(dist, electronVersion);
    const { getCurrentFuseWire, FuseV1Options, FuseState } = await import('@electron/fuses');
    const before = await getCurrentFuseWire(join(dist, 'electron'));

    const output = tempDir('hv-dist-');
    await run(bin('electron-builder'), [
      '--linux', 'dir', '--publish', 'never',
      `-c.electronDist=${dist}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', `-c.directories.output=${output}`,
    ]);
    const appDir = join(output, 'linux-unpacked');

    const fuses = await getCurrentFuseWire(join(appDir, 'handover-vault'));
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // The fuses we do not configure keep Electron's own setting.
    expect(fuses[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(before[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]);
    if (!process.env.HANDOVER_ELECTRON_DIST) expect(STOCK_FUSES[FuseV1Options.RunAsNode]).toBe('1');

    const asar = listAsar(join(appDir, 'resources/app.asar'));
    for (const file of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json', 'node_modules/libsodium-wrappers-sumo/package.json', 'node_modules/zod/package.json']) {
      expect(asar.has(file), `${file} in app.asar`).toBe(true);
    }
    expect([...asar.keys()].some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    // Nothing of the sources, the tests or the development tools ships.
    const shipped = [...asar.keys()];
    expect(shipped.filter((f) => /^(electron|renderer|test|scripts|shared)\//.test(f) || f.endsWith('.ts') || f.endsWith('.map'))).toEqual([]);
    expect(shipped.filter((f) => /^node_modules\/(electron|electron-builder|vitest|vite|playwright-core|typescript|antd|react)\//.test(f))).toEqual([]);
    expect(shipped.filter((f) => f.startsWith('node_modules/better-sqlite3-multiple-ciphers/deps/'))).toEqual([]);

    const inner = JSON.parse(readAsarFile(join(appDir, 'resources/app.asar'), 'package.json').toString('utf8')) as { main: string; version: string };
    expect(inner).toMatchObject({ main: './out/main/index.js', version: appVersion });

    // The native module is listed in the asar but lives beside it, byte for byte the one we built.
    const native = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    expect(asar.get(native)?.unpacked).toBe(true);
    const unpacked = join(appDir, 'resources/app.asar.unpacked', native);
    expect(readFileSync(unpacked).equals(readFileSync(join(root, native)))).toBe(true);
    expect(readFileSync(join(appDir, 'version'), 'utf8').trim()).toBe(electronVersion);
  });

  it('has the icon in every size the installers need, from one source SVG', () => {
    const res = join(root, 'resources');
    expect(readFileSync(join(res, 'icon.svg'), 'utf8')).toContain('<svg');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(res, `icons/${size}x${size}.png`))), `icons/${size}x${size}.png`).toEqual({ width: size, height: size });
    }
    // Windows: one .ico with the small sizes for the taskbar and Explorer and 256 px for large icons.
    expect(icoEntries(readFileSync(join(res, 'icon.ico'))).map((e) => e.size).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    // macOS: PNG-backed entries from 16 to 1024 px (ic10 is 512@2x).
    const icns = icnsEntries(readFileSync(join(res, 'icon.icns')));
    expect(icns.map((e) => e.type).sort()).toEqual(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14', 'icp4', 'icp5'].sort());
    for (const entry of icns) expect(pngSize(entry.data).width).toBe(entry.pixels);
  });
});
