import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchClients } from '../../electron/core/clients/search-store';
import { createVault, type OpenVault } from '../../electron/core/vault/vault';
import { csvText } from './crm-files';
import { ADMIN, tempDir } from './temp';
import { TEST_KDF } from './test-kdf';

/** A new vault without clients, opened by the admin at the test KDF cost: where the import tests start. */
export async function emptyVault(): Promise<OpenVault> {
  return (await createVault({ dir: join(tempDir(), 'v'), ...ADMIN, now: () => new Date(), kdf: TEST_KDF })).vault;
}

/** The rows as a CSV file in a temp folder, as a user's CRM export would be. */
export function writeCsv(rows: string[][]): string {
  const file = join(tempDir(), 'crm.csv');
  writeFileSync(file, csvText(rows));
  return file;
}

/** The codes of the clients a search finds, sorted: what two ways of building the index must agree on. */
export const searchCodes = (v: OpenVault, text: string): string[] => searchClients(v.db, { text, limit: 200 }).rows.map((r) => r.code).sort();
