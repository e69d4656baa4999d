import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Electron's fuse sentinel; the wire follows it (see @electron/fuses, src/index.ts readFuseWire). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * The fuse wire as Electron ships it, one ASCII byte per fuse ('1' on, '0' off), in
 * FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges, WasmTrapHandlers.
 * Every fuse the packager must flip starts in the state it must leave.
 */
export const STOCK_FUSES = '101100011';

/**
 * A stand-in for an unpacked Linux Electron distribution, for electron-builder's
 * `electronDist` where the real binary cannot be downloaded (DESIGN.md §3 "Offline
 * builds"): an executable carrying the sentinel, the wire version byte (1), the wire
 * length and the fuse bytes, plus the files the packager copies beside it.
 */
export function writeStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: the real binary is not on this machine" >&2\nexit 1\n# ');
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, STOCK_FUSES.length]), Buffer.from(STOCK_FUSES), Buffer.from('\n')]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([script, wire]), { mode: 0o755 });
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (MIT); used only to test packaging.\n');
  return executable;
}
