import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, type HandoverDetail } from '../../shared/contract';
import { formatRecipient, generateIdentity } from '../../electron/core/formats/age';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const CLERK = { userName: '刘出口', passphrase: 'export clerk passphrase 2026' };
const client = {
  code: 'E-001', name: '东方精密', type: 'company', industry: '制造业', region: '华东', city: '上海', address: '上海市浦东新区世纪大道100号', owner: '', department: '',
  importance: '', tags: [], cooperationStart: '2020-01-01', annualRevenue: 5_000_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null,
  notes: '', contacts: [{ name: '王芳', title: '', phones: ['+8613800138000'], emails: ['wang@dongfang.cn'] }],
};

/**
 * The attack: an administrator gives an "export clerk" role the rights to plan handovers and export packages,
 * but masks phones and e-mails — the clerk should never read them. A package carries every field unmasked, to
 * the keys the exporter names; with the plan right the clerk adds their own age key as the buyer's and verifies
 * it themselves (they read its fingerprint "back" to themselves), so the package would open with their own key,
 * outside the app, every phone and e-mail in it. Refused before anything is read or written, like a handover
 * holding clients outside the user's scope.
 */
describe('attack: a role with masked fields exporting the unmasked package', () => {
  it('refuses the package and the archive with HANDOVER_BEYOND_MASKS and writes nothing; an unmasked role is not refused for it', async () => {
    const h = makeCore();
    await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
    const clientId = (await h.call<{ id: number }>('clients.create', client)).id;
    await h.call('roles.save', {
      name: 'export_clerk', label: '出口专员', permissions: ['clients.read', 'handover.plan', 'packages.export'], masked: ['phones', 'emails'], scope: EMPTY_SCOPE,
    });
    await h.call('users.add', { name: CLERK.userName, role: 'export_clerk', passphrase: CLERK.passphrase });
    await h.call('vault.lock');

    await h.call('vault.unlock', CLERK);
    // The clerk sees the phone masked…
    const shown = await h.call<{ contacts: { phones: string[] }[] }>('clients.get', { id: clientId });
    expect(JSON.stringify(shown)).not.toContain('13800138000');
    // …but may make their own key the buyer's, verified by themselves.
    const own = generateIdentity();
    const keys = await h.call<{ id: number; fingerprint: string; key: string }[]>('keys.addCounterparty', { label: '北方收购集团', key: formatRecipient(own.publicKey) });
    const mine = keys.find((k) => k.key === formatRecipient(own.publicKey))!;
    await h.call('keys.verifyCounterparty', { id: mine.id, how: 'phone', fingerprint: mine.fingerprint });
    const d = await h.call<HandoverDetail>('handovers.create', { title: '华东交接', buyerName: '北方收购集团' });
    await h.call('handovers.update', { id: d.id, patch: { recipientKeys: [mine.id] } });
    await h.call('handovers.setScope', { id: d.id, scope: { mode: 'picked', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [clientId] } });

    const out = join(tempDir(), 'to-myself.handover');
    h.answers.chooseSaveTarget = [out, out];
    expect(await h.core.handle('handovers.export', { id: d.id, jobId: 'job-export', includeSelf: false })).toMatchObject({ ok: false, error: { code: 'HANDOVER_BEYOND_MASKS' } });
    expect(await h.core.handle('handovers.archive', { id: d.id })).toMatchObject({ ok: false, error: { code: 'HANDOVER_BEYOND_MASKS' } });
    expect(existsSync(out)).toBe(false);
    expect(h.answers.chooseSaveTarget).toHaveLength(2); // refused before the save dialog

    // The administrator (masks nothing) meets the usual conditions instead: here, the gates are not met yet.
    await h.call('vault.lock');
    await h.call('vault.unlock', ADMIN);
    expect(await h.core.handle('handovers.export', { id: d.id, jobId: 'job-export-2', includeSelf: false })).toMatchObject({ ok: false, error: { code: 'HANDOVER_GATES' } });
  });
});
