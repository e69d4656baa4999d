import { roleHas, type Permission } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { OpenVault } from './vault';

/** The same check the router makes, for adapters that call services directly (the CLI). */
export function requirePermission(vault: OpenVault, permission: Permission): void {
  if (!roleHas(vault.user.role, permission)) {
    throw new AppError('FORBIDDEN', 'You do not have the right to do this', { permission });
  }
}
