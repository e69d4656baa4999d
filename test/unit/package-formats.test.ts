import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBag, verifyBag } from '../../electron/core/formats/bagit';
import { readTar, TarError, writeTar } from '../../electron/core/formats/tar';
import { tempDir } from '../helpers/temp';

const payload = [
  { path: 'clients.json', data: Buffer.from('[{"name":"东方精密"}]\n') },
  { path: 'clients.csv', data: Buffer.from('\uFEFFcode,name\r\nE-001,东方精密\r\n') },
  { path: 'documents/E-001/采购合同 2024（盖章版）.pdf', data: Buffer.from('%PDF-1.4 fake') },
  { path: `documents/E-001/${'很长的文件名'.repeat(12)}.txt`, data: Buffer.alloc(70_000, 7) },
];

describe('tar and BagIt, checked with the standard tools', () => {
  it('writes a bag in a tar that `tar -xf` extracts and `sha256sum --strict -c` accepts, and reads it back', () => {
    const bag = makeBag(payload, [['Source-Organization', '卖方有限公司'], ['Bagging-Date', '2026-11-22'], ['External-Identifier', 'HO-1']]);
    expect(verifyBag(bag)).toBeNull();
    const tar = writeTar(bag.map((f) => ({ path: `bag/${f.path}`, data: f.data })));
    const dir = tempDir();
    writeFileSync(join(dir, 'p.tar'), tar);
    execFileSync('tar', ['-xf', 'p.tar'], { cwd: dir });
    const check = execFileSync('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: join(dir, 'bag'), encoding: 'utf8' });
    expect(check.trim().split('\n')).toHaveLength(payload.length);
    expect(execFileSync('sha256sum', ['--strict', '-c', 'tagmanifest-sha256.txt'], { cwd: join(dir, 'bag'), encoding: 'utf8' })).toContain('OK');
    expect(readFileSync(join(dir, 'bag/data', payload[2]!.path)).equals(payload[2]!.data)).toBe(true);
    const back = readTar(tar).map((e) => ({ path: e.path.slice(4), data: e.data! }));
    expect(verifyBag(back)).toBeNull();
  });

  it('round-trips any names and contents (property)', () => {
    const name = fc.stringMatching(/^[\p{L}\p{N} ._()（）-]{1,40}$/u).filter((s) => s.trim() === s && s !== '.' && s !== '..');
    fc.assert(fc.property(fc.uniqueArray(fc.record({ path: name, data: fc.uint8Array({ maxLength: 3000 }) }), { selector: (e) => e.path, maxLength: 6 }), (entries) => {
      const files = entries.map((e) => ({ path: `d/${e.path}`, data: Buffer.from(e.data) }));
      const back = readTar(writeTar(files));
      expect(back.map((e) => [e.path, e.data!.toString('hex')])).toEqual(files.map((f) => [f.path, f.data.toString('hex')]));
    }), { numRuns: 100 });
  });

  it('refuses escaping paths, links, duplicates and damage', () => {
    for (const path of ['../evil', '/etc/passwd', '~/x', 'a/../../b', 'C:/x', 'a\\b']) {
      expect(() => readTar(writeTar([{ path, data: Buffer.from('x') }])), path).toThrow(TarError);
    }
    expect(() => readTar(writeTar([{ path: 'a', data: Buffer.from('1') }, { path: 'a', data: Buffer.from('2') }]))).toThrow(/twice/);
    const dir = tempDir();
    mkdirSync(join(dir, 's'));
    symlinkSync('/etc/passwd', join(dir, 's/link'));
    execFileSync('tar', ['-cf', 'l.tar', 's'], { cwd: dir });
    expect(() => readTar(readFileSync(join(dir, 'l.tar')))).toThrow(/links/);
    const good = writeTar([{ path: 'a.txt', data: Buffer.from('hello') }]);
    const flipped = Buffer.from(good);
    flipped[10] = flipped[10]! ^ 1;
    expect(() => readTar(flipped)).toThrow(/checksum/);
    expect(() => readTar(good.subarray(0, 600))).toThrow(/ends/);
  });

  it('names what is wrong with a bag', () => {
    const bag = makeBag(payload, []);
    const swap = (path: string, data: Buffer) => bag.map((f) => (f.path === path ? { path, data } : f));
    expect(verifyBag(swap('data/clients.json', Buffer.from('[]')))).toEqual({ reason: 'checksum', path: 'data/clients.json' });
    expect(verifyBag([...bag, { path: 'data/extra.txt', data: Buffer.from('x') }])).toEqual({ reason: 'unlisted', path: 'data/extra.txt' });
    expect(verifyBag(bag.filter((f) => f.path !== 'data/clients.csv'))).toEqual({ reason: 'missing', path: 'data/clients.csv' });
    expect(verifyBag(swap('manifest-sha256.txt', Buffer.from(`${'0'.repeat(64)}  data/../../x\n`)))).toMatchObject({ reason: 'unsafe-path' });
    expect(verifyBag(bag.filter((f) => f.path !== 'bagit.txt'))).toEqual({ reason: 'not-a-bag' });
  });
});
