import { execSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientDraft } from '../../shared/contract';
import { formatIdentity, generateIdentity } from '../../electron/core/formats/age';
import { generateSigningKey } from '../../electron/core/formats/minisign';
import { attachDocument } from '../../electron/core/documents/documents';
import { DocumentReader } from '../../electron/core/documents/reader';
import { writeFileStreamAtomic } from '../../electron/core/fs-atomic';
import { silentJob } from '../../electron/core/jobs/jobs';
import { makeBagTags } from '../../electron/core/formats/bagit';
import { inMemory, openPackage, PackageChangedError, writePackageStream, type OutFile } from '../../electron/core/packages/package';
import { createClient } from '../../electron/core/clients/service';
import { createVault, lockVault } from '../../electron/core/vault/vault';
import { tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';

const now = () => new Date('2026-11-23T08:00:00Z');
const client: ClientDraft = {
  code: 'D-001', name: '文档客户', type: 'company', industry: '', region: '', city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
};

describe('documents in a package, read and sealed on the reader thread', () => {
  it('come out byte for byte through the age CLI and the app, whatever their sizes and where they start in a 64 KiB chunk', async () => {
    const dir = tempDir();
    const { vault } = await createVault({ dir: join(dir, 'vault'), userName: 'admin', passphrase: 'a long enough passphrase', now, kdf: TEST_KDF });
    const reader = new DocumentReader(vault);
    try {
      const c = createClient(vault, client, now);
      // Sizes around the chunk (64 KiB) and the vault's own 1 MiB pieces, so the sealed middle starts and ends everywhere.
      const sizes = [1, 65_536, 65_537, 200_000, 1_048_576, 2_500_003];
      const docs: { id: number; data: Buffer }[] = [];
      for (const [i, size] of sizes.entries()) {
        const data = randomBytes(size);
        const file = join(dir, `doc-${i}.bin`);
        writeFileSync(file, data);
        docs.push({ id: (await attachDocument(vault, c.id, file, silentJob(), now)).id, data });
      }
      const files: OutFile[] = docs.map((d, i) => ({
        path: `data/documents/D-001/doc-${i}.bin`, size: d.data.length, sha256: createHash('sha256').update(d.data).digest('hex'),
        chunks: () => reader.chunks(d.id), sealed: (plan) => reader.pieces(d.id, plan),
      }));
      const buyer = generateIdentity();
      const out = join(dir, 'x.handover');
      const late = Promise.resolve([inMemory({ path: 'data/clients.json', data: Buffer.from('[]\n') })]);
      await writeFileStreamAtomic(out, (write, patch) => writePackageStream({ write, patch }, { data: files, late, tags: (p) => makeBagTags(p, []) }, [buyer.publicKey], generateSigningKey(), { handoverId: 'HO-1', created: now().toISOString() }));

      // The age CLI decrypts it (every chunk's counter and tag in place), and sha256sum agrees with the manifest.
      writeFileSync(join(dir, 'key.txt'), `${formatIdentity(buyer.secret)}\n`);
      const listing = execSync('tar -xf x.handover && age -d -i key.txt payload.tar.age | tar -x && cd */ && sha256sum --strict -c manifest-sha256.txt', { cwd: dir, encoding: 'utf8' });
      expect(listing.match(/: OK/g)).toHaveLength(sizes.length + 1);
      const opened = await openPackage(readFileSync(out), [buyer]);
      for (const [i, d] of docs.entries()) expect(opened.files.find((f) => f.path === `data/documents/D-001/doc-${i}.bin`)!.data.equals(d.data)).toBe(true);

      // A document that is not the size the package was planned with is refused, sealed middle or not.
      const wrong: OutFile = { ...files[5]!, size: files[5]!.size + 70_000 };
      await expect(writeFileStreamAtomic(join(dir, 'y.handover'), (write, patch) =>
        writePackageStream({ write, patch }, { data: [wrong], tags: (p) => makeBagTags(p, []) }, [buyer.publicKey], generateSigningKey(), { handoverId: 'HO-1', created: now().toISOString() })))
        .rejects.toBeInstanceOf(PackageChangedError);
    } finally {
      await reader.close();
      lockVault(vault, 'test', now);
    }
  }, 120_000);
});
