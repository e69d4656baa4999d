import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, CONTRACT, rowsAt, type ChannelName, type CheckedIdKind, type RowRef } from '../../shared/contract';
import { samples } from '../helpers/channel-samples';
import { scopedVault, SOUTH } from '../helpers/scoped-vault';
import { STAFF } from '../helpers/temp';

/**
 * Output lists whose rows carry ids but name nothing the router must filter, and why.
 * Keys: `channel:path` for one channel, `*:path` for that path in any channel's output.
 */
const NOT_SCOPED_ROWS: Record<string, string> = {
  'vault.security:users': 'users are not client data; the security page lists logins',
  'users.list:': 'users are not client data; only users.manage reaches it',
  'keys.counterparties:': 'counterparty keys belong to the vault, not to a client',
  'keys.addCounterparty:': 'counterparty keys belong to the vault, not to a client',
  'keys.verifyCounterparty:': 'counterparty keys belong to the vault, not to a client',
  'keys.removeCounterparty:': 'counterparty keys belong to the vault, not to a client',
  'clients.importCheck:duplicates': 'importing needs an unscoped account (README: a scoped user would learn which codes are taken)',
  'clients.importRun:duplicates': 'importing needs an unscoped account (README: a scoped user would learn which codes are taken)',
  'packages.preview:commitments': 'rows of the package being received, not of this vault',
  'packages.import:rejected': 'rows of the package being received, not of this vault',
  '*:transactions': 'entries of the one client the input names, checked by the router before the handler runs',
  '*:communications': 'entries of the one client the input names, checked by the router before the handler runs',
  '*:client.transactions': 'entries of the one client the input names, checked by the router before the handler runs',
  '*:client.communications': 'entries of the one client the input names, checked by the router before the handler runs',
  '*:ndas': 'items of the one handover the input names, checked by the router',
  '*:risks': 'items of the one handover the input names, checked by the router',
  '*:checklist': 'items of the one handover the input names, checked by the router',
  '*:gates.[].problems': 'problem codes of an export condition, not record ids',
  '*:negotiations': 'records of the one proposal the input names, looked up inside its checked handover and client',
  '*:payments': 'records of the one proposal the input names, looked up inside its checked handover and client',
};
/** Fields that name a record: ids, and clients named by code (`client` in a session report). */
const ROW_ID = /^(id|.+Id|code|client)$/;

/** Paths (dots; `[]` for an array inside an array) of every output array whose rows carry an id-like field. */
function rowLists(schema: z.ZodType, prefix = '', inArray = false): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object': {
      const shape = Object.entries(def.shape as Record<string, z.ZodType>);
      const own = inArray && shape.some(([k]) => ROW_ID.test(k)) ? [prefix.replace(/\.$/, '')] : [];
      return [...own, ...shape.flatMap(([k, v]) => rowLists(v, `${inArray ? `${prefix}[].` : prefix}${k}.`))];
    }
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch':
      return rowLists(def.innerType as z.ZodType, prefix, inArray);
    case 'array':
      return rowLists(def.element as z.ZodType, prefix, true);
    case 'pipe':
      return rowLists(def.in as z.ZodType, prefix, inArray);
    default:
      return [];
  }
}

const refsOf = (declared: RowRef | readonly RowRef[]): readonly RowRef[] => (Array.isArray(declared) ? declared : [declared as RowRef]);

