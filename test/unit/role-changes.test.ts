import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type RoleView } from '../../shared/contract';
import { changedRoles, roleChanges } from '../../shared/roles/role-changes';

const role = (name: string, permissions: RoleView['permissions'], masked: RoleView['masked'] = []): RoleView =>
  ({ name, label: name, builtin: false, users: 0, permissions, masked, scope: EMPTY_SCOPE }) as RoleView;

describe('the role matrix change summary shown before applying', () => {
  const saved = [role('compliance', ['clients.read']), role('staff', ['clients.read', 'clients.edit'], ['phones'])];

  it('lists each granted and revoked permission and each masked field, role by role', () => {
    const changes = roleChanges(saved, {
      compliance: { permissions: ['clients.read', 'clients.export'], masked: ['emails'] },
      staff: { permissions: ['clients.read'], masked: [] },
    });
    expect(changes).toEqual([
      { kind: 'grant', role: 'compliance', permission: 'clients.export' },
      { kind: 'mask', role: 'compliance', field: 'emails' },
      { kind: 'revoke', role: 'staff', permission: 'clients.edit' },
      { kind: 'unmask', role: 'staff', field: 'phones' },
    ]);
    expect(changedRoles(changes)).toEqual(['compliance', 'staff']);
  });

  it('a box ticked and unticked again is no change, so nothing is saved', () => {
    const changes = roleChanges(saved, { compliance: { permissions: ['clients.read'], masked: [] }, staff: { permissions: ['clients.edit', 'clients.read'], masked: ['phones'] } });
    expect(changes).toEqual([]);
    expect(changedRoles(changes)).toEqual([]);
  });
});
