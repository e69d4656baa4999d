/**
 * Calendar days, one set of rules for core, CLI and renderer.
 *
 * A stored day (a deadline, a signing date) is `YYYY-MM-DD` and has no zone: 2026-12-01 is the same day in
 * Beijing and in New York. A moment (a log entry, an approval) is an ISO instant. The two meet only in
 * "which day is it": that is the day on the user's wall calendar — the machine's local zone — never the UTC
 * day, which between 00:00 and 08:00 in Beijing is still yesterday (issue 17's red team: a notice due today
 * read as due tomorrow, overdue counts one short, the report dated the day before).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local calendar day of a moment (today, by default), as `YYYY-MM-DD`. */
export function localDay(at: Date = new Date()): string {
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The local calendar day a stored value names: an ISO instant (`2026-11-30T17:30:00.000Z`) becomes the day
 * it fell on here (2026-12-01 in Beijing); a plain day passes unchanged (it has no zone to shift).
 */
export function dayOf(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value.slice(0, 10) : localDay(at);
}

/** Day arithmetic on the calendar alone (UTC noon-free math: a calendar day never has a DST gap). */
const dayNumber = (day: string): number => {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function addDays(day: string, n: number): string {
  const at = new Date((dayNumber(day) + n) * 86_400_000);
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** Whole days from `day` to today (local); positive once the day has passed. */
export function daysSince(day: string, now: Date = new Date()): number {
  return daysBetween(day, localDay(now));
}
