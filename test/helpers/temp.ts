import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh private folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'hv-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

export const ADMIN = { userName: 'Alice Admin', passphrase: 'correct horse battery staple' };
export const STAFF = { userName: '张伟', passphrase: '长城 长江 黄河 泰山 staff' };
