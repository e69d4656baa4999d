import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIdentity, generateIdentity } from '../../electron/core/formats/age';
import { formatPublicKey, generateSigningKey } from '../../electron/core/formats/minisign';
import { makeBag } from '../../electron/core/formats/bagit';
import { writePackage } from '../../electron/core/packages/package';
import { tempDir } from '../helpers/temp';

const BIN = join(__dirname, '../../bin/handover.js');
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir() }, encoding: 'utf8' });

describe('handover package verify|open (built CLI, no vault)', () => {
  it('verifies before decrypting, opens with an age-keygen identity file, and refuses a damaged package with exit 5', async () => {
    const dir = tempDir();
    const sender = generateSigningKey();
    const buyer = generateIdentity();
    const bag = makeBag([{ path: 'clients.json', data: Buffer.from('[{"name":"东方精密"}]') }], [['External-Identifier', 'HO-9']]);
    const { bytes, meta } = await writePackage(bag, [buyer.publicKey], sender, { handoverId: 'HO-9', created: '2026-11-22T00:00:00Z' });
    writeFileSync(join(dir, 'p.handover'), bytes);
    writeFileSync(join(dir, 'sender.pub'), formatPublicKey(sender));
    writeFileSync(join(dir, 'key.txt'), `# created: 2026-11-22\n${formatIdentity(buyer.secret)}\n`);

    const verify = run(['package', 'verify', join(dir, 'p.handover'), '--sender-key', join(dir, 'sender.pub'), '--json']);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout).value).toMatchObject({ ok: true, packageId: meta.packageId, handoverId: 'HO-9', recipientCount: 1 });

    const open = run(['package', 'open', join(dir, 'p.handover'), '--identity', join(dir, 'key.txt'), '--out', join(dir, 'bag')]);
    expect(open.status, open.stderr).toBe(0);
    expect(readFileSync(join(dir, 'bag/data/clients.json'), 'utf8')).toContain('东方精密');

    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 3000] = damaged[damaged.length - 3000]! ^ 0xff;
    writeFileSync(join(dir, 'bad.handover'), damaged);
    const refused = run(['package', 'open', join(dir, 'bad.handover'), '--identity', join(dir, 'key.txt'), '--out', join(dir, 'bag2'), '--json']);
    expect(refused.status).toBe(5);
    expect(JSON.parse(refused.stdout).value).toMatchObject({ ok: false });
    expect(spawnSync('ls', [join(dir, 'bag2')]).status).not.toBe(0);

    // A key file without an identity, or a folder already holding files: a clear error, nothing written.
    writeFileSync(join(dir, 'not-a-key.txt'), 'hello\n');
    const noKey = run(['package', 'open', join(dir, 'p.handover'), '--identity', join(dir, 'not-a-key.txt'), '--out', join(dir, 'bag3'), '--json']);
    expect(noKey.status).toBe(1);
    expect(JSON.parse(noKey.stdout).error.code).toBe('IDENTITY_UNREADABLE');
    expect(spawnSync('ls', [join(dir, 'bag3')]).status).not.toBe(0);
    const taken = run(['package', 'open', join(dir, 'p.handover'), '--identity', join(dir, 'key.txt'), '--out', join(dir, 'bag'), '--json']);
    expect(JSON.parse(taken.stdout).error.code).toBe('TARGET_NOT_EMPTY');
    expect(readFileSync(join(dir, 'bag/data/clients.json'), 'utf8')).toContain('东方精密');
  });

  it('is a transport: no CLI file imports from core anything but its door, core.ts', () => {
    const cliDir = join(__dirname, '../../electron/cli');
    const files = readdirSync(cliDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    const imports = files.flatMap((f) => [...readFileSync(join(cliDir, f), 'utf8').matchAll(/from '([^']*\/core\/[^']*)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !/\/core\/core$/.test(i))).toEqual([]);
  });
});
