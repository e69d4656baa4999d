import type { UserView } from '../../../shared/contract';
import { roleByName, rolePermissions } from '../vault/authz';
import { requireRole } from './roles';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/access-log';
import {
  findUserSlot,
  makeUserSlot,
  openUserSlot,
  readSlotFile,
  replaceSlot,
  writeSlotFile,
} from '../vault/keyslots';
import { requireAcceptablePassphrase, type Clock, type OpenVault } from '../vault/vault';
import { allUsers, toUserView, userById, userByName, type UserRow } from '../vault/users-table';

/**
 * User management. Every slot change is a write of the slot file; the
 * database is never re-encrypted for a user change, only the log and the
 * users table record it.
 */
export function listUsers(vault: OpenVault): UserView[] {
  return allUsers(vault.db).map((u) => toUserView(u, vault.db));
}

export async function addUser(
  vault: OpenVault,
  input: { name: string; role: string; passphrase: string },
  now: Clock,
): Promise<UserView> {
  const name = input.name.normalize('NFKC').trim();
  if (userByName(vault.db, name)) throw new AppError('USER_EXISTS', `A user named "${name}" already exists`, { name });
  requireAcceptablePassphrase(input.passphrase);
  requireRole(vault.db, input.role);
  const file = readSlotFile(vault.dir);
  const slot = await makeUserSlot(vault.sodium, file, name, input.passphrase, vault.dataKey, vault.kdf);
  // Slot first: a crash after it leaves a slot with no user row, which cannot sign in.
  writeSlotFile(vault.dir, replaceSlot(file, null, slot));
  try {
    const id = vault.db.transaction(() => {
      const info = vault.db
        .prepare('INSERT INTO users (name, role, slot_id, created_at) VALUES (?, ?, ?, ?)')
        .run(name, input.role, slot.id, now().toISOString());
      appendLog(vault.db, { actor: vault.user.name, action: 'user.add', target: name, details: { role: input.role } }, now());
      return Number(info.lastInsertRowid);
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

export async function setUserDisabled(
  vault: OpenVault,
  input: { userId: number; disabled: boolean; passphrase?: string | undefined },
  now: Clock,
): Promise<UserView> {
  const user = userById(vault.db, input.userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
  if (input.disabled) {
    if (user.id === vault.user.id) throw new AppError('LAST_ADMIN', 'You cannot disable yourself');
    if (activeManagers(vault).some((u) => u.id === user.id) && activeManagers(vault).length <= 1) {
      throw new AppError('LAST_ADMIN', 'The last administrator cannot be disabled');
    }
    // Disabling removes the user's key slot, so the passphrase no longer opens anything.
    const file = readSlotFile(vault.dir);
    writeSlotFile(vault.dir, replaceSlot(file, user.slot_id, null));
    vault.db.transaction(() => {
      vault.db.prepare('UPDATE users SET disabled = 1, slot_id = NULL WHERE id = ?').run(user.id);
      appendLog(vault.db, { actor: vault.user.name, action: 'user.disable', target: user.name }, now());
    }).immediate();
  } else {
    if (!input.passphrase) throw new AppError('INVALID_INPUT', 'A new passphrase is needed to enable a user', { field: 'passphrase' });
    requireAcceptablePassphrase(input.passphrase);
    const file = readSlotFile(vault.dir);
    const slot = await makeUserSlot(vault.sodium, file, user.name, input.passphrase, vault.dataKey, vault.kdf);
    writeSlotFile(vault.dir, replaceSlot(file, user.slot_id, slot));
    vault.db.transaction(() => {
      vault.db.prepare('UPDATE users SET disabled = 0, slot_id = ? WHERE id = ?').run(slot.id, user.id);
      appendLog(vault.db, { actor: vault.user.name, action: 'user.enable', target: user.name }, now());
    }).immediate();
  }
  return toUserView(userById(vault.db, user.id)!, vault.db);
}

/** Re-wraps only the caller's slot; the database is not re-encrypted. */
export async function changeOwnPassphrase(vault: OpenVault, input: { current: string; next: string }, now: Clock): Promise<void> {
  const file = readSlotFile(vault.dir);
  const slot = findUserSlot(file, vault.user.name);
  const check = slot ? await openUserSlot(vault.sodium, file, slot, input.current) : null;
  if (!check) throw new AppError('BAD_CREDENTIALS', 'The current passphrase is wrong', { field: 'current' });
  vault.sodium.memzero(check);
  requireAcceptablePassphrase(input.next);
  const fresh = await makeUserSlot(vault.sodium, file, vault.user.name, input.next, vault.dataKey, vault.kdf);
  writeSlotFile(vault.dir, replaceSlot(file, slot!.id, fresh));
  vault.db.transaction(() => {
    vault.db.prepare('UPDATE users SET slot_id = ? WHERE id = ?').run(fresh.id, vault.user.id);
    appendLog(vault.db, { actor: vault.user.name, action: 'user.passphrase-change', target: vault.user.name }, now());
  }).immediate();
  vault.user = { ...vault.user, slot_id: fresh.id };
}

export function setIdleMinutes(vault: OpenVault, minutes: number, now: Clock): UserView {
  vault.db.transaction(() => {
    vault.db.prepare('UPDATE users SET idle_minutes = ? WHERE id = ?').run(minutes, vault.user.id);
    appendLog(vault.db, { actor: vault.user.name, action: 'settings.idle-minutes', target: vault.user.name, details: { minutes } }, now());
  }).immediate();
  vault.user = userById(vault.db, vault.user.id)!;
  return toUserView(vault.user, vault.db);
}
