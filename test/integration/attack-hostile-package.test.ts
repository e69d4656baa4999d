import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipient } from '../../electron/core/formats/age';
import { makeBag, type BagFile } from '../../electron/core/formats/bagit';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { writePackage } from '../../electron/core/packages/package';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

const client = (code: string) => ({
  code, name: `客户${code}`, type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
});

/**
 * The attack: a seller whose signing key the buyer verified (by phone, as they should) is hostile, or
 * was compromised. Their package verifies and decrypts; what is inside is built to break the importer:
 * a clients.json that is not a list, not JSON, or a list of non-objects; a bag whose manifest names a
 * path outside the bag; a payload path with `..`. Each must be refused with PACKAGE_REFUSED (a clear,
 * translated error), write nothing, and leave the app able to import the next, honest package.
 */
describe('attack: a verified sender\'s hostile package', () => {
  it('refuses malformed clients.json and escaping paths cleanly, writes nothing, and still imports an honest package after them', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    const recipient = parseRecipient((await buyer.call<{ ageRecipient: string }>('keys.show')).ageRecipient)!;
    const seller = generateSigningKey();
    const [key] = await buyer.call<{ id: number; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(seller) });
    await buyer.call('keys.verifyCounterparty', { id: key!.id, how: 'in-person', fingerprint: key!.fingerprint });
    const dir = tempDir();
    let n = 0;
    const packaged = async (bag: BagFile[]) => {
      const file = join(dir, `p${n++}.handover`);
      writeFileSync(file, (await writePackage(bag, [recipient], seller, { handoverId: 'HO-9', created: '2026-11-22T00:00:00Z' })).bytes);
      buyer.answers.choosePackageFile = [file];
      await buyer.call('dialog.choosePackageFile');
      return file;
    };
    const withClients = (text: string) => makeBag([{ path: 'clients.json', data: Buffer.from(text) }], [['External-Identifier', 'HO-9']]);
    const escaping = makeBag([{ path: 'clients.json', data: Buffer.from(JSON.stringify([client('H-1')])) }], [['External-Identifier', 'HO-9']])
      .map((f) => (f.path === 'data/clients.json' ? { ...f, path: 'data/documents/H-1/../../../clients.json' } : f));
    const hostile: Record<string, BagFile[]> = {
      'an object': withClients('{"code":"H-1"}'),
      'not JSON': withClients('[{"code": "H-1",'),
      'null': withClients('null'),
      'non-objects': withClients(JSON.stringify([null, 7, 'H-1', [client('H-2')]])),
      'a huge number of rows': withClients(`[${Array.from({ length: 2000 }, () => '{}').join(',')}]`),
      '.. in a payload path': escaping,
    };
    const attacked: string[] = [];
    const total = async () => (await buyer.call<{ total: number }>('clients.search', {})).total;
    for (const [what, bag] of Object.entries(hostile)) {
      let file: string;
      try {
        file = await packaged(bag);
      } catch {
        continue; // our own writer refuses to make it: nothing to attack with
      }
      for (const channel of ['packages.preview', 'packages.import'] as const) {
        const r = await buyer.core.handle(channel, { file, jobId: `job-${n}-${channel.length}` });
        const clean = r.ok ? (r.value as { imported?: number }).imported === 0 || channel === 'packages.preview' : r.error.code === 'PACKAGE_REFUSED';
        expect({ what, channel, clean, r: r.ok ? 'ok' : r.error.code }).toMatchObject({ clean: true });
      }
      expect(await total(), what).toBe(0);
      attacked.push(what);
    }
    expect(attacked).toEqual(Object.keys(hostile));
    const honest = await packaged(makeBag([{ path: 'clients.json', data: Buffer.from(JSON.stringify([client('H-1')])) }], [['External-Identifier', 'HO-9']]));
    expect(await buyer.call('packages.import', { file: honest, jobId: 'job-honest' })).toMatchObject({ imported: 1 });
  });
});
