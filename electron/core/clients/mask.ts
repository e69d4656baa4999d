import type { MaskableField } from '../../../shared/contract/permissions';
import type { ClientDetail, ClientRow } from '../../../shared/contract/clients';
import { maskAddress, maskEmail, maskPhone } from '../formats/text-masks';

/**
 * Field masking, done in the core before anything is sent: a masked value is
 * replaced, never hidden by the renderer. Phones keep the first three and last
 * four digits of the national number (`138****8000`), e-mails the first
 * character and the domain (`z***@163.com`), addresses their first few
 * characters; masked amounts become null and are listed in `masked`.
 */
export function maskDetail(d: ClientDetail, masked: ReadonlySet<MaskableField>): ClientDetail {
  if (masked.size === 0) return d;
  const m = (f: MaskableField) => masked.has(f);
  return {
    ...d,
    address: m('address') ? maskAddress(d.address) : d.address,
    annualRevenue: m('amounts') ? null : d.annualRevenue,
    grossProfit: m('amounts') ? null : d.grossProfit,
    contacts: d.contacts.map((c) => ({
      ...c,
      phones: m('phones') ? c.phones.map(maskPhone) : c.phones,
      emails: m('emails') ? c.emails.map(maskEmail) : c.emails,
    })),
    transactions: m('amounts') ? d.transactions.map((t) => ({ ...t, amount: null })) : d.transactions,
    // The score ranks revenue and profit by percentile with inputs the user sees: with them it gives the rank away.
    valueScore: m('amounts') ? null : d.valueScore,
    masked: [...masked],
  };
}

export function maskRow(r: ClientRow, masked: ReadonlySet<MaskableField>): ClientRow {
  if (masked.size === 0) return r;
  return {
    ...r,
    phone: masked.has('phones') && r.phone ? maskPhone(r.phone) : r.phone,
    annualRevenue: masked.has('amounts') ? null : r.annualRevenue,
    valueScore: masked.has('amounts') ? null : r.valueScore,
  };
}
