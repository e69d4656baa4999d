import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../../shared/contract';
import { makeCore } from '../helpers/core';
import { ADMIN, STAFF, tempDir } from '../helpers/temp';
import { TEST_CLI } from '../helpers/cli-bins';

/**
 * One door: the `handover` CLI and the app's router (core.handle, as IPC calls
 * it) give the same user the same answer to the same request: the same rows,
 * ids and codes, or the same refusal. Each request runs through both, on one
 * vault, as an administrator, a region-scoped staff member, an auditor and a
 * data-room guest.
 */
const AUDITOR = { userName: 'Audrey Auditor', passphrase: 'auditor reads only the log' };
const GUEST = { userName: 'Gus Guest', passphrase: 'guest of the data room only' };

type Outcome = { ok: true; value: unknown } | { ok: false; code: string };
type Call = (channel: string, input?: unknown) => Promise<unknown>;
type Who = { userName: string; passphrase: string };

const client = (code: string, name: string, region: string) => ({
  code, name, type: 'company', industry: '制造', region, city: '', address: '', owner: '', department: '', importance: '', tags: [],
  cooperationStart: null, annualRevenue: 5_000_00, grossProfit: null, currency: 'CNY', renewalRate: null, satisfaction: null, notes: '',
  contacts: [{ name: '联系人', title: '', phones: ['13800138000'], emails: [] }],
});

function viaCli(vaultDir: string, who: Who, args: string[]): { outcome: Outcome; exit: number | null } {
  const r = spawnSync(process.execPath, [TEST_CLI, ...args, '--json'], {
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_VAULT: vaultDir, HANDOVER_USER: who.userName, HANDOVER_PASSPHRASE: who.passphrase },
    encoding: 'utf8',
  });
  const printed = JSON.parse(r.stdout) as { ok: boolean; value?: unknown; error?: { code: string } };
  return { outcome: printed.ok ? { ok: true, value: printed.value } : { ok: false, code: printed.error!.code }, exit: r.status };
}

async function viaCore(work: (call: Call) => Promise<unknown>, call: Call): Promise<Outcome> {
  try {
    return { ok: true, value: await work(call) };
  } catch (err) {
    return { ok: false, code: (err as { code: string }).code };
  }
}

/**
 * What legitimately differs between two runs a moment apart: when each user last unlocked, and how
 * many log checkpoints exist (every unlock and lock by a key holder signs one, and the CLI unlocks anew).
 */
const VOLATILE = new Set(['lastUnlockAt', 'checkpoints', 'lastCheckpoint']);
function comparable(o: Outcome): Outcome {
  if (!o.ok) return o;
  return { ok: true, value: JSON.parse(JSON.stringify(o.value, (k, v: unknown) => (VOLATILE.has(k) ? undefined : v))) };
}

async function signedIn(vaultDir: string, who: Who) {
  const h = makeCore();
  h.answers.chooseVaultFolder = [vaultDir];
  await h.call('dialog.chooseVaultFolder');
  await h.call('vault.open', { dir: vaultDir });
  await h.call('vault.unlock', who);
  return h;
}

const idOf = async (call: Call, code: string) => ((await call('clients.byCode', { code })) as { id: number }).id;
const handoverRef = 'HO-';

interface Request {
  name: string;
  args: string[];
  core: (call: Call) => Promise<unknown>;
}

const requests = (handoverId: number, ref: string): Record<string, Request> => ({
  search: { name: 'clients search', args: ['clients', 'search'], core: (call) => call('clients.search', { text: '', limit: 20 }) },
  showEast: { name: 'clients show E1', args: ['clients', 'show', 'E1'], core: async (call) => call('clients.get', { id: await idOf(call, 'E1') }) },
  showSouth: { name: 'clients show S1', args: ['clients', 'show', 'S1'], core: async (call) => call('clients.get', { id: await idOf(call, 'S1') }) },
  docsEast: { name: 'docs list E1', args: ['docs', 'list', 'E1'], core: async (call) => call('documents.list', { clientId: await idOf(call, 'E1') }) },
  docsSouth: { name: 'docs list S1', args: ['docs', 'list', 'S1'], core: async (call) => call('documents.list', { clientId: await idOf(call, 'S1') }) },
  handovers: { name: 'handover list', args: ['handover', 'list'], core: (call) => call('handovers.list') },
  handover: { name: 'handover show', args: ['handover', 'show', ref], core: (call) => call('handovers.get', { id: handoverId }) },
  audit: {
    name: 'audit list', args: ['audit', 'list', '--action', 'client.create'],
    core: (call) => call('audit.query', { filter: { action: 'client.create' }, offset: 0, limit: 50 }),
  },
  users: { name: 'user list', args: ['user', 'list'], core: (call) => call('users.list') },
  roles: { name: 'role list', args: ['role', 'list'], core: (call) => call('roles.list') },
  keys: { name: 'keys show', args: ['keys', 'show'], core: (call) => call('keys.show') },
});

