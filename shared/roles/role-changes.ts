import type { RoleView } from '../contract';

type Permission = RoleView['permissions'][number];
type Masked = RoleView['masked'][number];

/** One line of "what will change" before a role edit is applied. */
export type RoleChange =
  | { kind: 'grant' | 'revoke'; role: string; permission: Permission }
  | { kind: 'mask' | 'unmask'; role: string; field: Masked };

/** The edited matrix: per role name, the permissions and masked fields as ticked. */
export type RoleDraft = Record<string, { permissions: Permission[]; masked: Masked[] }>;

/**
 * What the draft changes against the saved roles, role by role in column order, grants
 * before revocations; an unticked-then-reticked box is no change.
 */
export function roleChanges(saved: RoleView[], draft: RoleDraft): RoleChange[] {
  const changes: RoleChange[] = [];
  for (const role of saved) {
    const next = draft[role.name];
    if (!next) continue;
    const added = <T>(from: readonly T[], to: readonly T[]) => to.filter((x) => !from.includes(x));
    for (const permission of added(role.permissions, next.permissions)) changes.push({ kind: 'grant', role: role.name, permission });
    for (const permission of added(next.permissions, role.permissions)) changes.push({ kind: 'revoke', role: role.name, permission });
    for (const field of added(role.masked, next.masked)) changes.push({ kind: 'mask', role: role.name, field });
    for (const field of added(next.masked, role.masked)) changes.push({ kind: 'unmask', role: role.name, field });
  }
  return changes;
}

/** The roles whose draft differs from what is saved, each once. */
export function changedRoles(changes: RoleChange[]): string[] {
  return [...new Set(changes.map((c) => c.role))];
}
