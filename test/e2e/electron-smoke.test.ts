import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { createVaultThroughUi } from './harness';
import { openClients } from './nav';

const root = join(__dirname, '../..');
const electronDir = join(root, 'node_modules/electron');

/**
 * Where the Electron binary would be. Read from path.txt rather than with
 * require('electron'), which tries to download a missing binary.
 */
function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * The release workflow sets HANDOVER_SMOKE_EXECUTABLE to a packaged test build (the release
 * configuration with the inspect fuse left on, which Playwright's launch needs).
 */
const packaged = process.env.HANDOVER_SMOKE_EXECUTABLE;

/** Why the Electron smoke test cannot run here, or null when it can. */
function skipReason(): string | null {
  if (packaged) {
    if (!existsSync(packaged)) return `no packaged app at ${packaged}`;
    return process.platform === 'linux' && !process.env.DISPLAY ? 'no display (run under xvfb-run)' : null;
  }
  if (!electronBinary()) return 'no Electron binary in node_modules/electron (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)';
  if (!existsSync(join(root, 'out/main/index.js'))) return 'the app is not built (npm run build)';
  if (!existsSync(join(root, '.native'))) return 'the native module is not built for Electron (node scripts/native-electron.mjs)';
  if (process.platform === 'linux' && !process.env.DISPLAY) return 'no display (run under xvfb-run)';
  return null;
}

const reason = skipReason();
if (reason) console.warn(`Electron smoke test skipped: ${reason}`);

describe('Electron smoke test', () => {
  it.skipIf(reason !== null)('starts the real app window on the setup screen, sandboxed, with no Node in the page', async () => {
    const app = await electron.launch({
      executablePath: packaged ?? electronBinary()!,
      args: packaged ? ['--no-sandbox'] : [join(root, 'out/main/index.js'), '--no-sandbox'],
      // A packaged app ignores HANDOVER_HOME (no --developer): on Linux XDG_CONFIG_HOME keeps it
      // out of the runner's profile; on the macOS and Windows runners each job's profile is fresh.
      env: { ...process.env, HANDOVER_HOME: tempDir(), XDG_CONFIG_HOME: tempDir() },
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('setup').waitFor();
      expect(page.url()).toMatch(/^app:\/\/handover\//);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { handover?: unknown }).handover)).toBe('object');
      // As released: no Reload or DevTools in the menu; in the packaged app DevTools are off altogether.
      const shell = await app.evaluate(({ BrowserWindow, Menu }) => {
        const roles: string[] = [];
        const walk = (items: Electron.MenuItem[]) => items.forEach((i) => { roles.push(String(i.role ?? '')); if (i.submenu) walk(i.submenu.items); });
        walk(Menu.getApplicationMenu()?.items ?? []);
        // getLastWebPreferences is Electron's (untyped in electron.d.ts): the preferences the page runs with.
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences(): { devTools?: boolean } } | undefined;
        return { roles, devTools: contents?.getLastWebPreferences().devTools };
      });
      expect(shell.roles.map((r) => r.toLowerCase())).not.toEqual(expect.arrayContaining(['reload']));
      expect(shell.roles.map((r) => r.toLowerCase())).not.toContain('toggledevtools');
      if (packaged) expect(shell.devTools).toBe(false);
      // The parts only a real run proves: the SQLite module loads (from app.asar.unpacked when packaged),
      // Argon2id runs in its worker, the vault is created and opens on the Clients page.
      await createVaultThroughUi(page, 'Smoke Test', 'correct horse battery staple');
      await openClients(page);
    } finally {
      await app.close();
    }
  });
});
