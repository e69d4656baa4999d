import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { loadSodium, wipe } from '../crypto/sodium';
import { ensurePrivateDir } from '../fs-atomic';
import { cipherForNewVault } from '../db/cipher';
import { dbPath, nativeBindingPath, openEncryptedDb, type Db } from '../db/database';
import { newKeyring, sealForSlot, signerOf, wipeKeyring } from './keyring';
import { displayUserName } from '../formats/user-names';
import { DATA_KEY_BYTES, KDF_FLOOR, newSlotFile, replaceSlot, slotsPath, type KdfParams, type VaultCipher } from './keyslots';
import { migrate } from './migrations';
import { requireAcceptablePassphrase, type Clock, type OpenVault } from './open-vault';
import { formatRecoveryKey } from './recovery-key';
import { makeRecoverySlot, makeUserSlot } from './slot-crypto';
import { signTreeHead } from './tree-head';
import { insertUser } from '../users/store';

export { lockVault, requireAcceptablePassphrase, unlockDelaySeconds, type Clock, type OpenVault } from './open-vault';
export { recoverVault, unlockVault } from './unlock';

export function vaultExists(dir: string): boolean {
  return existsSync(slotsPath(dir)) && existsSync(dbPath(dir));
}

/**
 * A new vault: a random data key for the database, a new signing keyring,
 * the first (admin) user's slot and the recovery slot, each with its own key
 * pair and both keys sealed to it; a first signed tree head of the log.
 */
export async function createVault(args: {
  dir: string;
  userName: string;
  passphrase: string;
  now: Clock;
  kdf?: KdfParams;
  /** Forces the page cipher; otherwise HANDOVER_VAULT_CIPHER or the self-test decides (cipher.ts). */
  cipher?: VaultCipher;
}): Promise<{ vault: OpenVault; recoveryKey: string }> {
  const { dir, passphrase, now } = args;
  const userName = displayUserName(args.userName);
  const kdf = args.kdf ?? KDF_FLOOR;
  const cipher = cipherForNewVault(args.cipher, nativeBindingPath());
  requireAcceptablePassphrase(passphrase);
  if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('vault.'))) {
    throw new AppError('VAULT_EXISTS', `A vault already exists in ${dir}`, { dir });
  }
  ensurePrivateDir(dir);
  const sodium = await loadSodium();
  const dataKey = new Uint8Array(randomBytes(DATA_KEY_BYTES));
  const recovery = new Uint8Array(randomBytes(32));
  const keyring = newKeyring();
  const signer = signerOf(keyring);
  let file = newSlotFile(cipher, signer);
  const user = await makeUserSlot(sodium, file, signer, { userName, passphrase, kdf });
  const rec = makeRecoverySlot(sodium, file, signer, recovery);
  wipe(sodium, rec.pair.secretKey);
  file = replaceSlot(file, null, sealForSlot(sodium, user.slot, dataKey, keyring));
  file = replaceSlot(file, null, sealForSlot(sodium, rec.slot, dataKey, keyring));
  const recoveryKey = formatRecoveryKey(recovery);
  wipe(sodium, recovery);

  let db: Db | undefined;
  try {
    db = openEncryptedDb(dbPath(dir), dataKey, { create: true, cipher });
    migrate(db);
    const at = now().toISOString();
    const row = db.transaction(() => {
      const created = insertUser(db!, { name: userName, role: 'admin', slotId: user.slot.id, createdAt: at, lastUnlockAt: at });
      appendLog(db!, { actor: userName, action: 'vault.create', target: file.vaultId, details: { cipher } }, now());
      appendLog(db!, { actor: userName, action: 'user.add', target: userName, details: { role: 'admin' } }, now());
      appendLog(db!, { actor: userName, action: 'vault.unlock', target: userName, details: { method: 'create' } }, now());
      return created;
    }).immediate();
    const vault: OpenVault = { dir, db, dataKey, user: row, sodium, kdf, slotId: user.slot.id, pair: user.pair, keyring, signer, cipher };
    // The slot file is written last (with the first signed tree head): a vault exists only once both files do.
    signTreeHead(vault, 'create', now(), file);
    return { vault, recoveryKey };
  } catch (err) {
    db?.close();
    wipe(sodium, dataKey);
    wipe(sodium, user.pair.secretKey);
    wipeKeyring(sodium, keyring);
    for (const f of ['vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.slots.json']) rmSync(join(dir, f), { force: true });
    throw err;
  }
}
