import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../shared/i18n/errors';
import { tempDir } from '../helpers/temp';

/** A tiny tmpfs needs a mount namespace: `unshare -rm` (user namespaces), where the kernel allows it. */
const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'], { encoding: 'utf8' }).status === 0;
const CHILD = join(__dirname, '../helpers/diskfull-child.ts');

/** Runs the child inside its own mount namespace with each folder a tmpfs of the given size; its JSON answer and what each disk holds after. */
function inNamespace(mounts: [dir: string, size: string][], args: string[]): { answer: unknown; left: string[] } {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [
    ...mounts.map(([dir, size]) => `mount -t tmpfs -o size=${size} tmpfs ${q(dir)}`),
    `${q(process.execPath)} --import tsx ${q(CHILD)} ${args.map(q).join(' ')}`,
    ...mounts.map(([dir]) => `echo "LEFT:$(ls -A ${q(dir)} | tr '\\n' ' ')"`),
  ].join(' && ');
  const run = spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const lines = run.stdout.trim().split('\n');
  const json = lines.find((l) => l.startsWith('[') || l.startsWith('{'));
  if (!json) throw new Error(`the child said nothing: ${run.stderr.slice(-2000)}`);
  return { answer: JSON.parse(json), left: lines.filter((l) => l.startsWith('LEFT:')).map((l) => l.slice(5).trim()) };
}

type Answer = { ok: boolean; error?: { code: string } };

/**
 * Attack: the disk fills up (a USB stick, a nearly full laptop). A write that takes only part of what it is
 * given is not an error by itself — only the next write fails — so a file written with one write ended
 * short and was reported as written: the key slot file after a mistyped passphrase (the vault then opened
 * for no one, recovery key included), a client export, a document's copy. Each must stop with an error
 * that says the disk is full, in both languages, and leave nothing behind.
 */
describe.skipIf(!canMount)('attack: a full disk', () => {
  it('a mistyped passphrase on a nearly full disk leaves the key slots whole: the right passphrase still opens the vault', () => {
    const disk = join(tempDir(), 'laptop');
    mkdirSync(disk);
    const { answer } = inNamespace([[disk, '2m']], ['slots', disk]);
    const { mistyped, unlock, slotBytes } = answer as { mistyped: Answer; unlock: Answer; slotBytes: number };
    expect(slotBytes).toBeGreaterThan(4096); // larger than the page left free
    expect(mistyped.ok).toBe(false);
    expect(['BAD_CREDENTIALS', 'DISK_FULL']).toContain(mistyped.error!.code);
    expect(unlock).toEqual({ ok: true });
  });

  it('a client export, a document copy and a backup onto a disk too small say the disk is full and leave it empty', () => {
    const work = tempDir();
    const small = join(work, 'small');
    const mid = join(work, 'mid');
    mkdirSync(small);
    mkdirSync(mid);
    const { answer, left } = inNamespace([[small, '96k'], [mid, '2560k']], ['exports', small, mid, work]);
    expect((answer as { channel: string; answer: Answer }[]).map((r) => [r.channel, r.answer.ok ? 'ok' : r.answer.error!.code])).toEqual([
      ['clients.export', 'DISK_FULL'], ['documents.export', 'DISK_FULL'], ['vault.backup', 'DISK_FULL'],
    ]);
    // Nothing left on either disk: no target, no temp file beside it.
    expect(left).toEqual(['', '']);
    expect(readdirSync(small)).toEqual([]);
    expect(formatError('zh-CN', 'DISK_FULL')).toContain('磁盘空间不足');
    expect(formatError('en', 'DISK_FULL')).toContain('disk is full');
  });

  it('a package export whose writer thread meets the full disk says so (the thread passes the system error on)', () => {
    const disk = join(tempDir(), 'usb');
    mkdirSync(disk);
    const { answer } = inNamespace([[disk, '1m']], ['sink', disk]);
    expect(answer).toEqual({ ok: false, code: 'DISK_FULL' });
  });
});
