import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 820 };
export const MIN_SIZE = { width: 420, height: 560 };
const FILE = 'window-state.json';

const isBounds = (b: unknown): b is Bounds =>
  typeof b === 'object' && b !== null && ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((b as Record<string, unknown>)[k]));

/**
 * The remembered window, if it still fits: at least the minimum size and with its
 * title bar on one of today's screens (a monitor unplugged since must not leave
 * the window where nobody can reach it). Otherwise null: the default size, centred.
 */
export function restorableState(saved: unknown, workAreas: readonly Bounds[]): WindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const { bounds, maximized } = saved as { bounds?: unknown; maximized?: unknown };
  if (!isBounds(bounds) || bounds.width < MIN_SIZE.width || bounds.height < MIN_SIZE.height) return null;
  const titleX = bounds.x + bounds.width / 2;
  const titleY = bounds.y + 16;
  const visible = workAreas.some((a) => titleX >= a.x && titleX < a.x + a.width && titleY >= a.y && titleY < a.y + a.height);
  return visible ? { bounds: { ...bounds }, maximized: maximized === true } : null;
}

/** Reads the remembered window from the app's data folder; a missing or damaged file is no memory. */
export function readWindowState(appDataDir: string, workAreas: readonly Bounds[]): WindowState | null {
  try {
    return restorableState(JSON.parse(readFileSync(join(appDataDir, FILE), 'utf8')), workAreas);
  } catch {
    return null;
  }
}

/** Position and size only — nothing from the vault. Written whole, then renamed, so a crash leaves the old file. */
export function writeWindowState(appDataDir: string, state: WindowState): void {
  const file = join(appDataDir, FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
