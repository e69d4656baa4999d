import type { ClientDraft } from '../../../../shared/contract/clients';
import type { PreparedRow } from './prepare';
import type { RowProblem } from './validate';

/**
 * A batch of prepared rows as the import worker sends it to the main thread (issue 16). Sent as
 * objects, 100,000 rows cost the main thread — the one that also writes the vault — about 3 s just
 * to be received (the structured clone rebuilds every draft, contact and array property by property;
 * the search texts alone are 80 MB of UTF-16). So a batch travels as one flat array of plain values
 * and the search texts as one UTF-8 buffer that is transferred, not copied: the main thread hands
 * each row's slice of it to SQLite as it is (formats/client-index-text.ts, clients/store.ts).
 */
export interface PreparedBatch {
  /** Per row, in order: an accepted row's values (see encode), or a rejected row's -row and problems. */
  values: (string | number | null)[];
  /** Every accepted row's search text, UTF-8, one after the other. */
  index: Uint8Array;
  /** Where each accepted row's search text ends in `index`. */
  indexEnds: Uint32Array;
}

/** The draft's fields with one value each, in the order they travel. */
const SCALARS = [
  'code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance',
  'cooperationStart', 'annualRevenue', 'grossProfit', 'currency', 'renewalRate', 'satisfaction', 'notes',
] as const satisfies readonly (keyof ClientDraft)[];

function pushList(out: PreparedBatch['values'], list: readonly string[]): void {
  out.push(list.length);
  for (const s of list) out.push(s);
}

/** The worker's side. The buffers of the result are fresh: post it with them in the transfer list. */
export function encodeBatch(rows: readonly PreparedRow[]): PreparedBatch {
  const values: PreparedBatch['values'] = [];
  const texts: Uint8Array[] = [];
  let bytes = 0;
  for (const p of rows) {
    if (!p.draft) {
      values.push(-p.row, JSON.stringify(p.problems));
      continue;
    }
    const d = p.draft;
    values.push(p.row);
    for (const k of SCALARS) values.push(d[k]);
    pushList(values, d.tags);
    values.push(d.contacts.length);
    for (const c of d.contacts) {
      values.push(c.name, c.title);
      pushList(values, c.phones);
      pushList(values, c.emails);
    }
    pushList(values, p.nameKeys);
    values.push(p.sortKey);
    texts.push(p.index);
    bytes += p.index.length;
  }
  const index = new Uint8Array(bytes);
  const indexEnds = new Uint32Array(texts.length);
  let at = 0;
  texts.forEach((t, i) => {
    index.set(t, at);
    at += t.length;
    indexEnds[i] = at;
  });
  return { values, index, indexEnds };
}

/** The main thread's side: the rows again, each search text a view into the batch's buffer (no copy). */
export function decodeBatch(batch: PreparedBatch): PreparedRow[] {
  const { values: v, index, indexEnds } = batch;
  const out: PreparedRow[] = [];
  let i = 0;
  let texts = 0;
  const next = () => v[i++]!;
  const list = (): string[] => {
    const n = next() as number;
    const items = v.slice(i, i + n) as string[];
    i += n;
    return items;
  };
  while (i < v.length) {
    const row = next() as number;
    if (row < 0) {
      const problems = JSON.parse(next() as string) as RowProblem[];
      out.push({ row: -row, draft: null, problems, nameKeys: [], index: new Uint8Array(0), sortKey: '' });
      continue;
    }
    // An object literal in the order of SCALARS (one hidden class for every row; properties added
    // one by one made each draft a slow dictionary object, half the cost of receiving a batch).
    const draft: ClientDraft = {
      code: next() as string, name: next() as string, type: next() as ClientDraft['type'], industry: next() as string,
      region: next() as string, city: next() as string, address: next() as string, owner: next() as string,
      department: next() as string, importance: next() as string, cooperationStart: next() as string | null,
      annualRevenue: next() as number | null, grossProfit: next() as number | null, currency: next() as string,
      renewalRate: next() as number | null, satisfaction: next() as number | null, notes: next() as string,
      tags: list(), contacts: [],
    };
    for (let n = next() as number; n > 0; n--) {
      const name = next() as string;
      const title = next() as string;
      draft.contacts.push({ name, title, phones: list(), emails: list() });
    }
    const nameKeys = list();
    const sortKey = next() as string;
    const start = texts === 0 ? 0 : indexEnds[texts - 1]!;
    const text = index.subarray(start, indexEnds[texts++]!);
    out.push({ row, draft, problems: [], nameKeys, index: text, sortKey });
  }
  return out;
}
