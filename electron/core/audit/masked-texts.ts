import type { MaskableField } from '../../../shared/contract/permissions';
import type { AuditEntryView } from '../../../shared/contract';
import { maskAddress, maskEmail } from '../formats/text-masks';

/** Entries whose details hold what someone typed into a search, and under which key. */
const TYPED_TEXT: Record<string, string> = { 'clients.search': 'text', 'clients.export': 'query', 'dataroom.search': 'text' };

const EMAIL = /[^\s@]+@[^\s@]+/g;
// A run of digits (with the separators people type in phone numbers) holding at least four digits.
const DIGITS = /\+?\d[\d\s\-()]*\d/g;
// Words that make a text look like (part of) an address: Chinese address units, common English ones.
const ADDRESS = /[省市区县镇乡村路街巷弄号楼室]|\b\d+\s*(road|rd|street|st|avenue|ave|lane|ln)\b/i;

/**
 * A search text as a viewer with these masks may read it. A search for a client's phone number,
 * e-mail or address would otherwise hand that value, in the clear, to a role that sees it masked
 * everywhere else (the Access log page, audit.csv). Digits keep their first three (`138********`),
 * e-mails their first letter and domain, address-like texts their first few characters.
 */
export function maskTypedText(text: string, masked: ReadonlySet<MaskableField>): string {
  let out = text;
  if (masked.has('emails')) out = out.replace(EMAIL, (e) => maskEmail(e));
  if (masked.has('phones')) {
    out = out.replace(DIGITS, (run) => {
      let kept = 0;
      const digits = run.replace(/\D/g, '').length;
      return digits < 4 ? run : run.replace(/\d/g, (d) => (kept++ < 3 ? d : '*'));
    });
  }
  if (masked.has('address') && ADDRESS.test(out)) out = maskAddress(out);
  return out;
}

/** Log details with their typed text masked for the viewer (the stored entry, and its hash, are untouched). */
export function maskLogDetails<D extends Record<string, unknown>>(action: string, details: D, masked: ReadonlySet<MaskableField>): D {
  const key = TYPED_TEXT[action];
  const value = key ? details[key] : undefined;
  if (!key || typeof value !== 'string' || masked.size === 0) return details;
  return { ...details, [key]: maskTypedText(value, masked) };
}

export function maskEntryView(e: AuditEntryView, masked: ReadonlySet<MaskableField>): AuditEntryView {
  return masked.size === 0 ? e : { ...e, details: maskLogDetails(e.action, e.details, masked) };
}
