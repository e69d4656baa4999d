import type { ClientDraft } from '../../../../shared/contract/clients';
import type { Db } from '../../db/database';
import { eachClientCode, eachClientContact, getClient } from '../store';
import type { Table } from './read-table';
import { validateRow, type Mapping, type RowProblem } from './validate';

export type DuplicatePolicy = 'skip' | 'update' | 'keep';

export interface DuplicateNote {
  row: number;
  code: string;
  name: string;
  matchedBy: 'code' | 'nameContact';
  /** The row it matched in this file, or null when it matched a client already in the vault. */
  otherRow: number | null;
  action: 'skipped' | 'updated' | 'kept';
}

export type Action =
  | { kind: 'insert'; row: number; draft: ClientDraft }
  | { kind: 'update'; row: number; draft: ClientDraft; clientId: number };

export interface ImportPlan {
  actions: Action[];
  problems: RowProblem[];
  duplicates: DuplicateNote[];
  summary: { rows: number; imported: number; updated: number; skipped: number; rejected: number };
}

const nameKeys = (d: ClientDraft): string[] => {
  const name = d.name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return d.contacts.flatMap((c) => [...c.phones, ...c.emails.map((e) => e.toLowerCase())]).map((k) => `${name}\u0000${k}`);
};

/** Later, non-empty values win; contacts with the same name are merged, others appended. */
function merge(base: ClientDraft, next: ClientDraft, mapping: Mapping): ClientDraft {
  const merged: ClientDraft = { ...base, contacts: base.contacts.map((c) => ({ ...c })) };
  const mapped = new Set(mapping.filter(Boolean));
  for (const key of Object.keys(next) as (keyof ClientDraft)[]) {
    if (key === 'contacts' || key === 'currency') continue;
    const value = next[key];
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty && (mapped.has(key as never) || key === 'type')) (merged as Record<string, unknown>)[key] = value;
  }
  for (const c of next.contacts) {
    const same = merged.contacts.find((m) => m.name && m.name === c.name);
    if (same) {
      same.phones = [...new Set([...same.phones, ...c.phones])].slice(0, 10);
      same.emails = [...new Set([...same.emails, ...c.emails])].slice(0, 10);
      if (c.title) same.title = c.title;
    } else merged.contacts.push(c);
  }
  return merged;
}

/**
 * Decide, without writing anything, what an import would do with every row:
 * insert, update, skip as a duplicate, or reject with its problems. The same
 * plan is shown in the wizard (dry run) and then applied.
 */
export function planImport(db: Db, table: Table, mapping: Mapping, policy: DuplicatePolicy): ImportPlan {
  const codes = new Map<string, { clientId: number | null; action: number | null; row: number | null }>();
  for (const r of eachClientCode(db)) {
    codes.set(r.code, { clientId: r.id, action: null, row: null });
  }
  const contacts = new Map<string, { clientId: number | null; action: number | null; row: number | null }>();
  for (const r of eachClientContact(db)) {
    const d = { name: r.name, contacts: [{ phones: JSON.parse(r.phones) as string[], emails: JSON.parse(r.emails) as string[] }] } as ClientDraft;
    for (const k of nameKeys(d)) contacts.set(k, { clientId: r.id, action: null, row: null });
  }
  let generated = 0;
  const newCode = (base: string) => {
    let code: string;
    do {
      generated++;
      code = base ? `${base}-${generated + 1}` : `C${String(generated).padStart(6, '0')}`;
    } while (codes.has(code));
    return code;
  };

  const plan: ImportPlan = { actions: [], problems: [], duplicates: [], summary: { rows: table.rows.length, imported: 0, updated: 0, skipped: 0, rejected: 0 } };
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    const { draft, problems } = validateRow(cells, table.headers, mapping, row);
    if (!draft) {
      plan.problems.push(...problems.sort((a, b) => table.headers.indexOf(a.column) - table.headers.indexOf(b.column)));
      plan.summary.rejected++;
      return;
    }
    const byCode = draft.code ? codes.get(draft.code) : undefined;
    const byContact = byCode ? undefined : nameKeys(draft).map((k) => contacts.get(k)).find(Boolean);
    const target = byCode ?? byContact;
    if (target) {
      const note: DuplicateNote = { row, code: draft.code, name: draft.name, matchedBy: byCode ? 'code' : 'nameContact', otherRow: target.row, action: 'skipped' };
      plan.duplicates.push(note);
      if (policy === 'skip') {
        plan.summary.skipped++;
        return;
      }
      if (policy === 'update') {
        note.action = 'updated';
        if (target.action !== null) {
          const earlier = plan.actions[target.action]!;
          earlier.draft = merge(earlier.draft, { ...draft, code: earlier.draft.code }, mapping);
        } else {
          const existing = getClient(db, target.clientId!)!;
          const { id: _id, archived: _a, createdAt: _c, updatedAt: _u, transactions: _t, communications: _m, tier: _tier, valueScore: _v, ...base } = existing;
          plan.actions.push({ kind: 'update', row, clientId: target.clientId!, draft: merge(base, { ...draft, code: base.code }, mapping) });
          target.action = plan.actions.length - 1;
          plan.summary.updated++;
        }
        return;
      }
      note.action = 'kept';
      if (byCode) draft.code = newCode(draft.code);
    }
    if (!draft.code) draft.code = newCode('');
    plan.actions.push({ kind: 'insert', row, draft });
    const ref = { clientId: null, action: plan.actions.length - 1, row };
    codes.set(draft.code, ref);
    for (const k of nameKeys(draft)) if (!contacts.has(k)) contacts.set(k, ref);
    plan.summary.imported++;
  });
  return plan;
}
