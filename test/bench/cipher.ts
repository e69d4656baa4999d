import { copyFileSync, closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientDraft } from '../../shared/contract';
import { attachDocument } from '../../electron/core/documents/documents';
import { silentJob } from '../../electron/core/jobs/jobs';
import { createClient } from '../../electron/core/clients/service';
import { cipherSelfTest, cpuHasAes } from '../../electron/core/db/cipher';
import { dbPath } from '../../electron/core/db/database';
import { rotateDataKey } from '../../electron/core/vault/rotation';
import { upgradeVaultCipher } from '../../electron/core/vault/upgrade';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { printTable, timeAsync, timeIt, type Figure } from './table';

const now = () => new Date();
/** Size of the vault to migrate; BENCH_MIGRATION_MB=256 for a short run. */
const VAULT_MB = Number(process.env.BENCH_MIGRATION_MB ?? 1024);

const client: ClientDraft = {
  code: 'M-001', name: '迁移客户', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

/** The bench header's line: what this CPU offers and what a new vault would take here. */
export function cipherHeader(): string {
  const aes = cpuHasAes();
  const test = cipherSelfTest();
  return `CPU AES instructions: ${aes === null ? 'unknown' : aes ? 'yes' : 'no'}; cipher self-test (1 MiB): chacha20 ${test.chacha20Ms.toFixed(0)} ms, aegis ${test.aegisMs.toFixed(0)} ms -> new vaults use ${test.chosen}`;
}

/** `handover vault upgrade` of a ChaCha20 vault of VAULT_MB (documents), next to a plain copy of its file. */
export async function benchCipher(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'hv-bench-cipher-'));
  try {
    const { vault } = await createVault({ dir: join(root, 'vault'), userName: 'bench', passphrase: 'benchmark passphrase for the vault', now, cipher: 'chacha20' });
    const c = createClient(vault, client, now);
    const doc = join(root, 'scan.bin');
    const fd = openSync(doc, 'w');
    const block = randomBytes(8 * 1024 * 1024);
    const docs = Math.max(1, Math.round(VAULT_MB / 128));
    for (let i = 0; i < Math.max(1, (VAULT_MB / docs) / 8); i++) writeSync(fd, block);
    closeSync(fd);
    for (let i = 0; i < docs; i++) await attachDocument(vault, c.id, doc, silentJob(), now);
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const mb = statSync(dbPath(vault.dir)).size / 2 ** 20;
    // The peer: the same file copied once (page cache warm, as ours is), fsynced by neither.
    const copyMs = timeIt(() => copyFileSync(dbPath(vault.dir), join(root, 'plain-copy.db')));
    rmSync(join(root, 'plain-copy.db'));
    const upgradeMs = await timeAsync(() => upgradeVaultCipher(vault, silentJob(), now, { to: 'aegis' }));
    // The same rewrite under a new data key (what disabling a user does), now in AEGIS-256.
    const rotateMs = await timeAsync(() => rotateDataKey(vault, { reason: 'bench', now }));
    lockVault(vault, 'bench', now);
    console.log(`\ncipher: migrated a ${mb.toFixed(0)} MB ChaCha20 vault to AEGIS-256 in ${(upgradeMs / 1000).toFixed(1)} s and rotated its key in ${(rotateMs / 1000).toFixed(1)} s (worker: new file, rows copied, every table checked with the new key, swap); a plain copy took ${(copyMs / 1000).toFixed(2)} s`);
    return [
      { name: `vault migration chacha20 -> aegis (${mb.toFixed(0)} MB)`, ours: upgradeMs / 1000, peer: copyMs / 1000, unit: 's', peerName: 'a plain copy of vault.db', better: 'lower', goal: 'print it; aim at most 2x' },
      { name: `key rotation, aegis (${mb.toFixed(0)} MB)`, ours: rotateMs / 1000, peer: copyMs / 1000, unit: 's', peerName: 'a plain copy of vault.db', better: 'lower', goal: 'print it' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runCipher(): Promise<void> {
  printTable('Vault cipher (issue 16)', await benchCipher());
}
