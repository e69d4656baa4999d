import type { UserView } from '../../../shared/contract';
import { parseScope, roleByName, roleMasked, rolePermissions } from '../roles/authz';
import { cached, type Db } from '../db/database';
import { foldUserName } from '../vault/keyslots';

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
