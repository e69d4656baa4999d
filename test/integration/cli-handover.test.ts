import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

const hasTools = ['age', 'age-keygen', 'minisign', 'sha256sum', 'tar'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);

function handover(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever JSON the CLI printed
  const json = () => JSON.parse(r.stdout) as { ok: boolean; value: any; error?: any };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('a whole handover scripted with the CLI, opened with age, minisign, tar and sha256sum', () => {
  it.skipIf(!hasTools)('plans, notifies, approves four-eyes and exports; the buyer opens it with standard tools and in its own vault; the receipt comes back', async () => {
    const seller = makeCore();
    await seller.call('vault.create', { dir: seller.vaultDir, ...ADMIN });
    for (const [name, pass] of [['Chen', 'compliance passphrase one'], ['Zhou', 'compliance passphrase two']]) {
      await seller.call('users.add', { name, role: 'compliance', passphrase: pass });
    }
    for (let i = 1; i <= 20; i++) {
      await seller.call('clients.create', {
        code: `C${i}`, name: `客户${i}`, type: 'company', industry: '', region: i % 2 ? '华东' : '华南', city: '', address: '', owner: '', department: '', importance: '', tags: [],
        cooperationStart: null, annualRevenue: 1_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [{ name: `联系人${i}`, title: '', phones: [], emails: [] }],
      });
    }
    seller.core.dispose();
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, userName: 'Buyer', passphrase: 'buyer passphrase is long' });
    const buyerKeys = await buyer.call<{ ageRecipient: string; minisignPublicKey: string }>('keys.show');
    buyer.core.dispose();

    const dir = tempDir();
    const vault = { HANDOVER_VAULT: seller.vaultDir };
    const admin = { ...vault, HANDOVER_USER: ADMIN.userName, HANDOVER_PASSPHRASE: ADMIN.passphrase };
    const chen = { ...vault, HANDOVER_USER: 'Chen', HANDOVER_PASSPHRASE: 'compliance passphrase one' };
    const zhou = { ...vault, HANDOVER_USER: 'Zhou', HANDOVER_PASSPHRASE: 'compliance passphrase two' };
    const buyerEnv = { HANDOVER_VAULT: buyer.vaultDir, HANDOVER_USER: 'Buyer', HANDOVER_PASSPHRASE: 'buyer passphrase is long' };

    // The buyer's keys: an age-keygen identity (for the standard tools), the buyer vault's age and minisign keys.
    execFileSync('age-keygen', ['-o', join(dir, 'key.txt')], { stdio: 'ignore' });
    const keygenRecipient = /public key: (age1\w+)/.exec(readFileSync(join(dir, 'key.txt'), 'utf8'))![1]!;
    writeFileSync(join(dir, 'buyer.pub'), buyerKeys.minisignPublicKey);
    for (const key of [keygenRecipient, buyerKeys.ageRecipient, join(dir, 'buyer.pub')]) {
      const added = handover(['keys', 'add', '北方收购', key, '--json'], admin);
      expect(added.code, added.stderr).toBe(0);
      const { id, fingerprint } = added.json().value;
      if (key === keygenRecipient) expect(handover(['keys', 'verify', String(id), '--fingerprint', 'AAAA BBBB'], admin).code).toBe(1);
      expect(handover(['keys', 'verify', String(id), '--fingerprint', fingerprint, '--how', 'in-person'], admin).code).toBe(0);
    }

    // A 2.5 MB contract on C1 travels in the package (the export reads it from the vault on its own thread).
    const contract = join(dir, '合同.bin');
    writeFileSync(contract, randomBytes(2_500_000));
    expect(handover(['docs', 'add', 'C1', contract], admin).code).toBe(0);
    const created = handover(['handover', 'create', '--title', '华东转让', '--buyer', '北方收购', '--recipient', keygenRecipient, '--recipient', buyerKeys.ageRecipient,
      '--scope-query', 'region=华东', '--json'], admin);
    expect(created.code, created.stderr).toBe(0);
    const ref = created.json().value.ref as string;
    expect(created.json().value.included).toBe(10);
    expect(handover(['handover', 'create', '--title', 'x', '--buyer', 'y', '--scope-query', 'planet=mars'], admin).code).toBe(2);

    // Export is refused while gates are open, with exit 1 and the gates named.
    const early = handover(['package', 'export', ref, '--out', join(dir, 'early.handover'), '--json'], admin);
    expect(early.code).toBe(1);
    expect(early.json().error).toMatchObject({ code: 'HANDOVER_GATES' });
    expect(existsSync(join(dir, 'early.handover'))).toBe(false);

    expect(handover(['handover', 'set', ref, '--contact', '刘经理', '--phone', '+86 10 8888 8888', '--notices-from', day(-50), '--effective', day(20), '--seller-contact', '张伟 021-5555'], admin).code).toBe(0);
    writeFileSync(join(dir, 'nda.pdf'), '%PDF-1.4 signed');
    expect(handover(['handover', 'nda', 'add', ref, '--file', join(dir, 'nda.pdf'), '--signed', day(-60)], admin).code).toBe(0);
    expect(handover(['handover', 'checklist', ref, '--template', 'prc', '--all'], admin).code).toBe(2); // evidence required
    const checklist = handover(['handover', 'checklist', ref, '--template', 'prc', '--all', '--evidence', '法务意见书 LO-7', '--json'], admin);
    expect(checklist.json().value.every((c: { status: string }) => c.status === 'done')).toBe(true);

    mkdirSync(join(dir, 'notices'));
    const gen = handover(['handover', 'notices', 'generate', ref, '--out', join(dir, 'notices'), '--json'], admin);
    expect(gen.json().value.generated).toBe(10);
    const folder = gen.json().value.dir as string;
    // The SHA256SUMS the app wrote check out with sha256sum.
    expect(spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: folder }).status).toBe(0);
    expect(handover(['handover', 'notices', 'record', ref, '--all', '--status', 'sent', '--channel', 'letter', '--date', day(-50)], admin).code).toBe(0);
    expect(handover(['handover', 'notices', 'record', ref, 'C3', '--status', 'objected', '--date', day(-10)], admin).code).toBe(0);
    const shown = handover(['handover', 'show', ref, '--json'], admin).json().value;
    expect(shown).toMatchObject({ included: 9, excluded: 1 });
    expect(handover(['handover', 'notices', 'decide', ref, '--all', '--keep'], admin).code).toBe(0);
    expect(handover(['handover', 'backup', ref, '--out', join(dir, 'before.hvbackup')], admin).code).toBe(0);
    expect(handover(['handover', 'submit', ref], admin).code).toBe(0);
    const self = handover(['handover', 'approve', ref, '--json'], admin);
    expect(self.json().error).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(handover(['handover', 'approve', ref, '--comment', 'ok'], chen).code).toBe(0);
    expect(handover(['handover', 'approve', ref], chen).code).toBe(1); // not twice
    expect(handover(['handover', 'approve', ref], zhou).code).toBe(0);

    const pkg = join(dir, 'HO.handover');
    const exported = handover(['package', 'export', ref, '--out', pkg, '--include-self', '--json'], admin);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json().value.clients).toBe(9);

    // Standard tools only: tar, minisign, age (with the age-keygen identity), sha256sum.
    const open = join(dir, 'open');
    mkdirSync(open);
    execFileSync('tar', ['-xf', pkg, '-C', open]);
    expect(spawnSync('minisign', ['-Vm', 'payload.tar.age', '-p', 'sender.pub'], { cwd: open }).status).toBe(0);
    execFileSync('sh', ['-c', `age -d -i ${join(dir, 'key.txt')} payload.tar.age | tar -x`], { cwd: open });
    const bag = readdirSync(open).find((f) => f === exported.json().value.packageId)!;
    expect(spawnSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: join(open, bag) }).status).toBe(0);
    expect(readFileSync(join(open, bag, 'data/documents/C1/合同.bin')).equals(readFileSync(contract))).toBe(true);
    const clients = JSON.parse(readFileSync(join(open, bag, 'data/clients.json'), 'utf8')) as { code: string }[];
    expect(clients.map((c) => c.code).sort()).toEqual(['C1', 'C11', 'C13', 'C15', 'C17', 'C19', 'C5', 'C7', 'C9']);

    // The buyer's vault refuses a package whose signer it has not verified, and imports it once it has.
    const unverified = handover(['package', 'import', pkg, '--json'], buyerEnv);
    expect(unverified.code).not.toBe(0);
    const sellerKeys = handover(['keys', 'show', '--json'], admin).json().value as { fingerprint: string; minisignPublicKey: string };
    expect(unverified.json().error).toMatchObject({ code: 'SENDER_NOT_VERIFIED', details: { fingerprint: sellerKeys.fingerprint } });
    expect(handover(['receipt', 'create', pkg, '--out', join(dir, 'early.receipt'), '--organisation', '北方收购'], buyerEnv).code).not.toBe(0);
    expect(existsSync(join(dir, 'early.receipt'))).toBe(false);
    writeFileSync(join(dir, 'seller.pub'), sellerKeys.minisignPublicKey);
    const sellerKey = handover(['keys', 'add', '卖方', join(dir, 'seller.pub'), '--json'], buyerEnv).json().value as { id: number; fingerprint: string };
    expect(handover(['keys', 'verify', String(sellerKey.id), '--fingerprint', sellerKey.fingerprint], buyerEnv).code).toBe(0);

    // The buyer imports it into its vault and signs a receipt; the seller takes it in.
    expect(handover(['package', 'import', pkg], buyerEnv).code).toBe(0);
    const receipt = join(dir, 'HO.receipt');
    expect(handover(['receipt', 'create', pkg, '--out', receipt, '--organisation', '北方收购'], buyerEnv).code).toBe(0);
    const taken = handover(['receipt', 'import', receipt, '--json'], admin);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.json().value).toMatchObject({ status: 'acknowledged', receipt: { receivedBy: '北方收购' } });

    expect(handover(['handover', 'report', ref, '--out', join(dir, 'report.pdf'), '--language', 'en'], admin).code).toBe(0);
    expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(handover(['keys', 'export-identity', '--out', join(dir, 'vault-key.txt')], admin).code).toBe(0);
    expect(readFileSync(join(dir, 'vault-key.txt'), 'utf8')).toMatch(/AGE-SECRET-KEY-1/);
  });
});
