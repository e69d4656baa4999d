import type { RoleInput, RoleView, Scope, UserView } from '../../../shared/contract';
import { isUnscoped, type Permission } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { appendLog } from '../audit/store';
import type { Json } from '../formats/canonical-json';
import { allRoles, deleteRoleRow, insertRole, parseScope, roleByName, roleMasked, rolePermissions, updateRole, type RoleRow } from './store';
import { syncKeyring } from '../vault/keyring';
import type { Db } from '../db/database';
import { allUsers, countUsersWithRole, setUserRoleName, setUserScopeText, toUserView, userById } from '../users/store';
import type { Clock, OpenVault } from '../vault/vault';

/**
 * Roles and scopes. Every change is logged with before and after, and takes
 * effect on the next call of any signed-in user (the core re-reads the role
 * each call). Whatever the change, someone active must keep the right to
 * manage users and roles.
 */
function toView(db: Db, r: RoleRow): RoleView {
  return {
    name: r.name,
    label: r.label,
    builtin: r.builtin === 1,
    permissions: rolePermissions(r),
    masked: roleMasked(r),
    scope: parseScope(r.scope),
    users: countUsersWithRole(db, r.name),
  };
}

export function listRoles(vault: OpenVault): RoleView[] {
  return allRoles(vault.db).map((r) => toView(vault.db, r));
}

/** Enabled users whose role can manage users: there must always be one left. */
function managersLeft(db: Db): number {
  return allUsers(db).filter((u) => !u.disabled && rolePermissions(roleByName(db, u.role)).includes('users.manage')).length;
}

function requireManagerLeft(db: Db): void {
  if (managersLeft(db) === 0) {
    throw new AppError('LAST_ADMIN', 'At least one active user must keep the right to manage users and roles');
  }
}

const roleSnapshot = (v: { permissions: readonly Permission[] | Permission[]; masked: readonly string[]; scope: Scope; label?: string }): Json =>
  ({ label: v.label ?? '', permissions: [...v.permissions], masked: [...v.masked], scope: v.scope as unknown as Json });

/** Create a role (a copy of a built-in one, or from scratch) or change one. */
export function saveRole(vault: OpenVault, input: RoleInput, now: Clock): RoleView[] {
  vault.db.transaction(() => {
    const before = roleByName(vault.db, input.name);
    const at = now().toISOString();
    const permissions = [...new Set(input.permissions)];
    const masked = [...new Set(input.masked)];
    if (before) {
      updateRole(vault.db, { ...input, permissions, masked }, at);
    } else {
      insertRole(vault.db, { ...input, permissions, masked }, at);
    }
    requireManagerLeft(vault.db);
    appendLog(vault.db, {
      actor: vault.user.name,
      action: before ? 'role.update' : 'role.create',
      target: input.name,
      details: {
        before: before ? roleSnapshot({ permissions: rolePermissions(before), masked: roleMasked(before), scope: parseScope(before.scope), label: before.label }) : null,
        after: roleSnapshot({ ...input, permissions, masked }),
      },
    }, now());
  }).immediate();
  // A role that lost its signing rights loses the keyring at once; one that gained them gets it from this holder.
  syncKeyring(vault);
  return listRoles(vault);
}

export function deleteRole(vault: OpenVault, name: string, now: Clock): RoleView[] {
  const role = roleByName(vault.db, name);
  if (!role) throw new AppError('ROLE_NOT_FOUND', 'No such role', { role: name });
  if (role.builtin) throw new AppError('ROLE_BUILTIN', 'Built-in roles cannot be deleted; edit them or make a copy', { role: name });
  const users = countUsersWithRole(vault.db, name);
  if (users > 0) throw new AppError('ROLE_IN_USE', `${users} user(s) still have this role`, { role: name, users });
  vault.db.transaction(() => {
    deleteRoleRow(vault.db, name);
    appendLog(vault.db, { actor: vault.user.name, action: 'role.delete', target: name, details: { before: roleSnapshot({ permissions: rolePermissions(role), masked: roleMasked(role), scope: parseScope(role.scope), label: role.label }) } }, now());
  }).immediate();
  return listRoles(vault);
}

export function requireRole(db: Db, name: string): void {
  if (!roleByName(db, name)) throw new AppError('ROLE_NOT_FOUND', 'No such role', { role: name });
}

export function setUserRole(vault: OpenVault, userId: number, role: string, now: Clock): UserView {
  const user = userById(vault.db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
  requireRole(vault.db, role);
  vault.db.transaction(() => {
    setUserRoleName(vault.db, user.id, role);
    requireManagerLeft(vault.db);
    appendLog(vault.db, { actor: vault.user.name, action: 'user.role', target: user.name, details: { before: user.role, after: role } }, now());
  }).immediate();
  syncKeyring(vault);
  return toUserView(userById(vault.db, user.id)!, vault.db);
}

export function setUserScope(vault: OpenVault, userId: number, scope: Scope, now: Clock): UserView {
  const user = userById(vault.db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
  const stored = isUnscoped(scope) ? '{}' : JSON.stringify(scope);
  vault.db.transaction(() => {
    setUserScopeText(vault.db, user.id, stored);
    requireManagerLeft(vault.db);
    appendLog(vault.db, {
      actor: vault.user.name,
      action: 'user.scope',
      target: user.name,
      details: { before: parseScope(user.scope) as unknown as Json, after: scope as unknown as Json },
    }, now());
  }).immediate();
  return toUserView(userById(vault.db, user.id)!, vault.db);
}
