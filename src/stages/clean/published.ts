// Publication dates come in many spellings (ISO, GDELT's compact form, RFC 822 from feeds,
// English prose dates). Each accepted spelling has its own strict pattern and every part is
// range-checked: Date.parse alone accepts junk ("141 to 5") and rolls impossible dates over
// (2022-02-30 → March 2).

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const WEEKDAYS = new Set([
  'mon',
  'monday',
  'tue',
  'tues',
  'tuesday',
  'wed',
  'wednesday',
  'thu',
  'thur',
  'thurs',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
]);

/** RFC 822 zone names, as minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

interface DateParts {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second: number; offsetMinutes: number };
}

// `Z`, `+03:00`, `+0300` or `+03`.
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;
const ISO = new RegExp(
  String.raw`^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*${OFFSET}?)?$`,
  'i',
);
// GDELT and other compact forms: 20220224, 20220224T053000Z, 20220224053000.
const COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?${OFFSET}?)?$`, 'i');
// A time after a prose or RFC 822 date: `05:30`, `05:30:00 GMT`, `5:30 pm +0300`.
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?(?:\s*([a-z]{1,3}|[+-]\d{2}:?\d{2}))?)?`;
// `Thu, 24 Feb 2022 05:30:00 GMT`, `24 February 2022`.
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^(?:([a-z]+)\.?,?\s+)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4}|\d{2})${TIME}$`,
  'i',
);
// `February 24, 2022`, `Thursday, Feb. 24th 2022`.
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^(?:([a-z]+)\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`,
  'i',
);

/**
 * A publication date as ISO 8601, or null when the value is not a date sitrep can trust.
 * Date-only inputs give `YYYY-MM-DD`; inputs with a time give `YYYY-MM-DDTHH:MM:SSZ` in UTC
 * (a time without an offset is taken as UTC, since nothing better is known).
 */
export function normalizePublished(value: string): string | null {
  const input = value.trim().replace(/\s+/g, ' ');
  if (input.length === 0 || input.length > 64) return null;
  const parts = parseIso(input) ?? parseCompact(input) ?? parseDayMonthYear(input) ?? parseMonthDayYear(input);
  return parts ? format(parts) : null;
}

export interface WrittenDate {
  /** The calendar date as written (`YYYY-MM-DD`), before any conversion to UTC. */
  date: string;
  precision: 'day' | 'minute' | 'second';
}

/** The calendar date and precision of a value `normalizePublished` accepts, as the page wrote it. */
export function writtenDate(value: string): WrittenDate | null {
  const input = value.trim().replace(/\s+/g, ' ');
  if (input.length === 0 || input.length > 64) return null;
  const parts = parseIso(input) ?? parseCompact(input) ?? parseDayMonthYear(input) ?? parseMonthDayYear(input);
  if (!parts) return null;
  const precision = !parts.time ? 'day' : /\d:\d{2}:\d{2}/.test(input) ? 'second' : 'minute';
  return { date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`, precision };
}

/** A calendar date from its parts, or null when it does not exist or is out of range. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function parseIso(input: string): DateParts | null {
  const m = ISO.exec(input);
  if (!m) return null;
  return build(m[1], m[3], m[4], m[5], m[6], m[7], undefined, m[8], m[5] !== undefined);
}

function parseCompact(input: string): DateParts | null {
  const m = COMPACT.exec(input);
  if (!m) return null;
  return build(m[1], m[2], m[3], m[4], m[5], m[6], undefined, m[7], m[4] !== undefined);
}

function parseDayMonthYear(input: string): DateParts | null {
  const m = DAY_MONTH_YEAR.exec(input);
  if (!m || !weekdayOk(m[1])) return null;
  const month = MONTHS[(m[3] ?? '').toLowerCase()];
  if (month === undefined) return null;
  return build(fullYear(m[4]), String(month), m[2], m[5], m[6], m[7], m[8], m[9], m[5] !== undefined);
}

function parseMonthDayYear(input: string): DateParts | null {
  const m = MONTH_DAY_YEAR.exec(input);
  if (!m || !weekdayOk(m[1])) return null;
  const month = MONTHS[(m[2] ?? '').toLowerCase()];
  if (month === undefined) return null;
  return build(m[4], String(month), m[3], m[5], m[6], m[7], m[8], m[9], m[5] !== undefined);
}

/** Only a weekday may precede the date: "Updated 24 Feb 2022" is not a bare date. */
function weekdayOk(word: string | undefined): boolean {
  return word === undefined || WEEKDAYS.has(word.toLowerCase());
}

/** RFC 822 allows two-digit years. */
function fullYear(year: string | undefined): string | undefined {
  if (year === undefined || year.length !== 2) return year;
  const n = Number(year);
  return String(n < 50 ? 2000 + n : 1900 + n);
}

function build(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  meridiem: string | undefined,
  zone: string | undefined,
  hasTime: boolean,
): DateParts | null {
  const parts: DateParts = { year: Number(year), month: Number(month), day: Number(day) };
  if (!Number.isInteger(parts.year) || parts.year < MIN_YEAR || parts.year > MAX_YEAR) return null;
  if (!(parts.month >= 1 && parts.month <= 12)) return null;
  if (!(parts.day >= 1 && parts.day <= daysInMonth(parts.year, parts.month))) return null;
  if (!hasTime) return zone === undefined ? parts : null;

  let h = Number(hour);
  const min = Number(minute);
  const sec = second === undefined ? 0 : Number(second);
  if (meridiem !== undefined) {
    if (!(h >= 1 && h <= 12)) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (!(h >= 0 && h <= 23 && min >= 0 && min <= 59 && sec >= 0 && sec <= 59)) return null;
  const offsetMinutes = parseZone(zone);
  if (offsetMinutes === null) return null;
  parts.time = { hour: h, minute: min, second: sec, offsetMinutes };
  return parts;
}

/** Minutes east of UTC; undefined (no zone) counts as UTC; null when the zone is not understood. */
function parseZone(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(parts: DateParts): string {
  if (!parts.time) return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  const { hour, minute, second, offsetMinutes } = parts.time;
  const utc = Date.UTC(parts.year, parts.month - 1, parts.day, hour, minute, second) - offsetMinutes * 60_000;
  return `${new Date(utc).toISOString().slice(0, 19)}Z`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
