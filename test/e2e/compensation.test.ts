import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openPackage } from '../../electron/core/packages/package';
import { vaultAgeIdentity } from '../../electron/core/keys/vault-keys';
import { makeCore } from '../helpers/core';
import { makePdf } from '../helpers/pdf';
import { tempDir } from '../helpers/temp';
import { type AppUnderTest, describeInChromium } from './harness';
import { openClients, typeDay } from './nav';
import { settled, sidewaysOverflow } from './settled';

const ADMIN = { name: 'Alice', pass: 'correct horse battery staple' };
const APPROVER1 = { name: '陈合规', pass: 'compliance one 长江 黄河' };
const APPROVER2 = { name: '周审批', pass: 'compliance two passphrase' };
const BUYER = { userName: '北方收购', passphrase: 'buyer passphrase long enough' };
/** This machine is shared: Argon2 unlocks and a 100-client export take their time; the checks wait, they do not time anything. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 90_000, interval: 250 });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function ok<T = unknown>(app: { core: { handle(c: string, i: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> } }, channel: string, input: unknown = {}): Promise<T> {
  const r = await app.core.handle(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

async function unlock(page: Page, who: { name: string; pass: string }, lockFirst = true) {
  if (lockFirst) await page.getByTestId('lock-button').click();
  await page.getByTestId('username-input').fill(who.name);
  await page.getByTestId('passphrase-input').fill(who.pass);
  await page.getByTestId('unlock-button').click();
  await page.getByTestId('signed-in').waitFor();
}

/**
 * What comes before compensation, through the core (the handover e2e clicks these): 100 clients, two
 * approvers, a buyer vault whose keys the seller verified (and the seller's, the buyer), a handover with
 * every export condition met except the approvals.
 */
async function seed(app: AppUnderTest) {
  for (let i = 1; i <= 100; i++) {
    await ok(app, 'clients.create', {
      code: `K-${String(i).padStart(4, '0')}`, name: `${['东方', '南海', '北辰', '华信', '长城'][i % 5]}客户${i}`, type: 'company', industry: '制造业',
      region: ['华东', '华南', '华北'][i % 3], city: '上海', address: '浦东新区 1 号', owner: i % 4 ? '张伟' : '王芳', department: '', importance: '', tags: [],
      cooperationStart: `${2012 + (i % 12)}-07-03`, annualRevenue: ((i * 37) % 50 + 5) * 100_000_00, grossProfit: ((i * 37) % 50 + 5) * 20_000_00, currency: 'CNY',
      renewalRate: (i % 10) / 10, satisfaction: 8, notes: '', contacts: [{ name: `联系人${i}`, title: '经理', phones: ['+8613800138000'], emails: [] }],
    });
  }
  for (const u of [APPROVER1, APPROVER2]) await ok(app, 'users.add', { name: u.name, role: 'compliance', passphrase: u.pass });
  // The test Argon2id cost: the buyer's app, opened later by describeInChromium, takes it too.
  const buyer = makeCore();
  await buyer.call('vault.create', { dir: buyer.vaultDir, ...BUYER });
  const buyerKeys = await buyer.call<{ ageRecipient: string; minisignPublicKey: string }>('keys.show');
  for (const key of [buyerKeys.ageRecipient, buyerKeys.minisignPublicKey]) {
    const list = await ok<{ id: number; key: string; fingerprint: string }[]>(app, 'keys.addCounterparty', { label: '北方收购集团', key });
    const added = list.find((k) => k.key.includes(key.trim().split('\n').pop()!))!;
    await ok(app, 'keys.verifyCounterparty', { id: added.id, how: 'phone', fingerprint: added.fingerprint });
  }
  const sellerKey = (await ok<{ minisignPublicKey: string }>(app, 'keys.show')).minisignPublicKey;
  const [k] = await buyer.call<{ id: number; fingerprint: string }[]>('keys.addCounterparty', { label: '华东卖方', key: sellerKey });
  await buyer.call('keys.verifyCounterparty', { id: k!.id, how: 'in-person', fingerprint: k!.fingerprint });
  // A copy: locking the buyer's vault wipes its keyring's buffers, as it should.
  const held = vaultAgeIdentity(buyer.core.openVaultForTests!);
  const buyerIdentity = { secret: Buffer.from(held.secret), publicKey: Buffer.from(held.publicKey) };
  buyer.core.dispose();

  const keys = await ok<{ id: number; kind: string }[]>(app, 'keys.counterparties');
  const h = await ok<{ id: number }>(app, 'handovers.create', { title: '华东业务出售', buyerName: '北方收购集团' });
  const id = h.id;
  await ok(app, 'handovers.update', { id, patch: {
    buyer: { name: '北方收购集团', contact: '刘经理', phone: '+86 10 8888 8888', email: 'liu@north.example', address: '北京', overseas: false },
    recipientKeys: [keys.find((x) => x.kind === 'age')!.id],
    notice: { startDate: day(-60), effectiveDate: day(10), objectionWeeks: 6, sellerContact: '张伟 021-5555 0000' },
  } });
  await ok(app, 'handovers.setScope', { id, scope: { mode: 'filter', filter: { tiers: [], regions: [], industries: [], owners: [], tags: [] }, picked: [] } });
  const nda = join(tempDir(), 'NDA.pdf');
  writeFileSync(nda, makePdf(['NDA']));
  app.answers.chooseDocumentFile = [nda];
  await ok(app, 'dialog.chooseHandoverFile');
  await ok(app, 'handovers.addNda', { id, parties: '卖方 / 北方收购集团', signedOn: day(-70), expiresOn: null, scope: '', file: nda });
  const withList = await ok<{ checklist: { id: number }[] }>(app, 'handovers.applyTemplate', { id, template: 'prc' });
  for (const c of withList.checklist) await ok(app, 'handovers.saveCheck', { id, itemId: c.id, item: { title: '', owner: '李娜', status: 'done', evidence: '法务意见书' }, file: null });
  app.answers.chooseFolder = [tempDir()];
  await ok(app, 'handovers.generateNotices', { id, jobId: 'job-notices', clientIds: null });
  const page = await ok<{ rows: { clientId: number }[] }>(app, 'handovers.clients', { id, limit: 500 });
  const ids = page.rows.map((r) => r.clientId);
  await ok(app, 'handovers.recordNotices', { id, clientIds: ids, status: 'sent', channel: 'letter', date: day(-60), note: '' });
  await ok(app, 'handovers.decide', { id, clientIds: ids, decision: 'keep' });
  app.answers.chooseSaveTarget = [join(tempDir(), 'before.hvbackup')];
  await ok(app, 'handovers.backup', { id, jobId: 'job-backup' });
  return { handoverId: id, buyerDir: buyer.appDataDir, buyerIdentity };
}

