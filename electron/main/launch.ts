import { isAbsolute, resolve } from 'node:path';

/**
 * How the app was started, read from its command line (electron-free, so it is
 * unit-tested under Node). In the packaged app argv is [exe, ...args]; from source
 * it is [electron, main.js, ...args] — both are searched the same way.
 */

/** Asks for DevTools and for HANDOVER_HOME in a packaged app; never implied. */
export const DEVELOPER_FLAG = '--developer';
export const CLI_FLAG = '--cli';

/** The CLI's arguments when the app was started as `… --cli <command> …`, else null. */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  return at === -1 ? null : argv.slice(at + 1);
}

/** Development runs (`npm start`, unpackaged) and an explicit `--developer` get DevTools and HANDOVER_HOME. */
export function isDeveloperRun(argv: readonly string[], packaged: boolean): boolean {
  return !packaged || argv.includes(DEVELOPER_FLAG);
}

/**
 * Where the app keeps its data. A released app ignores HANDOVER_HOME unless started
 * with `--developer`: an environment variable set by someone else must not quietly
 * point the app at another vault. The CLI and the tests keep it (they are not this).
 */
export function appDataDirFor(opts: { developer: boolean; env: NodeJS.ProcessEnv; userData: string }): string {
  const home = opts.env.HANDOVER_HOME;
  return opts.developer && home ? home : opts.userData;
}

/** A `.handover` file given on the command line (a double-click, "Open with", a second launch), made absolute. */
export function packageFileFrom(argv: readonly string[], cwd: string): string | null {
  const file = [...argv].reverse().find((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.handover'));
  if (!file) return null;
  return isAbsolute(file) ? file : resolve(cwd, file);
}
