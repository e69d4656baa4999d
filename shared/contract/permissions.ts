/**
 * What a channel needs before the router lets a call through:
 * - `public`: no unlocked vault needed (create, unlock, restore, language…);
 * - `unlocked`: any signed-in user;
 * - a permission name: a signed-in user whose role grants it.
 * The permissions issue extends this list and makes roles editable; the
 * built-in roles here are the seed it starts from.
 */
export const PERMISSIONS = ['users.manage', 'audit.read', 'vault.backup', 'clients.edit', 'clients.import', 'clients.export', 'documents.manage', 'clients.value', 'clients.purge'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Access = 'public' | 'unlocked' | Permission;

export const BUILTIN_ROLES = ['admin', 'handover_manager', 'staff', 'compliance', 'auditor'] as const;
export type RoleName = (typeof BUILTIN_ROLES)[number];

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  admin: ['users.manage', 'audit.read', 'vault.backup', 'clients.edit', 'clients.import', 'clients.export', 'documents.manage', 'clients.value', 'clients.purge'],
  handover_manager: ['vault.backup', 'clients.edit', 'clients.import', 'clients.export', 'documents.manage', 'clients.value'],
  staff: ['clients.edit', 'clients.import', 'documents.manage'],
  compliance: ['audit.read'],
  auditor: ['audit.read'],
};

export function roleHas(role: string, permission: Permission): boolean {
  const granted = (ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[role];
  return granted?.includes(permission) ?? false;
}
