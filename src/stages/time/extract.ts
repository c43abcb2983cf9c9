// Finding and normalising temporal expressions: a set of anchored regular-expression rules (one
// per news pattern) proposes spans with TIMEX3 values; overlaps keep the longest; a last pass
// gives each clock time the day named just before it. Pure: text + anchor in, timexes out.

import type { Epoch } from '../../resources/index.js';
import {
  addDays,
  addMonths,
  daysBetween,
  expandTwoDigitYear,
  formatDay,
  formatMonth,
  formatWeek,
  isoWeekday,
  isValidDate,
  pad,
  parseIsoDay,
  type Ymd,
} from './calendar.js';
import { sentenceEnd, sentenceStart, type Tense, tenseAt } from './context.js';
import {
  MONTH,
  MONTHS,
  NUMBER,
  numberValue,
  ORDINALS,
  PART_CODES,
  PART_OF_DAY,
  SEASON_CODES,
  UNIT,
  unitCode,
  WEEKDAY,
  WEEKDAYS,
} from './lexicon.js';
import type { TimeOptions } from './options.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type Precision =
  | 'minute'
  | 'hour'
  | 'part-of-day'
  | 'day'
  | 'weekend'
  | 'week'
  | 'month'
  | 'season'
  | 'quarter'
  | 'half'
  | 'year'
  | 'decade'
  | 'century'
  | 'reference'
  | 'duration'
  | 'set'
  | 'unknown';

export interface Timex {
  start: number;
  end: number;
  text: string;
  /** TIMEX3 value: `2022-02-28`, `2022-W08`, `P8Y`, `2022-03-01T22:00`, `PRESENT_REF`, `XXXX-WXX-1`… */
  value: string;
  type: TimexType;
  precision: Precision;
  /** The ISO date the value was resolved against, or null when it needed none (or none was known). */
  anchor: string | null;
  rule: string;
  /** TIMEX3 mod: START, MID, END, APPROX… */
  mod?: string;
  /** Readings when the text allows several (03/04/2022 with no country to decide). */
  readings?: string[];
  /** The zone written after a clock time ("GMT", "IST", "+05:30"), as written. */
  zone?: string;
}

/** A problem the stage reports (impossible date, ambiguous numeric date). */
export interface TimeNote {
  rule: 'time-impossible-date' | 'time-ambiguous-date';
  reason: string;
  start: number;
  end: number;
}

export interface ExtractContext {
  /** The publication date (the anchor of relative expressions), or null when unknown. */
  anchor: Ymd | null;
  /** The outlet's country (lower-case ISO code), when known: decides 03/04/2022. */
  country: string | null;
  options: TimeOptions;
}

interface Draft {
  value: string;
  type: TimexType;
  /** Whether the value depends on the anchor. */
  relative: boolean;
  mod?: string;
  readings?: string[];
  zone?: string;
  /** Trim the span: characters to drop from the match's start / end (a leading "on", a preposition). */
  trimStart?: number;
}

interface Scan {
  text: string;
  ctx: ExtractContext;
  notes: TimeNote[];
  tense(start: number, end: number): Tense;
}

interface Rule {
  name: string;
  pattern: RegExp;
  /** Cheap test on the text before running the pattern: skip the rule on texts it cannot match. */
  trigger?: RegExp;
  build(m: RegExpExecArray, scan: Scan): Draft | null;
}

const cap = (s: string | undefined): boolean => s !== undefined && s.charCodeAt(0) >= 65 && s.charCodeAt(0) <= 90;
const lower = (s: string | undefined): string => (s ?? '').toLowerCase();
const monthOf = (word: string): number => MONTHS[word.toLowerCase().replace(/\.$/, '')] ?? 0;
const weekdayOf = (word: string): number => WEEKDAYS[word.toLowerCase().replace(/\.$/, '')] ?? 0;

function before(text: string, index: number, chars = 24): string {
  return text.slice(Math.max(0, index - chars), index);
}

function after(text: string, index: number, chars = 24): string {
  return text.slice(index, index + chars);
}

// ---- resolution helpers (anchor-relative) ------------------------------------------------------

/**
 * The year of a month (or month and day) named without one: the reading nearest the anchor,
 * unless the tense puts it clearly on the other side ("fought in August" written in March is last
 * August; "will vote in December" written in March is this December).
 */
function yearFor(anchor: Ymd, month: number, day: number | null, tense: Tense): number {
  const dayOf = (year: number): Ymd => ({ year, month, day: day ?? 15 });
  const candidates = [anchor.year - 1, anchor.year, anchor.year + 1];
  let best = anchor.year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of candidates) {
    const distance = Math.abs(daysBetween(anchor, dayOf(year)));
    if (distance < bestDistance) {
      best = year;
      bestDistance = distance;
    }
  }
  const offset = daysBetween(anchor, dayOf(best));
  if (tense === 'past' && offset > 100) return best - 1;
  if (tense === 'future' && offset < -60) return best + 1;
  return best;
}

