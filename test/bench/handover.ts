import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { ClientDraft } from '../../shared/contract';
import { noticeText } from '../../shared/i18n/handover';
import { clientStatements, insertClient } from '../../electron/core/clients/store';
import { generateNotices, renderNotice } from '../../electron/core/handovers/notices';
import { createHandover, setScope, updateHandover } from '../../electron/core/handovers/plan';
import { silentJob } from '../../electron/core/jobs/jobs';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { median, printTable, timeAsync, timeIt, type Figure } from './table';

const now = () => new Date();
const CLIENTS = 100_000;
const NOTICES = 5_000;
const REGIONS = ['华东', '华南', '华北', '西南', '东北', '西北', '华中'];
const INDUSTRIES = ['制造业', '零售', '物流', '金融', '医疗'];

const draft = (i: number): ClientDraft => ({
  code: `B${String(i).padStart(6, '0')}`, name: `${['东方', '南海', '北辰', '华信', '长城'][i % 5]}客户${i}`, type: i % 9 === 0 ? 'individual' : 'company',
  industry: INDUSTRIES[i % INDUSTRIES.length]!, region: REGIONS[i % REGIONS.length]!, city: '', address: '', owner: `staff-${i % 40}`, department: '', importance: '',
  tags: i % 10 === 0 ? ['重点'] : [], cooperationStart: '2019-07-03', annualRevenue: (i % 13 + 1) * 100_000_00, grossProfit: null, currency: 'CNY',
  renewalRate: null, satisfaction: null, notes: '', contacts: [{ name: `联系人${i}`, title: '', phones: ['+8613800138000'], emails: [] }],
});

/** The notice's text as one printable HTML page, for the browser peer. */
function noticeHtml(i: number): string {
  const parts = noticeText({ ref: `HO-1/B${i}`, client: `东方客户${i}`, contact: '联系人', buyer: '北方收购集团', buyerContact: '刘经理, +86 10 8888 8888', effective: '2027-01-15', deadline: '2027-01-04', sellerContact: '张伟 021-5555 0000' });
  return `<!doctype html><meta charset="utf-8"><body style="font-family:sans-serif;margin:56px">${parts.map((p) => `<h2>${p.title}</h2>${p.paragraphs.map((x) => `<p>${x.replace(/\n/g, '<br>')}</p>`).join('')}`).join('')}</body>`;
}