describe('output lists filtered by declaration', () => {
  it('every output list whose rows carry ids declares how it is filtered (or is named here with a reason)', () => {
    const undeclared: string[] = [];
    for (const name of CHANNEL_NAMES) {
      const { output, rows } = CONTRACT[name];
      const lists = rowLists(output);
      for (const path of lists) {
        if (path in rows || NOT_SCOPED_ROWS[`${name}:${path}`] || NOT_SCOPED_ROWS[`*:${path}`]) continue;
        undeclared.push(`${name}: ${path || '(the output itself)'}`);
      }
      for (const path of Object.keys(rows)) expect(lists, `${name} declares rows at "${path}", which its output does not list`).toContain(path);
    }
    expect(undeclared, 'declare these as the channel\'s rows in shared/contract (refs.ts `Rows`) or list them here with a reason').toEqual([]);
  });

  it('drops a row outside a scoped user\'s segment that a handler lets through, and leaves the rows in scope as they were', async () => {
    const v = await scopedVault();
    const { core } = v.h;
    const inside: Record<string, unknown> = { client: v.inScope.client, document: v.inScope.document, handover: v.inScope.handover };
    const outside: Record<CheckedIdKind, number | string> = {
      client: v.outOfScope.client, document: v.outOfScope.document, handover: v.outOfScope.handover, session: v.outOfScope.session, question: v.outOfScope.question,
    };
    // Lists with rows for the scoped user: a compensation standard on their handover, then (below) a session they run.
    await v.h.call('compensation.setStandard', { ...(samples['compensation.setStandard'] as object), handoverId: v.inScope.handover });
    await v.h.call('compensation.compute', { handoverId: v.inScope.handover, kind: 'client' });
    const checked: string[] = [];
    const failures: string[] = [];
    const probe = async (channels: ChannelName[]) => {
      for (const channel of channels) {
        const input = structuredClone(samples[channel]) as Record<string, unknown>;
        for (const [p, k] of Object.entries(CONTRACT[channel].refs)) if (inside[k] !== undefined) input[p] = Array.isArray(input[p]) ? [inside[k]] : inside[k];
        for (const [path, declared] of Object.entries(CONTRACT[channel].rows)) {
          for (const { kind, field } of refsOf(declared)) {
            const real = core.handlers[channel] as (i: unknown) => Promise<unknown>;
            let realCount = -1;
            const leaked = kind === 'client' && field !== 'id' && field !== 'clientId' ? SOUTH.code : outside[kind];
            (core.handlers as Record<string, unknown>)[channel] = async (i: unknown) => {
              const out = structuredClone(await real(i));
              const list = rowsAt(out, path);
              realCount = list?.length ?? 0;
              if (list && list.length > 0) list.push({ ...(list[0] as object), [field]: leaked });
              return out;
            };
            const result = await core.handle(channel, input);
            (core.handlers as Record<string, unknown>)[channel] = real;
            if (realCount <= 0) continue; // no row to copy in this fixture
            if (!result.ok) { failures.push(`${channel}: ${result.error.code}`); continue; }
            const rows = rowsAt(result.value, path) ?? [];
            if (rows.length !== realCount || rows.some((r) => (r as Record<string, unknown>)[field] === leaked)) failures.push(`${channel} ${path}.${field}: the leaked row came through`);
            checked.push(`${channel}:${path}:${field}`);
          }
        }
      }
    };
    const declaring = CHANNEL_NAMES.filter((c) => Object.keys(CONTRACT[c].rows).length > 0);
    await probe(declaring.filter((c) => CONTRACT[c].access !== 'dataroom' && c !== 'dataroom.answer'));
    await v.h.call('dataroom.start', {
      handoverId: v.inScope.handover, reviewer: { name: 'Rita', organisation: 'O', idNumber: '' }, clientIds: [], categories: ['basic', 'documents'],
      masked: [], documents: true, seconds: 600, passphrase: STAFF.passphrase,
    });
    await v.h.call('dataroom.ask', { clientId: v.inScope.client, documentId: null, question: '合同何时到期？' });
    await probe(declaring.filter((c) => CONTRACT[c].access === 'dataroom'));
    expect(failures).toEqual([]);
    for (const c of ['clients.search:rows:id', 'documents.list::id', 'handovers.list::id', 'handovers.clients:rows:clientId', 'compensation.list:rows:clientId', 'dataroom.search:rows:id', 'dataroom.questions::id']) {
      expect(checked).toContain(c);
    }
  });
});
