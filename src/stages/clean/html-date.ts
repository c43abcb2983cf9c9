// The publication date of an HTML page. Structured declarations come first (meta tags,
// itemprop, JSON-LD), then a date in the article's URL, then dates marked up in the page
// (<time>, abbr.published), then dates written in date-named elements near the headline, and a
// modification date only as a last resort. A page or crawl timestamp is not the article's date:
// an archive's capture time in the URL is ignored, a declared date that contradicts the date in
// the article's own URL loses to it, and a visible date from the page header above the headline
// is used only when the article shows none.

import { datesInText, outsideArticle, scanTextDates, type TextDates } from './html-date-scan.js';
import { calendarDate, normalizePublished, type WrittenDate, writtenDate } from './published.js';

export interface FoundDate {
  /** Normalised by normalizePublished (UTC for a date-time). */
  value: string;
  /** Where it was read: `article:published_time`, `json-ld`, `url`, `time`, `visible`, … */
  source: string;
  /** The calendar date as the page writes it, and its precision. */
  date: string;
  precision: WrittenDate['precision'];
  /** The value carried an explicit non-UTC offset, so `date` is the page's own local calendar date. */
  localOffset?: boolean;
  /** `date` is the day after the UTC value's: a local midnight east of UTC, stored in UTC. */
  midnight?: boolean;
}

export interface RawFound {
  value: string;
  source: string;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'article:published',
  'datepublished',
  'date',
  'pubdate',
  'publish-date',
  'publishdate',
  'publish_date',
  'publication_date',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.issued',
  'dcterms.created',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'bepress_citation_date',
  'parsely-pub-date',
  'sailthru.date',
  'date.created',
  'datecreated',
];

// Any other meta name that says "publication date" ("sw-pubdate", "pub_date", "publication-date").
const OTHER_PUBLISHED_META = /pub(?:lish(?:ed)?|lication)?[-_.:]?(?:date|time)|date[-_.]?pub/;

function otherPublishedMeta(meta: ReadonlyMap<string, string>): RawFound | null {
  for (const [name, value] of meta) {
    if (OTHER_PUBLISHED_META.test(name) && !/modif|updat|expir/.test(name))
      return { value, source: `meta-other:${name}` };
  }
  return null;
}

const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified'];

/** A date a structured source gives, and where; null when absent. */
type Candidate = () => RawFound | null;

export function readPublishedDate(
  document: Document,
  meta: ReadonlyMap<string, string>,
  jsonLd: ReadonlyArray<Record<string, unknown>>,
  pageUrl: string | null,
): { published: FoundDate | null; invalid: RawFound[] } {
  const invalid: RawFound[] = [];
  const structured: Candidate[] = [
    ...PUBLISHED_META.slice(0, 3).map((name) => () => found(meta.get(name), name)),
    () => found(itempropDate(document, 'datepublished'), 'itemprop:datePublished'),
    ...PUBLISHED_META.slice(3).map((name) => () => found(meta.get(name), `meta:${name}`)),
    () => found(jsonLdString(jsonLd, 'datePublished'), 'json-ld'),
    () => found(jsonLdString(jsonLd, 'dateCreated'), 'json-ld:dateCreated'),
    () => found(itempropDate(document, 'datecreated'), 'itemprop:dateCreated'),
    () => otherPublishedMeta(meta),
  ];
  const declared = firstDate(structured, invalid);
  const modified = (): FoundDate | null =>
    firstDate(
      [
        ...MODIFIED_META.map((name) => () => found(meta.get(name), `modified:${name}`)),
        () => found(jsonLdString(jsonLd, 'dateModified'), 'modified:json-ld'),
      ],
      [],
    );
  const fromUrl = urlDate(pageUrl);
  // The article's own URL is written once, when it is published; a declared date that
  // contradicts it by more than a month is a page or re-publication timestamp. Within a day,
  // the URL keeps the local calendar date a UTC timestamp may have shifted.
  if (declared && fromUrl && declared.date !== fromUrl.date) {
    const drift = Math.abs(daysBetween(declared.date, fromUrl.date));
    if (drift > MAX_URL_DRIFT_DAYS) return { published: fromUrl, invalid };
    if (drift <= 1 && !declared.localOffset) return { published: { ...declared, date: fromUrl.date }, invalid };
    return { published: declared, invalid };
  }
  let scanned: TextDates | undefined;
  const text = (): TextDates => {
    scanned ??= scanTextDates(document);
    return scanned;
  };
  if (declared) {
    // When the URL agrees with the declared date, two independent witnesses fix the day.
    const fixed = fromUrl?.date === declared.date;
    return { published: checkDeclared(declared, document, text, modified, fixed), invalid };
  }
  if (fromUrl) return { published: fromUrl, invalid };

  const markup = firstDate([() => found(markedUpDate(document), 'time')], invalid);
  if (markup) return { published: markup, invalid };
  const visible = visibleDate(document);
  if (visible) return { published: visible, invalid };
  const best = text().best;
  if (best) return { published: dayOnly(best.date, best.rule), invalid };
  return { published: modified(), invalid };
}

