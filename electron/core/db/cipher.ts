import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The page cipher of a vault (DESIGN.md §4 "Vault settings"). SQLite3MultipleCiphers
 * does not detect it from the file, so the slot file records it and every
 * connection sets it before the key. AEGIS-256 runs at about twice ChaCha20's
 * speed where the CPU has AES instructions and ~25x slower where it has not,
 * so a new vault picks by a short self-test on this machine.
 */
export const VAULT_CIPHERS = ['chacha20', 'aegis'] as const;
export type VaultCipher = (typeof VAULT_CIPHERS)[number];

/** Names a caller (the test suite, an administrator) may force through HANDOVER_VAULT_CIPHER. */
export const CIPHER_ENV = 'HANDOVER_VAULT_CIPHER';

export function isVaultCipher(value: unknown): value is VaultCipher {
  return typeof value === 'string' && (VAULT_CIPHERS as readonly string[]).includes(value);
}

/** The `PRAGMA cipher` statement for a recorded cipher (only ever one of the two literals, never input). */
export function cipherPragma(cipher: VaultCipher): string {
  return cipher === 'aegis' ? "cipher = 'aegis'" : "cipher = 'chacha20'";
}

export interface CipherSelfTest {
  chacha20Ms: number;
  aegisMs: number;
  chosen: VaultCipher;
}

/** 1 MiB written and read back twice: AEGIS' software fallback (~14 MB/s) still finishes in about 0.2 s. */
const SELF_TEST_BYTES = 1024 * 1024;

function timeCipher(dir: string, cipher: VaultCipher, native: string | undefined, round: number): number {
  const file = join(dir, `${cipher}-${round}.db`);
  const key = Buffer.from(`x'${randomBytes(32).toString('hex')}'`);
  const options = native ? { nativeBinding: native } : {};
  const started = performance.now();
  const writer = new Database(file, options);
  try {
    writer.pragma(cipherPragma(cipher));
    writer.key(key);
    writer.pragma('journal_mode = OFF');
    writer.pragma('synchronous = OFF');
    writer.exec('CREATE TABLE t (b BLOB)');
    writer.prepare('INSERT INTO t VALUES (?)').run(randomBytes(SELF_TEST_BYTES));
  } finally {
    writer.close();
  }
  // A fresh connection has an empty page cache: every page read is decrypted.
  const reader = new Database(file, { ...options, readonly: true });
  try {
    reader.pragma(cipherPragma(cipher));
    reader.key(key);
    for (let i = 0; i < 2; i++) reader.prepare('SELECT length(b), substr(b, -1) FROM t').get();
  } finally {
    reader.close();
  }
  return performance.now() - started;
}

let measured: CipherSelfTest | undefined;

/**
 * Time both ciphers on a throw-away database of random bytes (no vault data)
 * in a private temp folder. Measured once per process: the CPU does not change.
 */
export function cipherSelfTest(nativeBinding?: string): CipherSelfTest {
  if (measured) return measured;
  const dir = mkdtempSync(join(tmpdir(), 'hv-cipher-'));
  try {
    // A first short round warms the code paths so neither cipher pays for the other's start.
    timeCipher(dir, 'chacha20', nativeBinding, 0);
    const chacha20Ms = timeCipher(dir, 'chacha20', nativeBinding, 1);
    const aegisMs = timeCipher(dir, 'aegis', nativeBinding, 1);
    measured = { chacha20Ms, aegisMs, chosen: aegisMs < chacha20Ms ? 'aegis' : 'chacha20' };
    return measured;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cipher for a new vault: forced by the caller or HANDOVER_VAULT_CIPHER, else the faster one here. */
export function cipherForNewVault(forced: VaultCipher | undefined, nativeBinding?: string): VaultCipher {
  if (forced) return forced;
  const env = process.env[CIPHER_ENV];
  if (isVaultCipher(env)) return env;
  return cipherSelfTest(nativeBinding).chosen;
}

/** Whether the CPU reports AES instructions (for the bench header); null where the OS does not say. */
export function cpuHasAes(): boolean | null {
  if (process.platform === 'linux') {
    try {
      const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^(flags|Features)\s*:(.*)$/m)?.[2] ?? '';
      return /\baes\b/.test(flags);
    } catch {
      return null;
    }
  }
  // Apple silicon always has the ARMv8 crypto extensions.
  if (process.platform === 'darwin' && process.arch === 'arm64') return true;
  return null;
}
