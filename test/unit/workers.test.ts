import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerHash } from '../../electron/core/crypto/hash-worker';
import { runPrebuiltWorkers, WORKER_NAMES, workerEntry } from '../../electron/core/workers/start';

const root = join(__dirname, '../..');
const text = (path: string) => readFileSync(join(root, path), 'utf8');
const listed = (path: string) => JSON.parse((/const WORKERS = (\[[^\]]*\])/.exec(text(path))?.[1] ?? '[]').replace(/'/g, '"')) as string[];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('worker threads are TypeScript entry files that every build loads', () => {
  it('each worker has an entry file, and the app, CLI and single-file CLI builds list exactly those', () => {
    const entries = readdirSync(join(root, 'electron/core/workers')).filter((f) => f.endsWith('.ts') && f !== 'start.ts').map((f) => f.slice(0, -3));
    expect([...WORKER_NAMES].sort()).toEqual(entries.sort());
    for (const build of ['electron.vite.config.ts', 'scripts/build-cli.mjs', 'scripts/build-sea.mjs']) expect(listed(build).sort(), build).toEqual(entries.sort());
  });

  it('no code runs from a string: no `new Function`, and `eval: true` only for the single-file CLI\'s built workers', () => {
    for (const file of sources('electron')) {
      const code = text(file);
      expect(code, file).not.toMatch(/new Function\(/);
      if (file !== join('electron/core/workers/start.ts')) expect(code, file).not.toMatch(/eval: true/);
    }
  });

  it('a worker started from its .ts file hashes like node:crypto (SHA-256 and BLAKE2b-512 at once)', async () => {
    runPrebuiltWorkers(null); // the tests' setup runs the prebuilt bundles; this one is about the .ts entry
    expect(workerEntry('hash').file).toBe(join(root, 'electron/core/workers/hash.ts'));
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const hash = new WorkerHash(['sha256', 'blake2b512']);
    for (let at = 0; at < data.length; at += 1024 * 1024) await hash.update(data.subarray(at, at + 1024 * 1024), true);
    const [sha, blake] = await hash.digests();
    expect(sha!.toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(blake!.toString('hex')).toBe(createHash('blake2b512').update(data).digest('hex'));
  });
});