function dayOnly(date: string, source: string): FoundDate {
  return { value: date, source, date, precision: 'day' };
}

/**
 * A declared date checked against the page's visible dates. The date printed by the headline
 * is the page's own: it corrects a UTC timestamp that shifted the day; it beats a generic CMS
 * `date` meta that disagrees with it (as do a date announced as the publication date and a
 * <time> in the article); and when it is the declared modification date, the page presents
 * itself as of that update.
 */
function checkDeclared(
  declared: FoundDate,
  document: Document,
  text: () => TextDates,
  modified: () => FoundDate | null,
  fixed: boolean,
): FoundDate {
  const weak = WEAK_SOURCES.has(declared.source) || declared.source.startsWith('meta-other:');
  // Nothing the page shows could change a strong declaration: skip reading its text.
  const shiftable = !fixed && (dayShiftPlausible(declared, 1) || dayShiftPlausible(declared, -1));
  const update = modified();
  if (!weak && !shiftable && (!update || update.date === declared.date)) return declared;
  const headline = text().best;
  const shown = headline?.rule === 'text:headline' ? headline.date : null;
  if (!shown) {
    // No date by the headline: a date in a date-named element can still correct a shifted day.
    const visible = visibleDate(document)?.date ?? null;
    const gap = visible ? daysBetween(visible, declared.date) : 0;
    if (visible && !fixed && Math.abs(gap) === 1 && (weak || dayShiftPlausible(declared, gap)))
      return { ...declared, date: visible, source: `${declared.source}+visible` };
  }
  if (shown && shown !== declared.date) {
    const gap = daysBetween(shown, declared.date);
    if (Math.abs(gap) === 1 && !fixed && (weak || dayShiftPlausible(declared, gap)))
      return { ...declared, date: shown, source: `${declared.source}+text:headline` };
    if (weak && !fixed) return dayOnly(shown, `${declared.source}+text:headline`);
    if (update && update.date === shown) return { ...update, source: `${update.source}+text:headline` };
    return declared;
  }
  if (!weak || shown) return declared;
  const announced = text().announced;
  if (announced && announced !== declared.date && Math.abs(daysBetween(announced, declared.date)) <= 366)
    return dayOnly(announced, `${declared.source}+text:published-word`);
  const markup = firstDate([() => found(markedUpDate(document), 'time')], []);
  if (markup && markup.date !== declared.date) return { ...markup, source: `${declared.source}+time` };
  return declared;
}

function firstDate(candidates: Candidate[], invalid: RawFound[]): FoundDate | null {
  for (const candidate of candidates) {
    const raw = candidate();
    if (!raw) continue;
    const date = toFoundDate(raw.value, raw.source);
    if (date) return date;
    invalid.push(raw);
  }
  return null;
}

function toFoundDate(raw: string, source: string): FoundDate | null {
  const value = normalizePublished(raw);
  const written = writtenDate(raw);
  if (value && written) {
    // Local midnight east of UTC, stored in UTC ("2022-11-06T23:00:00.000Z" for 7 November in
    // Berlin): a date without a time, converted; its calendar date is the next day.
    const date = UTC_LOCAL_MIDNIGHT.test(raw) ? nextDay(written.date) : written.date;
    return {
      value,
      source,
      date,
      precision: written.precision,
      localOffset: LOCAL_OFFSET.test(raw),
      ...(date !== written.date ? { midnight: true } : {}),
    };
  }
  // A date-time with a malformed time ("2022-01-10T22:06:08:684Z", "10.12.2022, 07:00:03"): its day.
  const day = datesInText(raw.slice(0, 40))[0];
  return day && day.index === 0 ? { value: day.date, source, date: day.date, precision: 'day' } : null;
}

// A time followed by a UTC offset other than zero: "18:37:32+01:00", "13:43:46-0500".
// A whole hour from 14:00 to 23:00 in UTC: midnight in a zone from UTC+1 to UTC+10.
const UTC_LOCAL_MIDNIGHT = /T(?:1[4-9]|2[0-3]):00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/i;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A declared date further than this from the date in the article's URL loses to the URL. */
const MAX_URL_DRIFT_DAYS = 31;

const LOCAL_OFFSET = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[+-](?!00:?00\b)\d{2}(?::?\d{2})?\s*$/;

function found(value: string | null | undefined, source: string): RawFound | null {
  const trimmed = value?.trim();
  return trimmed ? { value: trimmed, source } : null;
}

