import type { Migration } from './migration';

/**
 * Issue 14, finding 4: the built-in data-room reviewer role (`data_room_guest`) was seeded with
 * `clients.read`, so a reviewer's account read every client, handover, data-room report (with other
 * reviewers' ID numbers) and question outside any session. Reviewers work only inside a facilitated
 * session, whose calls need no permission: the role now holds none. A role an administrator has
 * already changed from the old seed is left as they made it.
 */
export const guestReadsNothing: Migration = {
  version: 11,
  name: 'guest-reads-nothing',
  up(db) {
    db.prepare(`UPDATE roles SET permissions = '[]', updated_at = ? WHERE name = 'data_room_guest' AND builtin = 1 AND permissions = '["clients.read"]'`)
      .run(new Date().toISOString());
  },
};
