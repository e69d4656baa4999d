import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditAction } from '../../shared/audit/actions';
import type { ClientDraft } from '../../shared/contract';
import { appendLog } from '../../electron/core/audit/store';
import { createClient } from '../../electron/core/clients/service';
import { CIPHER_ENV, type VaultCipher } from '../../electron/core/db/cipher';
import type { Db } from '../../electron/core/db/database';
import { attachDocument } from '../../electron/core/documents/documents';
import { silentJob } from '../../electron/core/jobs/jobs';
import { makeCore } from './core';
import { ADMIN, STAFF, tempDir } from './temp';

const DRAFT: ClientDraft = {
  code: 'R-001', name: '重写客户', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

/** `rows` access-log entries of about 650 bytes each in the file (`test.fill`, targets t0…): bulk a test can count. */
export function fillLog(db: Db, rows: number): void {
  db.transaction(() => {
    for (let i = 0; i < rows; i++) appendLog(db, { actor: 'filler', action: 'test.fill' as AuditAction, target: `t${i}`, details: { text: `${i}`.padEnd(300, 'x') } }, new Date());
  }).immediate();
}

/**
 * The vault the whole-file rewrites work on (the data-key rotation that follows `user disable`, the cipher
 * upgrade) and the attacks on them: the administrator (ADMIN) signed in, a staff user (STAFF) to disable, and
 * some megabytes so the rewrite reports progress in steps — `logRows` filler entries in the access log
 * (5 MB for 8000) and/or a `documentMb` scanned contract attached to a client. `cipher` is the page cipher it is
 * made with (else the faster one here); the WAL is checkpointed, so the file holds it all.
 */
export async function vaultToRewrite(opts: { cipher?: VaultCipher; logRows?: number; documentMb?: number } = {}) {
  const previous = process.env[CIPHER_ENV];
  if (opts.cipher) process.env[CIPHER_ENV] = opts.cipher;
  const h = makeCore();
  try {
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  } finally {
    if (previous === undefined) delete process.env[CIPHER_ENV];
    else process.env[CIPHER_ENV] = previous;
  }
  const staffId = (await h.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase })).id;
  const vault = h.core.openVaultForTests!;
  if (opts.logRows) fillLog(vault.db, opts.logRows);
  let document: { clientId: number; sha256: string } | null = null;
  if (opts.documentMb) {
    const client = createClient(vault, DRAFT, () => new Date());
    const scan = join(tempDir(), 'contract-scan.pdf');
    writeFileSync(scan, randomBytes(opts.documentMb * 1024 * 1024));
    await attachDocument(vault, client.id, scan, silentJob(), () => new Date());
    document = { clientId: client.id, sha256: createHash('sha256').update(readFileSync(scan)).digest('hex') };
  }
  vault.db.pragma('wal_checkpoint(TRUNCATE)');
  return { h, vault, staffId, document };
}