function itempropDate(document: Document, name: string): string | null {
  for (const element of Array.from(document.querySelectorAll('[itemprop]'))) {
    if (element.getAttribute('itemprop')?.trim().toLowerCase() !== name) continue;
    const value =
      element.getAttribute('content') ??
      element.getAttribute('datetime') ??
      element.getAttribute('title') ??
      element.textContent;
    // A visible itemprop date is often German or French prose: read it like any visible date.
    if (value && !normalizePublished(value)) return dateInText(value)?.date ?? value;
    return value;
  }
  return null;
}

/** A string property from JSON-LD, preferring an article-typed node. */
function jsonLdString(nodes: ReadonlyArray<Record<string, unknown>>, key: string): string | null {
  let fallback: string | null = null;
  for (const node of nodes) {
    const value = node[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    if (isArticleType(node['@type'])) return value;
    fallback ??= value;
  }
  return fallback;
}

export function isArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /(Article|Posting|Report|BlogPosting|NewsArticle)$/.test(t));
}

// A date in a path: /2019/10/22/, /2019-10-22-, /20191022/. An archive's capture stamp
// (web.archive.org/web/20131110121040/...) is the crawl time and is cut off first.
const ARCHIVE_PREFIX = /^https?:\/\/web\.archive\.org\/web\/\d+[a-z_]*\//i;
const URL_DATE =
  /(?:^|[/_-])((?:19|20)\d{2})(?:[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])|\/([1-9])\/([1-9]|[12]\d|3[01]))(?=$|[/_.-])/;

// /29-10-2021/, /meldungen/29.10.2021: day first.
const URL_DATE_DMY = /(?:^|[/_-])(0[1-9]|[12]\d|3[01])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?=$|[/_.-])/;

function urlDate(url: string | null): FoundDate | null {
  if (!url) return null;
  let path: string;
  try {
    const parsed = new URL(url.replace(ARCHIVE_PREFIX, ''));
    path = parsed.pathname;
  } catch {
    return null;
  }
  const m = URL_DATE.exec(path);
  const dmy = m ? null : URL_DATE_DMY.exec(path);
  if (!m && !dmy) return null;
  const date = m
    ? calendarDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]))
    : calendarDate(Number(dmy?.[3]), Number(dmy?.[2]), Number(dmy?.[1]));
  return date ? { value: date, source: 'url', date, precision: 'day' } : null;
}

/** Generic declarations, often a CMS's page timestamp rather than the article's date. */
const WEAK_SOURCES = new Set([
  'og:article:published_time',
  'meta:date',
  'meta:dc.date',
  'meta:dcterms.date',
  'meta:pubdate',
  'meta:datecreated',
]);
/** The time zones a UTC timestamp is assumed to have been converted from (hours). */
const MAX_ZONE_HOURS = 10;

/**
 * Whether a UTC (or zone-less) timestamp could show as the day `gap` away in some time zone
 * within ±MAX_ZONE_HOURS; a date without a time (or with its own offset) is not shifted.
 */
function dayShiftPlausible(declared: FoundDate, gap: number): boolean {
  if (declared.midnight) return gap === -1;
  if (declared.localOffset || declared.precision === 'day') return declared.precision === 'day';
  const hour = Number(/T(\d{2}):/.exec(declared.value)?.[1] ?? Number.NaN);
  if (!Number.isFinite(hour)) return false;
  return gap > 0 ? hour + MAX_ZONE_HOURS >= 24 : hour - MAX_ZONE_HOURS < 0;
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(a) - Date.parse(b)) / 86_400_000;
}

function markedUpDate(document: Document): string | null {
  const selectors = [
    'article time[datetime], main time[datetime]',
    'time[pubdate][datetime], time[class*="publish"][datetime], time[class*="date"][datetime]',
    'abbr.published[title], [class~="published"][title], [class*="post-date"][title], [class*="entry-date"][title]',
    'time[datetime]',
  ];
  for (const selector of selectors) {
    for (const element of Array.from(document.querySelectorAll(selector))) {
      if (outsideArticle(element)) continue;
      const value = element.getAttribute('datetime') ?? element.getAttribute('title');
      if (value && normalizePublished(value)) return value;
    }
  }
  return null;
}

// Elements whose names say they hold the date (or the byline line that carries it).
const DATE_NAMED = /date|datum|time|publish|posted|byline|meta|info|fecha|data|dateline/i;
const MAX_DATE_ELEMENT_CHARS = 160;

