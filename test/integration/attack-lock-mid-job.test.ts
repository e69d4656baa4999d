import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientPage } from '../../shared/contract';
import { checkVault } from '../../electron/core/vault/check';
import { csvText } from '../helpers/crm-files';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack: a job that keeps one transaction open across its steps — a bulk action over 600 clients (steps of 250),
 * an import — is cut short by a lock the user did not ask for: the screen locks, the laptop suspends
 * (electron/main's powerMonitor calls the core's lock directly; the window's own lock is turned away as
 * BUSY). Everything the job did must be rolled back, and the access log must still prove itself: the lock
 * used to write its entry and sign the tree head kept in vault.slots.json INSIDE the job's transaction,
 * which the close then rolled back — `handover vault check` afterwards reported the log rewritten
 * (checkpoints: root-mismatch, tree head: log-differs), for good, on a vault no one had touched.
 */
const rows = (n: number, prefix: string) => [['客户编号', '客户名称', '区域', '负责人'], ...Array.from({ length: n }, (_, i) => [`${prefix}-${String(i + 1).padStart(4, '0')}`, `批量客户${i + 1}`, '华东', '张伟'])];

/** Starts the import; `running` settles when it ends (kept in an object: an awaited promise would wait for it). */
async function importFile(h: ReturnType<typeof makeCore>, jobId: string, table: string[][]): Promise<{ running: Promise<unknown> }> {
  const file = join(tempDir(), `${jobId}.csv`);
  writeFileSync(file, csvText(table));
  h.answers.chooseImportFile = [file];
  await h.call('dialog.chooseImportFile');
  const preview = await h.call<{ suggested: (string | null)[] }>('clients.importPreview', { file, encoding: 'auto' });
  return { running: h.core.handle('clients.importRun', { jobId, file, encoding: 'auto', mapping: preview.suggested, onDuplicate: 'skip' }) };
}

/** The OS locks the screen at the job's first progress event short of the end: between two of its steps. */
async function lockMidJob(h: ReturnType<typeof makeCore>, jobId: string, running: Promise<unknown>): Promise<unknown> {
  let done = false;
  void running.finally(() => (done = true));
  while (!done && !h.events.some((e) => e.type === 'job.progress' && e.jobId === jobId && e.done > 0 && e.done < e.total)) {
    await new Promise((r) => setImmediate(r));
  }
  expect(done).toBe(false);
  h.core.lock('os-lock');
  return running;
}

async function expectLogProvesItself(h: ReturnType<typeof makeCore>) {
  await h.call('vault.unlock', ADMIN);
  const vault = h.core.openVaultForTests!;
  expect(checkVault(vault)).toMatchObject({ ok: true, integrity: 'ok', accessLog: { ok: true }, checkpoints: { ok: true }, treeHead: { ok: true } });
  // The lock is on record, with its reason.
  const locks = await h.call<{ rows: { details: Record<string, unknown> }[] }>('audit.query', { filter: { action: 'vault.lock' }, limit: 50 });
  expect(locks.rows.some((r) => r.details.reason === 'os-lock')).toBe(true);
}

describe('attack: the screen locks while a job holds its transaction open', () => {
  it('a bulk 更换负责人 over 600 clients (steps of 250): nothing changed, no log entry of it, and `vault check` passes', async () => {
    const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    expect(await (await importFile(h, 'import-base', rows(600, 'B'))).running).toMatchObject({ ok: true });

    const running = h.core.handle('clients.reassignOwner', { jobId: 'reassign', clientIds: { matching: { owner: '张伟' } }, owner: '李娜' });
    expect(await lockMidJob(h, 'reassign', running)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });

    await expectLogProvesItself(h);
    expect((await h.call<ClientPage>('clients.search', { owner: '李娜' })).total).toBe(0);
    expect((await h.call<ClientPage>('clients.search', { owner: '张伟' })).total).toBe(600);
    expect((await h.call<{ total: number }>('audit.query', { filter: { action: 'clients.reassign-owner' } })).total).toBe(0);
    // And the same action then runs through.
    expect(await h.call('clients.reassignOwner', { jobId: 'reassign-2', clientIds: { matching: { owner: '张伟' } }, owner: '李娜' })).toEqual({ count: 600, changed: 600 });
  }, 60_000);

  it('an import of 2,500 rows (batches of 250, then 2,000): no client of it, and `vault check` passes', async () => {
    const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const { running } = await importFile(h, 'import-cut', rows(2500, 'I'));
    expect(await lockMidJob(h, 'import-cut', running)).toMatchObject({ ok: false });

    await expectLogProvesItself(h);
    expect((await h.call<ClientPage>('clients.search', {})).total).toBe(0);
    expect((await h.call<{ total: number }>('audit.query', { filter: { action: 'clients.import' } })).total).toBe(0);
  }, 60_000);
});
