import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/database';
import { initial } from './001-initial';
import { userActivity } from './002-user-activity';
import { clients } from './003-clients';
import { documents } from './004-documents';
import { clientValue } from './005-client-value';
import { rolesAudit } from './006-roles-audit';
import { counterpartyKeys } from './007-counterparty-keys';
import { handovers } from './008-handovers';
import { dataRooms } from './009-data-rooms';
import { compensation } from './010-compensation';
import { guestReadsNothing } from './011-guest-reads-nothing';
import { keysMatchRoles } from './012-keys-match-roles';
import { pinyinSearch } from './013-pinyin';
import { maskedColumns } from './014-masked-columns';
import { latinTrigrams } from './015-latin-trigrams';
import type { Migration } from './migration';
import { finishPendingSearch } from '../../clients/store';


/** Registered in order; each file is one step. Never edit a shipped step: add one. */
export const MIGRATIONS: readonly Migration[] = [initial, userActivity, clients, documents, clientValue, rolesAudit, counterpartyKeys, handovers, dataRooms, compensation, guestReadsNothing, keysMatchRoles, pinyinSearch, maskedColumns, latinTrigrams];
// The last step's number, not the count: numbers were handed out to parallel work (011 and 012 may land after 013).
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the schema to `target` (default: latest) in one transaction, so a
 * crash leaves the old schema intact. A database from a newer app is refused
 * rather than guessed at.
 */
export function migrate(db: Db, target = SCHEMA_VERSION): void {
  if (!migrateSchema(db, target)) return;
  // A search index a step asked to rebuild, at once (the unlock does it a slice at a time with progress: clients/search-rebuild.ts).
  db.transaction(() => finishPendingSearch(db)).immediate();
}

/** The schema steps alone, in one transaction; a search index they ask to rebuild is left pending. */
export function migrateSchema(db: Db, target = SCHEMA_VERSION): boolean {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new AppError('VAULT_FROM_FUTURE', 'This vault was written by a newer version of the app', {
      vaultVersion: current,
      appVersion: SCHEMA_VERSION,
    });
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return false;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
  return true;
}