describe('one door: the CLI and the app answer alike', () => {
  it('gives an admin, a scoped staff member, an auditor and a guest the same answers through both transports; the finding-1 attacks are refused', async () => {
    const setup = makeCore();
    await setup.call('vault.create', { dir: setup.vaultDir, ...ADMIN });
    const east = await setup.call<{ id: number }>('clients.create', client('E1', '东方精密', '华东'));
    const south = await setup.call<{ id: number }>('clients.create', client('S1', '南海贸易', '华南'));
    for (const [c, text] of [[east, 'east contract'], [south, 'south contract: confidential']] as const) {
      const file = join(tempDir(), 'contract.pdf');
      writeFileSync(file, text);
      setup.answers.chooseDocumentFile = [file];
      await setup.call('dialog.chooseDocumentFile');
      await setup.call('documents.attach', { jobId: `attach-${c.id}`, clientId: c.id, file });
    }
    const staff = await setup.call<{ id: number }>('users.add', { name: STAFF.userName, role: 'staff', passphrase: STAFF.passphrase });
    await setup.call('users.setScope', { userId: staff.id, scope: { ...EMPTY_SCOPE, regions: ['华东'] } });
    await setup.call('users.add', { name: AUDITOR.userName, role: 'auditor', passphrase: AUDITOR.passphrase, withSlot: true });
    await setup.call('users.add', { name: GUEST.userName, role: 'data_room_guest', passphrase: GUEST.passphrase, withSlot: true });
    const planned = await setup.call<{ id: number; ref: string }>('handovers.create', { title: '华东交接', buyerName: 'Buyer Co' });
    expect(planned.ref.startsWith(handoverRef)).toBe(true);
    setup.core.dispose();
    const vaultDir = setup.vaultDir;
    const r = requests(planned.id, planned.ref);

    const asked: Record<string, (keyof typeof r)[]> = {
      [ADMIN.userName]: ['search', 'showSouth', 'docsSouth', 'handovers', 'handover', 'audit', 'users', 'roles', 'keys'],
      [STAFF.userName]: ['search', 'showEast', 'showSouth', 'docsSouth', 'handovers', 'handover', 'audit', 'users', 'keys'],
      [AUDITOR.userName]: ['search', 'docsEast', 'audit'],
      [GUEST.userName]: ['docsEast', 'handovers'],
    };
    const answers: Record<string, Record<string, Outcome>> = {};
    for (const who of [ADMIN, STAFF, AUDITOR, GUEST]) {
      const app = await signedIn(vaultDir, who);
      answers[who.userName] = {};
      for (const key of asked[who.userName]!) {
        const request = r[key]!;
        const cli = viaCli(vaultDir, who, request.args).outcome;
        const core = await viaCore(request.core, app.call);
        expect({ who: who.userName, request: request.name, answer: comparable(cli) }).toEqual({ who: who.userName, request: request.name, answer: comparable(core) });
        answers[who.userName]![key] = cli;
      }
      app.core.dispose();
    }

    // What the answers are, so "the same" is not "the same nothing".
    const rowsOf = (o: Outcome | undefined) => (o?.ok ? (o.value as { rows: { code: string }[] }).rows.map((x) => x.code) : o);
    expect(rowsOf(answers[ADMIN.userName]!.search)).toEqual(['E1', 'S1']);
    expect(rowsOf(answers[STAFF.userName]!.search)).toEqual(['E1']);
    expect(answers[STAFF.userName]!.showSouth).toEqual({ ok: false, code: 'CLIENT_NOT_FOUND' });
    expect(answers[STAFF.userName]!.docsSouth).toEqual({ ok: false, code: 'CLIENT_NOT_FOUND' });
    expect(answers[STAFF.userName]!.users).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(answers[STAFF.userName]!.audit).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(answers[AUDITOR.userName]!.search).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(answers[AUDITOR.userName]!.docsEast).toEqual({ ok: false, code: 'FORBIDDEN' });
    // Outside a session the built-in guest role reads nothing, by either door.
    expect(answers[GUEST.userName]!.docsEast).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(answers[GUEST.userName]!.handovers).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(answers[ADMIN.userName]!.docsSouth).toMatchObject({ ok: true, value: [{ name: 'contract.pdf' }] });

    // Finding 1: a region-scoped staff member exports another region's document: refused like a missing client, nothing written.
    const stolen = join(tempDir(), 'stolen.pdf');
    const attack = viaCli(vaultDir, STAFF, ['docs', 'export', 'S1', 'contract.pdf', '--out', stolen]);
    expect(attack).toEqual({ outcome: { ok: false, code: 'CLIENT_NOT_FOUND' }, exit: 1 });
    expect(existsSync(stolen)).toBe(false);
    // Their own region's document comes out, so the refusal above is about scope, not the command.
    const own = join(tempDir(), 'own.pdf');
    expect(viaCli(vaultDir, STAFF, ['docs', 'export', 'E1', 'contract.pdf', '--out', own]).exit).toBe(0);
    expect(readFileSync(own, 'utf8')).toBe('east contract');
    // Not allowed is exit 4, as the README says.
    expect(viaCli(vaultDir, AUDITOR, ['docs', 'list', 'E1']).exit).toBe(4);
  }, 900_000);
});
