import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, MASKABLE_FIELDS, type ClientDetail, type ClientPage } from '../../shared/contract';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { clientsMatching } from '../../electron/core/clients/bulk';
import { csvText } from '../helpers/crm-files';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const EAST_STAFF = { userName: '华东主管', passphrase: 'east manager passphrase long' };
const MASKED_STAFF = { userName: '脱敏主管', passphrase: 'masked manager passphrase long' };

const client = (i: number, region: string, owner: string) => ({
  code: `K-${String(i).padStart(3, '0')}`, name: `${region}客户${i}`, type: 'company', industry: '制造业', region, city: '', address: '', owner, department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: i * 100_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '联系人', title: '', phones: [`+86138${String(i).padStart(8, '0')}`], emails: [] }],
});

type Entry = { action: string; details: Record<string, unknown> };

/** 30 华东 clients (25 of 张伟, 5 of 王芳) and 12 华北 ones of 张伟; a 华东-only manager who may edit; a manager who sees every field masked. */
async function setup() {
  const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  for (let i = 1; i <= 30; i++) await h.call('clients.create', client(i, '华东', i <= 25 ? '张伟' : '王芳'));
  for (let i = 31; i <= 42; i++) await h.call('clients.create', client(i, '华北', '张伟'));
  await h.call('roles.save', { name: 'east_manager', label: '华东主管', permissions: ['clients.read', 'clients.edit'], masked: [], scope: EMPTY_SCOPE });
  const east = await h.call<{ id: number }>('users.add', { name: EAST_STAFF.userName, role: 'east_manager', passphrase: EAST_STAFF.passphrase });
  await h.call('users.setScope', { userId: east.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
  await h.call('roles.save', { name: 'masked_manager', label: '脱敏主管', permissions: ['clients.read', 'clients.edit'], masked: [...MASKABLE_FIELDS], scope: EMPTY_SCOPE });
  await h.call('users.add', { name: MASKED_STAFF.userName, role: 'masked_manager', passphrase: MASKED_STAFF.passphrase });
  const as = async (who: { userName: string; passphrase: string }) => {
    await h.call('vault.lock');
    await h.call('vault.unlock', who);
  };
  const search = (q: Record<string, unknown>) => h.call<ClientPage>('clients.search', { limit: 500, ...q });
  const log = async (action: string) => (await h.call<{ rows: Entry[] }>('audit.query', { filter: { action }, limit: 500 })).rows;
  const byCode = async (code: string) => h.call<ClientDetail>('clients.get', { id: (await h.call<{ id: number }>('clients.byCode', { code })).id });
  return { h, as, search, log, byCode };
}

describe('the clients list\'s bulk actions over every match (issue 17)', () => {
  it('在职继承: all of 张伟\'s clients go to 李娜 in one call and one log entry, found at once by 李娜\'s pinyin', async () => {
    const { h, search, log } = await setup();
    const jobId = 'reassign-1';
    const r = await h.call('clients.reassignOwner', { jobId, clientIds: { matching: { owner: '张伟' } }, owner: '李娜' });
    expect(r).toEqual({ count: 37, changed: 37 });
    expect((await search({ owner: '李娜' })).total).toBe(37);
    expect((await search({ owner: '张伟' })).total).toBe(0);
    // The search index holds the new owner, by name and by pinyin (full and initials), and no longer the old one.
    expect((await search({ text: 'lina' })).total).toBe(37);
    expect((await search({ text: '李娜' })).total).toBe(37);
    expect((await search({ text: 'zhangwei' })).total).toBe(0);
    // Sorted by owner, the list reads the new owner too.
    const sorted = await search({ sort: 'owner', order: 'desc' });
    expect(sorted.rows.slice(0, 5).every((c) => c.owner === '王芳')).toBe(true);
    const entries = await log('clients.reassign-owner');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ count: 37, changed: 37, owner: '李娜', from: ['张伟'], owners: 1, selection: 'filter', filter: { owner: '张伟' } });
    expect(auditDetailsText('zh-CN', entries[0]!.details, 'clients.reassign-owner')).toBe('将 37 个客户的负责人从 张伟 改为 李娜；条件：负责人 张伟');
    expect(auditDetailsText('en', entries[0]!.details, 'clients.reassign-owner')).toBe('Owner of 37 clients changed from 张伟 to 李娜; chosen by filter: owner 张伟');
    // No entry per client: the one entry names the count and the criteria.
    expect(await log('client.update')).toHaveLength(0);
    // Progress went to the caller's job.
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === jobId && e.done === 37 && e.total === 37)).toBe(true);
  });

  it('a 华东-scoped manager moves only 华东 clients, even with "all matching"; a picked 华北 id answers like an unknown one and changes nothing', async () => {
    const { h, as, search, log } = await setup();
    await as(EAST_STAFF);
    const mine = await search({});
    expect(mine.total).toBe(30);
    const north = 31; // created 31st: a 华北 client of 张伟
    const refused = await h.core.handle('clients.reassignOwner', { jobId: 'reassign-2', clientIds: [mine.rows[0]!.id, north], owner: '李娜' });
    const unknown = await h.core.handle('clients.reassignOwner', { jobId: 'reassign-3', clientIds: [mine.rows[0]!.id, 9_999_999], owner: '李娜' });
    expect(refused).toEqual(unknown);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
    expect((await search({ owner: '李娜' })).total).toBe(0);
    const r = await h.call('clients.reassignOwner', { jobId: 'reassign-4', clientIds: { matching: { owner: '张伟' } }, owner: '李娜' });
    expect(r).toEqual({ count: 25, changed: 25 });
    await as(ADMIN);
    expect((await search({ owner: '张伟' })).rows.map((c) => c.region)).toEqual(Array(12).fill('华北'));
    expect(await log('clients.reassign-owner')).toHaveLength(1);
    // Tags and archive take the same road: 华北 stays as it was.
    await as(EAST_STAFF);
    expect(await h.call('clients.tag', { jobId: 'tag-job-1', clientIds: { matching: {} }, add: ['重点'], remove: [] })).toEqual({ count: 30, changed: 30 });
    expect(await h.call('clients.archiveMany', { jobId: 'archive-job-1', clientIds: { matching: { owner: '王芳' } }, archived: true })).toEqual({ count: 5, changed: 5 });
    await as(ADMIN);
    expect((await search({ tag: '重点', includeArchived: true })).total).toBe(30);
    expect((await search({ includeArchived: true })).rows.filter((c) => c.archived).map((c) => c.region)).toEqual(Array(5).fill('华东'));
  });

  it('"all matching" takes exactly the clients the list finds, for a scoped and a masked user too', async () => {
    const { h, as, search } = await setup();
    await h.call('clients.tag', { jobId: 'tag-job-0', clientIds: [1, 2, 33], add: ['重点'], remove: [] });
    await h.call('clients.archive', { id: 3, archived: true });
    const queries = [{}, { owner: '张伟' }, { text: '华北' }, { text: '客户1', region: '华东' }, { tag: '重点' }, { includeArchived: true }, { text: 'zw' }, { text: '138000000' }];
    for (const who of [ADMIN, EAST_STAFF, MASKED_STAFF]) {
      await as(who);
      const vault = h.core.openVaultForTests!;
      for (const q of queries) {
        const listed = (await search(q)).rows.map((c) => c.id).sort((a, b) => a - b);
        expect(clientsMatching(vault, q), `${who.userName} ${JSON.stringify(q)}`).toEqual(listed);
      }
    }
  });

  it('a scoped manager cannot move clients out of the segment they see: the whole action is refused', async () => {
    const { h, as, search, log } = await setup();
    await as(ADMIN);
    await h.call('roles.save', { name: 'own_only', label: '仅本人', permissions: ['clients.read', 'clients.edit'], masked: [], scope: EMPTY_SCOPE });
    const zw = await h.call<{ id: number }>('users.add', { name: '张伟', role: 'own_only', passphrase: 'zhang wei passphrase long' });
    await h.call('users.setScope', { userId: zw.id, scope: { ...EMPTY_SCOPE, ownOnly: true } });
    await as({ userName: '张伟', passphrase: 'zhang wei passphrase long' });
    expect((await search({})).total).toBe(37);
    const r = await h.core.handle('clients.reassignOwner', { jobId: 'reassign-5', clientIds: { matching: {} }, owner: '李娜' });
    expect(r).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    expect((await search({})).total).toBe(37);
    await as(ADMIN);
    expect(await log('clients.reassign-owner')).toHaveLength(0);
  });

  it('for a role with masked fields, "all matching" a search finds only what that role\'s list finds: a masked phone number selects nobody', async () => {
    const { h, as, search } = await setup();
    await as(MASKED_STAFF);
    const phone = '13800000007';
    expect((await search({ text: phone })).total).toBe(0);
    const none = await h.core.handle('clients.tag', { jobId: 'tag-job-2', clientIds: { matching: { text: phone } }, add: ['回访'], remove: [] });
    expect(none).toMatchObject({ ok: false, error: { code: 'NO_CLIENTS_MATCH' } });
    // A search on what the role does see works, and the result says nothing masked.
    const r = await h.call('clients.tag', { jobId: 'tag-job-3', clientIds: { matching: { text: '华北客户' } }, add: ['回访'], remove: [] });
    expect(r).toEqual({ count: 12, changed: 12 });
    await as(ADMIN);
    expect((await search({ tag: '回访' })).total).toBe(12);
    expect((await search({ text: phone })).total).toBe(1);
  });

  it('tags: adds and removes, leaves clients that already are so, refuses archived clients and the edit right\'s absence', async () => {
    const { h, search, log, byCode } = await setup();
    const ids = (await search({ region: '华北' })).rows.map((c) => c.id);
    await h.call('clients.tag', { jobId: 'tag-job-4', clientIds: ids.slice(0, 4), add: ['续约'], remove: [] });
    const r = await h.call('clients.tag', { jobId: 'tag-job-5', clientIds: ids, add: ['续约', '重点'], remove: [] });
    expect(r).toEqual({ count: 12, changed: 12 });
    expect((await byCode('K-031')).tags).toEqual(['续约', '重点']);
    expect(await h.call('clients.tag', { jobId: 'tag-job-6', clientIds: ids, add: [], remove: ['续约'] })).toEqual({ count: 12, changed: 12 });
    expect((await byCode('K-031')).tags).toEqual(['重点']);
    expect((await search({ text: '续约' })).total).toBe(0);
    expect((await search({ text: '重点' })).total).toBe(12);
    const entries = await log('clients.tag');
    expect(auditDetailsText('zh-CN', entries[0]!.details, 'clients.tag')).toBe('为 12 个客户移除标签 续约；逐个选择的客户');
    expect(auditDetailsText('zh-CN', entries[1]!.details, 'clients.tag')).toBe('为 12 个客户添加标签 续约、重点；逐个选择的客户');
    await h.call('clients.archive', { id: ids[0]!, archived: true });
    const archived = await h.core.handle('clients.tag', { jobId: 'tag-job-7', clientIds: ids, add: ['x'], remove: [] });
    expect(archived).toMatchObject({ ok: false, error: { code: 'CLIENTS_ARCHIVED', details: { count: 1 } } });
    const reassign = await h.core.handle('clients.reassignOwner', { jobId: 'reassign-6', clientIds: { matching: { region: '华北', includeArchived: true } }, owner: '李娜' });
    expect(reassign).toMatchObject({ ok: false, error: { code: 'CLIENTS_ARCHIVED' } });
    expect((await search({ owner: '李娜' })).total).toBe(0);
    // Archive the rest: one entry; the already archived one counts as unchanged.
    expect(await h.call('clients.archiveMany', { jobId: 'archive-job-2', clientIds: ids, archived: true })).toEqual({ count: 12, changed: 11 });
    const archiveEntry = (await log('clients.archive'))[0]!;
    expect(auditDetailsText('zh-CN', archiveEntry.details, 'clients.archive')).toBe('归档 12 个客户（其中 11 个有变化）；逐个选择的客户');
    expect((await search({ region: '华北' })).total).toBe(0);
    expect(await h.call('clients.archiveMany', { jobId: 'archive-job-3', clientIds: { matching: { region: '华北', includeArchived: true } }, archived: false })).toEqual({ count: 12, changed: 12 });
    expect((await search({ region: '华北' })).total).toBe(12);
    await h.call('roles.save', { name: 'reader', label: '只读', permissions: ['clients.read'], masked: [], scope: EMPTY_SCOPE });
    await h.call('users.add', { name: '只读用户', role: 'reader', passphrase: 'reader passphrase long enough' });
    await h.call('vault.lock');
    await h.call('vault.unlock', { userName: '只读用户', passphrase: 'reader passphrase long enough' });
    const forbidden = await h.core.handle('clients.archiveMany', { jobId: 'archive-job-4', clientIds: ids, archived: true });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

/** 2,500 clients imported (the bulk actions work in steps: BULK_EDIT_BATCH), all of 张伟. */
async function bigVault() {
  const h = makeCore(() => new Date('2026-11-30T09:00:00Z'));
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  const rows = [['客户编号', '客户名称', '区域', '负责人'], ...Array.from({ length: 2500 }, (_, i) => [`B-${String(i + 1).padStart(4, '0')}`, `批量客户${i + 1}`, '华东', '张伟'])];
  const file = join(tempDir(), 'bulk.csv');
  writeFileSync(file, csvText(rows));
  h.answers.chooseImportFile = [file];
  await h.call('dialog.chooseImportFile');
  const preview = await h.call<{ suggested: (string | null)[] }>('clients.importPreview', { file, encoding: 'auto' });
  await h.call('clients.importRun', { jobId: 'import-big', file, encoding: 'auto', mapping: preview.suggested, onDuplicate: 'skip' });
  return h;
}

describe('a bulk action on thousands of clients is all or nothing', () => {
  it('a failure in a later step rolls back the steps already written: no tag, no log entry', async () => {
    const h = await bigVault();
    const late = await h.call<{ id: number }>('clients.byCode', { code: 'B-2200' });
    const full = await h.call<ClientDetail>('clients.get', { id: late.id });
    const { id: _id, tier: _t, valueScore: _v, archived: _a, createdAt: _c, updatedAt: _u, transactions: _tr, communications: _co, masked: _m, ...draft } = full;
    await h.call('clients.update', { id: late.id, draft: { ...draft, tags: Array.from({ length: 30 }, (_, i) => `标签${i + 1}`) } });
    const r = await h.core.handle('clients.tag', { jobId: 'tag-big', clientIds: { matching: {} }, add: ['重点'], remove: [] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLIENT_TAGS_FULL', details: { limit: 30 } } });
    expect((await h.call<ClientPage>('clients.search', { tag: '重点' })).total).toBe(0);
    expect((await h.call<ClientPage>('clients.search', { text: '重点' })).total).toBe(0);
    expect((await h.call<{ total: number }>('audit.query', { filter: { action: 'clients.tag' } })).total).toBe(0);
    // Progress reached the caller between the steps before the failure.
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === 'tag-big' && e.done > 0 && e.done < 2500 && e.total === 2500)).toBe(true);
  });

  it('a cancel between steps leaves every client as it was; the same action then runs through', async () => {
    const h = await bigVault();
    const running = h.core.handle('clients.reassignOwner', { jobId: 'reassign-big', clientIds: { matching: { owner: '张伟' } }, owner: '李娜' });
    // The job holds the vault: other calls are turned away until it ends, the cancel gets through.
    expect(await h.core.handle('clients.search', {})).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(await h.core.handle('job.cancel', { jobId: 'reassign-big' })).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await h.call<ClientPage>('clients.search', { owner: '李娜' })).total).toBe(0);
    expect((await h.call<ClientPage>('clients.search', { owner: '张伟' })).total).toBe(2500);
    expect(await h.call('clients.reassignOwner', { jobId: 'reassign-big2', clientIds: { matching: { owner: '张伟' } }, owner: '李娜' })).toEqual({ count: 2500, changed: 2500 });
    expect((await h.call<ClientPage>('clients.search', { owner: '李娜' })).total).toBe(2500);
    const lina = await h.call<ClientPage>('clients.search', { text: 'ln 批量客户2499' });
    expect(lina.rows.map((c) => c.code)).toEqual(['B-2499']);
  });
});

