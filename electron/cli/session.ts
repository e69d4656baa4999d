import { resolve } from 'node:path';
import type { UserView } from '../../shared/contract';
import { defaultVaultDir } from '../core/core';
import type { Values } from './command';
import { CliDoor } from './door';
import { secretFrom, UsageError, type CliIo } from './io';
import { say } from './text';

export function vaultDirFrom(io: CliIo, values: Values): string {
  const given = (values.vault as string | undefined) ?? io.env.HANDOVER_VAULT;
  return resolve(given ?? defaultVaultDir());
}

export function userFrom(io: CliIo, values: Values): string {
  const user = (values.user as string | undefined) ?? io.env.HANDOVER_USER;
  if (!user) throw new UsageError({ en: 'say who you are: --user NAME or HANDOVER_USER', 'zh-CN': '请说明你是谁：--user 用户名，或设置 HANDOVER_USER' });
  return user;
}

/** A door with no vault unlocked (vault init, restore, recover); always closed again. */
export async function withDoor<T>(io: CliIo, work: (door: CliDoor) => Promise<T>): Promise<T> {
  const door = new CliDoor(io);
  try {
    return await work(door);
  } finally {
    door.close();
  }
}

export interface SignedIn {
  door: CliDoor;
  user: UserView;
  /** Kept for `user passwd`, which must prove it again to the core. */
  passphrase: string;
}

/**
 * Open the vault, unlock as --user with HANDOVER_PASSPHRASE or a prompt (logged
 * with method "cli"), run the work as calls through the door, and lock again.
 * Rights are not checked here: the router checks each call.
 */
export async function withVault<T>(io: CliIo, values: Values, work: (s: SignedIn) => Promise<T>): Promise<T> {
  const userName = userFrom(io, values);
  const passphrase = await secretFrom(io, 'HANDOVER_PASSPHRASE', say(io.language, 'prompt.passphrase', { user: userName }));
  return withDoor(io, async (door) => {
    await door.openVault(vaultDirFrom(io, values));
    const { user } = await door.call('vault.unlock', { userName, passphrase });
    return work({ door, user, passphrase });
  });
}

export function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError({ en: `--${name} is required`, 'zh-CN': `缺少 --${name}` });
  return v;
}
