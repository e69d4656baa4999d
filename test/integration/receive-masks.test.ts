import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../../shared/contract';
import { parseRecipient } from '../../electron/core/formats/age';
import { makeBag } from '../../electron/core/formats/bagit';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { writePackage } from '../../electron/core/packages/package';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';

const promised = { method: 'discount', promise: '次年服务费九折', agreedFen: 12_345_00, paidFen: 2_345_00, owedFen: 10_000_00, agreedOn: '2026-10-01', dueOn: '2027-03-31', currency: 'CNY' };
const client = {
  code: 'S-1', name: '东方精密', type: 'company', industry: '制造业', region: '华东', city: '上海', address: '', owner: '', department: '', importance: '',
  tags: [], cooperationStart: '2020-01-01', annualRevenue: 1_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null,
  notes: '', contacts: [], commitments: [promised],
};

type Preview = { commitments: { code: string; promise: string; agreedFen: number | null; paidFen: number | null; owedFen: number | null; dueOn: string | null }[] };

describe('what the seller promised, on the buyer side, for a role that masks amounts (issue 19)', () => {
  it('previews and lists the commitments without a single amount, but with what was promised and by when', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    const keys = await buyer.call<{ ageRecipient: string }>('keys.show');
    const sender = generateSigningKey();
    const bag = makeBag([{ path: 'clients.json', data: Buffer.from(JSON.stringify([client])) }], [['External-Identifier', 'HO-9']]);
    const { bytes } = await writePackage(bag, [parseRecipient(keys.ageRecipient)!], sender, { handoverId: 'HO-9', created: '2026-11-22T00:00:00Z' });
    const file = join(tempDir(), 'seller.handover');
    writeFileSync(file, bytes);
    const [added] = await buyer.call<{ id: number; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(sender) });
    await buyer.call('keys.verifyCounterparty', { id: added!.id, how: 'in-person', fingerprint: added!.fingerprint });

    // The administrator sees the amounts.
    buyer.answers.choosePackageFile = [file];
    await buyer.call('dialog.choosePackageFile');
    const full = await buyer.call<Preview>('packages.preview', { file, jobId: 'job-admin' });
    expect(full.commitments).toEqual([expect.objectContaining({ code: 'S-1', agreedFen: 12_345_00, paidFen: 2_345_00, owedFen: 10_000_00 })]);

    // A receiving clerk whose role masks amounts.
    await buyer.call('roles.save', { name: 'receiver', label: '接收员', permissions: ['packages.receive', 'clients.read', 'clients.import'], masked: ['amounts'], scope: EMPTY_SCOPE });
    await buyer.call('users.add', { name: STAFF.userName, role: 'receiver', passphrase: STAFF.passphrase });
    await buyer.call('vault.lock');
    await buyer.call('vault.unlock', STAFF);
    buyer.answers.choosePackageFile = [file];
    await buyer.call('dialog.choosePackageFile');
    const masked = await buyer.call<Preview>('packages.preview', { file, jobId: 'job-clerk' });
    expect(masked.commitments).toEqual([{ code: 'S-1', name: '东方精密', method: 'discount', promise: '次年服务费九折', agreedFen: null, paidFen: null, owedFen: null, dueOn: '2027-03-31' }]);
    expect(JSON.stringify(masked)).not.toContain('1234500');

    // Imported, the client's received commitments stay masked for the clerk.
    await buyer.call('packages.import', { file, jobId: 'job-import' });
    const id = (await buyer.call<{ rows: { id: number }[] }>('clients.search', { text: 'S-1' })).rows[0]!.id;
    const received = await buyer.call<{ promise: string; agreedFen: number | null; owedFen: number | null }[]>('compensation.received', { clientId: id });
    expect(received).toEqual([expect.objectContaining({ promise: '次年服务费九折', agreedFen: null, owedFen: null })]);

    // Viewing them is logged: one entry naming the client, the handover and the count, never an amount.
    await buyer.call('vault.lock');
    await buyer.call('vault.unlock', ADMIN);
    const log = (await buyer.call<{ rows: { actor: string; target: string; details: Record<string, unknown> }[] }>('audit.query', { filter: { action: 'compensation.received' } })).rows;
    expect(log).toEqual([expect.objectContaining({ actor: STAFF.userName, target: 'S-1', details: { handovers: [expect.any(String)], commitments: 1, masked: true } })]);
    expect(auditDetailsText('zh-CN', log[0]!.details, 'compensation.received')).toMatch(/^接收的待履行承诺 1 条，来自交接项目：\S+（金额已脱敏）$/);
  });
});
