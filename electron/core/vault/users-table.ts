import type { RoleName, UserView } from '../../../shared/contract';
import { ROLE_PERMISSIONS } from '../../../shared/contract';
import type { Db } from './database';

export interface UserRow {
  id: number;
  name: string;
  role: RoleName;
  slot_id: string | null;
  disabled: number;
  created_at: string;
  last_unlock_at: string | null;
  idle_minutes: number;
}

export function userByName(db: Db, name: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE name = ?').get(name.normalize('NFKC').trim()) as UserRow | undefined;
}

export function userById(db: Db, id: number): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function allUsers(db: Db): UserRow[] {
  return db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[];
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastUnlockAt: row.last_unlock_at,
    idleMinutes: row.idle_minutes,
    permissions: [...(ROLE_PERMISSIONS[row.role] ?? [])],
  };
}