function weekdayDate(anchor: Ymd, weekday: number, modifier: string, tense: Tense): Ymd {
  const today = isoWeekday(anchor);
  switch (modifier) {
    case 'last':
    case 'past':
      return addDays(anchor, -((today - weekday + 7) % 7 || 7));
    case 'next':
    case 'coming':
      return addDays(anchor, (weekday - today + 7) % 7 || 7);
    case 'this':
      return addDays(anchor, weekday - today);
    default:
      // Past context (and unknown: news reports what happened): the most recent such day on or
      // before the anchor, as far as six days back. Future context: the next one.
      return tense === 'future'
        ? addDays(anchor, (weekday - today + 7) % 7)
        : addDays(anchor, -((today - weekday + 7) % 7));
  }
}

function quarterOf(d: Ymd): number {
  return Math.floor((d.month - 1) / 3) + 1;
}

/** Shifts the anchor by n units and formats it at that unit's granularity ("two weeks ago" → a week). */
function shifted(anchor: Ymd, unit: string, n: number): string | null {
  const u = unitCode(unit);
  if (u.time) return null;
  switch (u.code) {
    case 'D':
      return formatDay(addDays(anchor, n));
    case 'W':
      return formatWeek(addDays(anchor, 7 * n * u.factor));
    case 'WE':
      return `${formatWeek(addDays(anchor, 7 * n))}-WE`;
    case 'M':
      return formatMonth(addMonths(anchor, n).year, addMonths(anchor, n).month);
    case 'Q': {
      const d = addMonths(anchor, 3 * n);
      return `${d.year}-Q${quarterOf(d)}`;
    }
    case 'CE':
      return pad(Math.floor((anchor.year + 100 * n) / 100), 2);
    default:
      return u.factor === 10 ? String(Math.floor((anchor.year + 10 * n) / 10)) : String(anchor.year + n);
  }
}

/** "this/last/next <unit>" as a TIMEX3 value. */
function unitRelative(anchor: Ymd, unit: string, offset: number): string | null {
  const u = unit.toLowerCase();
  if (u in SEASON_CODES) {
    const code = SEASON_CODES[u] as string;
    const start = seasonStart(code);
    // "last summer" is the latest one already over; "next summer" the first not yet begun.
    let year = anchor.year;
    if (offset < 0)
      year =
        code === 'WI'
          ? anchor.month <= 11
            ? anchor.year - 1
            : anchor.year
          : start + 3 <= anchor.month
            ? anchor.year
            : anchor.year - 1;
    if (offset > 0) year = start > anchor.month ? anchor.year : anchor.year + 1;
    return `${year}-${code}`;
  }
  if (u in PART_CODES) {
    // "this morning", "last night" (the night before the anchor's day).
    const day = u === 'night' && offset === -1 ? addDays(anchor, -1) : anchor;
    return `${formatDay(day)}T${PART_CODES[u]}`;
  }
  return shifted(anchor, u, offset);
}

function seasonStart(code: string | undefined): number {
  return code === 'SP' ? 3 : code === 'SU' ? 6 : code === 'FA' ? 9 : 12;
}

function duration(n: number | null, unit: string): string {
  const u = unitCode(unit);
  if (n === null) return `P${u.time ? 'T' : ''}X${u.code === 'CE' ? 'CE' : u.code === 'WE' ? 'WE' : u.code}`;
  const count = n * u.factor;
  const shown = Number.isInteger(count) ? String(count) : String(count).replace('.', ',');
  return `P${u.time ? 'T' : ''}${shown}${u.code}`;
}

/** A unit's value when no anchor is known: TIMEX3's X placeholders at that unit's granularity. */
const UNDERSPECIFIED: Readonly<Record<string, string>> = {
  week: 'XXXX-WXX',
  weekend: 'XXXX-WXX-WE',
  month: 'XXXX-XX',
  quarter: 'XXXX-QX',
  year: 'XXXX',
  decade: 'XXX',
  century: 'XX',
};

// ---- the rules ---------------------------------------------------------------------------------

const DAYNUM = '(\\d{1,2})(?:st|nd|rd|th)?';
const MODS = '(?:(early|late|mid|middle|beginning|start|end)(?:-|\\s+(?:of\\s+)?)(?:the\\s+)?)';
const BOUNDARY_MODS: Readonly<Record<string, string>> = {
  early: 'START',
  beginning: 'START',
  start: 'START',
  late: 'END',
  end: 'END',
  mid: 'MID',
  middle: 'MID',
};
const YEAR_PREPOSITIONS =
  /(?:\b(?:in|since|of|by|until|till|during|from|before|after|between|through|to|and|or|year|early|late|mid|around|circa|c\.|summer|spring|autumn|fall|winter|fiscal)\s*|-|–|\b[Tt]he\s+)$/;
