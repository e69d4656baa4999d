import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditAction } from '../../shared/audit/actions';
import { appendLog } from '../../electron/core/audit/store';
import { clientStatements, insertClient } from '../../electron/core/clients/store';
import { attachDocument, exportDocument } from '../../electron/core/documents/documents';
import { silentJob } from '../../electron/core/jobs/jobs';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { median, printTable, timeAsync, timeIt, type Figure } from './table';

const SIZE_MB = 1024;
const now = () => new Date();

/** Attaching and exporting a 1 GB document, MB/s next to `cp` of the same file. */
export async function benchDocuments(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'hv-bench-docs-'));
  try {
    const file = join(root, 'contract-scan.bin');
    const fd = openSync(file, 'w');
    const block = randomBytes(8 * 1024 * 1024);
    for (let i = 0; i < SIZE_MB / 8; i++) writeSync(fd, block);
    closeSync(fd);
    const { vault } = await createVault({ dir: join(root, 'vault'), userName: 'bench', passphrase: 'benchmark passphrase for the vault', now });
    const clientId = vault.db.transaction(() => {
      const id = insertClient(clientStatements(vault.db), {
        code: 'B1', name: 'Bench', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '',
        tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
      }, now().toISOString());
      appendLog(vault.db, { actor: 'bench', action: 'bench' as AuditAction, target: '' }, now());
      return id;
    }).immediate();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const attachMs = await timeAsync(() => attachDocument(vault, clientId, file, silentJob(), now));
    const doc = vault.db.prepare('SELECT id FROM documents').pluck().get() as number;
    const exportMs = await timeAsync(() => exportDocument(vault, doc, join(root, 'out.bin'), silentJob(), now));
    clearInterval(sampler);
    lockVault(vault, 'bench', now);
    const cpMs = median([0, 1].map(() => timeIt(() => execFileSync('cp', [file, join(root, 'cp.bin')]))));
    console.log(`\ndocuments: peak RSS while attaching and exporting ${SIZE_MB} MB: ${(peakRss / 2 ** 20).toFixed(0)} MB (constant in size: 1 MiB chunks)`);
    return [
      { name: `attach ${SIZE_MB} MB document`, ours: SIZE_MB / (attachMs / 1000), peer: SIZE_MB / (cpMs / 1000), unit: 'MB/s', peerName: 'cp of the same file', better: 'higher' },
      { name: `export ${SIZE_MB} MB document (verified)`, ours: SIZE_MB / (exportMs / 1000), peer: SIZE_MB / (cpMs / 1000), unit: 'MB/s', peerName: 'cp of the same file', better: 'higher' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runDocuments(): Promise<void> {
  printTable('Documents (issue 3)', await benchDocuments());
}
