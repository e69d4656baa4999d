import { requireSearchRebuild } from '../../clients/store';
import type { Migration } from './migration';

/**
 * Latin words in the search index as trigrams instead of bigrams (formats/search-tokens.ts, issue 16):
 * full pinyin such as "zhangwei" was a phrase of seven bigrams found in nearly every client, the
 * slowest kind of search; as trigrams it is six rarer ones. Queries are made for the new tokens, so
 * the index is rebuilt — at the first unlock, a slice at a time with progress, as for 013 and 014.
 */
export const latinTrigrams: Migration = {
  version: 15,
  name: 'search-latin-trigrams',
  up(db) {
    requireSearchRebuild(db);
  },
};
