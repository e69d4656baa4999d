/**
 * What a channel needs before the router lets a call through:
 * - `public`: no unlocked vault needed (create, unlock, restore, language…);
 * - `unlocked`: any signed-in user;
 * - a permission name: a signed-in user whose role grants it.
 * Roles live in the vault (editable); the built-in ones are seeded from here.
 */
export const PERMISSIONS = [
  'clients.read',
  'clients.sensitive',
  'clients.edit',
  'clients.import',
  'clients.export',
  'clients.value',
  'clients.purge',
  'documents.manage',
  'handover.plan',
  'handover.approve',
  'packages.export',
  'packages.receive',
  'dataroom.run',
  'users.manage',
  'audit.read',
  'audit.export',
  'vault.backup',
  /** Staff exit compensation (员工客户资源退出补偿): amounts owed to the seller's own people. */
  'compensation.staff',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
/** `dataroom`: only inside a running data-room session (and nothing else is, there). */
export type Access = 'public' | 'unlocked' | 'dataroom' | Permission;

/** Sensitive fields a role can see only masked (`138****8000`); `clients.sensitive` may reveal one with a reason. */
export const MASKABLE_FIELDS = ['phones', 'emails', 'address', 'amounts'] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];

/**
 * A segment of clients. Every non-empty list must match (AND across
 * dimensions, OR within one); `ownOnly` limits to clients whose owner is the
 * user's own name. A user's scope and their role's scope both apply.
 */
export interface Scope {
  ownOnly: boolean;
  owners: string[];
  departments: string[];
  regions: string[];
  industries: string[];
  tiers: ('A' | 'B' | 'C')[];
  tags: string[];
}
export const EMPTY_SCOPE: Scope = { ownOnly: false, owners: [], departments: [], regions: [], industries: [], tiers: [], tags: [] };

export function isUnscoped(s: Scope): boolean {
  return !s.ownOnly && s.owners.length + s.departments.length + s.regions.length + s.industries.length + s.tiers.length + s.tags.length === 0;
}

export const BUILTIN_ROLES = ['admin', 'handover_manager', 'staff', 'compliance', 'auditor', 'data_room_guest'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export interface RoleSeed {
  permissions: readonly Permission[];
  masked: readonly MaskableField[];
}

export const BUILTIN_ROLE_SEEDS: Record<BuiltinRole, RoleSeed> = {
  admin: { permissions: PERMISSIONS, masked: [] },
  handover_manager: {
    permissions: ['clients.read', 'clients.sensitive', 'clients.edit', 'clients.import', 'clients.export', 'clients.value', 'documents.manage',
      'handover.plan', 'packages.export', 'packages.receive', 'dataroom.run', 'audit.read', 'vault.backup'],
    masked: [],
  },
  staff: { permissions: ['clients.read', 'clients.sensitive', 'clients.edit', 'clients.import', 'documents.manage'], masked: [] },
  compliance: { permissions: ['clients.read', 'handover.approve', 'audit.read', 'audit.export'], masked: ['phones', 'emails', 'address'] },
  auditor: { permissions: ['audit.read', 'audit.export'], masked: ['phones', 'emails', 'address', 'amounts'] },
  // Reviewers work only inside a facilitated data-room session, which needs no permission: outside one they read nothing.
  data_room_guest: { permissions: [], masked: ['phones', 'emails', 'address', 'amounts'] },
};

/**
 * Rights that sign with the vault's key or open packages with its identity:
 * a role holding any of them gets the signing keyring sealed to its users'
 * key slots (DESIGN.md §4 "Keys"); other roles never see it.
 */
export const SIGNING_PERMISSIONS: readonly Permission[] = ['packages.export', 'packages.receive', 'handover.approve', 'audit.export'];

/**
 * Built-in roles that hold no key slot unless an administrator insists:
 * reviewers work inside facilitated data-room sessions, auditors from signed
 * exports (`audit verify` needs no vault).
 */
export const SLOTLESS_ROLES: readonly string[] = ['data_room_guest', 'auditor'];

/** Role names: lower-case letters, digits and underscores (labels carry the display name). */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

export function isPermission(name: string): name is Permission {
  return (PERMISSIONS as readonly string[]).includes(name);
}
