import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAsset, isSea } from 'node:sea';
import { useNativeBinding } from '../core/core';
import { main } from './index';

/**
 * Entry of the standalone, single-file `handover` (a Node single executable
 * application, built by scripts/build-sea.mjs): the CLI for auditors and buyers
 * who install neither Node nor the app. The SQLite driver is a native module,
 * which cannot be loaded from inside an executable: it travels as a SEA asset,
 * is written to a fresh private folder (0700, so nobody can swap it before it
 * loads), checked against the digest recorded at build time, and removed at exit.
 */
const NATIVE_ASSET = 'better_sqlite3.node';
const NATIVE_SHA256_ASSET = 'better_sqlite3.node.sha256';

function unpackNativeModule(): void {
  const bytes = Buffer.from(getAsset(NATIVE_ASSET));
  const expected = getAsset(NATIVE_SHA256_ASSET, 'utf8').trim();
  if (createHash('sha256').update(bytes).digest('hex') !== expected) throw new Error('the bundled SQLite module is damaged');
  const dir = mkdtempSync(join(tmpdir(), 'handover-cli-'));
  const file = join(dir, NATIVE_ASSET);
  writeFileSync(file, bytes, { mode: 0o700 });
  useNativeBinding(file);
  // A SEA's own require() loads built-in modules only; the driver loads its addon through
  // __non_webpack_require__ when one exists (better-sqlite3 lib/database.js), so give it a full one.
  (globalThis as Record<string, unknown>).__non_webpack_require__ = createRequire(file);
  // Windows keeps a loaded module locked; the folder is then left for the OS to clean.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true, maxRetries: 0 }));
}

if (isSea()) unpackNativeModule();
main();
