import { isAcceptablePassphrase } from '../../../shared/passphrase';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { wipe, type Sodium } from '../crypto/sodium';
import type { Db } from '../db/database';
import { wipeKeyring, type Keyring } from './keyring';
import { writeSlotFile, type KdfParams, type Signer, type SlotFile, type VaultCipher } from './keyslots';
import type { SlotKeyPair } from './slot-crypto';
import { signTreeHead } from './tree-head';
import type { UserRow } from '../users/store';

/** An unlocked vault: the open database, the keys (never leave the core) and who unlocked it. */
export interface OpenVault {
  dir: string;
  db: Db;
  dataKey: Uint8Array;
  user: UserRow;
  sodium: Sodium;
  /** KDF cost for new slots; tests may only raise it above the floor. */
  kdf: KdfParams;
  /** The slot that opened: the signed-in user is the one bound to it (users.slot_id), whatever name was typed. */
  slotId: string;
  /** That slot's key pair, kept while unlocked so a passphrase change re-wraps the same private key. */
  pair: SlotKeyPair | null;
  /** The signing keyring, when the user's role signs; null otherwise (see vault/keys.ts). */
  keyring: Keyring | null;
  /** The vault's public keys, as bound into the slot that opened. */
  signer: Signer;
  cipher: VaultCipher;
  /**
   * This user's unlock before this one (null: the first). Shown at unlock with the number of signed
   * checkpoints: a vault whose two files were both replaced by an older copy is consistent inside, so
   * only a person who sees these go back can tell (README, threat model).
   */
  previousUnlockAt?: string | null;
  /** A new recovery key a rotation made and sealed to this administrator's slot, until one acknowledges it (rotation.ts). */
  recoveryKeyToAcknowledge?: string | null;
}

export type Clock = () => Date;

export function requireAcceptablePassphrase(passphrase: string): void {
  if (!isAcceptablePassphrase(passphrase)) {
    throw new AppError('WEAK_PASSPHRASE', 'The passphrase is too weak: use a longer phrase of several words');
  }
}

/** After five failures in a row each further attempt waits twice as long, up to 5 minutes. */
export function unlockDelaySeconds(file: SlotFile, now: Date): number {
  const failures = file.failedUnlocks.length;
  if (failures < 5) return 0;
  const wait = Math.min(2 ** (failures - 5), 300);
  const last = Date.parse(file.failedUnlocks[failures - 1]!.at);
  return Math.max(0, Math.ceil((last + wait * 1000 - now.getTime()) / 1000));
}

export function requireNoDelay(file: SlotFile, now: Date): void {
  const wait = unlockDelaySeconds(file, now);
  if (wait > 0) throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed attempts: wait ${wait} s`, { seconds: wait });
}

export function recordFailure(dir: string, file: SlotFile, slotId: string | null, now: Date): void {
  const failedUnlocks = [...file.failedUnlocks, { at: now.toISOString(), slot: slotId }].slice(-1000);
  writeSlotFile(dir, { ...file, failedUnlocks });
}

/**
 * Close the database and wipe every key from memory. The log records who
 * locked and why, and a keyring holder signs a tree head of it on the way out.
 */
export function lockVault(vault: OpenVault, reason: string, now: Clock): void {
  try {
    if (vault.db.open) {
      // A job that keeps one transaction open across its steps (an import, a bulk action, a received
      // package) is cut short by a lock — the screen locked, the laptop suspended. Its work is rolled back
      // first, so the lock's entry and the head signed over it are committed and name only committed
      // entries: signed inside the job's transaction, the head (kept in vault.slots.json) covered entries
      // the close then rolled back, and `vault check` reported the log rewritten
      // (test/integration/attack-lock-mid-job.test.ts).
      if (vault.db.inTransaction) vault.db.exec('ROLLBACK');
      appendLog(vault.db, { actor: vault.user.name, action: 'vault.lock', target: vault.user.name, details: { reason } }, now());
      try {
        signTreeHead(vault, 'lock', now());
      } catch {
        // Locking must never fail: the next unlock by a holder signs the log up to here.
      } finally {
        vault.db.close();
      }
    }
  } finally {
    wipe(vault.sodium, vault.dataKey);
    wipe(vault.sodium, vault.pair?.secretKey);
    wipeKeyring(vault.sodium, vault.keyring);
  }
}