/** The first date written in a date-named element, preferring those after the headline. */
function visibleDate(document: Document): FoundDate | null {
  const h1 = document.querySelector('h1');
  let beforeHeadline: FoundDate | null = null;
  for (const element of Array.from(document.querySelectorAll('[class], [id]'))) {
    const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!DATE_NAMED.test(names)) continue;
    const text = element.textContent ?? '';
    if (text.length === 0 || text.length > MAX_DATE_ELEMENT_CHARS) continue;
    if (/updated|modified|aktualisiert|geändert|mis à jour|actualizado/i.test(names)) continue;
    if (outsideArticle(element)) continue;
    const date = dateInText(text);
    if (!date) continue;
    const found: FoundDate = { value: date.date, source: 'visible', date: date.date, precision: 'day' };
    // A date above the headline is often the page's "today", not the article's.
    if (h1 && (h1.compareDocumentPosition(element) & 4) === 0 && !element.contains(h1)) {
      beforeHeadline ??= found;
      continue;
    }
    return found;
  }
  return beforeHeadline;
}

// Month names of the languages sitrep reads (prefixes of at least 3 letters are accepted).
const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  [
    'january',
    'januar',
    'jänner',
    'janvier',
    'enero',
    'gennaio',
    'stycznia',
    'styczeń',
    'janeiro',
    'januari',
    'января',
    'январь',
    'січня',
  ],
  [
    'february',
    'februar',
    'feber',
    'février',
    'febrero',
    'febbraio',
    'lutego',
    'luty',
    'fevereiro',
    'februari',
    'февраля',
    'февраль',
    'лютого',
  ],
  ['march', 'märz', 'mars', 'marzo', 'marca', 'marzec', 'março', 'maart', 'марта', 'март', 'березня'],
  ['april', 'avril', 'abril', 'aprile', 'kwietnia', 'kwiecień', 'апреля', 'апрель', 'квітня'],
  ['may', 'mai', 'mayo', 'maggio', 'maja', 'maj', 'maio', 'mei', 'мая', 'май', 'травня'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'czerwca', 'czerwiec', 'junho', 'июня', 'июнь', 'червня'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'lipca', 'lipiec', 'julho', 'июля', 'июль', 'липня'],
  ['august', 'août', 'agosto', 'sierpnia', 'sierpień', 'augustus', 'августа', 'август', 'серпня'],
  [
    'september',
    'septembre',
    'septiembre',
    'settembre',
    'września',
    'wrzesień',
    'setembro',
    'сентября',
    'сентябрь',
    'вересня',
  ],
  [
    'october',
    'oktober',
    'octobre',
    'octubre',
    'ottobre',
    'października',
    'październik',
    'outubro',
    'октября',
    'октябрь',
    'жовтня',
  ],
  ['november', 'novembre', 'noviembre', 'listopada', 'listopad', 'novembro', 'ноября', 'ноябрь', 'листопада'],
  [
    'december',
    'dezember',
    'décembre',
    'diciembre',
    'dicembre',
    'grudnia',
    'grudzień',
    'dezembro',
    'december',
    'декабря',
    'декабрь',
    'грудня',
  ],
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  for (const [i, names] of MONTH_NAMES.entries()) {
    for (const name of names)
      if (name === w || (w.length >= 3 && name.startsWith(w) && w.length < name.length && w.length <= 4)) return i + 1;
  }
  return null;
}

/** Years before the web are not a web page's date ("28.09.1912:00" is a date and a time run together). */
const MIN_VISIBLE_YEAR = 1995;
const NUMERIC_ISO = /\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b/;
// 31.05.2012, 31. 5. 2012, 31/05/2012, 26.10.13 (day first, as everywhere but the US).
const NUMERIC_DMY = /(?<![\d.])(\d{1,2})\s?([./])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2}|\d{2})(?![\d])/;
const WORD = String.raw`([\p{L}]{3,}\.?)`;
// 31. Mai 2012, 31 May 2012, 3 de mayo de 2022.
const DAY_MONTH = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?${WORD}\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)`,
  'u',
);
// May 31, 2012.
const MONTH_DAY = new RegExp(String.raw`${WORD}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)`, 'u');

/** The first calendar date written in a short text, in any of the common spellings. */
export function dateInText(text: string): { date: string; index: number } | null {
  const hits: Array<{ date: string; index: number }> = [];
  const add = (m: RegExpExecArray | null, y: number, mo: number | null, d: number) => {
    if (!m || mo === null) return;
    const date = y >= MIN_VISIBLE_YEAR ? calendarDate(y, mo, d) : null;
    if (date) hits.push({ date, index: m.index });
  };
  let m = NUMERIC_ISO.exec(text);
  if (m) add(m, Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC_DMY.exec(text);
  if (m) {
    const y = (m[4] ?? '').length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    add(m, y, Number(m[3]), Number(m[1]));
  }
  m = DAY_MONTH.exec(text);
  if (m) add(m, Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]));
  m = MONTH_DAY.exec(text);
  if (m) add(m, Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]));
  hits.sort((a, b) => a.index - b.index);
  return hits[0] ?? null;
}
