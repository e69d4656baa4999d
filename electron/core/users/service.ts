import type { UserView } from '../../../shared/contract';
import { SLOTLESS_ROLES } from '../../../shared/contract';
import { roleByName, rolePermissions } from '../roles/store';
import { requireRole } from '../roles/service';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import { roleSigns, sealForSlot } from '../vault/keyring';
import { displayUserName } from '../formats/user-names';
import { readSlotFile, replaceSlot, slotById, writeSlotFile } from '../vault/keyslots';
import { rotateDataKey, type RotationOptions, type RotationResult } from '../vault/rotation';
import { makeUserSlot } from '../vault/slot-crypto';
import { passphraseOpensSlot } from '../vault/unlock';
import { requireAcceptablePassphrase, type Clock, type OpenVault } from '../vault/vault';
import { allUsers, disableUserRow, enableUserRow, insertUser, setUserIdleMinutes, toUserView, userById, userByName, type UserRow } from './store';

/**
 * User management. Adding a user, enabling one or changing a passphrase
 * writes one slot (the data key and, for a role that signs, the keyring are
 * sealed to the new slot's public key: nobody else's passphrase is needed).
 * Disabling a user removes their slot and rotates the data key: the whole
 * database is re-encrypted (vault/rotation.ts), so a copy of their old slot
 * opens nothing written from then on.
 */
export function listUsers(vault: OpenVault): UserView[] {
  return allUsers(vault.db).map((u) => toUserView(u, vault.db));
}

/** A new slot for `name` under `passphrase`, with what the role may open sealed to it. */
async function slotFor(vault: OpenVault, name: string, role: string, passphrase: string) {
  const file = readSlotFile(vault.dir);
  const made = await makeUserSlot(vault.sodium, file, vault.signer, { userName: name, passphrase, kdf: vault.kdf });
  vault.sodium.memzero(made.pair.secretKey);
  return { file, slot: sealForSlot(vault.sodium, made.slot, vault.dataKey, roleSigns(vault.db, role) ? vault.keyring : null) };
}

export async function addUser(
  vault: OpenVault,
  input: { name: string; role: string; passphrase: string; withSlot?: boolean | undefined },
  now: Clock,
): Promise<UserView> {
  const name = displayUserName(input.name);
  // One normalisation (NFC + case-fold): `élise` cannot be added beside `Élise`.
  if (userByName(vault.db, name)) throw new AppError('USER_EXISTS', `A user named "${name}" already exists`, { name });
  requireAcceptablePassphrase(input.passphrase);
  requireRole(vault.db, input.role);
  if (SLOTLESS_ROLES.includes(input.role) && !input.withSlot) {
    throw new AppError('ROLE_WITHOUT_SLOT', 'Auditors and data-room reviewers hold no key slot unless an administrator confirms it', { role: input.role });
  }
  const { file, slot } = await slotFor(vault, name, input.role, input.passphrase);
  // Slot first: a crash after it leaves a slot bound to no user, which signs nobody in (and the next unlock rotates it away).
  writeSlotFile(vault.dir, replaceSlot(file, null, slot));
  try {
    const id = vault.db.transaction(() => {
      const row = insertUser(vault.db, { name, role: input.role, slotId: slot.id, createdAt: now().toISOString() });
      appendLog(vault.db, { actor: vault.user.name, action: 'user.add', target: name, details: { role: input.role, slot: true } }, now());
      return row.id;
    }).immediate();
    return toUserView(userById(vault.db, id)!, vault.db);
  } catch (err) {
    writeSlotFile(vault.dir, replaceSlot(readSlotFile(vault.dir), slot.id, null));
    throw err;
  }
}

/** Active users who can manage users and roles. */
function activeManagers(vault: OpenVault): UserRow[] {
  return allUsers(vault.db).filter((u) => !u.disabled && rolePermissions(roleByName(vault.db, u.role)).includes('users.manage'));
}

export type UserChange = UserView & { rotation?: RotationResult };

export async function setUserDisabled(
  vault: OpenVault,
  input: { userId: number; disabled: boolean; passphrase?: string | undefined },
  now: Clock,
  rotation: Pick<RotationOptions, 'progress' | 'onStep' | 'throwIfCancelled'> = {},
): Promise<UserChange> {
  const user = userById(vault.db, input.userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
  if (input.disabled) {
    if (user.id === vault.user.id) throw new AppError('LAST_ADMIN', 'You cannot disable yourself');
    if (activeManagers(vault).some((u) => u.id === user.id) && activeManagers(vault).length <= 1) {
      throw new AppError('LAST_ADMIN', 'The last administrator cannot be disabled');
    }
    // Unbound first: from this commit on their slot names nobody, so it signs nobody in, and any unlock that finds
    // it still in the slot file rotates it away (a kill before the rotation below cannot leave it working).
    vault.db.transaction(() => {
      disableUserRow(vault.db, user.id);
      appendLog(vault.db, { actor: vault.user.name, action: 'user.disable', target: user.name }, now());
    }).immediate();
    const result = await rotateDataKey(vault, { reason: `user.disable ${user.name}`, now, ...rotation });
    return { ...toUserView(userById(vault.db, user.id)!, vault.db), rotation: result };
  }
  if (!input.passphrase) throw new AppError('INVALID_INPUT', 'A new passphrase is needed to enable a user', { field: 'passphrase' });
  requireAcceptablePassphrase(input.passphrase);
  const { file, slot } = await slotFor(vault, user.name, user.role, input.passphrase);
  writeSlotFile(vault.dir, replaceSlot(file, user.slot_id, slot));
  vault.db.transaction(() => {
    enableUserRow(vault.db, user.id, slot.id);
    appendLog(vault.db, { actor: vault.user.name, action: 'user.enable', target: user.name }, now());
  }).immediate();
  return toUserView(userById(vault.db, user.id)!, vault.db);
}

/** Re-wraps the caller's own private key under the new passphrase: same slot, same key pair, nothing else changes. */
export async function changeOwnPassphrase(vault: OpenVault, input: { current: string; next: string }, now: Clock): Promise<void> {
  if (!(await passphraseOpensSlot(vault, vault.slotId, input.current))) {
    throw new AppError('BAD_CREDENTIALS', 'The current passphrase is wrong', { field: 'current' });
  }
  requireAcceptablePassphrase(input.next);
  const file = readSlotFile(vault.dir);
  const old = slotById(file, vault.slotId);
  if (!vault.pair || old?.kind !== 'user') throw new AppError('INTERNAL', 'This session holds no upgraded key slot');
  const made = await makeUserSlot(vault.sodium, file, vault.signer, {
    userName: vault.user.name, passphrase: input.next, kdf: vault.kdf, id: old.id, pair: vault.pair, sealed: old.sealed,
  });
  writeSlotFile(vault.dir, replaceSlot(file, old.id, made.slot));
  vault.db.transaction(() => {
    appendLog(vault.db, { actor: vault.user.name, action: 'user.passphrase-change', target: vault.user.name }, now());
  }).immediate();
}

export function setIdleMinutes(vault: OpenVault, minutes: number, now: Clock): UserView {
  vault.db.transaction(() => {
    setUserIdleMinutes(vault.db, vault.user.id, minutes);
    appendLog(vault.db, { actor: vault.user.name, action: 'settings.idle-minutes', target: vault.user.name, details: { minutes } }, now());
  }).immediate();
  vault.user = userById(vault.db, vault.user.id)!;
  return toUserView(vault.user, vault.db);
}
