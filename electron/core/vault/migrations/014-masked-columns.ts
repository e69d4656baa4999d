import { requireSearchRebuild } from '../../clients/store';
import type { Migration } from './migration';

/**
 * The search index gets a column per maskable field — phones, e-mails, address — beside one for the
 * rest (formats/client-index-text.ts INDEX_COLUMNS), so a user who sees those masked searches the other
 * columns only, in the index itself (issues 4 and 16: a scoped, masked user's search under 10 ms). The
 * index is derived data: rebuilt with the current tokeniser, as migration 013 did.
 */
export const maskedColumns: Migration = {
  version: 14,
  name: 'search-masked-columns',
  up(db) {
    requireSearchRebuild(db);
  },
};
