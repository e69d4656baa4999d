import type { Db, Statement } from '../db/database';

/**
 * A page of clients' contacts, transactions and communications as a handover package carries them:
 * one range scan of the table's client_id index per page, where a correlated subquery per client
 * would seek each index 100,000 times. Transactions and communications come grouped, SQLite building
 * each client's JSON array (json_group_array, in the order the package lists them); contacts as rows.
 * Each statement takes the page's range (client ids after the first bound, up to the second) and
 * returns raw rows, the client id first.
 */
const RANGE = 'client_id > ? AND client_id <= ?';

export function relatedJsonStatements(db: Db): { contactRows: Statement; transactions: Statement; communications: Statement } {
  return {
    /**
     * The contacts themselves, in client then contact order (the client_id index gives them so, no sort):
     * client id, name, title, phones and e-mails (JSON lists); the package's text is made from them in
     * JavaScript. For 100,000 clients a fifth of the cost of aggregating them here (json_group_array and
     * group_concat, each ORDER BY sorting every client's group).
     */
    contactRows: db.prepare(`SELECT client_id, name, title, phones, emails FROM client_contacts WHERE ${RANGE} ORDER BY client_id, id`).raw(),
    /** Per client: the transactions' JSON, newest first, and their number. */
    transactions: db.prepare(`SELECT client_id, json_group_array(json_object('kind', kind, 'ref', ref, 'date', date, 'amount', amount, 'currency', currency, 'status', status)
        ORDER BY date DESC, id), count(*) FROM client_transactions WHERE ${RANGE} GROUP BY client_id`).raw(),
    /** Per client: the communications' JSON, newest first, and their number. */
    communications: db.prepare(`SELECT client_id, json_group_array(json_object('date', date, 'channel', channel, 'summary', summary, 'byUser', by_user)
        ORDER BY date DESC, id), count(*) FROM client_communications WHERE ${RANGE} GROUP BY client_id`).raw(),
  };
}
