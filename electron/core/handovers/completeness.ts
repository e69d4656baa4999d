import type { CompletenessItem, HandoverCompleteness } from '../../../shared/contract/completeness';
import type { MaskableField } from '../../../shared/contract/permissions';
import { accessOf, scopeSql } from '../roles/authz';
import type { OpenVault } from '../vault/vault';
import { missingItems } from './completeness-read-model';
import { loadHandover } from './store';

/** The items each data category sent leads the buyer to expect (the package's completeness checks, in their order). */
const ITEMS_OF_CATEGORY: Record<string, readonly CompletenessItem[]> = {
  basic: ['name', 'industry', 'region', 'city', 'address', 'owner'],
  contacts: ['contact'],
  transactions: ['transactions'],
  notes: ['notes'],
  value: ['annualRevenue', 'grossProfit', 'renewalRate', 'satisfaction'],
  documents: ['documents'],
};
const CATEGORY_ORDER = ['basic', 'contacts', 'transactions', 'notes', 'value', 'documents'];

/** An item whose emptiness would tell a caller something a mask hides from them. */
const MASKED_BY: Partial<Record<CompletenessItem, readonly MaskableField[]>> = {
  address: ['address'],
  contact: ['phones', 'emails'],
  annualRevenue: ['amounts'],
  grossProfit: ['amounts'],
};

/** Whether a caller with these masks may not learn which clients lack `item`. */
export function itemMaskedFor(masked: ReadonlySet<MaskableField>, item: CompletenessItem): boolean {
  return (MASKED_BY[item] ?? []).some((f) => masked.has(f));
}

/**
 * 资料完整度 of a handover's scope as it stands, with what is missing (issue 17): counted over the included
 * clients the caller may see; an item whose field is masked for them is left out (and said to be).
 */
export function handoverCompleteness(vault: OpenVault, id: number): HandoverCompleteness {
  const h = loadHandover(vault.db, id);
  const access = accessOf(vault);
  const expected = CATEGORY_ORDER.filter((c) => h.categories.includes(c)).flatMap((c) => ITEMS_OF_CATEGORY[c]!);
  const hidden = (item: CompletenessItem) => itemMaskedFor(access.masked, item);
  const counted = expected.filter((item) => !hidden(item));
  const own = scopeSql(access);
  const { clients, missing } = missingItems(vault.db, id, counted, own);
  const lacking = missing.reduce((n, m) => n + m.count, 0);
  return {
    clients, scoped: own !== null, present: clients * counted.length - lacking, expected: clients * counted.length,
    missing: missing.map(({ item, count }) => ({ item, count })),
    examples: missing.flatMap(({ item, clients: some }) => some.map((c) => ({ item, ...c }))),
    masked: expected.filter(hidden),
  };
}
