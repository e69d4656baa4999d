import {
  EMPTY_SCOPE,
  isPermission,
  isUnscoped,
  MASKABLE_FIELDS,
  type MaskableField,
  type Permission,
  type Scope,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { cached, type Db } from '../db/database';
import type { OpenVault } from '../vault/vault';
import type { UserRow } from '../users/store';

/**
 * What the signed-in user may do and see, read fresh from the vault on every
 * call (so a role or scope change applies at once): the role's permissions and
 * masked fields, and the scopes that limit which clients exist for them.
 */
export interface UserAccess {
  userName: string;
  role: string;
  permissions: ReadonlySet<Permission>;
  masked: ReadonlySet<MaskableField>;
  /** Role scope and user scope; a client must be in both. */
  scopes: Scope[];
}

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

export function accessOfUser(db: Db, user: UserRow): UserAccess {
  const role = roleByName(db, user.role);
  const scopes = [parseScope(role?.scope ?? '{}'), parseScope(user.scope ?? '{}')].filter((s) => !isUnscoped(s));
  return {
    userName: user.name,
    role: user.role,
    permissions: new Set(rolePermissions(role)),
    masked: new Set(roleMasked(role)),
    scopes,
  };
}

export function accessOf(vault: OpenVault): UserAccess {
  return accessOfUser(vault.db, vault.user);
}

export function can(access: UserAccess, permission: Permission): boolean {
  return access.permissions.has(permission);
}

/** The same check the router makes, for adapters that call services directly (the CLI). */
export function requirePermission(vault: OpenVault, permission: Permission): void {
  if (!can(accessOf(vault), permission)) {
    throw new AppError('FORBIDDEN', 'You do not have the right to do this', { permission });
  }
}

/** Separation of duties: whoever asked for something cannot be the one who approves it. */
export function requireDifferentUser(requestedBy: string, approver: string): void {
  if (requestedBy.normalize('NFKC').toLowerCase() === approver.normalize('NFKC').toLowerCase()) {
    throw new AppError('SELF_APPROVAL', 'You cannot approve your own request');
  }
}

/**
 * The SQL condition (on clients aliased `alias`) for the user's scopes, or
 * null when unscoped. Out-of-scope clients are filtered in the query itself,
 * so counts, pages and facets never include them.
 */
export function scopeSql(access: UserAccess, alias = 'c'): { sql: string; params: (string | number)[]; textGroups: string[][] } | null {
  if (access.scopes.length === 0) return null;
  const parts: string[] = [];
  const params: (string | number)[] = [];
  // Values that are also in the search index text (region, industry, owner, tags): a text search can
  // ask the index for them too, so a scoped search does not walk matches outside the segment.
  const textGroups: string[][] = [];
  const inList = (col: string, values: string[]) => {
    if (values.length === 0) return;
    parts.push(`${alias}.${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  for (const s of access.scopes) {
    if (s.ownOnly) {
      parts.push(`${alias}.owner = ?`);
      params.push(access.userName);
      textGroups.push([access.userName]);
    }
    for (const values of [s.owners, s.regions, s.industries, s.tags]) if (values.length) textGroups.push(values);
    inList('owner', s.owners);
    inList('department', s.departments);
    inList('region', s.regions);
    inList('industry', s.industries);
    inList('tier', s.tiers);
    if (s.tags.length) {
      parts.push(`EXISTS (SELECT 1 FROM json_each(${alias}.tags) WHERE value IN (${s.tags.map(() => '?').join(',')}))`);
      params.push(...s.tags);
    }
  }
  return { sql: parts.join(' AND '), params, textGroups };
}

/** Whether one client is visible to the user (used before any per-client action). */
export function inScope(db: Db, access: UserAccess, clientId: number): boolean {
  const scope = scopeSql(access);
  const row = db.prepare(`SELECT 1 FROM clients c WHERE c.id = ?${scope ? ` AND ${scope.sql}` : ''}`).get(clientId, ...(scope?.params ?? []));
  return row !== undefined;
}

/** Out-of-scope clients answer exactly like missing ones (for services that look ids up themselves; the router checks declared ids). */
export function requireInScope(db: Db, access: UserAccess, clientId: number): void {
  if (!inScope(db, access, clientId)) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
}
