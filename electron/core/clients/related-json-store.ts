import type { Db, Statement } from '../db/database';

/**
 * A page of clients' contacts, transactions and communications as a handover package carries them.
 * SQLite builds each client's JSON array itself (json_group_array, in the order the package lists them):
 * one grouped range scan of the table's client_id index per page, where a correlated subquery per client
 * would seek each index 100,000 times. Each statement takes the page's range (client ids after the first
 * bound, up to the second) and returns raw rows, the client id first.
 */
const RANGE = 'client_id > ? AND client_id <= ?';

/** Every value of a JSON list column (phones, emails) of a client's contacts, joined with ';' in contact order. */
const joined = (field: string) => `group_concat((SELECT group_concat(value, ';' ORDER BY key) FROM json_each(${field})), ';' ORDER BY id)`;

export function relatedJsonStatements(db: Db): { contacts: Statement; transactions: Statement; communications: Statement } {
  return {
    /** Per client: the contacts' JSON, the first one's name and title, every phone and e-mail, and whether any reaches someone. */
    contacts: db.prepare(`SELECT client_id,
        json_group_array(json_object('name', name, 'title', title, 'phones', json(phones), 'emails', json(emails)) ORDER BY id),
        json_group_array(name ORDER BY id) ->> 0, json_group_array(title ORDER BY id) ->> 0, ${joined('phones')}, ${joined('emails')},
        max(json_array_length(phones) + json_array_length(emails) > 0)
      FROM client_contacts WHERE ${RANGE} GROUP BY client_id`).raw(),
    /** Per client: the transactions' JSON, newest first, and their number. */
    transactions: db.prepare(`SELECT client_id, json_group_array(json_object('kind', kind, 'ref', ref, 'date', date, 'amount', amount, 'currency', currency, 'status', status)
        ORDER BY date DESC, id), count(*) FROM client_transactions WHERE ${RANGE} GROUP BY client_id`).raw(),
    /** Per client: the communications' JSON, newest first, and their number. */
    communications: db.prepare(`SELECT client_id, json_group_array(json_object('date', date, 'channel', channel, 'summary', summary, 'byUser', by_user)
        ORDER BY date DESC, id), count(*) FROM client_communications WHERE ${RANGE} GROUP BY client_id`).raw(),
  };
}
