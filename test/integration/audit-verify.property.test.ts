import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../shared/contract';
import { verifyAuditExport } from '../../electron/core/audit/verify';
import { makeCore } from '../helpers/core';
import { ADMIN, tempDir } from '../helpers/temp';

/**
 * The verifier against every kind of change an insider could make to an
 * exported log: a real export from a real vault, mutated line by line.
 */
let exportDir = '';
let lines: string[] = [];
let h: ReturnType<typeof makeCore>;

async function exportNow(): Promise<string> {
  const parent = tempDir();
  h.answers.chooseFolder = [parent];
  await h.call('dialog.chooseAuditFolder', { purpose: 'audit-export' });
  const r = await h.call<{ dir: string }>('audit.export', { jobId: `audit-${Date.now()}`, dir: parent });
  return r.dir;
}

/** A vault with a few dozen logged actions, exported (temp folders live for one test, so each test makes its own). */
async function fixture(): Promise<void> {
  h = makeCore();
  await h.call('vault.create', { dir: h.vaultDir, ...ADMIN });
  for (let i = 0; i < 12; i++) {
    await h.call('clients.create', {
      code: `C${i}`, name: `客户${i}`, type: 'company', industry: '', region: '华东', city: '', address: '', owner: '', department: '', importance: '',
      tags: [], cooperationStart: null, annualRevenue: null, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '', contacts: [],
    });
    await h.call('clients.search', { text: `客户${i}` });
  }
  exportDir = await exportNow();
  lines = readFileSync(join(exportDir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
}

function verifyLines(mutated: string[], held?: string, parallelAboveBytes?: number): Promise<AuditVerdict> {
  const dir = tempDir();
  cpSync(exportDir, dir, { recursive: true });
  writeFileSync(join(dir, 'audit.jsonl'), mutated.length ? `${mutated.join('\n')}\n` : '');
  return verifyAuditExport(dir, { publicKey: readFileSync(join(exportDir, 'vault.pub'), 'utf8'), heldCheckpoint: held, ...(parallelAboveBytes !== undefined ? { parallelAboveBytes } : {}) });
}

/** Change an entry's content and, when `recompute`, its own hash too (as someone who read the format would). */
function edit(line: string, recompute: boolean): string {
  const e = JSON.parse(line) as Record<string, unknown>;
  e.actor = `${String(e.actor)}x`;
  if (!recompute) return JSON.stringify(Object.fromEntries(Object.keys(e).sort().map((k) => [k, e[k]])));
  const { hash: _old, ...rest } = e;
  void _old;
  const body = JSON.stringify(Object.fromEntries(Object.keys(rest).sort().map((k) => [k, rest[k]])));
  const hash = createHash('sha256').update(body).digest('hex');
  return JSON.stringify(Object.fromEntries(Object.keys({ ...rest, hash }).sort().map((k) => [k, k === 'hash' ? hash : rest[k]])));
}

describe('verifying an exported access log', () => {
  it('accepts the export as written and as a whole is signed', async () => {
    await fixture();
    expect(lines.length).toBeGreaterThan(25);
    expect(await verifyLines(lines)).toMatchObject({ ok: true, signature: 'ok', keyConfirmed: true, problem: null });
    // The same on two threads (what large exports use).
    expect(await verifyLines(lines, undefined, 0)).toMatchObject({ ok: true, signature: 'ok', keyConfirmed: true, problem: null });
  });

  it('detects and names every edit, deletion, insertion, reordering and truncation (property)', async () => {
    await fixture();
    const n = lines.length;
    const index = fc.integer({ min: 0, max: n - 1 });
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), i: index, recompute: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), i: index }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.integer({ min: 0, max: n }), copy: index }),
      fc.record({ kind: fc.constant('swap' as const), i: index, j: index }).filter((m) => m.i !== m.j),
      fc.record({ kind: fc.constant('truncate' as const), keep: fc.integer({ min: 0, max: n - 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, fc.boolean(), async (m, twoThreads) => {
        const check = (mutated: string[]) => verifyLines(mutated, undefined, twoThreads ? 0 : undefined);
        const next = [...lines];
        let verdict: AuditVerdict;
        switch (m.kind) {
          case 'edit': {
            next[m.i] = edit(next[m.i]!, m.recompute);
            verdict = await check(next);
            expect(verdict.problem?.kind).toBe('edited');
            // The line is named, except for a recomputed last entry: then only the signed root shows it.
            if (!m.recompute || m.i < n - 1) expect(verdict.problem?.line).toBe(m.i + 1);
            break;
          }
          case 'delete': {
            next.splice(m.i, 1);
            verdict = await check(next);
            if (m.i === n - 1) expect(verdict.problem).toMatchObject({ kind: 'truncated', line: n - 1 });
            else expect(verdict.problem).toMatchObject({ kind: 'deleted', line: m.i + 1, expected: m.i + 1 });
            break;
          }
          case 'insert': {
            next.splice(m.at, 0, lines[m.copy]!);
            verdict = await check(next);
            expect(verdict.problem?.kind).toBe('inserted');
            expect([m.at + 1, m.at + 2]).toContain(verdict.problem?.line);
            break;
          }
          case 'swap': {
            const [a, b] = [Math.min(m.i, m.j), Math.max(m.i, m.j)];
            [next[a], next[b]] = [next[b]!, next[a]!];
            verdict = await check(next);
            expect(verdict.problem).toMatchObject({ kind: 'reordered', line: a + 1 });
            break;
          }
          case 'truncate': {
            verdict = await check(next.slice(0, m.keep));
            expect(verdict.problem).toMatchObject({ kind: 'truncated', expected: n });
            break;
          }
        }
        expect(verdict.ok).toBe(false);
        // Whatever the change, the minisign signature over the file no longer holds either.
        expect(verdict.signature).toBe('mismatch');
      }),
      { numRuns: 120 },
    );
  });

  it('refuses a key other than the vault\'s, and an edited checkpoint', async () => {
    await fixture();
    const other = tempDir();
    cpSync(exportDir, other, { recursive: true });
    const cp = readFileSync(join(other, 'checkpoint.txt'), 'utf8');
    writeFileSync(join(other, 'checkpoint.txt'), cp.replace(/^(\S+)\n(\d+)\n/, (_, o: string, s: string) => `${o}\n${Number(s) + 1}\n`));
    expect(await verifyAuditExport(other)).toMatchObject({ ok: false, problem: { kind: 'bad-checkpoint' } });
    const wrongKey = 'untrusted comment: x\nRWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n';
    expect(await verifyAuditExport(exportDir, { publicKey: wrongKey })).toMatchObject({ ok: false, signature: 'wrong-key' });
  });

  it('detects a history truncated or rewritten below a checkpoint the auditor already holds', async () => {
    await fixture();
    const held = readFileSync(join(exportDir, 'checkpoint.txt'), 'utf8');
    const db = h.core.openVaultForTests!.db;
    // An administrator holding the data key and the signing key: triggers dropped, history cut, checkpoints gone.
    db.exec('DROP TRIGGER IF EXISTS access_log_no_delete; DROP TRIGGER IF EXISTS checkpoints_no_delete');
    db.prepare('DELETE FROM access_log WHERE seq > 5').run();
    db.prepare('DELETE FROM checkpoints').run();
    const shorter = await exportNow();
    const verdict = await verifyAuditExport(shorter, { heldCheckpoint: held });
    // Consistent on its own (signed by the vault key), but shorter than what the auditor already saw.
    expect(verdict).toMatchObject({ ok: false, signature: 'ok', problem: { kind: 'truncated' }, held: { status: 'truncated' } });

    // Grow it past the held size again with other entries: the history no longer matches the held root.
    for (let i = 0; i < lines.length; i++) await h.call('clients.search', { text: `重写${i}` });
    const rewritten = await exportNow();
    expect(await verifyAuditExport(rewritten, { heldCheckpoint: held })).toMatchObject({ ok: false, problem: { kind: 'rewritten' }, held: { status: 'mismatch' } });
  });
});
