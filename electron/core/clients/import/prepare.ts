import type { ClientDraft } from '../../../../shared/contract/clients';
import { clientSortKey, indexTextUtf8 } from '../../formats/client-index-text';
import { validateRow, type Mapping, type RowProblem } from './validate';

/**
 * One data row made ready for the import, as far as it can be without the vault: validated and
 * normalised into a draft, and — for a run — tokenised (search index text, sort key with pinyin).
 * Pure, so the thread holding the table (workers/import-table.ts) does it for 100,000 rows while the main
 * thread writes, and the dry run does the validating part itself.
 */
export interface PreparedRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  draft: ClientDraft | null;
  problems: RowProblem[];
  /** The keys a duplicate is found by besides the code: name with each phone and e-mail. */
  nameKeys: string[];
  /**
   * The search index text (formats/client-index-text.ts) of the draft as validated, with the code
   * the file gave it (the main thread redoes the code's part when resolving duplicates changes it),
   * in UTF-8: it reaches the main thread as a view into one transferred buffer (prepared-batch.ts)
   * and SQLite takes it as it is. Empty in a dry run.
   */
  index: Uint8Array;
  sortKey: string;
}

const NO_TEXT = new Uint8Array(0);

export const nameKeys = (d: Pick<ClientDraft, 'name' | 'contacts'>): string[] => {
  const name = d.name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return d.contacts.flatMap((c) => [...c.phones, ...c.emails.map((e) => e.toLowerCase())]).map((k) => `${name}\u0000${k}`);
};

export function prepareRow(cells: readonly string[], headers: readonly string[], mapping: Mapping, row: number, derive: boolean): PreparedRow {
  const { draft, problems } = validateRow(cells, headers, mapping, row);
  if (!draft) return { row, draft, problems, nameKeys: [], index: NO_TEXT, sortKey: '' };
  return {
    row, draft, problems, nameKeys: nameKeys(draft),
    index: derive ? indexTextUtf8(draft) : NO_TEXT,
    sortKey: derive ? clientSortKey(draft) : '',
  };
}
