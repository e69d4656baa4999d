import type { Language } from '../contract/schemas';

/**
 * Amounts as a Chinese office writes them (GLOSSARY.md, copy rules): tables show ¥39,900,000.00;
 * dashboards and summaries show 3,990.00 万元 in Chinese — ¥39.90 million in English — and small sums
 * as the table writes them (¥1,234.56 in both languages), where 0.12 万元 would hide the figure.
 *
 * Amounts arrive as integers in minor units (fen). The text is built from the integer digits (BigInt),
 * not from a float division, so a huge sum keeps every digit and the rounding to the shown unit happens
 * once, half away from zero (四舍五入): 12,345,000 fen is 12.35 万元 and −12,345,000 fen −12.35 万元.
 * Other currencies keep the platform's currency format (a client's USD revenue stays US$…).
 */
export type AmountStyle = 'table' | 'summary';

const WAN_FEN = 1_000_000n; // 1 万元 = 10,000 元 = 1,000,000 fen
const MILLION_FEN = 100_000_000n; // 1,000,000 元

/** n / divisor rounded half away from zero (divisor > 0 and even, so the half is exact). */
function roundedDiv(n: bigint, divisor: bigint): bigint {
  const magnitude = n < 0n ? -n : n;
  const q = (magnitude + divisor / 2n) / divisor;
  return n < 0n ? -q : q;
}

/** Whole fen; a fractional input (a computed ratio × 100) is rounded half away from zero once here. */
function toFen(minor: number): bigint {
  if (!Number.isFinite(minor)) throw new RangeError(`not an amount: ${minor}`);
  return BigInt(Math.sign(minor) * Math.round(Math.abs(minor)));
}

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `hundredths` of some unit as "−1,234.56" (no sign for zero). */
function decimalText(hundredths: bigint): { sign: string; number: string } {
  const magnitude = hundredths < 0n ? -hundredths : hundredths;
  const whole = grouped((magnitude / 100n).toString());
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  return { sign: hundredths < 0n ? '-' : '', number: `${whole}.${cents}` };
}

/** ¥39,900,000.00 — every fen, for tables and per-client figures. */
function yuanTable(fen: bigint): string {
  const { sign, number } = decimalText(fen);
  return `${sign}¥${number}`;
}

function yuanSummary(fen: bigint, lang: Language): string {
  const magnitude = fen < 0n ? -fen : fen;
  if (lang === 'zh-CN') {
    // Below 1 万元 the table's form (¥1,234.56, ¥0.00): 0.12 万元 would hide the figure, and a bare "0.00 元"
    // beside ¥ figures read as a different unit (issue 17's red team).
    if (magnitude < WAN_FEN) return yuanTable(fen);
    const { sign, number } = decimalText(roundedDiv(fen, WAN_FEN / 100n));
    return `${sign}${number} 万元`;
  }
  if (magnitude < MILLION_FEN) return yuanTable(fen);
  const { sign, number } = decimalText(roundedDiv(fen, MILLION_FEN / 100n));
  return `${sign}¥${number} million`;
}

/** An amount in minor units as text in `lang`; `style` picks the table or the summary form (above). */
export function amountText(minor: number, currency: string, lang: Language, style: AmountStyle = 'table'): string {
  if (currency !== 'CNY') {
    try {
      return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);
    } catch {
      // An imported record may carry a code the platform does not know: show it beside the figure.
      const { sign, number } = decimalText(toFen(minor));
      return `${sign}${currency} ${number}`;
    }
  }
  const fen = toFen(minor);
  return style === 'table' ? yuanTable(fen) : yuanSummary(fen, lang);
}
