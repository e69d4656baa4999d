import type { CompletenessItem } from '../../../shared/contract/completeness';
import { COMPLETENESS_EXAMPLES } from '../../../shared/contract/completeness';
import type { SqlCondition } from '../clients/selection-store';
import type { Db } from '../db/database';

/**
 * 资料完整度 item by item (issue 17): for a handover's included clients, how many lack each item and the
 * first few of them by code. Joins the handover's rows (handovers) with the clients, their contacts,
 * transactions and communications (clients) and their documents (documents): what a package's
 * completeness counts (packages/export-clients.ts completeness), written as one condition per item.
 * `own` is a scoped user's condition over the clients (alias `c`): they count their own clients only.
 */
type Own = SqlCondition | null;

const blank = (column: string) => `trim(c.${column}) = ''`;
/** The condition under which a client LACKS the item. */
export const MISSING: Record<CompletenessItem, string> = {
  name: blank('name'),
  industry: blank('industry'),
  region: blank('region'),
  city: blank('city'),
  address: blank('address'),
  owner: blank('owner'),
  // Reachable: some contact with a phone or an e-mail (as the package's clients.json reads it).
  contact: 'NOT EXISTS (SELECT 1 FROM client_contacts k WHERE k.client_id = c.id AND json_array_length(k.phones) + json_array_length(k.emails) > 0)',
  transactions: 'NOT EXISTS (SELECT 1 FROM client_transactions t WHERE t.client_id = c.id)',
  notes: `${blank('notes')} AND NOT EXISTS (SELECT 1 FROM client_communications m WHERE m.client_id = c.id)`,
  annualRevenue: 'c.annual_revenue IS NULL',
  grossProfit: 'c.gross_profit IS NULL',
  renewalRate: 'c.renewal_rate IS NULL',
  satisfaction: 'c.satisfaction IS NULL',
  documents: "NOT EXISTS (SELECT 1 FROM documents d WHERE d.client_id = c.id AND d.state = 'complete')",
};

export interface MissingItem {
  item: CompletenessItem;
  count: number;
  clients: { clientId: number; code: string; name: string }[];
}

/** The included clients counted, and for each of `items` some of them lack: how many, and the first few by code. */
export function missingItems(db: Db, handoverId: number, items: readonly CompletenessItem[], own: Own): { clients: number; missing: MissingItem[] } {
  const from = `FROM handover_clients hc JOIN clients c ON c.id = hc.client_id WHERE hc.handover_id = ? AND hc.included = 1${own ? ` AND ${own.sql}` : ''}`;
  const params = [handoverId, ...(own?.params ?? [])];
  // One pass over the scope for every count; then a short query only for the items some client lacks.
  const sums = items.map((item) => `sum(${MISSING[item]})`);
  const counts = db.prepare(`SELECT count(*)${sums.map((s) => `, ${s}`).join('')} ${from}`).raw().get(...params) as (number | null)[];
  const missing: MissingItem[] = [];
  items.forEach((item, i) => {
    const count = counts[i + 1] ?? 0;
    if (count === 0) return;
    const clients = db.prepare(`SELECT c.id AS clientId, c.code, c.name ${from} AND ${MISSING[item]} ORDER BY c.code LIMIT ?`)
      .all(...params, COMPLETENESS_EXAMPLES) as MissingItem['clients'];
    missing.push({ item, count, clients });
  });
  return { clients: counts[0] ?? 0, missing };
}
