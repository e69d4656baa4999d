import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, CONTRACT, type ChannelName, type IdKind } from '../../shared/contract';
import type { Db } from '../../electron/core/db/database';
import { samples } from '../helpers/channel-samples';
import { scopedVault } from '../helpers/scoped-vault';
import { STAFF } from '../helpers/temp';

/** Input fields that look like ids but name nothing scoped, and why. */
const NOT_SCOPED: Record<string, string> = {
  '*.jobId': 'the caller\'s own job, made up by the caller',
  'users.setDisabled.userId': 'users are not client data; only users.manage reaches it',
  'users.setRole.userId': 'users are not client data; only users.manage reaches it',
  'users.setScope.userId': 'users are not client data; only users.manage reaches it',
  'keys.verifyCounterparty.id': 'counterparty keys belong to the vault, not to a client',
  'keys.removeCounterparty.id': 'counterparty keys belong to the vault, not to a client',
};
const ID_NAME = /^(id|.+Id|.+Ids)$/;

/** Dot paths of every field of a zod input schema (through optional, nullable, default, arrays). */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return Object.entries(shape).flatMap(([k, v]) => [`${prefix}${k}`, ...fieldPaths(v, `${prefix}${k}.`)]);
    }
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch':
      return fieldPaths(def.innerType as z.ZodType, prefix);
    case 'array':
      return fieldPaths(def.element as z.ZodType, prefix);
    case 'pipe':
      return fieldPaths(def.in as z.ZodType, prefix);
    default:
      return [];
  }
}

const NOT_FOUND: Partial<Record<IdKind, string>> = {
  client: 'CLIENT_NOT_FOUND', document: 'DOCUMENT_NOT_FOUND', handover: 'HANDOVER_NOT_FOUND', session: 'SESSION_NOT_FOUND', question: 'QUESTION_NOT_FOUND',
};

function setAt(input: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = input;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  at[last] = Array.isArray(at[last]) || /Ids$|^picked$/.test(last) ? [value] : value;
}

/** Everything a refused call must leave as it was, as one digest. */
function stateDigest(db: Db): string {
  const tables = ['clients', 'client_contacts', 'client_transactions', 'client_communications', 'handovers', 'handover_clients', 'handover_ndas',
    'handover_risks', 'handover_checklist', 'handover_notices', 'handover_approvals', 'dataroom_sessions', 'dataroom_questions', 'dataroom_events', 'access_log'];
  const hash = createHash('sha256');
  for (const t of tables) hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all().map((r) => JSON.stringify(r)).sort()));
  hash.update(JSON.stringify(db.prepare('SELECT id, client_id, name, state FROM documents ORDER BY id').all()));
  return hash.digest('hex');
}

describe('scope declared in the contract', () => {
  it('every input field that names an id is declared in the channel\'s refs (or named here with a reason)', () => {
    const undeclared: string[] = [];
    for (const name of CHANNEL_NAMES) {
      const spec = CONTRACT[name];
      for (const path of fieldPaths(spec.input)) {
        const field = path.split('.').pop()!;
        if (!ID_NAME.test(field) && field !== 'picked') continue;
        if (path in spec.refs || NOT_SCOPED[`${name}.${path}`] || NOT_SCOPED[`*.${field}`]) continue;
        undeclared.push(`${name}: ${path}`);
      }
      for (const path of Object.keys(spec.refs)) expect(fieldPaths(spec.input), `${name} declares ${path}, which its input does not have`).toContain(path);
      const kinds = Object.values(spec.refs);
      if (kinds.includes('entry')) expect(kinds, `${name}: an entry belongs to a client named alongside`).toContain('client');
      if (kinds.includes('item')) expect(kinds, `${name}: an item belongs to a handover named alongside`).toContain('handover');
    }
    expect(undeclared, 'declare these in shared/contract/channels.ts (refs) or list them in NOT_SCOPED with a reason').toEqual([]);
  });

  it('answers an id outside a scoped user\'s segment exactly as a missing one, for every channel that takes one, and changes nothing', async () => {
    const v = await scopedVault();
    const db = v.h.core.openVaultForTests!.db;
    const inside: Record<string, unknown> = { client: v.inScope.client, document: v.inScope.document, handover: v.inScope.handover };
    const outsideFor = (channel: ChannelName, path: string, kind: IdKind): unknown => {
      if (kind === 'entry') return channel.includes('Communication') ? v.outOfScope.communication : v.outOfScope.transaction;
      if (kind === 'item') return path === 'ndaId' ? v.outOfScope.nda : path === 'riskId' ? v.outOfScope.risk : v.outOfScope.checkItem;
      return v.outOfScope[kind];
    };
    const missingFor = (kind: IdKind) => (kind === 'session' ? 'DR-20000101-000000' : 9_999_999);
    const inputFor = (channel: ChannelName, path: string, value: unknown) => {
      const input = structuredClone(samples[channel]) as Record<string, unknown>;
      for (const [p, k] of Object.entries(CONTRACT[channel].refs)) if (inside[k] !== undefined) setAt(input, p, inside[k]);
      setAt(input, path, value);
      return input;
    };
    const before = stateDigest(db);
    const checked: string[] = [];
    const failures: string[] = [];
    const probe = async (channels: ChannelName[]) => {
      for (const channel of channels.filter((c) => Object.keys(CONTRACT[c].refs).length > 0)) {
        expect(samples, `add a sample input for ${channel}`).toHaveProperty([channel]);
        for (const [path, kind] of Object.entries(CONTRACT[channel].refs)) {
          const outside = await v.h.core.handle(channel, inputFor(channel, path, outsideFor(channel, path, kind)));
          const missing = await v.h.core.handle(channel, inputFor(channel, path, missingFor(kind)));
          if (JSON.stringify(outside) !== JSON.stringify(missing)) failures.push(`${channel} ${path}: ${JSON.stringify(outside)} vs ${JSON.stringify(missing)}`);
          const code = outside.ok ? 'ok' : outside.error.code;
          if (NOT_FOUND[kind] && code !== NOT_FOUND[kind]) failures.push(`${channel} ${path}: ${code}, not ${NOT_FOUND[kind]}`);
          checked.push(`${channel}.${path}`);
        }
      }
    };
    await probe(CHANNEL_NAMES.filter((c) => CONTRACT[c].access !== 'dataroom'));
    expect(failures, 'out of scope and missing must answer alike, with the kind\'s not-found').toEqual([]);
    expect(stateDigest(db), 'a refused call changed the vault').toBe(before);
    // The reviewer's calls, inside a session the scoped user runs on the handover they can see.
    await v.h.call('dataroom.start', {
      handoverId: v.inScope.handover, reviewer: { name: 'Rita', organisation: 'O', idNumber: '' }, clientIds: [], categories: ['basic', 'documents'],
      masked: [], documents: true, seconds: 600, passphrase: STAFF.passphrase,
    });
    await probe(CHANNEL_NAMES.filter((c) => CONTRACT[c].access === 'dataroom'));
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThan(60);
    for (const c of ['clients.get.id', 'handovers.setIncluded.clientIds', 'dataroom.start.clientIds', 'dataroom.report.id', 'dataroom.client.id', 'handovers.removeRisk.riskId']) {
      expect(checked).toContain(c);
    }
  });
});
