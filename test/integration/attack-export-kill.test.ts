import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientDraft, HandoverDetail } from '../../shared/contract';
import { clientStatements, insertClient } from '../../electron/core/clients/store';
import { attachDocument } from '../../electron/core/documents/documents';
import { formatRecipient, generateIdentity, type AgeIdentity } from '../../electron/core/formats/age';
import { approveHandover, createHandover, overrideGate, setScope, submitHandover, updateHandover } from '../../electron/core/handovers/plan';
import { addNda, applyTemplate, completeChecklist } from '../../electron/core/handovers/records';
import { silentJob } from '../../electron/core/jobs/jobs';
import { addCounterpartyKey, verifyCounterpartyKey } from '../../electron/core/keys/counterparties';
import { openPackage } from '../../electron/core/packages/package-open';
import { checkVault } from '../../electron/core/vault/check';
import { makeCore } from '../helpers/core';
import { testChild } from '../helpers/cli-bins';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The attack: a real package export (handovers.export: documents read and sealed on the reader thread, the
 * clients' text made on its own thread, everything written by the package's writer thread) killed with
 * SIGKILL — a power cut, a killed task — at several points: early (every thread at work), half-way, near
 * the end, and at the rename of the finished temp file, after the export was recorded in the vault.
 * Each time: no partial package at the chosen path; the temp file beside it holds no client's text in the
 * clear, nor does the child's temp folder or the vault folder; the next unlock removes the temp file (or,
 * when the export was recorded, puts the package in place); the vault opens and `vault check` passes.
 */
const now = () => new Date('2026-11-30T09:00:00Z');
const CLIENTS = 3000;
/** Plaintext that must never reach the disk outside the encrypted vault: a client's name and phone. */
const CANARY_NAME = '红队金丝雀精密制造有限公司';
const CANARY_PHONE = '+8613912345678';

const draft = (i: number): ClientDraft => ({
  code: `K${String(i).padStart(5, '0')}`, name: i === 7 ? CANARY_NAME : `华信客户${i}`, type: 'company', industry: '制造业', region: '华东', city: '上海',
  address: `浦东新区张江路${i}号`, owner: '张伟', department: '', importance: '', tags: [], cooperationStart: '2019-07-03', annualRevenue: 100_000_00,
  grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [{ name: `联系人${i}`, title: '经理', phones: [i === 7 ? CANARY_PHONE : '+8613800138000'], emails: [] }],
});

function runChild(appDataDir: string, handoverId: number, out: string, point: string, childTmp: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  const args = [testChild('export-kill-child'), appDataDir, ADMIN.userName, ADMIN.passphrase, String(handoverId), out, point];
  // Its own temp folder, so that anything it writes there is seen (other tests share the system's).
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: childTmp } });
  let printed = '';
  child.stdout.on('data', (d: Buffer) => (printed += d.toString()));
  child.stderr.on('data', (d: Buffer) => (printed += d.toString()));
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, out: printed })));
}

const holdsCanary = (b: Buffer) => [CANARY_NAME, CANARY_PHONE, '华信客户1'].some((s) => b.includes(Buffer.from(s)));

