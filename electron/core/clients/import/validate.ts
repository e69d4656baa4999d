import type { ClientDraft } from '../../../../shared/contract/clients';
import { MAX_LENGTH, type ClientField } from '../../../../shared/clients/fields';
import {
  normalizeAmount, normalizeDate, normalizeEmail, normalizePhone, normalizeRate, normalizeScore, splitMulti,
} from '../../../../shared/clients/normalize';
import { NOT_ONE_LINE, asOneLine } from '../../../../shared/clients/one-line';

/** One thing wrong with one cell, as the user will see it: row 1,234, column "手机", what and why. */
export interface RowProblem {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  field: ClientField | 'row';
  reason: string;
  value: string;
}

export type Mapping = (ClientField | null)[];

/** Fields read as one line (shared/clients/one-line.ts); tags are split first, then each is one line. */
const ONE_LINE = new Set<ClientField>([
  'code', 'name', 'industry', 'region', 'city', 'owner', 'department', 'importance', 'contactName', 'contactTitle',
]);

const TYPE_WORDS: Record<string, ClientDraft['type']> = {
  company: 'company', 企业: 'company', 公司: 'company', 法人: 'company', 单位: 'company', b2b: 'company', organization: 'company',
  individual: 'individual', 个人: 'individual', 自然人: 'individual', person: 'individual', b2c: 'individual',
};

/** Turn one data row into a draft, or say what is wrong with it, cell by cell. */
export function validateRow(
  cells: readonly string[],
  headers: readonly string[],
  mapping: Mapping,
  rowNumber: number,
): { draft: ClientDraft | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const get = new Map<ClientField, { value: string; column: string }>();
  mapping.forEach((field, i) => {
    if (field) get.set(field, { value: (cells[i] ?? '').trim(), column: headers[i] ?? `#${i + 1}` });
  });
  // The column's header and the cell as far as a person reads them: every problem of a column repeats its
  // header, and a file whose header cell held a megabyte made 2,000 problems a 2 GB report (the dry run's
  // thread ran out of memory; fewer rows sent hundreds of megabytes to the window).
  const problem = (field: ClientField, reason: string) => {
    const cell = get.get(field);
    problems.push({ row: rowNumber, column: (cell?.column ?? field).slice(0, 100), field, reason, value: (cell?.value ?? '').slice(0, 100) });
  };
  const text = (field: ClientField): string => {
    let v = get.get(field)?.value ?? '';
    if (ONE_LINE.has(field) && v !== '') {
      v = asOneLine(v);
      if (NOT_ONE_LINE.test(v)) problem(field, 'notOneLine');
    }
    // Counted in characters (code points); a string no longer in UTF-16 units than the limit cannot be longer in code points.
    if (v.length > MAX_LENGTH[field] && Array.from(v).length > MAX_LENGTH[field]) problem(field, 'tooLong');
    return v;
  };
  const optional = <T>(field: ClientField, norm: (s: string) => { ok: true; value: T } | { ok: false; reason: string }): T | null => {
    const v = text(field);
    if (!v) return null;
    const r = norm(v);
    if (!r.ok) problem(field, r.reason);
    return r.ok ? r.value : null;
  };

  const name = text('name');
  if (!name) problem('name', 'nameMissing');
  const typeText = text('type').toLowerCase();
  const type = typeText ? TYPE_WORDS[typeText] : 'company';
  if (!type) problem('type', 'typeUnknown');

  const phones: string[] = [];
  for (const p of splitMulti(text('phone'))) {
    const r = normalizePhone(p);
    if (r.ok) phones.push(r.value);
    else problem('phone', r.reason);
  }
  const emails: string[] = [];
  for (const e of splitMulti(text('email'))) {
    const r = normalizeEmail(e);
    if (r.ok) emails.push(r.value);
    else problem('email', r.reason);
  }
  const contactName = text('contactName');
  const contactTitle = text('contactTitle');
  const draft: ClientDraft = {
    code: text('code'),
    name,
    type: type ?? 'company',
    industry: text('industry'),
    region: text('region'),
    city: text('city'),
    address: text('address'),
    owner: text('owner'),
    department: text('department'),
    importance: text('importance'),
    tags: oneLineTags(splitMulti(text('tags')), () => problem('tags', 'notOneLine')),
    cooperationStart: optional('cooperationStart', normalizeDate),
    annualRevenue: optional('annualRevenue', normalizeAmount),
    grossProfit: optional('grossProfit', normalizeAmount),
    currency: 'CNY',
    renewalRate: optional('renewalRate', normalizeRate),
    satisfaction: optional('satisfaction', normalizeScore),
    notes: text('notes'),
    contacts: contactName || contactTitle || phones.length || emails.length
      ? [{ name: contactName, title: contactTitle, phones: phones.slice(0, 10), emails: emails.slice(0, 10) }]
      : [],
  };
  return { draft: problems.length === 0 ? draft : null, problems };
}

/** A cell's tags, each as one line and at most 50 characters, at most 30 of them; a control character left is a problem. */
function oneLineTags(tags: string[], refuse: () => void): string[] {
  const out = tags.map((t) => asOneLine(t).slice(0, 50)).filter(Boolean).slice(0, 30);
  if (out.some((t) => NOT_ONE_LINE.test(t))) refuse();
  return out;
}
