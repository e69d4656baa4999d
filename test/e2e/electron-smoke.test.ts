import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

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

/** Why the Electron smoke test cannot run here, or null when it can. */
function skipReason(): string | null {
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
      executablePath: electronBinary()!,
      args: [join(root, 'out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, HANDOVER_HOME: tempDir(), XDG_CONFIG_HOME: tempDir() },
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('setup').waitFor();
      expect(page.url()).toMatch(/^app:\/\/handover\//);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { handover?: unknown }).handover)).toBe('object');
    } finally {
      await app.close();
    }
  });
});
