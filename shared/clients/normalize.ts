/**
 * Normalisers for the values CRM exports hold. Each returns the normal form or
 * a reason code (translated by the UI as `problems.<code>`). Decisions:
 * - phones: E.164. Chinese mobiles (11 digits, 1[3-9]…) with or without +86 /
 *   0086 / 86; Chinese landlines 0AA(A)-NNNNNNN(N) → +86 AA(A) N…; any other
 *   number written with + and 8-15 digits is kept. Anything else is refused.
 * - dates: 2019-07-03, 2019/7/3, 2019.7.3, 2019年7月3日, 20190703. Day-first or
 *   month-first forms (03/07/2019) are ambiguous and refused.
 * - amounts: 1,234,567.00 / ¥1,234 / 1.2万 (×10⁴) / 3亿 (×10⁸) / RMB 100 / 100元;
 *   stored in minor units (fen, cents). Rates: 85% or 0.85.
 */
export type Normalized<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Normalized<T> => ({ ok: true, value });
const bad = <T>(reason: string): Normalized<T> => ({ ok: false, reason });

const FULLWIDTH_DIGITS = /[０-９]/g;
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function halfwidth(s: string): string {
  // NFKC leaves ASCII as it is, and most cells are ASCII: skip the normalisation for them.
  if (isAscii(s)) return s;
  return s.normalize('NFKC').replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export function normalizePhone(input: string): Normalized<string> {
  const raw = halfwidth(input).trim();
  if (!raw) return bad('empty');
  if (/[a-z]/i.test(raw.replace(/(ext|x)\.?\s*\d+$/i, ''))) return bad('phoneMalformed');
  let digits = raw.replace(/(ext|x)\.?\s*\d+$/i, '').replace(/[\s\-().\u3000/]/g, '');
  const plus = digits.startsWith('+');
  digits = digits.replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return bad('phoneMalformed');
  if (digits.startsWith('0086')) digits = `86${digits.slice(4)}`;
  if (/^1[3-9]\d{9}$/.test(digits) && !plus) return ok(`+86${digits}`);
  if (/^861[3-9]\d{9}$/.test(digits)) return ok(`+${digits}`);
  // Landline with trunk prefix 0: 010-12345678, 0571-8888888
  if (!plus && /^0[1-9]\d{8,10}$/.test(digits)) return ok(`+86${digits.slice(1)}`);
  if (/^86[1-9]\d{8,10}$/.test(digits) && (plus || digits.length >= 12)) return ok(`+${digits}`);
  if (plus && /^[1-9]\d{7,14}$/.test(digits)) return ok(`+${digits}`);
  return bad('phoneMalformed');
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(input: string): Normalized<string> {
  const raw = halfwidth(input).trim().replace(/^mailto:/i, '');
  if (!raw) return bad('empty');
  if (raw.length > 254 || !EMAIL.test(raw)) return bad('emailMalformed');
  const at = raw.lastIndexOf('@');
  return ok(`${raw.slice(0, at)}@${raw.slice(at + 1).toLowerCase()}`);
}

/** Split a cell holding several phones or e-mails: "138…; 139…", "a@x.cn，b@y.cn", "138…/139…", "、". */
export function splitMulti(input: string): string[] {
  return input.split(/[;；,，、\n|]+|\s\/\s|(?<=\d)\/(?=[\d+])/).map((s) => s.trim()).filter(Boolean);
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function normalizeDate(input: string): Normalized<string> {
  const raw = halfwidth(input).trim();
  if (!raw) return bad('empty');
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(raw) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return bad(/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(raw) ? 'dateAmbiguous' : 'dateMalformed');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return bad('dateMalformed');
  return ok(`${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** An amount in minor units (×100), e.g. "¥1.2万" → 1200000 (12,000.00). */
export function normalizeAmount(input: string): Normalized<number> {
  let raw = halfwidth(input).trim();
  if (!raw) return bad('empty');
  let negative = false;
  if (/^\(.*\)$/.test(raw)) {
    negative = true;
    raw = raw.slice(1, -1);
  }
  raw = raw.replace(/^(rmb|cny|usd|eur|hkd)\s*/i, '').replace(/\s*(rmb|cny|usd|eur|hkd)$/i, '').replace(/^[¥$€]\s*/, '').replace(/元$/, '').trim();
  if (raw.startsWith('-')) {
    negative = !negative;
    raw = raw.slice(1).replace(/^[¥$€]\s*/, '');
  }
  let factor = 1;
  if (raw.endsWith('万')) {
    factor = 1e4;
    raw = raw.slice(0, -1);
  } else if (raw.endsWith('亿')) {
    factor = 1e8;
    raw = raw.slice(0, -1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(raw)) return bad('numberMalformed');
  const value = Number(raw.replace(/,/g, '')) * factor;
  if (!Number.isFinite(value) || value > 1e15) return bad('numberMalformed');
  const minor = Math.round(value * 100);
  return ok(negative ? -minor : minor);
}

/** A rate in [0, 1]: "85%", "85 %", "0.85". */
export function normalizeRate(input: string): Normalized<number> {
  const raw = halfwidth(input).trim();
  if (!raw) return bad('empty');
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
  const value = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) return bad('rateOutOfRange');
  return ok(Math.round(value * 10000) / 10000);
}

/** Satisfaction on a 0-10 scale ("8", "8.5", "80%" → 8). */
export function normalizeScore(input: string): Normalized<number> {
  const raw = halfwidth(input).trim();
  if (!raw) return bad('empty');
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(raw);
  const value = pct ? Number(pct[1]) / 10 : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 10) return bad('scoreOutOfRange');
  return ok(Math.round(value * 100) / 100);
}

/** Cells a spreadsheet would run as a formula. Stored as typed; neutralised in every CSV we write. */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/** OWASP's advice for CSV injection: prefix with a single quote. */
export function neutralizeCsvCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}
