import type { MaskableField } from '../../../shared/contract/permissions';
import type { IndexColumn } from '../formats/client-index-text';

/** The fields a role can mask that the search index holds, each in its own column (formats/client-index-text.ts). */
const MASKABLE_COLUMNS: readonly (MaskableField & IndexColumn)[] = ['phones', 'emails', 'address'];

/**
 * A masked field must not be a search oracle: a user who sees phones masked could otherwise confirm
 * a client's exact phone by searching for it. Each maskable field has its own column in the index, so
 * such a user's query leaves those columns out (an FTS5 column filter, search-store.ts): the index
 * itself answers, as fast as for anyone else. Re-tokenising up to 1,000 candidates and matching them
 * again in a temporary FTS5 table cost 150-300 ms a keystroke.
 */
export function hiddenSearchColumns(masked: ReadonlySet<MaskableField>): IndexColumn[] {
  return MASKABLE_COLUMNS.filter((f) => masked.has(f));
}
