import { resolve } from 'node:path';
import { defaultVaultDir } from '../core/paths';
import { removePartialDocuments } from '../core/documents/documents';
import { lockVault, unlockVault, type OpenVault } from '../core/vault/vault';
import { requirePermission } from '../core/vault/authz';
import type { Permission } from '../../shared/contract';
import type { Values } from './command';
import { secretFrom, UsageError, type CliIo } from './io';

export const now = () => new Date();

export function vaultDirFrom(io: CliIo, values: Values): string {
  const given = (values.vault as string | undefined) ?? io.env.HANDOVER_VAULT;
  return resolve(given ?? defaultVaultDir());
}

export function userFrom(io: CliIo, values: Values): string {
  const user = (values.user as string | undefined) ?? io.env.HANDOVER_USER;
  if (!user) throw new UsageError('say who you are: --user NAME or HANDOVER_USER');
  return user;
}

/** Unlock as --user with HANDOVER_PASSPHRASE or a prompt; the unlock is logged with method "cli". */
export async function unlockFromCli(io: CliIo, values: Values): Promise<OpenVault> {
  return (await unlockWithPassphrase(io, values)).vault;
}

export async function unlockWithPassphrase(io: CliIo, values: Values): Promise<{ vault: OpenVault; passphrase: string }> {
  const userName = userFrom(io, values);
  const passphrase = await secretFrom(io, 'HANDOVER_PASSPHRASE', `Passphrase for ${userName}: `);
  const vault = await unlockVault({ dir: vaultDirFrom(io, values), userName, passphrase, now, method: 'cli' });
  removePartialDocuments(vault.db);
  return { vault, passphrase };
}

/** Unlock as the CLI user, run the work, and always lock again (logged as a 'cli' lock). */
export async function withVault<T>(io: CliIo, values: Values, work: (vault: OpenVault) => Promise<T> | T): Promise<T> {
  const vault = await unlockFromCli(io, values);
  try {
    return await work(vault);
  } finally {
    lockVault(vault, 'cli', now);
  }
}

/** withVault for a command that needs one right: refused (exit 4) before any work if the role lacks it. */
export function withRight<T>(io: CliIo, values: Values, permission: Permission, work: (vault: OpenVault) => Promise<T> | T): Promise<T> {
  return withVault(io, values, (vault) => {
    requirePermission(vault, permission);
    return work(vault);
  });
}

export function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