describe('attack: killing a real package export', () => {
  let template = '';
  let handoverId = 0;
  let buyer!: AgeIdentity;
  beforeAll(async () => {
    const h = makeCore(now);
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const vault = h.core.openVaultForTests!;
    vault.db.transaction(() => {
      const s = clientStatements(vault.db);
      for (let i = 1; i <= CLIENTS; i++) insertClient(s, draft(i), now().toISOString());
    })();
    // Three 4 MiB documents: the export streams about 12 MiB, so the shares land on different progress events.
    const docFile = join(tempDir(), 'scan.bin');
    writeFileSync(docFile, randomBytes(4 * 1024 * 1024));
    for (const clientId of [1, 7, 2000]) await attachDocument(vault, clientId, docFile, silentJob(), now);
    // An approved handover of every client, every gate holding (as the package bench makes it).
    buyer = generateIdentity();
    const ho = createHandover(vault, { title: '华东业务转让', buyerName: '北方收购集团' }, now);
    const keys = addCounterpartyKey(vault, '北方收购', formatRecipient(buyer.publicKey), now);
    verifyCounterpartyKey(vault, keys[0]!.id, 'in-person', keys[0]!.fingerprint, now);
    updateHandover(vault, ho.id, { recipientKeys: [keys[0]!.id] }, now);
    setScope(vault, ho.id, { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] }, now);
    const nda = join(tempDir(), 'nda.pdf');
    writeFileSync(nda, '%PDF-1.4 signed NDA');
    addNda(vault, ho.id, { parties: '卖方 / 北方收购集团', signedOn: '2026-10-01', expiresOn: null, scope: '全部', file: nda }, now);
    applyTemplate(vault, ho.id, 'prc', now);
    completeChecklist(vault, ho.id, 'all', '法务意见书', now);
    overrideGate(vault, ho.id, 'notices', '红队测试：不发送通知', now);
    vault.db.prepare('UPDATE handovers SET backup = ? WHERE id = ?').run(JSON.stringify({ file: 'b.hvbackup', sha256: '0'.repeat(64), at: now().toISOString(), by: 'x' }), ho.id);
    submitHandover(vault, ho.id, now);
    for (const name of ['审批人一', '审批人二']) approveHandover({ ...vault, user: { ...vault.user, name } }, ho.id, '', now);
    handoverId = ho.id;
    await h.call('vault.lock');
    template = mkdtempSync(join(tmpdir(), 'hv-export-kill-'));
    cpSync(h.vaultDir, join(template, 'vault'), { recursive: true });
    h.core.dispose();
  }, 120_000);
  afterAll(() => rmSync(template, { recursive: true, force: true }));

  async function killAt(point: string) {
    const h = makeCore(now);
    cpSync(join(template, 'vault'), h.vaultDir, { recursive: true });
    const folder = tempDir('hv-export-kill-out-');
    const childTmp = tempDir('hv-export-kill-tmp-');
    const out = join(folder, 'HO-2026-001.handover');
    const { signal, out: printed } = await runChild(h.appDataDir, handoverId, out, point, childTmp);
    expect(signal).toBe('SIGKILL');
    expect(printed).toMatch(point === 'rename' ? /^at rename$/m : /^at \d+\/\d+$/m);
    expect(printed).not.toContain('finished');
    // Nothing at the chosen path; the temp file beside it is the package's encrypted bytes, no client's text in the clear.
    expect(existsSync(out)).toBe(false);
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.HO-2026-001\.handover\.[0-9a-f]{12}\.tmp$/);
    expect(holdsCanary(readFileSync(join(folder, left[0]!)))).toBe(false);
    // Nothing in the child's temp folder; in the vault folder only the vault's own files and the record of the export in progress.
    expect(readdirSync(childTmp)).toEqual([]);
    for (const f of readdirSync(h.vaultDir)) expect(f).toMatch(/^vault\.(db|db-wal|db-shm|slots\.json|exports\.json)$/);
    await h.call('vault.unlock', ADMIN);
    expect(checkVault(h.core.openVaultForTests!)).toMatchObject({ ok: true, integrity: 'ok' });
    return { h, folder, out };
  }

  it.each(['0.02', '0.5', '0.95'])('killed at %s of its bytes: no package, the temp file gone at the next unlock, the vault checks, and the export then runs through', async (point) => {
    const { h, folder, out } = await killAt(point);
    expect(readdirSync(folder)).toEqual([]);
    expect(existsSync(join(h.vaultDir, 'vault.exports.json'))).toBe(false);
    expect((await h.call<HandoverDetail>('handovers.get', { id: handoverId })).status).toBe('approved');
    if (point !== '0.5') return;
    h.answers.chooseSaveTarget = [out];
    await h.call('handovers.export', { id: handoverId, jobId: 'export-again', includeSelf: false });
    const opened = await openPackage(readFileSync(out), [buyer]);
    expect(JSON.parse(opened.files.find((f) => f.path === 'data/clients.json')!.data.toString())).toHaveLength(CLIENTS);
    h.core.dispose();
  }, 120_000);

  it('killed at the rename, after the export was recorded: the next unlock puts the whole package in place, and it opens', async () => {
    const { h, folder, out } = await killAt('rename');
    const detail = await h.call<HandoverDetail>('handovers.get', { id: handoverId });
    // The vault says the package went out (it cannot be exported again): it must exist.
    expect(detail.status).toBe('exported');
    expect(readdirSync(folder)).toEqual(['HO-2026-001.handover']);
    const opened = await openPackage(readFileSync(out), [buyer]);
    expect(opened.info.packageId).toBe(detail.package!.packageId);
    expect(JSON.parse(opened.files.find((f) => f.path === 'data/clients.json')!.data.toString())).toHaveLength(CLIENTS);
    h.core.dispose();
  }, 120_000);
});
