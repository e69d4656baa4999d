import { EMPTY_SCOPE, isPermission, MASKABLE_FIELDS, type MaskableField, type Permission, type Scope } from '../../../shared/contract';
import { cached, type Db } from '../db/database';

/** The roles table: the only module with SQL on it (issue 18). */
export interface RoleRow {
  name: string;
  label: string;
  builtin: number;
  permissions: string;
  masked: string;
  scope: string;
  updated_at: string;
}

export function parseScope(raw: string): Scope {
  const s = { ...EMPTY_SCOPE, ...(JSON.parse(raw) as Partial<Scope>) };
  return { ...s, ownOnly: Boolean(s.ownOnly) };
}

export function roleByName(db: Db, name: string): RoleRow | undefined {
  return cached(db, 'SELECT * FROM roles WHERE name = ?').get(name) as RoleRow | undefined;
}

export function rolePermissions(role: RoleRow | undefined): Permission[] {
  return role ? (JSON.parse(role.permissions) as string[]).filter(isPermission) : [];
}

export function roleMasked(role: RoleRow | undefined): MaskableField[] {
  return role ? (JSON.parse(role.masked) as string[]).filter((f): f is MaskableField => (MASKABLE_FIELDS as readonly string[]).includes(f)) : [];
}

export function allRoles(db: Db): RoleRow[] {
  return db.prepare('SELECT * FROM roles ORDER BY builtin DESC, rowid').all() as RoleRow[];
}

export interface StoredRole {
  name: string;
  label: string;
  permissions: readonly string[];
  masked: readonly string[];
  scope: Scope;
}

export function updateRole(db: Db, r: StoredRole, at: string): void {
  db.prepare('UPDATE roles SET label = ?, permissions = ?, masked = ?, scope = ?, updated_at = ? WHERE name = ?')
    .run(r.label, JSON.stringify(r.permissions), JSON.stringify(r.masked), JSON.stringify(r.scope), at, r.name);
}

export function insertRole(db: Db, r: StoredRole, at: string): void {
  db.prepare('INSERT INTO roles (name, label, builtin, permissions, masked, scope, updated_at) VALUES (?, ?, 0, ?, ?, ?, ?)')
    .run(r.name, r.label, JSON.stringify(r.permissions), JSON.stringify(r.masked), JSON.stringify(r.scope), at);
}

export function deleteRoleRow(db: Db, name: string): void {
  db.prepare('DELETE FROM roles WHERE name = ?').run(name);
}
