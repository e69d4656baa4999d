import { createHash } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { READ_WHOLE_MAX_BYTES } from '../../shared/contract/packages';
import { parseRecipient } from '../../electron/core/formats/age';
import { makeBagTags } from '../../electron/core/formats/bagit';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { writePackageStream, type OutFile } from '../../electron/core/packages/package-writer';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * Issue 14: a verified sender can still be hostile (or its key stolen). The receiving side reads a
 * package's clients.json whole into memory; a client list of gigabytes would take the app down with
 * it. Over READ_WHOLE_MAX_BYTES it is refused from its tar header, before a byte of it is read.
 * The package is real (signed, encrypted, a valid bag), written by streaming: the test never holds
 * more than a 1 MiB piece of it.
 */
const PIECE = Buffer.alloc(1024 * 1024, 0x20); // spaces: whitespace inside a JSON list

function oversizedClients(size: number): OutFile {
  function* pieces(): Generator<Buffer> {
    yield Buffer.from('[');
    let left = size - 2;
    while (left > 0) {
      const n = Math.min(left, PIECE.length);
      yield PIECE.subarray(0, n);
      left -= n;
    }
    yield Buffer.from(']');
  }
  const hash = createHash('sha256');
  for (const p of pieces()) hash.update(p);
  return { path: 'data/clients.json', size, sha256: hash.digest('hex'), chunks: pieces };
}

describe('attack: a verified sender\'s package with an oversized client list', () => {
  it('is refused in words before clients.json is read, and nothing is written', async () => {
    const buyer = makeCore();
    await buyer.call('vault.create', { dir: buyer.vaultDir, ...ADMIN });
    const recipient = parseRecipient((await buyer.call<{ ageRecipient: string }>('keys.show')).ageRecipient)!;
    const seller = generateSigningKey();
    const [added] = await buyer.call<{ id: number; fingerprint: string }[]>('keys.addCounterparty', { label: '卖方', key: formatPublicKey(seller) });
    await buyer.call('keys.verifyCounterparty', { id: added!.id, how: 'phone', fingerprint: added!.fingerprint });

    const file = join(tempDir(), 'huge.handover');
    const fd = openSync(file, 'w');
    try {
      await writePackageStream({ write: (b) => void writeSync(fd, b), patch: (at, b) => void writeSync(fd, b, 0, b.length, at) },
        { data: [oversizedClients(READ_WHOLE_MAX_BYTES + 1)], tags: (payload) => makeBagTags(payload, [['External-Identifier', 'HO-9']]) },
        [recipient], seller, { handoverId: 'HO-9', created: '2026-11-29T10:00:00Z' });
    } finally {
      closeSync(fd);
    }
    expect(statSync(file).size).toBeGreaterThan(READ_WHOLE_MAX_BYTES);

    buyer.answers.choosePackageFile = [file];
    await buyer.call('dialog.choosePackageFile');
    const logSize = () => buyer.core.openVaultForTests!.db.prepare('SELECT count(*) FROM access_log').pluck().get() as number;
    const before = logSize();
    for (const channel of ['packages.import', 'packages.preview'] as const) {
      const r = await buyer.core.handle(channel, { file, jobId: `job-${channel.slice(9)}` });
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'PACKAGE_REFUSED', details: { reason: 'too-large', detail: 'data/clients.json' } } });
    }
    expect(logSize()).toBe(before);
    expect(await buyer.call('clients.search', {})).toMatchObject({ total: 0 });
    rmSync(file); // 256 MiB on disk: not left for the rest of the run
  }, 300_000);
});
