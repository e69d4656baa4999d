import type { MaskableField } from '../../../shared/contract/permissions';
import type { AuditEntryView } from '../../../shared/contract';
import { maskAddress, maskEmail } from '../formats/text-masks';

/**
 * Entries whose details hold what someone typed into a search, and where (a key, or a dotted path): the clients
 * list's bulk actions keep the list's filter they were chosen by, its search text among it
 * (test/integration/attack-bulk-log-masked.test.ts).
 */
const TYPED_TEXT: Record<string, string> = {
  'clients.search': 'text', 'clients.export': 'query', 'dataroom.search': 'text',
  'clients.reassign-owner': 'filter.text', 'clients.tag': 'filter.text', 'clients.archive': 'filter.text', 'clients.unarchive': 'filter.text',
};

const typedKey = (action: string): string | undefined => (Object.hasOwn(TYPED_TEXT, action) ? TYPED_TEXT[action] : undefined);

/** The value at a dotted path of details (undefined when a step is missing or not an object). */
function valueAt(details: Record<string, unknown>, path: string): unknown {
  let v: unknown = details;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A copy of details with `value` at the dotted path (each object on the way copied, the stored details untouched). */
function withValueAt<D extends Record<string, unknown>>(details: D, path: string, value: unknown): D {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const inner = details[head];
  return { ...details, [head]: rest.length ? withValueAt((inner ?? {}) as Record<string, unknown>, rest.join('.'), value) : value };
}

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

/**
 * The details member that marks an exported entry as redacted: it names the typed-text key that was
 * masked. Such a line keeps its original hash (so the chain and the Merkle tree still verify against
 * the signed checkpoint) but no longer hashes to it; only these actions and this key may be redacted.
 */
export const REDACTED_MARK = 'redacted';

/** Whether an action's details hold typed text (only those entries can differ for a masked viewer). */
export function carriesTypedText(action: string): boolean {
  return typedKey(action) !== undefined;
}

/** Whether a line may carry a redaction: a typed-text action naming its own typed-text key. */
export function isAllowedRedaction(action: unknown, details: unknown): boolean {
  if (typeof action !== 'string' || typeof details !== 'object' || details === null) return false;
  const key = typedKey(action);
  return key !== undefined && (details as Record<string, unknown>)[REDACTED_MARK] === key;
}

/** Details as an exporter with these masks may see them, marked as redacted; null when nothing needs masking. */
export function redactedDetails(action: string, details: Record<string, unknown>, masked: ReadonlySet<MaskableField>): Record<string, unknown> | null {
  const shown = maskLogDetails(action, details, masked);
  const key = typedKey(action);
  if (shown === details || !key || valueAt(shown, key) === valueAt(details, key)) return null;
  return { ...shown, [REDACTED_MARK]: key };
}

/** Log details with their typed text masked for the viewer (the stored entry, and its hash, are untouched). */
export function maskLogDetails<D extends Record<string, unknown>>(action: string, details: D, masked: ReadonlySet<MaskableField>): D {
  const key = typedKey(action);
  const value = key ? valueAt(details, key) : undefined;
  if (!key || typeof value !== 'string' || masked.size === 0) return details;
  return withValueAt(details, key, maskTypedText(value, masked));
}

export function maskEntryView(e: AuditEntryView, masked: ReadonlySet<MaskableField>): AuditEntryView {
  return masked.size === 0 ? e : { ...e, details: maskLogDetails(e.action, e.details, masked) };
}
