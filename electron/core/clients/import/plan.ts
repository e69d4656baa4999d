import type { ClientDraft } from '../../../../shared/contract/clients';
import type { Db } from '../../db/database';
import { eachClientCode, eachClientContact, getClient } from '../store';
import type { HeldTable } from './held-table';
import { nameKeys, type PreparedRow } from './prepare';
import { preparedBatches } from './row-pipeline';
import type { Mapping, RowProblem } from './validate';

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

type Target = { clientId: number | null; action: number | null; row: number | null };

/**
 * Decides, row after row and without writing anything, what an import does with each: insert,
 * update, skip as a duplicate, or reject with its problems. The same decisions make the plan shown
 * in the wizard (dry run) and the one the run applies while rows are still being prepared.
 */
export class ImportPlanner {
  readonly plan: ImportPlan;
  private readonly codes = new Map<string, Target>();
  private readonly contacts = new Map<string, Target>();
  private generated = 0;

  constructor(private readonly db: Db, private readonly headers: readonly string[], private readonly mapping: Mapping, private readonly policy: DuplicatePolicy, rows: number) {
    this.plan = { actions: [], problems: [], duplicates: [], summary: { rows, imported: 0, updated: 0, skipped: 0, rejected: 0 } };
    for (const r of eachClientCode(db)) this.codes.set(r.code, { clientId: r.id, action: null, row: null });
    for (const r of eachClientContact(db)) {
      const d = { name: r.name, contacts: [{ phones: JSON.parse(r.phones) as string[], emails: JSON.parse(r.emails) as string[] }] } as ClientDraft;
      for (const k of nameKeys(d)) this.contacts.set(k, { clientId: r.id, action: null, row: null });
    }
  }

  private newCode(base: string): string {
    let code: string;
    do {
      this.generated++;
      code = base ? `${base}-${this.generated + 1}` : `C${String(this.generated).padStart(6, '0')}`;
    } while (this.codes.has(code));
    return code;
  }

  /**
   * Decides one row (rows in file order). Returns the index of the action it added, or of the
   * earlier action it changed (an update merged into a row met before), or null (rejected, skipped).
   */
  add(p: PreparedRow): number | null {
    const { plan, headers } = this;
    const { draft, row } = p;
    if (!draft) {
      plan.problems.push(...p.problems.sort((a, b) => headers.indexOf(a.column) - headers.indexOf(b.column)));
      plan.summary.rejected++;
      return null;
    }
    const byCode = draft.code ? this.codes.get(draft.code) : undefined;
    const byContact = byCode ? undefined : p.nameKeys.map((k) => this.contacts.get(k)).find(Boolean);
    const target = byCode ?? byContact;
    if (target) {
      const note: DuplicateNote = { row, code: draft.code, name: draft.name, matchedBy: byCode ? 'code' : 'nameContact', otherRow: target.row, action: 'skipped' };
      plan.duplicates.push(note);
      if (this.policy === 'skip') {
        plan.summary.skipped++;
        return null;
      }
      if (this.policy === 'update') {
        note.action = 'updated';
        if (target.action !== null) {
          const earlier = plan.actions[target.action]!;
          earlier.draft = merge(earlier.draft, { ...draft, code: earlier.draft.code }, this.mapping);
          return target.action;
        }
        const existing = getClient(this.db, target.clientId!)!;
        const { id: _id, archived: _a, createdAt: _c, updatedAt: _u, transactions: _t, communications: _m, tier: _tier, valueScore: _v, masked: _k, ...base } = existing;
        plan.actions.push({ kind: 'update', row, clientId: target.clientId!, draft: merge(base, { ...draft, code: base.code }, this.mapping) });
        target.action = plan.actions.length - 1;
        plan.summary.updated++;
        return target.action;
      }
      note.action = 'kept';
      if (byCode) draft.code = this.newCode(draft.code);
    }
    if (!draft.code) draft.code = this.newCode('');
    plan.actions.push({ kind: 'insert', row, draft });
    const ref = { clientId: null, action: plan.actions.length - 1, row };
    this.codes.set(draft.code, ref);
    for (const k of p.nameKeys) if (!this.contacts.has(k)) this.contacts.set(k, ref);
    plan.summary.imported++;
    return ref.action;
  }
}

/** The same plan with the rows validated on the import worker (the dry run and the rejected-rows report of a large file). */
export async function planImportOffThread(db: Db, table: HeldTable, mapping: Mapping, policy: DuplicatePolicy): Promise<ImportPlan> {
  const planner = new ImportPlanner(db, table.outline.headers, mapping, policy, table.outline.rowCount);
  for await (const batch of preparedBatches(table, mapping, false)) for (const row of batch.rows) planner.add(row);
  return planner.plan;
}
