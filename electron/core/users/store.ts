import type { UserView } from '../../../shared/contract';
import { parseScope, roleByName, roleMasked, rolePermissions } from '../roles/store';
import { cached, type Db } from '../db/database';
import { foldUserName } from '../formats/user-names';

export interface UserRow {
  id: number;
  name: string;
  role: string;
  scope: string;
  slot_id: string | null;
  disabled: number;
  created_at: string;
  last_unlock_at: string | null;
  idle_minutes: number;
}

/**
 * The user whose name folds to the same as `name` (NFC + case-fold, the one
 * normalisation). Vaults made before that rule may hold two such names; the
 * exact spelling wins then. Never used to decide who unlocked: that is the
 * slot (userBySlotId).
 */
export function userByName(db: Db, name: string): UserRow | undefined {
  const folded = foldUserName(name);
  const matches = allUsers(db).filter((u) => foldUserName(u.name) === folded);
  return matches.find((u) => u.name === name.normalize('NFC').trim()) ?? matches[0];
}

/** The user bound to a key slot: whoever opened that slot is this user, whatever name they typed. */
export function userBySlotId(db: Db, slotId: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE slot_id = ?').get(slotId) as UserRow | undefined;
}

export function userById(db: Db, id: number): UserRow | undefined {
  return cached(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function allUsers(db: Db): UserRow[] {
  return db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[];
}

export function countUsersWithRole(db: Db, role: string): number {
  return db.prepare('SELECT count(*) FROM users WHERE role = ?').pluck().get(role) as number;
}

/** A new user bound to their key slot; `lastUnlockAt` is set for the vault's creator, who is signed in at once. */
export function insertUser(db: Db, u: { name: string; role: string; slotId: string; createdAt: string; lastUnlockAt?: string }): UserRow {
  const info = db
    .prepare('INSERT INTO users (name, role, slot_id, created_at, last_unlock_at) VALUES (?, ?, ?, ?, ?)')
    .run(u.name, u.role, u.slotId, u.createdAt, u.lastUnlockAt ?? null);
  return userById(db, Number(info.lastInsertRowid))!;
}

export function setUserRoleName(db: Db, id: number, role: string): void {
  db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
}

export function setUserScopeText(db: Db, id: number, scope: string): void {
  db.prepare('UPDATE users SET scope = ? WHERE id = ?').run(scope, id);
}

/** Disabled and unbound: from this commit on their slot names nobody. */
export function disableUserRow(db: Db, id: number): void {
  db.prepare('UPDATE users SET disabled = 1, slot_id = NULL WHERE id = ?').run(id);
}

export function enableUserRow(db: Db, id: number, slotId: string): void {
  db.prepare('UPDATE users SET disabled = 0, slot_id = ? WHERE id = ?').run(slotId, id);
}

export function bindUserSlot(db: Db, id: number, slotId: string): void {
  db.prepare('UPDATE users SET slot_id = ? WHERE id = ?').run(slotId, id);
}

export function setUserIdleMinutes(db: Db, id: number, minutes: number): void {
  db.prepare('UPDATE users SET idle_minutes = ? WHERE id = ?').run(minutes, id);
}

export function recordUserUnlock(db: Db, id: number, at: string): void {
  db.prepare('UPDATE users SET last_unlock_at = ? WHERE id = ?').run(at, id);
}

export function toUserView(row: UserRow, db: Db): UserView {
  const role = roleByName(db, row.role);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastUnlockAt: row.last_unlock_at,
    idleMinutes: row.idle_minutes,
    permissions: rolePermissions(role),
    masked: roleMasked(role),
    scope: parseScope(row.scope ?? '{}'),
  };
}
