import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CONTRACT, EMPTY_SCOPE, PERMISSIONS } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF } from '../helpers/temp';

describe('the router at the IPC boundary', () => {
  it('refuses unknown channels and malformed input with stable codes', async () => {
    const { core } = makeCore();
    expect(await core.handle('vault.dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await core.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await core.handle('vault.unlock', { userName: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'passphrase' } } });
    expect(await core.handle('vault.unlock', { userName: 'a', passphrase: 'b', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.handle('app.setLanguage', { language: 'fr' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.handle('vault.unlock', { userName: 'a', passphrase: 'x'.repeat(5000) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses every non-public channel while locked (generated from the contract)', async () => {
    const { core } = makeCore();
    const guarded = CHANNEL_NAMES.filter((c) => CONTRACT[c].access !== 'public');
    expect(guarded.length).toBeGreaterThan(5);
    for (const channel of guarded) {
      const r = await core.handle(channel, {});
      // input is checked first (so a wrong shape says INVALID_INPUT), then the lock
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(['VAULT_LOCKED', 'INVALID_INPUT'], channel).toContain(r.error.code);
    }
  });

  const draft = {
    code: 'X1', name: 'X', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '',
    tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
  };
  const importOptions = { file: '/tmp/x.csv', encoding: 'auto', mapping: ['name'], onDuplicate: 'skip' };
  /** A valid input for every guarded channel, so the refusal is about rights, not shape. */
  const samples: Record<string, unknown> = {
    'users.list': {},
    'users.add': { name: 'x', role: 'admin', passphrase: 'long enough passphrase' },
    'users.setDisabled': { userId: 1, disabled: true },
    'vault.backup': { jobId: 'job-12345' },
    'dialog.chooseImportFile': {},
    'clients.search': {},
    'clients.facets': {},
    'clients.get': { id: 1 },
    'clients.create': draft,
    'clients.update': { id: 1, draft },
    'clients.archive': { id: 1, archived: true },
    'clients.importPreview': { file: '/tmp/x.csv', encoding: 'auto' },
    'clients.importCheck': importOptions,
    'clients.importRun': { ...importOptions, jobId: 'job-12345' },
    'clients.saveRejected': { ...importOptions, language: 'en' },
    'clients.export': { query: {}, format: 'csv' },
    'dialog.chooseDocumentFile': {},
    'documents.list': { clientId: 1 },
    'documents.attach': { jobId: 'job-12345', clientId: 1, file: '/tmp/x.pdf' },
    'documents.export': { jobId: 'job-12345', id: 1 },
    'documents.preview': { id: 1 },
    'clients.value': {},
    'clients.setValueWeights': { revenue: 1, profit: 1, satisfaction: 1, renewal: 1, years: 1 },
    'clients.addTransaction': { clientId: 1, kind: 'contract', ref: 'HT-1', date: null, amount: null, currency: 'CNY', status: '' },
    'clients.addCommunication': { clientId: 1, date: '2026-01-01', channel: 'phone', summary: 'x' },
    'clients.updateTransaction': { id: 1, clientId: 1, kind: 'contract', ref: 'HT-1', date: null, amount: null, currency: 'CNY', status: '' },
    'clients.updateCommunication': { id: 1, clientId: 1, date: '2026-01-01', channel: 'phone', summary: 'x' },
    'clients.removeEntry': { clientId: 1, entry: 'transaction', id: 1 },
    'clients.purge': { id: 1, confirmCode: 'X1' },
    'clients.savedFilters': {},
    'clients.saveFilter': { name: 'x', filter: {} },
    'clients.deleteFilter': { name: 'x' },
    'clients.reveal': { id: 1, path: 'address', reason: 'checking' },
    'roles.list': {},
    'roles.save': { name: 'x_role', label: '', permissions: [], masked: [], scope: EMPTY_SCOPE },
    'roles.delete': { name: 'x_role' },
    'users.setRole': { userId: 1, role: 'admin' },
    'users.setScope': { userId: 1, scope: EMPTY_SCOPE },
    'audit.query': { filter: {} },
    'audit.stats': { filter: {} },
    'audit.facets': {},
    'dialog.chooseAuditFolder': { purpose: 'audit-export' },
    'dialog.chooseKeyFile': { kind: 'public-key' },
    'audit.export': { jobId: 'job-12345', dir: '/tmp' },
    'audit.verify': { dir: '/tmp' },
    'dialog.choosePackageFile': {},
    'keys.addCounterparty': { label: 'Buyer', key: 'age1x' },
    'keys.verifyCounterparty': { id: 1, how: 'phone', fingerprint: 'x' },
    'keys.removeCounterparty': { id: 1 },
    'packages.inspect': { file: '/tmp/x.handover' },
    'packages.preview': { file: '/tmp/x.handover' },
    'packages.import': { file: '/tmp/x.handover' },
    'packages.receipt': { file: '/tmp/x.handover', organisation: 'Buyer' },
    'handovers.list': {},
    'handovers.get': { id: 1 },
    'handovers.create': { title: 'T', buyerName: 'B' },
    'handovers.update': { id: 1, patch: { title: 'T2' } },
    'handovers.scopePreview': { scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } },
    'handovers.setScope': { id: 1, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } },
    'handovers.clients': { id: 1 },
    'handovers.setIncluded': { id: 1, clientIds: [1], included: false, reason: 'x' },
    'handovers.setArrangement': { id: 1, clientIds: [1], receivingOwner: '', arrangement: '', negotiation: '' },
    'dialog.chooseHandoverFile': {},
    'handovers.addNda': { id: 1, parties: 'A, B', signedOn: '2026-01-01', expiresOn: null, scope: '', file: null },
    'handovers.removeNda': { id: 1, ndaId: 1 },
    'handovers.saveRisk': { id: 1, riskId: null, risk: { title: 'Leak', category: 'information-leak', likelihood: 3, impact: 4, mitigation: '', owner: '', status: 'open', reviewOn: null } },
    'handovers.removeRisk': { id: 1, riskId: 1 },
    'handovers.applyTemplate': { id: 1, template: 'prc' },
    'handovers.saveCheck': { id: 1, itemId: null, item: { title: 'x', owner: '', status: 'open', evidence: '' }, file: null },
    'handovers.removeCheck': { id: 1, itemId: 1 },
    'handovers.generateNotices': { id: 1, jobId: 'job-000001', clientIds: null },
    'handovers.noticePdf': { id: 1, clientId: 1 },
    'handovers.recordNotices': { id: 1, clientIds: [1], status: 'sent', channel: 'letter', date: '2026-01-01', note: '' },
    'handovers.decide': { id: 1, clientIds: [1], decision: 'keep' },
    'handovers.backup': { id: 1, jobId: 'job-000001' },
    'handovers.submit': { id: 1 },
    'handovers.approve': { id: 1, comment: '' },
    'handovers.override': { id: 1, gate: 'notices', reason: 'a written reason' },
    'handovers.followup': { id: 1, clientId: 1, date: '2026-01-01', outcome: 'retained', satisfaction: null, note: '' },
    'handovers.report': { id: 1, language: 'en' },
    'handovers.close': { id: 1 },
    'handovers.export': { id: 1, jobId: 'job-000001', includeSelf: false },
    'handovers.importReceipt': { id: 1, file: '/tmp/x.receipt' },
    'handovers.archive': { id: 1 },
  };

  it('refuses every permission-guarded channel to a user whose role grants nothing', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('roles.save', { name: 'no_rights', label: 'No rights', permissions: [], masked: [], scope: EMPTY_SCOPE });
    await call('users.add', { name: STAFF.userName, role: 'no_rights', passphrase: STAFF.passphrase });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
    const guarded = CHANNEL_NAMES.filter((c) => !['public', 'unlocked'].includes(CONTRACT[c].access));
    for (const channel of guarded) {
      expect(samples, `add a sample input for ${channel}`).toHaveProperty([channel]);
      expect(await core.handle(channel, samples[channel]), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('takes each permission away at once: with all rights but one, exactly that one\'s channels are refused', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    await call('roles.save', { name: 'probe', label: '', permissions: [...PERMISSIONS], masked: [], scope: EMPTY_SCOPE });
    await call('users.add', { name: STAFF.userName, role: 'probe', passphrase: STAFF.passphrase });
    await call('vault.lock');
    await call('vault.unlock', STAFF);
    // users.manage last: the probe edits its own role, and loses that right only at the end.
    const order = [...PERMISSIONS.filter((p) => p !== 'users.manage'), 'users.manage' as const];
    for (const missing of order) {
      await call('roles.save', { name: 'probe', label: '', permissions: PERMISSIONS.filter((p) => p !== missing), masked: [], scope: EMPTY_SCOPE });
      for (const channel of CHANNEL_NAMES.filter((c) => CONTRACT[c].access === missing)) {
        expect(await core.handle(channel, samples[channel]), `${channel} without ${missing}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      if (missing !== 'users.manage') await call('roles.save', { name: 'probe', label: '', permissions: [...PERMISSIONS], masked: [], scope: EMPTY_SCOPE });
    }
    // And the change is in the log with before and after.
    const db = core.openVaultForTests!.db;
    const change = db.prepare("SELECT details FROM access_log WHERE action = 'role.update' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(change)).toMatchObject({ before: { permissions: expect.arrayContaining(['users.manage']) }, after: { permissions: expect.not.arrayContaining(['users.manage']) } });
  });

  it('takes a disabled user\'s session away at their next call', async () => {
    const admin = makeCore();
    await admin.call('vault.create', { dir: admin.vaultDir, ...ADMIN });
    const staff = await admin.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await admin.call('vault.lock');
    await admin.call('vault.unlock', STAFF);
    // Simulate a second admin session disabling the staff user in the database.
    admin.core.openVaultForTests!.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(staff.id);
    await expect(admin.call('vault.security')).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(admin.events).toContainEqual({ type: 'vault.locked', reason: 'manual' });
  });

  it('never answers with more than the contract allows', async () => {
    const { core, call, vaultDir } = makeCore();
    await call('vault.create', { dir: vaultDir, ...ADMIN });
    const r = await core.handle('vault.security', {});
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    // no key material, no SQL, no slot secrets in what the renderer receives
    expect(text).not.toMatch(/wrapped|nonce|salt|dataKey|SELECT/i);
  });

  it('remembers the language across restarts', async () => {
    const h = makeCore();
    await h.call('app.setLanguage', { language: 'en' });
    const { HandoverCore } = await import('../../electron/core/core');
    const again = new HandoverCore({ appDataDir: h.appDataDir, platform: {} as never, emit: () => {} });
    expect(await again.handle('app.info', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    again.dispose();
  });
});