/** Words that may follow a bare year ("the 2022 invasion", "2009 election", "1997 and"). */
const YEAR_FOLLOWERS = new Set(
  'and or to when as was were is are the in on at after before but that which with for through until because while had has have saw election elections census budget season campaign olympics world cup level levels figures report war invasion crisis law act model edition games summit revolution referendum agreement accord deal protests uprising attack attacks offensive ceasefire treaty annexation earthquake floods flood famine pandemic outbreak presidential parliamentary general local midterm vote winter summer spring autumn fall financial fiscal'.split(
    ' ',
  ),
);
const NUMBER_CONTEXT =
  /(?:\$|€|£|¥|#|\bNo\.?|\bnumber|\babout|\bnearly|\balmost|\bsome|\bthan|\bover|\bunder|\bup to|\bat least|\broughly|\bapproximately|\baround)\s*$/i;

function tenseOf(m: RegExpExecArray, scan: Scan): Tense {
  return scan.tense(m.index, m.index + m[0].length);
}

function dayValue(
  scan: Scan,
  m: RegExpExecArray,
  year: number | null,
  month: number,
  day: number,
  twoDigit: boolean,
): Draft | null {
  const anchor = scan.ctx.anchor;
  let y = year;
  if (y !== null && twoDigit) y = expandTwoDigitYear(y, anchor?.year ?? new Date().getUTCFullYear());
  if (y === null && anchor) y = yearFor(anchor, month, day, tenseOf(m, scan));
  const checkYear = y ?? 2000; // a leap year: "Feb 29" without a year is possible
  if (!isValidDate(checkYear, month, day)) {
    scan.notes.push({
      rule: 'time-impossible-date',
      reason: `${JSON.stringify(m[0])} names a day that does not exist; it is not a date`,
      start: m.index,
      end: m.index + m[0].length,
    });
    return null;
  }
  const value = y === null ? `XXXX-${pad(month)}-${pad(day)}` : formatDay({ year: y, month, day });
  return { value, type: 'DATE', relative: year === null };
}

const RULES: Rule[] = [
  {
    // 2022-02-28, 2022-03-01T22:00
    name: 'iso-date',
    pattern: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2})?)?\b/g,
    build(m, scan) {
      const d = dayValue(scan, m, Number(m[1]), Number(m[2]), Number(m[3]), false);
      if (!d) return null;
      if (m[4] === undefined) return d;
      return { ...d, value: `${d.value}T${m[4]}:${m[5]}`, type: 'TIME' };
    },
  },
  {
    // 03/04/2022, 24.02.2022, 3/4/22: the order is the outlet country's; with none known and both
    // parts ≤ 12 the date is ambiguous and only its year is certain.
    name: 'numeric-date',
    pattern: /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)/g,
    build(m, scan) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const twoDigit = (m[4] ?? '').length === 2;
      let year = Number(m[4]);
      if (twoDigit) year = expandTwoDigitYear(year, scan.ctx.anchor?.year ?? new Date().getUTCFullYear());
      const monthFirst =
        m[2] === '/' && scan.ctx.country !== null && scan.ctx.options.monthFirstCountries.includes(scan.ctx.country);
      const dayFirstKnown = m[2] === '.' || (scan.ctx.country !== null && !monthFirst);
      const mdy = isValidDate(year, a, b) ? formatDay({ year, month: a, day: b }) : null;
      const dmy = isValidDate(year, b, a) ? formatDay({ year, month: b, day: a }) : null;
      if (!mdy && !dmy) {
        scan.notes.push({
          rule: 'time-impossible-date',
          reason: `${JSON.stringify(m[0])} is not a valid date in either day/month order`,
          start: m.index,
          end: m.index + m[0].length,
        });
        return null;
      }
      if (monthFirst && mdy) return { value: mdy, type: 'DATE', relative: false };
      if (dayFirstKnown && dmy) return { value: dmy, type: 'DATE', relative: false };
      if (!mdy || !dmy || mdy === dmy) return { value: (mdy ?? dmy) as string, type: 'DATE', relative: false };
      scan.notes.push({
        rule: 'time-ambiguous-date',
        reason: `${JSON.stringify(m[0])} reads as ${mdy} or ${dmy}; no outlet country decides, so only the year is kept`,
        start: m.index,
        end: m.index + m[0].length,
      });
      return { value: String(year), type: 'DATE', relative: false, readings: [mdy, dmy] };
    },
  },
  {
    // (Tuesday,) March 1(, 2022) · (early) March (2022) · March of 2022
    name: 'month-date',
    pattern: new RegExp(
      `\\b(?:(${WEEKDAY}),?\\s+)?${MODS}?(${MONTH})(?:\\s+${DAYNUM}(?![\\d,.]\\d)\\b)?(?:,?\\s+(?:of\\s+)?(\\d{4}|'\\d{2})\\b)?`,
      'gi',
    ),
    trigger: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/,
    build(m, scan) {
      const [, weekday, mod, monthWord, dayWord, yearWord] = m;
      if (!cap(monthWord) || (weekday !== undefined && !cap(weekday))) return null;
      const month = monthOf(monthWord as string);
      const abbreviated =
        !/^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i.test(
          monthWord as string,
        );
      // A bare month must look like one: "May" the verb, "Mar" a name, "March" the noun.
      if (dayWord === undefined && yearWord === undefined && mod === undefined) {
        if (abbreviated) return null;
        const left = before(scan.text, m.index, 14);
        if (
          month === 5 &&
          !/\b(?:in|since|by|until|till|from|through|during|of|last|next|this|early|late|mid|until|before|after)\s+$/i.test(
            left,
          )
        )
          return null;
        if (
          /^\s+\d/.test(after(scan.text, m.index + m[0].length, 3)) ||
          (/^\s*[A-Z][a-z]/.test(after(scan.text, m.index + m[0].length, 3)) && month === 3)
        )
          return null;
      }
      const year =
        yearWord === undefined ? null : yearWord.startsWith("'") ? Number(yearWord.slice(1)) : Number(yearWord);
      const twoDigit = yearWord?.startsWith("'") ?? false;
      let draft: Draft | null;
      if (dayWord !== undefined) draft = dayValue(scan, m, year, month, Number(dayWord), twoDigit);
      else {
        const anchor = scan.ctx.anchor;
        let y = year;
        if (y !== null && twoDigit) y = expandTwoDigitYear(y, anchor?.year ?? new Date().getUTCFullYear());
        if (y === null && anchor) y = yearFor(anchor, month, null, tenseOf(m, scan));
        draft = {
          value: y === null ? `XXXX-${pad(month)}` : formatMonth(y, month),
          type: 'DATE',
          relative: year === null,
        };
      }
      if (!draft) return null;
      const boundary = mod ? BOUNDARY_MODS[mod.toLowerCase()] : undefined;
      return boundary ? { ...draft, mod: boundary } : draft;
    },
  },
  {
    // 24 February 2022, the 5th of March, Thursday 24 February
    name: 'day-month',
    pattern: new RegExp(
      `\\b(?:(${WEEKDAY}),?\\s+)?(?:the\\s+)?${DAYNUM}\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+(\\d{4}))?\\b`,
      'gi',
    ),
    trigger: /\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/,
    build(m, scan) {
      const [, weekday, dayWord, monthWord, yearWord] = m;
      if (!cap(monthWord) || (weekday !== undefined && !cap(weekday))) return null;
      if (/\d[.,]?$/.test(before(scan.text, m.index, 2))) return null;
      return dayValue(
        scan,
        m,
        yearWord === undefined ? null : Number(yearWord),
        monthOf(monthWord as string),
        Number(dayWord),
        false,
      );
    },
  },
  {
    // the 1990s, the '90s, the 20th century
    name: 'decade',
    pattern:
      /\b(?:the\s+)?(?:(early|late|mid)[-\s]+)?(?:(\d{3})0|'(\d)0|(\d)0)'?s\b|\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[-\s]+[Cc]entury\b/g,
    trigger: /\d0'?s\b|[Cc]entury/,
    build(m, scan) {
      if (m[5] !== undefined) return { value: pad(Number(m[5]) - 1, 2), type: 'DATE', relative: false };
      if (m[2] !== undefined)
        return { value: m[2], type: 'DATE', relative: false, ...(m[1] && { mod: BOUNDARY_MODS[lower(m[1])] }) };
      const digit = m[3] ?? m[4];
      // "the 90s" needs "the" or an apostrophe: "in his 60s" is an age.
      if (m[3] === undefined && !/^the\s/i.test(m[0])) return null;
      const anchorYear = scan.ctx.anchor?.year ?? new Date().getUTCFullYear();
      const year = expandTwoDigitYear(Number(digit) * 10, anchorYear);
      return { value: String(Math.floor(year / 10)), type: 'DATE', relative: false };
    },
  },
  {
    // 1997, since 1997, in 2014, early 2011, '58
    name: 'year',
    pattern:
      /\b(?:(early|late|mid)[-\s]+)?(\d{4})\b(?![-/.:,]\d|%|\s*(?:per\s?cent|percent|km|m\b|kg|people|troops|soldiers))/gi,
    trigger: /\d{4}/,
    build(m, scan) {
      const year = Number(m[2]);
      const { text } = scan;
      const left = before(text, m.index, 16);
      const strong = YEAR_PREPOSITIONS.test(left) || m[1] !== undefined;
      const inRange = year >= scan.ctx.options.minBareYear && year <= scan.ctx.options.maxBareYear;
      if (!inRange && !(strong && year >= 1000 && year <= 2100)) return null;
      if (NUMBER_CONTEXT.test(left) && m[1] === undefined) return null;
      // "141 to 5": a number before "to"/"-" that is not itself a year makes this a count.
      if (/\d\s*(?:to|-|–|:)\s*$/.test(left) && !/\b\d{4}\s*(?:to|-|–)\s*$/.test(left)) return null;
      const next = /^\s+([a-z]+)/.exec(after(text, m.index + m[0].length, 20));
      if (next && !strong && !YEAR_FOLLOWERS.has(next[1] as string)) return null;
      const boundary = m[1] ? BOUNDARY_MODS[m[1].toLowerCase()] : undefined;
      return { value: String(year), type: 'DATE', relative: false, ...(boundary && { mod: boundary }) };
    },
  },
  {
    // today, yesterday morning, tomorrow, tonight, the day before yesterday
    name: 'day-word',
    pattern: new RegExp(
      `\\b(?:the\\s+day\\s+(before|after)\\s+)?(today|yesterday|tomorrow|tonight)(?:'s)?(?:\\s+(${PART_OF_DAY}))?\\b`,
      'gi',
    ),
    trigger: /(?:today|yesterday|tomorrow|tonight)/i,
    build(m, scan) {
      const word = lower(m[2]);
      let offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      if (m[1]) offset += lower(m[1]) === 'before' ? -1 : 1;
      const part = word === 'tonight' ? 'NI' : m[3] ? PART_CODES[lower(m[3])] : undefined;
      const anchor = scan.ctx.anchor;
      const day = anchor ? formatDay(addDays(anchor, offset)) : 'XXXX-XX-XX';
      return { value: part ? `${day}T${part}` : day, type: part ? 'TIME' : 'DATE', relative: true };
    },
  },
  {
    // now, currently, recently, the past, the future
    name: 'reference',
    pattern:
      /\b(?:(now|currently|nowadays|presently|at present|these days|right now|recently|lately|in the past|the past|the future|in the future)|(?:the\s+)?(former|once))\b(?!\s+(?:that|\d|few|several|couple|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|weeks?|months?|years?|days?|decades?|hours?|centur))/gi,
    trigger: /\b(?:now|currently|presently|present|these days|recently|lately|past|future)/i,
    build(m) {
      const w = lower(m[1]);
      if (m[2] !== undefined || !w) return null;
      if (w === 'now' && /\bnow\s+(?:that|is|as)\b/i.test(m[0])) return null;
      const value =
        w.includes('past') || w === 'recently' || w === 'lately'
          ? 'PAST_REF'
          : w.includes('future')
            ? 'FUTURE_REF'
            : 'PRESENT_REF';
      return { value, type: 'DATE', relative: false, trimStart: w.startsWith('in the ') ? 3 : 0 };
    },
  },
  {
    // (last|next|this) Tuesday (night)
    name: 'weekday',
    pattern: new RegExp(
      `\\b(?:(last|next|this|coming|past)\\s+)?(${WEEKDAY})(?:'s)?(?:\\s+(${PART_OF_DAY}))?(?![\\w])`,
      'gi',
    ),
    trigger: /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)/,
    build(m, scan) {
      if (!cap(m[2])) return null;
      const modifier = lower(m[1]);
      const weekday = weekdayOf(m[2] as string);
      const part = m[3] ? PART_CODES[lower(m[3])] : undefined;
      const anchor = scan.ctx.anchor;
      const day = anchor ? formatDay(weekdayDate(anchor, weekday, modifier, tenseOf(m, scan))) : `XXXX-WXX-${weekday}`;
      return { value: part ? `${day}T${part}` : day, type: part ? 'TIME' : 'DATE', relative: true };
    },
  },
  {
    // this week, last week, next month, earlier this year, the end of the year, last summer, this morning
    name: 'relative-unit',
    pattern:
      /\b(?:(earlier|later|late|early)\s+(?:in\s+)?)?(?:(?:the\s+)?(start|beginning|end|middle)\s+of\s+)?(this|last|next|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+current|the\s+previous|the\s+same|the\s+latest|the\s+recent|current|previous|past|coming|the)\s+(week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|morning|afternoon|evening|night)\b(?!\s*(?:old|-old))/gi,
    trigger:
      /\b(?:week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|morning|afternoon|evening|night)/i,
    build(m, scan) {
      const modifier = lower(m[3]).replace(/\s+/g, ' ');
      const unit = lower(m[4]);
      const parts = unit in PART_CODES;
      if (modifier === 'the') {
        // "the year" / "the week" refer back to a time already named; only these are dates.
        if (!m[1] && !m[2]) {
          if (unit === 'weekend') {
            const anchor = scan.ctx.anchor;
            return {
              value: anchor ? `${formatWeek(weekdayDate(anchor, 6, '', tenseOf(m, scan)))}-WE` : 'XXXX-WXX-WE',
              type: 'DATE',
              relative: true,
            };
          }
          if (unit === 'quarter') {
            const anchor = scan.ctx.anchor;
            // Earnings reports: "the quarter" is the last one completed.
            return {
              value: anchor ? (shifted(anchor, 'quarter', -1) as string) : 'XXXX-QX',
              type: 'DATE',
              relative: true,
            };
          }
          if (!(unit in SEASON_CODES) || unit === 'fall') return null;
        }
        if (parts) return null;
      }
      if (parts && !['this', 'last', 'the'].includes(modifier)) return null;
      if (parts && modifier === 'last' && unit !== 'night') return null;
      const offset = ['last', 'the past', 'the last', 'the previous', 'previous', 'past'].includes(modifier)
        ? -1
        : ['next', 'the next', 'the coming', 'coming'].includes(modifier)
          ? 1
          : 0;
      const anchor = scan.ctx.anchor;
      const edge = m[1] ?? m[2];
      const mod = edge ? BOUNDARY_MODS[lower(edge)] : undefined;
      if (!anchor) {
        const underspecified = parts
          ? `XXXX-XX-XXT${PART_CODES[unit]}`
          : unit in SEASON_CODES
            ? `XXXX-${SEASON_CODES[unit]}`
            : (UNDERSPECIFIED[unit] ?? 'XXXX');
        return { value: underspecified, type: parts ? 'TIME' : 'DATE', relative: true, ...(mod && { mod }) };
      }
      let value =
        unit in SEASON_CODES && modifier === 'the'
          ? `${anchor.year}-${SEASON_CODES[unit]}`
          : unitRelative(anchor, unit, offset);
      if (
        unit === 'quarter' &&
        ['the latest', 'the', 'the recent', 'the past', 'the last', 'the previous'].includes(modifier)
      ) {
        // Earnings reports: "the latest quarter" is the last one completed.
        value = shifted(anchor, 'quarter', -1);
      }
      if (value === null) return null;
      return { value, type: parts ? 'TIME' : 'DATE', relative: true, ...(mod && { mod }) };
    },
  },
  {
    // the first quarter (of 2022), third-quarter, the second half of 2021, summer 2022
    name: 'quarter-half-season',
    pattern:
      /\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(quarter|half)(?:\s+of\s+(?:(\d{4})|the\s+year|this\s+year|last\s+year))?\b|\b(?:(early|late)\s+)?(spring|summer|autumn|winter|fall)\s+(?:of\s+)?(\d{4})\b|\bQ([1-4])(?:\s+(\d{4}))?\b/gi,
    trigger: /quarter|half|\d{4}|Q[1-4]/i,
    build(m, scan) {
      const anchor = scan.ctx.anchor;
      if (m[5] !== undefined) return { value: `${m[6]}-${SEASON_CODES[lower(m[5])]}`, type: 'DATE', relative: false };
      const explicit = m[3] ?? m[8];
      const lastYear = /last\s+year/i.test(m[0]);
      let year: number | null = explicit ? Number(explicit) : anchor ? anchor.year - (lastYear ? 1 : 0) : null;
      const n = m[7] !== undefined ? Number(m[7]) : (ORDINALS[lower(m[1])] ?? 0);
      const half = lower(m[2]) === 'half';
      if (half && n > 2) return null;
      // A quarter not yet begun in a past-tense sentence is last year's.
      if (!explicit && anchor && year !== null && !half && n > quarterOf(anchor) && tenseOf(m, scan) === 'past')
        year -= 1;
      const code = half ? `H${n}` : `Q${n}`;
      return { value: year === null ? `XXXX-${code}` : `${year}-${code}`, type: 'DATE', relative: !explicit };
    },
  },
  {
    // two weeks ago, a year ago, three days earlier
    name: 'ago',
    pattern: new RegExp(`\\b(${NUMBER})[-\\s]+(${UNIT})\\s+(ago|earlier|before|later|from\\s+now|hence)\\b`, 'gi'),
    trigger: /\b(?:ago|earlier|later|before|from now|hence)\b/i,
    build(m, scan) {
      const n = numberValue(m[1] as string);
      const direction = /^(?:later|from|hence)/i.test(m[3] as string) ? 1 : -1;
      const anchor = scan.ctx.anchor;
      // "before"/"later" count from an event named in the text, not the article's date.
      if (/^(?:before|later)$/i.test(m[3] as string)) return null;
      if (n === null || !Number.isInteger(n))
        return { value: direction < 0 ? 'PAST_REF' : 'FUTURE_REF', type: 'DATE', relative: false };
      if (!anchor) return { value: 'XXXX-XX-XX', type: 'DATE', relative: true };
      const u = unitCode(m[2] as string);
      if (u.time) return { value: direction < 0 ? 'PAST_REF' : 'FUTURE_REF', type: 'DATE', relative: false };
      const value = shifted(anchor, m[2] as string, direction * n);
      return value ? { value, type: 'DATE', relative: true } : null;
    },
  },
  {
    // the 27th day (of the war), Day 2: counted from a knowledge-base epoch (day 1 = its start)
    name: 'epoch-day',
    pattern: /\b(?:the\s+)?(\d{1,4})(?:st|nd|rd|th)\s+day\b|\b[Dd]ay\s+(\d{1,4})\b(?![.,:]\d)/g,
    trigger: /\d(?:st|nd|rd|th)\s+day|[Dd]ay\s+\d/,
    build(m, scan) {
      const n = Number(m[1] ?? m[2]);
      if (n < 1) return null;
      const epoch = activeEpoch(scan.ctx.options.epochs, scan.ctx.anchor);
      if (!epoch) return { value: 'XXXX-XX-XX', type: 'DATE', relative: true };
      const day1 = parseIsoDay(epoch.day1) as Ymd;
      return { value: formatDay(addDays(day1, n - 1)), type: 'DATE', relative: true };
    },
  },
  {
    // 10 p.m., 10:00 pm, 22:00 (GMT), 0900 GMT, noon, midnight, 5:30 am (IST)
    name: 'clock-time',
    pattern:
      /\b(?:(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|(\d{1,2}):(\d{2})(?!:\d|\d)|([01]\d|2[0-3])([0-5]\d)\s*(?=GMT|UTC|hrs|hours\b|[Zz]\b)|(noon|midday|midnight))(?:\s*\(?\s*((?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}T|IST|MSK|EET|CET|Kyiv time|Moscow time|local time|local|hrs|hours|[Zz])\b\s*\)?)?/g,
    trigger: /\d\s*[ap]\.?\s?m|\d:\d\d|\d{4}\s*(?:GMT|UTC|hrs|hours|Z)|noon|midday|midnight/i,
    build(m, scan) {
      let hour: number;
      let minute = 0;
      let clock24 = false;
      if (m[8]) {
        hour = lower(m[8]) === 'midnight' ? 0 : 12;
        if (
          !/\b(?:at|around|about|by|until|till|after|before|since|from|past|near)\s+$/i.test(
            before(scan.text, m.index, 12),
          ) &&
          !m[9]
        )
          return null;
      } else if (m[3]) {
        hour = Number(m[1]);
        minute = m[2] === undefined ? 0 : Number(m[2]);
        if (hour < 1 || hour > 12) return null;
        hour = (hour % 12) + (lower(m[3]) === 'p' ? 12 : 0);
      } else {
        hour = Number(m[4] ?? m[6]);
        minute = Number(m[5] ?? m[7]);
        clock24 = true;
      }
      if (hour > 23 || minute > 59) return null;
      // A bare h:mm is a time only with a zone or a preposition: "a ratio of 1:10" and "won 2:15" are not.
      if (clock24 && m[4] !== undefined && !m[9]) {
        if (
          !/\b(?:at|around|about|by|until|till|after|before|since|from|to|between|and|approximately|shortly after|until)\s+$/i.test(
            before(scan.text, m.index, 20),
          )
        )
          return null;
        if (/\b(?:ratio|score|of|won|lost|beat|by)\s+$/i.test(before(scan.text, m.index, 10))) return null;
      }
      const zone = m[9]?.trim();
      const time = `T${pad(hour)}:${pad(minute)}`;
      return {
        value: time,
        type: 'TIME',
        relative: true,
        ...(zone && !/^(?:local|local time|hrs|hours)$/i.test(zone) && { zone }),
      };
    },
  },
  {
    // three years, a month, 90 days, the past two years, the next few months, four-week, several days
    name: 'duration',
    pattern: new RegExp(
      `\\b(?:the\\s+)?(?:(past|last|next|coming|first|previous|following|final|latest|same|entire|full|whole|recent|other)\\s+)?(${NUMBER})[-\\s]+(${UNIT})(?:'s|s'|')?(?![-\\w])`,
      'gi',
    ),
    trigger: new RegExp(UNIT, 'i'),
    build(m, scan) {
      const tail = after(scan.text, m.index + m[0].length, 12);
      const left = before(scan.text, m.index, 8);
      // Ages are not durations of anything dated: "60 years old", "a 60-year-old", "aged 60 years".
      if (/^[-\s]*old\b|^\s+of\s+age\b/i.test(tail) || /\bage[ds]?\s+$/i.test(left)) return null;
      // "three-quarters of", "a quarter of the troops" are fractions.
      if (/^quarter/i.test(m[3] as string) && /^\s+of\b/i.test(tail)) return null;
      const numberWord = (m[2] as string).toLowerCase();
      if (
        /^(?:a|an)$/.test(numberWord) &&
        /^\s*(?:or\s+(?:two|so)|and\s+a\s+half)/i.test(tail) === false &&
        /\b(?:once|twice|times|per|\d)\s+$/i.test(left)
      )
        return { value: duration(1, m[3] as string), type: 'SET', relative: false };
      const n = numberValue(numberWord);
      // A decimal count such as "1.5 million" is not a number of units here unless directly followed by one.
      return { value: duration(n, m[3] as string), type: 'DURATION', relative: false };
    },
  },
  {
    // for years, in recent weeks, the coming days, decades
    name: 'vague-duration',
    pattern:
      /\b(?:(?:in\s+)?(recent|coming|past|next|last|several|few|many)\s+)?(?:the\s+)?(seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b(?!\s*(?:old|ago|earlier|later))/gi,
    trigger: /(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b/i,
    build(m, scan) {
      const left = before(scan.text, m.index, 12);
      if (!m[1] && !/\b(?:for|over|within|after|took|spent|in|the|of|from)\s+$/i.test(left)) return null;
      if (/\d[\d,.]*\s+$/.test(left)) return null;
      return {
        value: duration(null, m[2] as string),
        type: 'DURATION',
        relative: false,
        trimStart: /^in\s/i.test(m[0]) ? 3 : 0,
      };
    },
  },
  {
    // daily, weekly, annually, every day, each year, every Monday
    name: 'set',
    pattern: new RegExp(
      `\\b(?:(daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\\s+(?:(other)\\s+)?(day|week|month|year|season|morning|afternoon|evening|night|weekend|${WEEKDAY}))\\b`,
      'gi',
    ),
    trigger: /daily|weekly|monthly|annually|yearly|hourly|nightly|every|each/i,
    build(m) {
      const adverb = lower(m[1]);
      if (adverb) {
        const code: Record<string, string> = {
          daily: 'P1D',
          weekly: 'P1W',
          monthly: 'P1M',
          annually: 'P1Y',
          yearly: 'P1Y',
          quarterly: 'P3M',
          hourly: 'PT1H',
          nightly: 'P1D',
        };
        return { value: code[adverb] as string, type: 'SET', relative: false };
      }
      const unit = lower(m[3]);
      const every = m[2] ? 2 : 1;
      if (unit in PART_CODES) return { value: `XXXX-XX-XXT${PART_CODES[unit]}`, type: 'SET', relative: false };
      const weekday = weekdayOf(unit);
      if (weekday) return { value: `XXXX-WXX-${weekday}`, type: 'SET', relative: false };
      if (unit === 'season') return { value: 'P1Y', type: 'SET', relative: false };
      if (unit === 'weekend') return { value: 'XXXX-WXX-WE', type: 'SET', relative: false };
      return { value: duration(every, unit), type: 'SET', relative: false };
    },
  },
];

/** The epoch in force on the anchor date: the latest one begun by then and not yet over. */
export function activeEpoch(epochs: readonly Epoch[], anchor: Ymd | null): Epoch | null {
  if (!anchor) return null;
  let best: Epoch | null = null;
  for (const e of epochs) {
    const day1 = parseIsoDay(e.day1);
    const until = parseIsoDay(e.until);
    if (!day1 || daysBetween(day1, anchor) < 0 || (until && daysBetween(until, anchor) > 0)) continue;
    if (!best || e.day1 > best.day1) best = e;
  }
  return best;
}

// ---- precision ----------------------------------------------------------------------------------

export function precisionOf(value: string, type: TimexType): Precision {
  if (type === 'SET') return 'set';
  if (value.endsWith('_REF')) return 'reference';
  if (type === 'DURATION' || value.startsWith('P')) return 'duration';
  if (/T\d{2}:\d{2}/.test(value)) return 'minute';
  if (/T\d{2}$/.test(value)) return 'hour';
  if (/T(?:MO|AF|EV|NI|DT)$/.test(value)) return 'part-of-day';
  if (/^[\dX]{4}-[\dX]{2}-[\dX]{2}$/.test(value)) return 'day';
  if (/-W[\dX]{2}-WE$/.test(value)) return 'weekend';
  if (/-W[\dX]{2}(?:-\d)?$/.test(value)) return /-\d$/.test(value) ? 'day' : 'week';
  if (/^[\dX]{4}-[\dX]{2}$/.test(value)) return 'month';
  if (/-(?:SP|SU|FA|WI)$/.test(value)) return 'season';
  if (/-Q[\dX]$/.test(value)) return 'quarter';
  if (/-H\d$/.test(value)) return 'half';
  if (/^[\dX]{4}$/.test(value)) return 'year';
  if (/^\d{3}$/.test(value)) return 'decade';
  if (/^\d{2}$/.test(value)) return 'century';
  return 'unknown';
}

// ---- the scan -----------------------------------------------------------------------------------

interface Candidate extends Draft {
  start: number;
  end: number;
  rule: string;
  order: number;
}

/** Every temporal expression in `text`, in order, non-overlapping, with notes on bad dates. */
export function extractTimexes(text: string, ctx: ExtractContext): { timexes: Timex[]; notes: TimeNote[] } {
  const notes: TimeNote[] = [];
  const scan: Scan = {
    text,
    ctx,
    notes,
    tense: (start, end) => tenseAt(text, start, end, ctx.options.tenseWindow),
  };
  const candidates: Candidate[] = [];
  RULES.forEach((rule, order) => {
    if (rule.trigger && !rule.trigger.test(text)) return;
    const re = rule.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const draft = rule.build(m, scan);
      if (!draft) continue;
      let start = m.index + (draft.trimStart ?? 0);
      let end = m.index + m[0].length;
      // Spans never end in white space or a stray period that ends the sentence ("in 2010.").
      while (end > start && /[\s,]/.test(text[end - 1] as string)) end--;
      while (start < end && /\s/.test(text[start] as string)) start++;
      candidates.push({ ...draft, start, end, rule: rule.name, order });
    }
  });
  // Text that names an impossible date ("31 February") yields no date at all, not a month.
  const refused = notes.filter((n) => n.rule === 'time-impossible-date');
  const kept =
    refused.length === 0
      ? candidates
      : candidates.filter((c) => refused.every((n) => c.end <= n.start || c.start >= n.end));
  const chosen = pickLongest(kept);
  anchorClockTimes(chosen, text, ctx.anchor);
  const anchorIso = ctx.anchor ? formatDay(ctx.anchor) : null;
  const timexes = chosen.map((c): Timex => {
    const t: Timex = {
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      value: c.value,
      type: c.type,
      precision: precisionOf(c.value, c.type),
      anchor: c.relative ? anchorIso : null,
      rule: c.rule,
    };
    if (c.mod) t.mod = c.mod;
    if (c.readings) t.readings = c.readings;
    if (c.zone) t.zone = c.zone;
    return t;
  });
  return { timexes, notes };
}

/** Longest span wins; at equal length, the earlier rule. Then in text order. */
function pickLongest(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
  const taken: Candidate[] = [];
  for (const c of candidates) {
    if (taken.every((t) => c.end <= t.start || c.start >= t.end)) taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

/**
 * A clock time takes the day named just before it in its sentence ("On Tuesday night at around
 * 10:00 pm"), else one right after it ("15:00 GMT Saturday", merged into one span), else the
 * anchor's day.
 */
function anchorClockTimes(chosen: Candidate[], text: string, anchor: Ymd | null): void {
  for (let i = 0; i < chosen.length; i++) {
    const c = chosen[i] as Candidate;
    if (c.rule !== 'clock-time') continue;
    const sentence = sentenceStart(text, c.start);
    let day: string | null = null;
    for (let j = i - 1; j >= 0; j--) {
      const p = chosen[j] as Candidate;
      if (p.end < sentence) break;
      const d = /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(p.value);
      if (d) {
        day = d[1] as string;
        break;
      }
    }
    const next = chosen[i + 1];
    if (day === null && next && next.start <= sentenceEnd(text, c.end)) {
      const gap = text.slice(c.end, next.start);
      const d = /^(\d{4}-\d{2}-\d{2})$/.exec(next.value);
      if (d && /^\s*,?\s*(?:on\s+)?$/.test(gap)) {
        day = d[1] as string;
        if (/^\s+$/.test(gap)) {
          // One expression: the time and its day.
          c.end = next.end;
          c.relative = c.relative || next.relative;
          chosen.splice(i + 1, 1);
        }
      }
    }
    if (day === null) day = anchor ? formatDay(anchor) : 'XXXX-XX-XX';
    c.value = `${day}${c.value}`;
  }
}
