import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageOpened } from '../../shared/contract';
import { HandoverCore } from '../../electron/core/core';
import { formatIdentity, generateIdentity } from '../../electron/core/formats/age';
import { makeBag } from '../../electron/core/formats/bagit';
import { generateSigningKey } from '../../electron/core/formats/minisign';
import { writePackage } from '../../electron/core/packages/package';
import { queuedPlatform, type Answers } from '../helpers/platform';
import { tempDir } from '../helpers/temp';
import { TEST_KDF } from '../helpers/test-kdf';

/**
 * The attack on `packages.openFile` (the unlock screen's "open a package", `handover package open`): it checks
 * that the folder picked is empty, decrypts for a while, then swaps its verified temp folder in — and it used to
 * remove the picked folder *recursively* to do so. Whatever landed in that folder meanwhile (the user saving a
 * file there, a sync tool, another program) was deleted with it: a write outside what the user chose. Now the
 * swap refuses a folder that is no longer empty, keeps what is in it, and leaves no decrypted file behind.
 */
describe('attack: a file dropped into the chosen folder while a package opens', () => {
  it('is kept, the open is refused with TARGET_NOT_EMPTY, and nothing decrypted is left anywhere', async () => {
    const identity = generateIdentity();
    const bag = makeBag([
      { path: 'clients.json', data: Buffer.from('[{"code":"E-001","name":"东方精密"}]\n') },
      { path: 'documents/E-001/合同.pdf', data: Buffer.alloc(3 * 1024 * 1024, 7) },
    ], [['External-Identifier', 'HO-7']]);
    const { bytes } = await writePackage(bag, [identity.publicKey], generateSigningKey(), { handoverId: 'HO-7', created: '2026-11-29T10:00:00Z' });
    const dir = tempDir();
    const file = join(dir, 'seller.handover');
    writeFileSync(file, bytes);
    const keyFile = join(dir, 'key.txt');
    writeFileSync(keyFile, `${formatIdentity(identity.secret)}\n`);
    const parent = tempDir();
    const out = join(parent, 'opened');
    mkdirSync(out);
    const mine = join(out, '我的笔记.txt');

    const answers: Answers = { choosePackageFile: [file], chooseKeyFile: [keyFile], chooseFolder: [out] };
    let dropped = false;
    const core = new HandoverCore({
      appDataDir: tempDir(), platform: queuedPlatform(answers), testOnlyKdf: TEST_KDF,
      // While the package is being decrypted, the user saves a note into the folder they chose.
      emit: (e) => {
        if (e.type === 'job.progress' && e.jobId === 'job-open-1' && !dropped) {
          writeFileSync(mine, '明天给王经理回电话');
          dropped = true;
        }
      },
    });
    try {
      for (const kind of ['package', 'identity', 'package-open'] as const) expect((await core.handle('dialog.chooseToVerify', { kind })).ok).toBe(true);
      const r = await core.handle('packages.openFile', { jobId: 'job-open-1', file, identityFile: keyFile, outDir: out });
      expect(dropped).toBe(true);
      expect(r).toMatchObject({ ok: false, error: { code: 'TARGET_NOT_EMPTY' } });
      expect(readFileSync(mine, 'utf8')).toBe('明天给王经理回电话');
      expect(existsSync(join(out, 'data'))).toBe(false);
      // No decrypted temp folder left beside it either.
      expect(readdirSync(parent)).toEqual(['opened']);

      // With the note moved away, the same pick opens it.
      rmSync(mine);
      const again = await core.handle('packages.openFile', { jobId: 'job-open-2', file, identityFile: keyFile, outDir: out });
      expect(again).toMatchObject({ ok: true, value: { ok: true, dir: out } });
      expect((again as { value: PackageOpened }).value.files).toBeGreaterThan(0);
      expect(readFileSync(join(out, 'data/clients.json'), 'utf8')).toContain('东方精密');
    } finally {
      core.dispose();
    }
  });
});