export async function benchHandover(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'hv-bench-handover-'));
  try {
    const { vault } = await createVault({ dir: join(root, 'vault'), userName: 'bench', passphrase: 'benchmark passphrase for the vault', now });
    const at = now().toISOString();
    vault.db.transaction(() => {
      const s = clientStatements(vault.db);
      for (let i = 1; i <= CLIENTS; i++) insertClient(s, draft(i), at);
    })();

    // Scope of 100,000 clients: the live count and revenue the wizard shows, and saving it (materialised per client).
    const h = createHandover(vault, { title: 'bench', buyerName: '北方收购集团' }, now);
    const all = { mode: 'filter' as const, filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] };
    const east = { ...all, filter: { ...all.filter, regions: ['华东', '华南'], industries: ['制造业', '零售', '物流'] } };
    const { measureScope } = await import('../../electron/core/handovers/scope');
    const { accessOf } = await import('../../electron/core/roles/authz');
    const access = accessOf(vault);
    measureScope(vault.db, all, access); // warm
    const resolveAll = median(Array.from({ length: 9 }, () => timeIt(() => measureScope(vault.db, all, access))));
    const resolveEast = median(Array.from({ length: 9 }, () => timeIt(() => measureScope(vault.db, east, access))));
    const floor = median(Array.from({ length: 9 }, () => timeIt(() => vault.db.prepare('SELECT count(*), sum(annual_revenue) FROM clients').get())));
    const saveMs = timeIt(() => setScope(vault, h.id, all, now));
    const copyMs = timeIt(() => vault.db.exec('CREATE TEMP TABLE peer_copy AS SELECT ? AS h, id FROM clients WHERE archived = 0'.replace('?', '1')));

    // 5,000 notices as PDF, written to a folder with their SHA-256 recorded.
    const picked = { mode: 'picked' as const, filter: all.filter, picked: Array.from({ length: NOTICES }, (_, i) => i + 1) };
    setScope(vault, h.id, picked, now);
    updateHandover(vault, h.id, {
      buyer: { name: '北方收购集团', contact: '刘经理', phone: '+86 10 8888 8888', email: '', address: '', overseas: false },
      notice: { startDate: '2026-11-23', effectiveDate: '2027-01-15', objectionWeeks: 6, sellerContact: '张伟 021-5555 0000' },
    }, now);
    const out = join(root, 'notices');
    mkdirSync(out);
    const noticesMs = await timeAsync(() => generateNotices(vault, h.id, out, null, silentJob(), now));
    const oneMs = median(Array.from({ length: 50 }, (_, i) => timeIt(() => renderNotice({ ref: `HO/${i}`, client: `客户${i}`, contact: '联系人', buyer: '北方', buyerContact: '刘', effective: '2027-01-15', deadline: '2027-01-04', sellerContact: '张伟' }))));
    lockVault(vault, 'manual', now);

    // Peer: the same notice printed by Chromium (what the shell's print path would cost), per notice.
    let peerPerNotice = Number.NaN;
    const exe = process.env.HANDOVER_CHROMIUM ?? '/usr/bin/chromium';
    if (existsSync(exe)) {
      const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
      const page = await browser.newPage();
      await page.setContent(noticeHtml(0));
      await page.pdf({ format: 'A4' });
      const times: number[] = [];
      for (let i = 1; i <= 30; i++) times.push(await timeAsync(async () => { await page.setContent(noticeHtml(i)); await page.pdf({ format: 'A4' }); }));
      peerPerNotice = median(times);
      await browser.close();
    }
    const perSec = NOTICES / (noticesMs / 1000);
    console.log(`\nhandover: ${CLIENTS.toLocaleString('en')} clients; scope of all resolves in ${resolveAll.toFixed(1)} ms, a 2-region x 3-industry filter in ${resolveEast.toFixed(1)} ms; saving a 100k scope ${saveMs.toFixed(0)} ms`);
    console.log(`notices: ${NOTICES.toLocaleString('en')} PDFs in ${(noticesMs / 1000).toFixed(2)} s = ${perSec.toFixed(0)} notices/s (one notice ${oneMs.toFixed(2)} ms to render; Chromium prints one in ${peerPerNotice.toFixed(1)} ms)`);
    return [
      { name: 'scope of 100,000 clients: count + revenue', ours: resolveAll, peer: 200, unit: 'ms', peerName: 'the 200 ms goal', better: 'lower', goal: '< 200 ms' },
      { name: 'the same, against a bare count+sum', ours: resolveAll, peer: floor, unit: 'ms', peerName: 'SELECT count(*), sum(revenue) on the same db', better: 'lower' },
      { name: 'save a 100,000-client scope (per-client rows)', ours: saveMs, peer: copyMs, unit: 'ms', peerName: 'CREATE TABLE AS SELECT ids, same db', better: 'lower' },
      { name: `${NOTICES.toLocaleString('en')} notice PDFs (write + SHA-256 + record)`, ours: noticesMs / 1000, peer: (peerPerNotice * NOTICES) / 1000, unit: 's', peerName: 'Chromium page.pdf of the same notice x 5,000 (30 measured)', better: 'lower' },
      { name: 'notices per second', ours: perSec, peer: 1000 / peerPerNotice, unit: '/s', peerName: 'Chromium printing', better: 'higher' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runHandover(): Promise<void> {
  printTable('Handover wizard (issue 5)', await benchHandover());
}
