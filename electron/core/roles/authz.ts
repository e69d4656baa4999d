import { isUnscoped, type MaskableField, type Permission, type Scope } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { parseScope, roleByName, roleMasked, rolePermissions } from './store';
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

/** Separation of duties: whoever asked for something cannot be the one who approves it. */
export function requireDifferentUser(requestedBy: string, approver: string): void {
  if (requestedBy.normalize('NFKC').toLowerCase() === approver.normalize('NFKC').toLowerCase()) {
    throw new AppError('SELF_APPROVAL', 'You cannot approve your own request');
  }
}

/** A scope as column conditions (AND across, one of the values within), for a check in memory (clients/rank-store.ts). */
export type ScopeColumns = { column: 'owner' | 'department' | 'region' | 'industry' | 'tier'; values: string[] }[];

/**
 * The SQL condition (on clients aliased `alias`) for the user's scopes, or
 * null when unscoped. Out-of-scope clients are filtered in the query itself,
 * so counts, pages and facets never include them.
 */
export function scopeSql(access: UserAccess, alias = 'c'): { sql: string; params: (string | number)[]; textGroups: string[][]; columns: ScopeColumns | null } | null {
  if (access.scopes.length === 0) return null;
  const parts: string[] = [];
  const params: (string | number)[] = [];
  // The same conditions as columns and values; null when a tag condition makes them incomplete.
  let columns: ScopeColumns | null = [];
  // Values that are also in the search index text (region, industry, owner, tags): a text search can
  // ask the index for them too, so a scoped search does not walk matches outside the segment.
  const textGroups: string[][] = [];
  const inList = (col: ScopeColumns[number]['column'], values: string[]) => {
    if (values.length === 0) return;
    parts.push(`${alias}.${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
    columns?.push({ column: col, values });
  };
  for (const s of access.scopes) {
    if (s.ownOnly) {
      parts.push(`${alias}.owner = ?`);
      params.push(access.userName);
      columns?.push({ column: 'owner', values: [access.userName] });
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
      columns = null;
    }
  }
  return { sql: parts.join(' AND '), params, textGroups, columns };
}

/** Whether one client is visible to the user (used before any per-client action). */
