import type { MaskableField } from '../../../shared/contract/permissions';
import type { Db } from '../db/database';
import { indexFields } from '../formats/client-index-text';
import { indexedPartsOf, type MatchFilter } from './search-store';
import { searchQuery, searchTokens } from '../formats/search-tokens';

/** The fields the search index holds that a role can mask. */
const TEXT_MASKS: readonly MaskableField[] = ['phones', 'emails', 'address'];
const ready = new WeakSet<Db>();

/**
 * A masked field must not be a search oracle: a user who sees phones masked could otherwise confirm
 * a client's exact phone by searching for it. The index holds every field in one column, so the
 * (at most SEARCH_CAP + 1) candidates are checked again against an index of only the fields this user
 * sees, built in a temporary in-memory FTS5 table with the same tokens and query syntax — the
 * decision is exactly the index's, for whatever tokens the index uses. About 1-3 ms per 1,000
 * candidates; only users with text-masked fields pay it.
 */
export function maskedMatchFilter(db: Db, masked: ReadonlySet<MaskableField>): MatchFilter | null {
  const hidden = new Set(TEXT_MASKS.filter((f) => masked.has(f)));
  if (hidden.size === 0) return null;
  return (ids, text) => {
    const match = searchQuery(text);
    if (!match || ids.length === 0) return [];
    if (!ready.has(db)) {
      // temp_store=MEMORY (every open): this table never reaches a file.
      db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.unmasked_search USING fts5(t, tokenize='unicode61 remove_diacritics 0', prefix='1', detail=full)`);
      ready.add(db);
    }
    const parts = indexedPartsOf(db, ids);
    const insert = db.prepare('INSERT INTO temp.unmasked_search (rowid, t) VALUES (?, ?)');
    return db.transaction(() => {
      db.prepare('DELETE FROM temp.unmasked_search').run();
      for (const [id, p] of parts) insert.run(id, searchTokens(indexFields(p, hidden)));
      const kept = new Set(db.prepare('SELECT rowid FROM temp.unmasked_search WHERE unmasked_search MATCH ?').pluck().all(match) as number[]);
      db.prepare('DELETE FROM temp.unmasked_search').run();
      return ids.filter((id) => kept.has(id));
    })();
  };
}
