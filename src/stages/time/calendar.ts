// Calendar arithmetic on plain dates (no time zone: a date is a day on the article's calendar).
// Everything goes through UTC so that daylight-saving changes never shift a day.

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function toUtc(d: Ymd): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}

export function fromUtc(ms: number): Ymd {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: Ymd, n: number): Ymd {
  return fromUtc(toUtc(d) + n * DAY_MS);
}

/** Adds months, clamping the day to the target month's length (Mar 31 − 1 month → Feb 28). */
export function addMonths(d: Ymd, n: number): Ymd {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(d: Ymd): number {
  const w = new Date(toUtc(d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The ISO week-numbering year and week of a date. */
export function isoWeek(d: Ymd): { year: number; week: number } {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = toUtc({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((toUtc(thursday) - jan1) / DAY_MS / 7) + 1 };
}

/** The Monday of an ISO week. */
export function isoWeekMonday(year: number, week: number): Ymd {
  const jan4 = { year, month: 1, day: 4 };
  return addDays(jan4, (week - 1) * 7 - (isoWeekday(jan4) - 1));
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatDay(d: Ymd): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

export function formatWeek(d: Ymd): string {
  const w = isoWeek(d);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}

/** Reads `YYYY-MM-DD` (or the date part of an ISO date-time) into a Ymd, or null. */
export function parseIsoDay(value: string | null | undefined): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d.year, d.month, d.day) ? d : null;
}

export function daysBetween(from: Ymd, to: Ymd): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/**
 * A two-digit year read in the century that puts it closest to the anchor year, leaning to the
 * past: at most 10 years ahead of it ('58 → 1958 and '25 → 2025 for an article of 2022).
 */
export function expandTwoDigitYear(yy: number, anchorYear: number): number {
  const century = Math.floor(anchorYear / 100) * 100;
  let year = century + yy;
  if (year > anchorYear + 10) year -= 100;
  return year;
}
