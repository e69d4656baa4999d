import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HandoverDetail, type Workbench } from '../../shared/contract';
import { addDays, dayOf, daysBetween, localDay } from '../../shared/dates';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * "Today" is the day on the user's calendar (shared/dates.ts), in core, PDFs and lists alike. Node applies a
 * change of process.env.TZ at once (and re-reads it for SQLite's 'localtime'), so each block runs in its zone;
 * the clock is fixed, never the wall clock.
 */
function inZone(tz: string) {
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
}

const client = (code: string, name: string) => ({
  code, name, type: 'company', industry: '制造业', region: '华南', city: '广州', address: '', owner: '张伟', department: '', importance: '',
  tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});
const NO_FILTER = { tiers: [], regions: [], industries: [], owners: [], tags: [] };
const BUYER = { name: '北方收购集团', contact: '赵敏', phone: '010-8888 6666', email: '', address: '', overseas: false };

/** A vault at a fixed moment with one handover per notice start day (a six-week window each), and their reports' first lines. */
async function vaultAt(now: Date, startDays: string[]) {
  const h = makeCore(() => now);
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  await h.call('clients.create', client('C-1', '东方客户'));
  const ids: number[] = [];
  for (const [i, startDate] of startDays.entries()) {
    const { id } = await h.call<{ id: number }>('handovers.create', { title: `华南业务转让 ${i + 1}`, buyerName: BUYER.name });
    await h.call('handovers.setScope', { id, scope: { mode: 'filter', filter: NO_FILTER, picked: [] } });
    await h.call('handovers.update', { id, patch: { buyer: BUYER, notice: { startDate, effectiveDate: '2027-01-01', objectionWeeks: 6, sellerContact: '法务部' } } });
    ids.push(id);
  }
  const report = async (id: number, language: 'zh-CN' | 'en') => {
    const path = join(tempDir(), `report-${language}.pdf`);
    h.answers.chooseSaveTarget = [path];
    await h.call('handovers.report', { id, language });
    return spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  };
  return { ...h, ids, report };
}

describe('in Beijing at 01:30 on 1 December (17:30 UTC the day before), today is 1 December', () => {
  inZone('Asia/Shanghai');
  const now = new Date('2026-11-30T17:30:00Z');

  it('the day rules name the local day; a stored day never shifts', () => {
    expect(localDay(now)).toBe('2026-12-01');
    expect(dayOf('2026-11-30T17:30:00.000Z')).toBe('2026-12-01');
    expect(dayOf('2026-11-30')).toBe('2026-11-30');
    expect(addDays('2026-10-20', 42)).toBe('2026-12-01');
    expect(daysBetween('2026-11-12', '2026-12-01')).toBe(19);
  });

  it('an objection window ending 1 December closes today (0 days), one that ended 30 November is closed, overdue counts are from 1 December, and the report is dated 2026年12月1日', async () => {
    // Windows end 2026-12-01 (today), 2026-11-30 (yesterday here, still today in UTC) and 2026-11-12 (19 days ago).
    const h = await vaultAt(now, ['2026-10-20', '2026-10-19', '2026-10-01']);
    const [today, yesterday, long] = h.ids as [number, number, number];
    // The long-closed window keeps a sent, unanswered notice: it stays on the list as overdue.
    const [c1] = (await h.call<{ rows: { clientId: number }[] }>('handovers.clients', { id: long, filter: 'included', offset: 0, limit: 20 })).rows.map((r) => r.clientId);
    h.answers.chooseFolder = [tempDir()];
    await h.call('handovers.generateNotices', { id: long, jobId: 'job-local-day-notice', clientIds: [c1] });
    await h.call('handovers.recordNotices', { id: long, clientIds: [c1], status: 'sent', channel: 'letter', date: '2026-10-02', note: '' });
    const w = await h.call<Workbench>('workbench.summary');
    const days = Object.fromEntries(w.objections.map((o) => [o.handoverId, o.days]));
    expect(days[today]).toBe(0);
    expect(days[long]).toBe(-19);
    const d = (id: number) => h.call<HandoverDetail>('handovers.get', { id });
    expect((await d(today)).notices).toMatchObject({ deadline: '2026-12-01', windowClosed: false });
    expect((await d(yesterday)).notices).toMatchObject({ deadline: '2026-11-30', windowClosed: true });

    const zh = await h.report(today, 'zh-CN');
    expect(zh).toContain('生成时间：2026年12月1日');
    expect(zh).toContain('创建人：Alice Admin，2026年12月1日');
    expect(await h.report(today, 'en')).toContain('Generated: 1 December 2026');

    // The access log's chart counts today's entries on today's bar.
    const stats = await h.call<{ byDay: { key: string; count: number }[] }>('audit.stats', { filter: {} });
    expect(stats.byDay.map((b) => b.key)).toEqual(['2026-12-01']);
  });
});

describe('in New York at 22:30 on 30 November (03:30 UTC on 1 December), today is still 30 November', () => {
  inZone('America/New_York');
  const now = new Date('2026-12-01T03:30:00Z');

  it('a window ending 30 November is still open today and the report is dated 30 November', async () => {
    expect(localDay(now)).toBe('2026-11-30');
    const h = await vaultAt(now, ['2026-10-19']);
    const [id] = h.ids as [number];
    expect((await h.call<HandoverDetail>('handovers.get', { id })).notices).toMatchObject({ deadline: '2026-11-30', windowClosed: false });
    const w = await h.call<Workbench>('workbench.summary');
    expect(w.objections).toEqual([expect.objectContaining({ handoverId: id, days: 0 })]);
    expect(await h.report(id, 'zh-CN')).toContain('生成时间：2026年11月30日');
    const stats = await h.call<{ byDay: { key: string }[] }>('audit.stats', { filter: {} });
    expect(stats.byDay.map((b) => b.key)).toEqual(['2026-11-30']);
  });
});