/** The button is on screen, inside its table cell (not cut by the fixed column), and what a click at its centre reaches. */
async function wholeInCell(page: Page, testId: string): Promise<boolean> {
  const button = page.getByTestId(testId);
  const box = await button.boundingBox();
  const cell = await button.locator('xpath=ancestor::td[1]').boundingBox();
  if (!box || !cell) return false;
  if (box.x < cell.x || box.x + box.width > cell.x + cell.width + 0.5 || box.x + box.width > page.viewportSize()!.width) return false;
  // A string: the test code is typed for Node, the expression runs in the page.
  return page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('[data-testid="${testId}"]') != null`) as Promise<boolean>;
}

describeInChromium('client compensation, as users click in Chinese', (chromium) => {
  it('sets a standard, sees 100 proposals with the fairness view, makes an exception, gets two approvals, records an agreement and a payment, and the buyer finds the commitments', async () => {
    const app = await chromium.openWithVault(ADMIN, { width: 1440, height: 1000 });
    const { page } = app;
    page.setDefaultTimeout(180_000);
    let buyerApp: AppUnderTest | null = null;
    await openClients(page);
    const { handoverId, buyerDir, buyerIdentity } = await seed(app);
    await page.getByTestId('language-switch').getByText('简体中文').click();
    const openHandover = async () => {
      await page.getByTestId('nav').getByText('交接项目').click();
      await page.getByTestId('handover-list').getByText('华东业务出售').click();
    };
    await openHandover();
    await page.getByRole('tab', { name: '客户补偿' }).click();

    // The standard: one rule for every client; the preview says what it does before it applies.
    await page.getByTestId('std-rate').fill('5');
    await page.getByTestId('std-budget').fill('15000000');
    await page.getByTestId('std-preview').click();
    await poll(() => page.getByTestId('std-change').innerText()).toContain('共 100 条建议补偿');
    await app.shot('70-compensation-standard-preview-zh');
    await page.getByTestId('std-apply').click();
    await poll(() => page.getByTestId('comp-totals').innerText()).toContain('共 100 条');
    expect(await page.getByTestId('comp-totals').innerText()).toMatch(/建议补偿 [\d,]+\.\d\d 万元/);
    const tierRows = await page.getByTestId('fairness-tier').locator('tbody tr').count();
    expect(tierRows).toBeGreaterThan(0);
    expect(await page.getByTestId('fairness-region').innerText()).toContain('华东');
    await app.shot('71-compensation-proposals-fairness-zh');

    // One exception, with a written reason.
    await page.getByTestId('comp-exception-K-0001').click();
    await page.getByTestId('exception-amount').fill('88888');
    await page.getByTestId('exception-reason').fill('长期战略客户，提供六个月过渡服务');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await poll(() => page.getByTestId('fairness-exceptions').innerText()).toContain('长期战略客户，提供六个月过渡服务');
    expect(await page.getByTestId('comp-table').innerText()).toContain('¥88,888.00');
    await app.shot('72-compensation-exception-zh');

    // Changing the standard once proposals exist says what changes for whom before it applies.
    await page.getByTestId('std-budget').fill('16000000');
    await page.getByTestId('std-apply').click();
    await poll(() => page.getByTestId('std-confirm').innerText()).toContain('1 条例外调整保持原金额');
    expect(await page.getByTestId('std-confirm').innerText()).toContain('预算 1,600.00 万元');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await poll(() => page.getByTestId('comp-standard').innerText()).toContain('第 2 版');
    await poll(() => page.getByTestId('fairness-budget').innerText()).toContain('预算 1,600.00 万元');

    // At 1366 and 600 px the list scrolls inside itself, never the page, and 例外调整 stays whole in its fixed column.
    for (const width of [1366, 600]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId('comp-table').scrollIntoViewIfNeeded();
      await settled(app);
      const overflow = await sidewaysOverflow(app);
      expect(overflow.px, overflow.culprits.join('; ')).toBe(0);
      expect(await wholeInCell(page, 'comp-exception-K-0001')).toBe(true);
      expect(await wholeInCell(page, 'comp-open-K-0001')).toBe(true);
      await app.shot(`72-compensation-list-zh-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 1000 });

    // Submitted by the admin, approved by two others.
    await page.getByRole('tab', { name: '规划' }).click();
    await page.getByTestId('handover-steps').getByText('备份与审批', { exact: true }).click();
    await page.getByTestId('handover-submit').click();
    await page.getByTestId('handover-status').getByText('已提交').waitFor();
    for (const who of [APPROVER1, APPROVER2]) {
      await unlock(page, who);
      await openHandover();
      await page.getByTestId('handover-steps').getByText('备份与审批', { exact: true }).click();
      await page.getByTestId('handover-approve').click();
      await page.getByTestId('approve-comment').fill(`${who.name}：补偿标准与例外已审阅`);
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      await page.getByTestId('approval-list').getByText(`${who.name}：补偿标准与例外已审阅`, { exact: false }).waitFor();
    }
    await page.getByTestId('handover-status').getByText('已批准').waitFor();

    // The admin records the agreement (signed copy attached) and a first payment: approvals stand.
    await unlock(page, ADMIN);
    await openHandover();
    await page.getByRole('tab', { name: '客户补偿' }).click();
    await page.getByTestId('comp-open-K-0002').click();
    await page.getByTestId('neg-our').fill('Alice');
    await page.getByTestId('neg-their').fill('南海客户2 采购总监');
    await page.getByTestId('neg-amount').fill('30000');
    await page.getByTestId('neg-add').click();
    await poll(() => page.getByTestId('negotiation-table').innerText()).toContain('南海客户2 采购总监');
    await page.getByTestId('agr-amount').fill('36000');
    await typeDay(page, 'agr-due', day(90));
    await page.getByTestId('agr-promise').fill('现金补偿，分两期支付');
    const agreement = join(tempDir(), '补偿协议-K-0002.pdf');
    writeFileSync(agreement, makePdf(['Compensation agreement K-0002']));
    app.answers.chooseDocumentFile = [agreement];
    await page.getByTestId('agr-attach').click();
    await poll(() => page.getByTestId('agr-file').innerText()).toContain('补偿协议-K-0002.pdf');
    await page.getByTestId('agr-save').click();
    await page.getByTestId('agreement-view').waitFor();
    // The signed copy by name and size, opened in the viewer and saved as a copy with the same bytes.
    await poll(() => page.getByTestId('agreement-file').innerText()).toMatch(/^补偿协议-K-0002\.pdf（[\d.]+ (B|KB)）$/);
    await page.getByTestId('agreement-open').click();
    await poll(() => page.locator('.ant-modal:visible .ant-modal-title').innerText()).toBe('补偿协议-K-0002.pdf — 只读预览');
    await page.locator('.ant-modal:visible .ant-modal-close').click();
    const copy = join(tempDir(), '补偿协议副本.pdf');
    app.answers.chooseSaveTarget = [copy];
    await page.getByTestId('agreement-export').click();
    await poll(() => existsSync(copy) && readFileSync(copy).equals(readFileSync(agreement))).toBe(true);
    await page.getByTestId('pay-amount').fill('12000');
    await page.getByTestId('pay-evidence').fill('银行回单 HX-20261129-01');
    await page.getByTestId('pay-save').click();
    await poll(() => page.getByTestId('payment-table').innerText()).toContain('银行回单 HX-20261129-01');
    expect(await page.getByTestId('detail-owed').innerText()).toBe('¥24,000.00');
    await app.shot('73-compensation-agreement-payment-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('handover-status').getByText('已批准').waitFor();

    // Export.
    await page.getByRole('tab', { name: '规划' }).click();
    await page.getByTestId('handover-steps').getByText('导出', { exact: true }).click();
    const pkg = join(tempDir(), 'HO.handover');
    app.answers.chooseSaveTarget = [pkg];
    await page.getByTestId('handover-export').click();
    await page.getByTestId('package-info').waitFor();
    const opened = await openPackage(readFileSync(pkg), [buyerIdentity]);
    const commitments = opened.files.find((f) => f.path === 'data/commitments.csv')!.data.toString();
    expect(commitments).toContain('K-0002');
    expect(commitments).toContain('36000.00,12000.00,24000.00');
    const manifest = opened.files.find((f) => f.path === 'manifest-sha256.txt')!.data.toString();
    expect(manifest).toContain('data/commitments.csv');

    // A promise past its due date and not fully paid waits on the workbench, in words, and one click opens it.
    const [k3] = (await ok<{ rows: { id: number }[] }>(app, 'compensation.list', { handoverId, kind: 'client', text: 'K-0003' })).rows;
    await ok(app, 'compensation.recordAgreement', {
      handoverId, proposalId: k3!.id, amountFen: 5_000_000, method: 'cash', agreedOn: day(-40), dueOn: day(-5), promise: '现金补偿，一次付清', documentId: null,
    });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('nav').getByText('工作台').click();
    const overdue = page.getByTestId('comp-overdue-row').filter({ hasText: 'K-0003' });
    await poll(() => overdue.innerText()).toContain('逾期 5 天');
    expect(await overdue.innerText()).toMatch(/HO-\d{4}-\d{3} · K-0003 华信客户3：尚欠 ¥50,000.00，应于 \d{4}-\d{2}-\d{2} 前履行/);
    // It is something waiting: the workbench does not also say that nothing waits.
    expect(await page.getByTestId('wb-nothing').count()).toBe(0);
    await app.shot('77-compensation-overdue-workbench-zh-1366');
    await overdue.getByTestId('comp-overdue-go').click();
    await poll(() => page.getByTestId('comp-table').innerText()).toContain('K-0003');
    expect(await page.getByTestId('comp-filter').locator('.ant-segmented-item-selected').innerText()).toBe('已逾期');
    expect(await page.getByTestId('comp-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await app.close();

    // The buyer opens the package and finds what is still owed, before and after importing.
    buyerApp = await chromium.open({ appDataDir: buyerDir, width: 1440, height: 1000 });
    const bp = buyerApp.page;
    bp.setDefaultTimeout(180_000);
    await bp.getByTestId('language-switch').getByText('简体中文').click().catch(() => undefined);
    await unlock(bp, { name: BUYER.userName, pass: BUYER.passphrase }, false);
    await bp.getByTestId('nav').getByText('接收交接包').click();
    buyerApp.answers.choosePackageFile = [pkg];
    await bp.getByTestId('receive-choose').click();
    await bp.getByTestId('receive-decrypt').click();
    await poll(() => bp.getByTestId('receive-commitments').innerText()).toContain('K-0002');
    const shown = await bp.getByTestId('receive-commitments').innerText();
    expect(shown).toContain('现金补偿，分两期支付');
    expect(shown).toContain('¥24,000.00');
    await buyerApp.shot('74-compensation-buyer-commitments-zh');
    await bp.getByTestId('receive-import').click();
    await bp.getByTestId('receive-commitments').waitFor();
    await buyerApp.shot('75-compensation-buyer-imported-zh');
    // The buyer's follow-up finds what is still owed in the client's record.
    await bp.getByTestId('nav').getByText('客户', { exact: true }).click();
    await bp.getByTestId('client-search').fill('K-0002');
    await poll(() => bp.getByTestId('client-row').count()).toBe(1);
    // The row as loaded (it names the client), not the list's loading row (…) that may come first and opens nothing.
    await bp.getByTestId('client-row').filter({ hasText: 'K-0002' }).click();
    await poll(() => bp.getByTestId('client-commitments').innerText()).toContain('¥24,000.00');
    await buyerApp.shot('76-compensation-buyer-client-owed-zh');
  }, 1_200_000);
});
