import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Handover Vault';

/**
 * The same folder Electron's app.getPath('userData') gives for productName
 * "Handover Vault", so the CLI finds the app's vault without Electron.
 */
export function defaultAppDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HANDOVER_HOME) return env.HANDOVER_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export function defaultVaultDir(appDataDir = defaultAppDataDir()): string {
  return join(appDataDir, 'vault');
}
