import { clientFilterSchema, type ClientFilter } from '../../../shared/contract/clients-bulk';
import type { Db } from '../db/database';
import type { IndexColumn } from '../formats/client-index-text';
import { searchQuery } from '../formats/search-tokens';
import { listConditions, type SqlFilter } from './search-store';

/**
 * Every client a list's search and filters find, in id order: no cap and no page. What a bulk action
 * on 选择全部 N 个符合条件的客户 works on (clients/bulk.ts). The conditions are the list's own
 * (search-store.ts searchClients: text, filters, archived, the caller's scope, no match in a masked
 * column), written as one statement because no page is ordered here; test/integration/
 * clients-bulk-actions.test.ts checks that both find the same clients.
 */
export function allMatchingIds(db: Db, filter: ClientFilter, scope: SqlFilter | null = null, hidden: readonly IndexColumn[] = []): number[] {
  const q = clientFilterSchema.parse(filter);
  const match = searchQuery(q.text);
  if (q.text.trim() && !match) return [];
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (match) {
    where.push('c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?)');
    // A field masked for the caller is not searched (FTS5's column filter, as the list does).
    params.push(hidden.length ? `- {${hidden.join(' ')}} : (${match})` : match);
  }
  listConditions(q, scope, where, params);
  return db.prepare(`SELECT c.id FROM clients c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`).pluck().all(...params) as number[];
}
