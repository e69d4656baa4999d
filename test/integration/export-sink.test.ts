import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIdentity, generateIdentity } from '../../electron/core/formats/age';
import { decrypt } from '../../electron/core/formats/age-stream';
import { makeBagTags } from '../../electron/core/formats/bagit';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { readTar } from '../../electron/core/formats/tar';
import { writeFileStreamAtomic } from '../../electron/core/fs-atomic';
import { inMemory, memorySink, openPackage, writePackageStream, type OutFile } from '../../electron/core/packages/package';
import { WorkerPackageSink } from '../../electron/core/packages/package-sink';
import { tempDir } from '../helpers/temp';

/**
 * The export's writer thread (workers/package-sink.ts): it writes the file, hashes the ciphertext and
 * seals the clients' text held in memory. Whatever the sizes and the pieces, the package it writes says
 * exactly what the main-thread writer's does, and the standard tools (tar, minisign, age, b2sum,
 * sha256sum) open it.
 */
const meta = { handoverId: 'HO-9', created: '2026-11-30T02:00:00Z', packageId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9' };
const info: [string, string][] = [['External-Identifier', 'HO-9']];

/** A held file (the clients' text as the worker hands it over): its bytes in the given pieces, the package's to give away. */
function held(path: string, data: Buffer, cuts: number[]): OutFile {
  const at = [0, ...cuts.map((c) => Math.floor(c * data.length)).sort((a, b) => a - b), data.length];
  const parts = at.slice(1).map((end, i) => Buffer.from(data.subarray(at[i], end)));
  return { ...inMemory({ path, data }), chunks: () => parts, held: parts };
}

describe('the export writer thread', () => {
  it('writes packages that decrypt to the same bag as the main-thread writer, whatever the sizes and pieces', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const dir = tempDir();
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 256 * 1024, max: 700_000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
      async (first, size, cuts) => {
        const a = Buffer.alloc(first, 1);
        const text = Buffer.from(Array.from({ length: size }, (_, i) => 65 + (i % 26)));
        const files = () => [inMemory({ path: 'data/documents/C1/a.bin', data: a }), held('data/clients.json', text, cuts), inMemory({ path: 'data/handover.json', data: Buffer.from('{}') })];
        const bag = () => ({ data: [files()[0]!], late: Promise.resolve(files().slice(1)), tags: (p: Parameters<typeof makeBagTags>[0]) => makeBagTags(p, info) });
        const mem = memorySink();
        await writePackageStream(mem, bag(), [buyer.publicKey], sender, meta);
        const out = join(dir, `p${n++}.handover`);
        const written = await writeFileStreamAtomic(out, (_w, _p, fd) => writePackageStream(new WorkerPackageSink(fd), bag(), [buyer.publicKey], sender, meta));
        const bytes = readFileSync(out);
        expect(written.bytes).toBe(bytes.length);
        const inner = (pkg: Buffer) => decrypt(readTar(pkg).find((e) => e.path === 'payload.tar.age')!.data!, [buyer]);
        expect(inner(bytes).equals(inner(mem.bytes()))).toBe(true);
        const opened = await openPackage(bytes, [buyer], formatPublicKey(sender));
        expect(opened.files.find((f) => f.path === 'data/clients.json')!.data.equals(text)).toBe(true);
        expect(opened.info.payloadBlake2b512).toBe(written.payloadBlake2b512);
      },
    ), { numRuns: 6 });
    // Nothing but the packages: no temp file left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('opens with tar, minisign, age, sha256sum and b2sum alone', async () => {
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const dir = tempDir();
    const text = Buffer.from('[{"code":"C1","name":"东方精密"}]\n'.repeat(20_000));
    const out = join(dir, 'x.handover');
    const written = await writeFileStreamAtomic(out, (_w, _p, fd) => writePackageStream(new WorkerPackageSink(fd),
      { data: [], late: Promise.resolve([held('data/clients.json', text, [0.3, 0.31])]), tags: (p) => makeBagTags(p, info) }, [buyer.publicKey], sender, meta));
    writeFileSync(join(dir, 'key.txt'), `${formatIdentity(buyer.secret)}\n`);
    const shown = execSync(
      `tar -xf x.handover && minisign -Vm payload.tar.age -p sender.pub && b2sum payload.tar.age && age -d -i key.txt payload.tar.age | tar -x && cd ${meta.packageId} && sha256sum --strict -c manifest-sha256.txt`,
      { cwd: dir, encoding: 'utf8' },
    );
    expect(shown).toContain('Signature and comment signature verified');
    expect(shown).toContain(`${written.payloadBlake2b512}  payload.tar.age`);
    expect(shown).toContain('data/clients.json: OK');
    expect(readFileSync(join(dir, meta.packageId, 'data/clients.json')).equals(text)).toBe(true);
  });

  it('a failure half-way leaves neither the package nor its temp file', async () => {
    const dir = tempDir();
    const out = join(dir, 'y.handover');
    const text = Buffer.alloc(2_000_000, 9);
    await expect(writeFileStreamAtomic(out, (_w, _p, fd) => writePackageStream(new WorkerPackageSink(fd),
      { data: [held('data/clients.json', text, [0.5])], late: Promise.reject(new Error('the clients could not be read')), tags: (p) => makeBagTags(p, info) },
      [generateIdentity().publicKey], generateSigningKey(), meta))).rejects.toThrow('the clients could not be read');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
