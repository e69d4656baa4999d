import { requireSearchRebuild } from '../../clients/store';
import type { Migration } from './migration';

/**
 * Pinyin for client search and sort (issue 17): a sort key per client (北辰 before 东方, 东方客户2 before
 * 东方客户10) in the covering and list indexes, and the search index rebuilt so that names are found by
 * full pinyin and initials (dfkh, zhangwei). The index is derived data, so it is rebuilt with the
 * current tokeniser rather than a copy frozen here.
 */
export const pinyinSearch: Migration = {
  version: 13,
  name: 'pinyin-search',
  up(db) {
    db.exec(`
      ALTER TABLE clients ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
      DROP INDEX clients_lookup;
      CREATE INDEX clients_lookup ON clients(id, archived, name, name_sort, code, region, industry, owner, annual_revenue);
      DROP INDEX clients_live;
      CREATE INDEX clients_live ON clients(archived, name_sort);
    `);
    requireSearchRebuild(db);
  },
};
