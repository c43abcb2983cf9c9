// The date of a fact (claim, quote, event): the timex that governs its sentence, else the
// publication date at a coarser precision. Precision codes follow ACLED's time_precision:
// 1 = the day is known, 2 = the week, 3 = the month or something vaguer.

import type { Article } from '../../core/document.js';
import type { Span } from '../../core/spans.js';
import { formatDay, isoWeekMonday, parseIsoDay } from './calendar.js';
import { sentenceEnd, sentenceStart } from './context.js';
import { DEFAULT_TIME_OPTIONS } from './options.js';
import type { TimexData } from './stage.js';

export interface FactDate {
  /** ISO date: the day, or the first day of the week/month/quarter/year the timex names; null when unknown. */
  date: string | null;
  precision: 1 | 2 | 3;
  /** The id of the governing timex fact, or null when the date is the publication date's. */
  timex: string | null;
}

const PRECISION_CODE: Readonly<Record<string, 1 | 2 | 3>> = {
  minute: 1,
  hour: 1,
  'part-of-day': 1,
  day: 1,
  weekend: 2,
  week: 2,
};

/** The first day of the period a resolved TIMEX3 value names, or null when it names none. */
export function periodStart(value: string): string | null {
  let m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (m) return m[1] as string;
  m = /^(\d{4})-W(\d{2})/.exec(value);
  if (m) return formatDay(isoWeekMonday(Number(m[1]), Number(m[2])));
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return `${m[1]}-${m[2]}-01`;
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  m = /^(\d{4})-H([12])$/.exec(value);
  if (m) return `${m[1]}-${m[2] === '1' ? '01' : '07'}-01`;
  m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (m) return `${m[1]}-${{ SP: '03', SU: '06', FA: '09', WI: '12' }[m[2] as 'SP']}-01`;
  m = /^(\d{4})$/.exec(value);
  if (m) return `${m[1]}-01-01`;
  return null;
}

/**
 * The date of the fact at `span`: among the resolved DATE/TIME timexes of the sentence holding
 * it, the last one before the span (news puts the date before what happened: "On Monday, …"),
 * else the first after it; else the publication date with `fallbackPrecision`.
 */
export function dateForSpan(
  doc: Pick<Article, 'text' | 'published' | 'facts'>,
  span: Span,
  fallbackPrecision: 1 | 2 | 3 = DEFAULT_TIME_OPTIONS.fallbackPrecision,
): FactDate {
  const from = sentenceStart(doc.text, span.start);
  const to = sentenceEnd(doc.text, Math.max(span.start, span.end - 1));
  let governing: { id: string; data: TimexData; start: number } | null = null;
  let following: { id: string; data: TimexData; start: number } | null = null;
  for (const fact of doc.facts) {
    if (fact.kind !== 'timex' || !fact.evidence) continue;
    const data = fact.data as unknown as TimexData;
    if ((data.type !== 'DATE' && data.type !== 'TIME') || periodStart(data.value) === null) continue;
    const { start, end } = fact.evidence;
    if (start < from || end > to) continue;
    if (start < span.start) {
      if (!governing || start > governing.start) governing = { id: fact.id, data, start };
    } else if (!following || start < following.start) following = { id: fact.id, data, start };
  }
  const chosen = governing ?? following;
  if (chosen) {
    return {
      date: periodStart(chosen.data.value),
      precision: PRECISION_CODE[chosen.data.precision] ?? 3,
      timex: chosen.id,
    };
  }
  const published = parseIsoDay(doc.published);
  return { date: published ? formatDay(published) : null, precision: published ? fallbackPrecision : 3, timex: null };
}