describe('加入交接项目 from the clients list, over every match (issue 17)', () => {
  it('all of 张伟\'s 华东 clients join a handover in one call and one log entry; a 华东 manager adds only what they see', async () => {
    const { h, as, search, log } = await setup();
    const ho = await h.call<{ id: number; ref: string }>('handovers.create', { title: '华东业务转让', buyerName: '买方公司' });
    const r = await h.call('handovers.addClients', { jobId: 'add-job-1', handover: ho.id, clientIds: { matching: { owner: '张伟', region: '华东' } } });
    expect(r).toEqual({ count: 25, changed: 25 });
    const included = async () => (await h.call<{ included: number }>('handovers.get', { id: ho.id })).included;
    expect(await included()).toBe(25);
    // Again with every 华东 client: the 25 already in count as unchanged.
    expect(await h.call('handovers.addClients', { jobId: 'add-job-2', handover: ho.id, clientIds: { matching: { region: '华东' } } })).toEqual({ count: 30, changed: 5 });
    const entries = await log('handover.clients-add');
    expect(entries).toHaveLength(2);
    expect(auditDetailsText('zh-CN', entries[1]!.details, 'handover.clients-add')).toBe('将 25 个客户加入交接项目；条件：负责人 张伟，区域 华东');
    expect(auditDetailsText('en', entries[0]!.details, 'handover.clients-add')).toBe('30 clients added to the handover (5 changed); chosen by filter: region 华东');
    expect(h.events.some((e) => e.type === 'job.progress' && e.jobId === 'add-job-1' && e.done === 25 && e.total === 25)).toBe(true);
    // A 华东-scoped planner: "all matching" 张伟 is their 25, never the 12 华北 ones; a picked 华北 id answers like an unknown one.
    await h.call('roles.save', { name: 'east_planner', label: '华东交接', permissions: ['clients.read', 'handover.plan'], masked: [], scope: EMPTY_SCOPE });
    const planner = await h.call<{ id: number }>('users.add', { name: '华东交接', role: 'east_planner', passphrase: 'east planner passphrase long' });
    await h.call('users.setScope', { userId: planner.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    const other = await h.call<{ id: number }>('handovers.create', { title: '第二个项目', buyerName: '买方公司' });
    await as({ userName: '华东交接', passphrase: 'east planner passphrase long' });
    const north = (await h.core.handle('handovers.addClients', { jobId: 'add-job-3', handover: other.id, clientIds: [1, 31] }));
    expect(north).toEqual(await h.core.handle('handovers.addClients', { jobId: 'add-job-4', handover: other.id, clientIds: [1, 9_999_999] }));
    expect(north).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_FOUND' } });
    expect(await h.call('handovers.addClients', { jobId: 'add-job-5', handover: other.id, clientIds: { matching: { owner: '张伟' } } })).toEqual({ count: 25, changed: 25 });
    await as(ADMIN);
    const added = await h.call<{ rows: { code: string }[]; total: number }>('handovers.clients', { id: other.id, filter: 'included', text: '', offset: 0, limit: 100 });
    expect(added.total).toBe(25);
    expect((await search({ region: '华北' })).rows.some((c) => added.rows.some((a) => a.code === c.code))).toBe(false);
  });

  it('archived clients are refused whole; a cancel leaves the handover as it was', async () => {
    const { h, log } = await setup();
    const ho = await h.call<{ id: number }>('handovers.create', { title: '转让', buyerName: '买方' });
    await h.call('clients.archive', { id: 2, archived: true });
    const archived = await h.core.handle('handovers.addClients', { jobId: 'add-job-6', handover: ho.id, clientIds: { matching: { region: '华东', includeArchived: true } } });
    expect(archived).toMatchObject({ ok: false, error: { code: 'CLIENTS_ARCHIVED', details: { count: 1 } } });
    expect((await h.call<{ included: number }>('handovers.get', { id: ho.id })).included).toBe(0);
    expect(await log('handover.clients-add')).toHaveLength(0);
    const big = await bigVault();
    const hb = await big.call<{ id: number }>('handovers.create', { title: '大项目', buyerName: '买方' });
    const running = big.core.handle('handovers.addClients', { jobId: 'add-job-big', handover: hb.id, clientIds: { matching: {} } });
    expect(await big.core.handle('job.cancel', { jobId: 'add-job-big' })).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await big.call<{ included: number }>('handovers.get', { id: hb.id })).included).toBe(0);
    expect(await big.call('handovers.addClients', { jobId: 'add-job-big2', handover: hb.id, clientIds: { matching: {} } })).toEqual({ count: 2500, changed: 2500 });
  });
});
