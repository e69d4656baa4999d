import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { AuditAction } from '../../shared/audit/actions';
import { appendLog, type LogEvent } from '../../electron/core/audit/store';
import { exportAuditLog } from '../../electron/core/audit/export';
import { queryLog } from '../../electron/core/audit/query-store';
import { verifyAuditExport } from '../../electron/core/audit/verify';
import { silentJob } from '../../electron/core/jobs/jobs';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { vaultSigningKey } from '../../electron/core/keys/vault-keys';
import { printTable, timeAsync, timeIt, type Figure } from './table';

const now = () => new Date();
const USER = { userName: 'bench', passphrase: 'benchmark passphrase for the vault' };
const TOTAL = 1_000_000;
const SINGLE = 5_000;
const CLIENTS = 100_000;
const ACTIONS: AuditAction[] = ['client.view', 'clients.search', 'client.update', 'document.open', 'client.reveal'];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const event = (i: number): LogEvent => {
  const action = ACTIONS[i % ACTIONS.length]!;
  return {
    actor: `staff-${i % 40}`,
    action,
    target: action === 'clients.search' ? '' : `C${String((i * 7919) % CLIENTS).padStart(6, '0')}`,
    details: action === 'clients.search' ? { text: '华东 制造', found: i % 300 } : { name: `客户${i % 1000}` },
  };
};

/**
 * Issue 4's figures. Appends through the audit service (hash chain, encrypted
 * vault), one transaction each as a user action makes them, next to the same
 * inserts into a plain SQLite table; the log filled to 1,000,000 entries;
 * export and verification next to `sha256sum` of the exported file; listing
 * by client.
 */
export async function benchAudit(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'hv-bench-audit-'));
  try {
    const { vault } = await createVault({ dir: join(root, 'vault'), ...USER, now });
    const db = vault.db;

    // One transaction per entry, as services append (synchronous=FULL, WAL).
    const singleMs = timeIt(() => {
      for (let i = 0; i < SINGLE; i++) db.transaction(() => appendLog(db, event(i), now())).immediate();
    });
    const plain = new Database(join(root, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('synchronous = FULL');
    plain.exec('CREATE TABLE log (seq INTEGER PRIMARY KEY, time TEXT, actor TEXT, action TEXT, target TEXT, details TEXT)');
    const ins = plain.prepare('INSERT INTO log (time, actor, action, target, details) VALUES (?, ?, ?, ?, ?)');
    const plainMs = timeIt(() => {
      for (let i = 0; i < SINGLE; i++) {
        const e = event(i);
        plain.transaction(() => ins.run(now().toISOString(), e.actor, e.action, e.target, JSON.stringify(e.details))).immediate();
      }
    });
    plain.close();

    // Fill to a million entries in batches (the chain is the same; only commits are fewer).
    const bulkMs = timeIt(() => {
      for (let from = SINGLE; from < TOTAL; from += 50_000) {
        db.transaction(() => {
          for (let i = from; i < Math.min(from + 50_000, TOTAL); i++) appendLog(db, event(i), now());
        }).immediate();
      }
    });
    const bulkCount = TOTAL - SINGLE;

    // Listing filtered by client (the Access log page's "who looked at client X").
    const listTimes: number[] = [];
    for (let k = 0; k < 300; k++) {
      const target = `C${String((k * 104_729) % CLIENTS).padStart(6, '0')}`;
      listTimes.push(timeIt(() => queryLog(db, { target }, 0, 50)));
    }

    const out = join(root, 'out');
    spawnSync('mkdir', ['-p', out]);
    let dir = '';
    const exportMs = await timeAsync(async () => {
      dir = (await exportAuditLog(db, { parent: out, name: 'audit', actor: 'bench', key: vaultSigningKey(vault) }, silentJob(), now)).dir;
    });
    lockVault(vault, 'bench', now);
    const file = join(dir, 'audit.jsonl');
    const mb = statSync(file).size / (1024 * 1024);
    const shaMs = timeIt(() => {
      const r = spawnSync('sha256sum', [file]);
      if (r.status !== 0) throw new Error('sha256sum failed');
    });
    let verdictOk = false;
    const verifyMs = await timeAsync(async () => {
      verdictOk = (await verifyAuditExport(dir)).ok;
    });
    console.log(`\naudit: ${TOTAL.toLocaleString('en')} entries, export ${mb.toFixed(0)} MB audit.jsonl, verified: ${verdictOk}`);
    console.log(`append (one transaction each): ${(SINGLE / (singleMs / 1000)).toFixed(0)} entries/s; plain SQLite: ${(SINGLE / (plainMs / 1000)).toFixed(0)} entries/s`);
    console.log(`append (bulk, 50,000 per transaction): ${(bulkCount / (bulkMs / 1000)).toFixed(0)} entries/s`);
    console.log(`list by client over 1M: p50 ${percentile(listTimes, 50).toFixed(2)} ms, p95 ${percentile(listTimes, 95).toFixed(2)} ms (goal p95 < 20 ms)`);
    return [
      { name: 'log append, one transaction each (entries/s)', ours: SINGLE / (singleMs / 1000), peer: SINGLE / (plainMs / 1000), unit: '/s', peerName: 'plain SQLite insert, same durability', better: 'higher' },
      { name: 'log append, bulk (entries/s)', ours: bulkCount / (bulkMs / 1000), peer: SINGLE / (plainMs / 1000), unit: '/s', peerName: 'plain SQLite, one tx each', better: 'higher' },
      { name: `export ${TOTAL / 1e6}M entries (signed, with CSV)`, ours: exportMs / 1000, peer: shaMs / 1000, unit: 's', peerName: 'sha256sum of the export', better: 'lower' },
      { name: `verify ${TOTAL / 1e6}M entries`, ours: verifyMs / 1000, peer: shaMs / 1000, unit: 's', peerName: 'sha256sum of the export', better: 'lower', goal: 'at most 2x' },
      { name: 'list by client over 1M entries, p95', ours: percentile(listTimes, 95), peer: 20, unit: 'ms', peerName: 'the 20 ms goal', better: 'lower', goal: '< 20 ms' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runAudit(): Promise<void> {
  printTable('Access log (issue 4)', await benchAudit());
}
