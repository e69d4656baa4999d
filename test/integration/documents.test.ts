import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const DRAFT = {
  code: 'C100', name: '上海华东电子有限公司', type: 'company', industry: '', region: '华东', city: '上海', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

async function withClient() {
  const h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const client = await h.call<{ id: number }>('clients.create', DRAFT);
  return { ...h, clientId: client.id };
}

describe('documents', () => {
  it('attaches a file encrypted inside the vault, lists it with size and SHA-256, previews and exports an identical copy', async () => {
    const h = await withClient();
    const file = join(tempDir(), '合同-2024.pdf');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4 CANARY-DOC-7d1f '), randomBytes(3 * 1024 * 1024 + 17)]);
    writeFileSync(file, bytes);
    h.answers.chooseDocumentFile = [file];
    await h.call('dialog.chooseDocumentFile');
    const doc = await h.call<{ id: number; size: number; sha256: string; mime: string }>('documents.attach', { jobId: 'attach-1', clientId: h.clientId, file });
    expect(doc).toMatchObject({ size: bytes.length, mime: 'application/pdf' });
    expect(doc.sha256).toBe(execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]);
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === 'attach-1' && e.done === bytes.length)).toBe(true);
    expect(await h.call('documents.list', { clientId: h.clientId })).toEqual([expect.objectContaining({ name: '合同-2024.pdf', sha256: doc.sha256 })]);
    // stored encrypted: the vault files never hold the document's bytes
    for (const f of readdirSync(h.vaultDir)) expect(readFileSync(join(h.vaultDir, f)).includes(Buffer.from('CANARY-DOC-7d1f'))).toBe(false);

    const preview = await h.call<{ data: string; mime: string }>('documents.preview', { id: doc.id });
    expect(Buffer.from(preview.data, 'base64').equals(bytes)).toBe(true);
    const out = join(tempDir(), 'copy.pdf');
    h.answers.chooseSaveTarget = [out];
    expect(await h.call('documents.export', { jobId: 'export-1', id: doc.id })).toEqual({ path: out });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const log = await h.call<{ recentLog: { action: string }[] }>('vault.security');
    expect(log.recentLog.map((e) => e.action)).toEqual(expect.arrayContaining(['document.attach', 'document.open', 'document.export']));
  });

  it('a cancelled attach leaves nothing; an interrupted one is removed at the next unlock', async () => {
    const h = await withClient();
    const file = join(tempDir(), 'big.bin');
    writeFileSync(file, randomBytes(40 * 1024 * 1024));
    h.answers.chooseDocumentFile = [file];
    await h.call('dialog.chooseDocumentFile');
    const running = h.core.handle('documents.attach', { jobId: 'attach-cancel', clientId: h.clientId, file });
    await new Promise((r) => setTimeout(r, 30));
    await h.call('job.cancel', { jobId: 'attach-cancel' });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await h.call('documents.list', { clientId: h.clientId })).toEqual([]);
    const db = h.core.openVaultForTests!.db;
    expect(db.prepare('SELECT count(*) FROM document_chunks').pluck().get()).toBe(0);
    // Simulate a crash mid-attach: a partial document with chunks, then lock and unlock.
    const id = db.prepare(`INSERT INTO documents (client_id, name, mime, size, state, added_by, added_at) VALUES (?, 'x', 'x', 1, 'partial', 'a', 'now')`).run(h.clientId).lastInsertRowid;
    db.prepare('INSERT INTO document_chunks (document_id, seq, data) VALUES (?, 0, ?)').run(id, Buffer.alloc(10));
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(h.core.openVaultForTests!.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(0);
    expect(h.core.openVaultForTests!.db.prepare('SELECT count(*) FROM document_chunks').pluck().get()).toBe(0);
  });

  it('refuses files it cannot read and previews it cannot show, with clear codes', async () => {
    const h = await withClient();
    const missing = join(tempDir(), 'gone.pdf');
    h.answers.chooseDocumentFile = [missing];
    await h.call('dialog.chooseDocumentFile');
    await expect(h.call('documents.attach', { jobId: 'attach-missing', clientId: h.clientId, file: missing })).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    const zip = join(tempDir(), 'a.zip');
    writeFileSync(zip, 'PK');
    h.answers.chooseDocumentFile = [zip];
    await h.call('dialog.chooseDocumentFile');
    const doc = await h.call<{ id: number }>('documents.attach', { jobId: 'attach-zip', clientId: h.clientId, file: zip });
    await expect(h.call('documents.preview', { id: doc.id })).rejects.toMatchObject({ code: 'PREVIEW_UNSUPPORTED' });
    expect(existsSync(zip)).toBe(true);
  });
});
