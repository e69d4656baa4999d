import type { Db } from '../../db/database';

/** One schema step; its own file so the steps need not import the index that lists them. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
