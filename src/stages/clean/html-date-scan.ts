// The last resort for a page that declares no publication date: the dates written in its
// visible text, in the manner of htmldate's extensive search. The text of <body> is read in
// document order (at most `MAX_SCAN_CHARS`), every date in it is found, and the first that
// qualifies in this order wins:
//   1. a date announced by a publication word ("Veröffentlicht am", "Published", "Posted on",
//      "Pressemitteilung vom", "Datum:", "publié le", …) outside comments, sidebars and footers;
//   2. the first such date just above the headline (a dateline over the <h1>) or after it;
//   3. a date written in the page's <title>;
//   4. the first date in the article area, then the first date anywhere (a comment's date is
//      closer to the article's than none at all).
// A date announced as an update ("Aktualisiert am", "Updated") or copyright, and years before
// the web, are never taken.

import { calendarDate } from './published.js';
import { spaceRunBefore } from './white-space.js';

const MAX_SCAN_CHARS = 200_000;
const MIN_YEAR = 1995;
/** How far above the headline a dateline still counts as the article's. */
const ABOVE_HEADLINE_CHARS = 400;
/** How far below the headline a date still belongs to it (byline, dateline). */
const BELOW_HEADLINE_CHARS = 300;

const PUBLISHED_WORDS =
  /(?:ver[öo]ffentlicht|erschienen|erstellt|publiziert|geschrieben|gepostet|eingestellt|datum|pressemitteilung|pressemeldung|meldung|mitteilung|stand|published|posted|written|released|date|dated|on|publié|publiée|mis en ligne|publicado|publicada|fecha|pubblicato|data|gespeichert|vom|am|le|el|du|den|op|il)\s*(?:on|am|le|el|the|den|vom|:)?\s*[:\-|•·,]?\s*$/i;
const UPDATE_WORDS =
  /(?:aktualisiert|geändert|letzte änderung|updated|modified|mis à jour|actualizado|aggiornato|©|copyright)\s*(?:am|on|le|el|:)?\s*[:-]?\s*$/i;

// Month names (prefixes of at least 3 letters); same languages as html-date.ts.
const MONTHS: ReadonlyArray<RegExp> = [
  /^(?:jan|jän|janv|ene|genn|sty|янв|січ)/i,
  /^(?:feb|fév|fev|lut|фев|лют)/i,
  /^(?:mar|mär|maa|мар|бер)/i,
  /^(?:apr|avr|abr|kwi|апр|кві)/i,
  /^(?:may|mai|mayo|mag|maj|mei|мая|май|тра)/i,
  /^(?:jun|juin|giu|cze|июн|чер)/i,
  /^(?:jul|juil|lug|lip|июл|лип)/i,
  /^(?:aug|aoû|aou|ago|sie|авг|сер)/i,
  /^(?:sep|set|wrz|сен|вер)/i,
  /^(?:oct|okt|ott|out|paź|paz|окт|жов)/i,
  /^(?:nov|lis|ноя|лис)/i,
  /^(?:dec|dez|déc|dic|gru|дек|гру)/i,
];
// Words that begin like a month name but are not one.
const NOT_MONTH =
  /^(?:mars?h|mart[^z]|marc[^ah]|mai[ln]|main|mayor|maybe|august[aei]|jun[gk]|dat|sept[ae][^m]|novel|decl|decr|deci|oktav|okt[^o])/i;

function monthOf(word: string): number | null {
  const w = word.replace(/\.$/, '');
  if (w.length < 3 || NOT_MONTH.test(w)) return null;
  for (const [i, re] of MONTHS.entries()) if (re.test(w)) return i + 1;
  return null;
}

const WORD = String.raw`(\p{L}{3,12}\.?)`;
interface DatePattern {
  re: RegExp;
  parts: (m: RegExpExecArray) => [number, number | null, number];
  /** The earliest index a match whose year starts at `year` can start at (for patterns that hold a year). */
  startBefore?: (text: string, year: number) => number;
}

const DATE_PATTERNS: ReadonlyArray<DatePattern> = [
  {
    re: /(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)/g,
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    // 31.05.2012, 31. 5. 2012, 31/05/2012, 26.10.13 (day first).
    re: /(?<![\d.,])(\d{1,2})\s?([./])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2}|\d{2})(?![\d]|\.\d)/g,
    parts: (m) => [(m[4] ?? '').length === 2 ? 2000 + Number(m[4]) : Number(m[4]), Number(m[3]), Number(m[1])],
  },
  {
    re: new RegExp(
      String.raw`(?<![\d.])(\d{1,2})(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?${WORD},?\s+(?:de\s+)?((?:19|20)\d{2})(?!\d)`,
      'gu',
    ),
    parts: (m) => [Number(m[3]), monthOf(m[2] ?? ''), Number(m[1])],
  },
  {
    // Anchored at a word's start: tried at every letter, the pattern is the scan's slowest.
    re: new RegExp(String.raw`(?<!\p{L})${WORD}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)`, 'gu'),
    parts: (m) => [Number(m[3]), monthOf(m[1] ?? ''), Number(m[2])],
    startBefore: wordDateStart,
  },
];

export interface ScannedDate {
  date: string;
  index: number;
}

/**
 * Every calendar date written in `text`, in order of position. `plain` tries every position
 * for every pattern (the same answer, slower; for the tests).
 */
export function datesInText(text: string, plain = false): ScannedDate[] {
  const hits: ScannedDate[] = [];
  for (const { re, parts, startBefore } of DATE_PATTERNS) {
    re.lastIndex = 0;
    const near = plain ? undefined : startBefore;
    for (
      let m = near ? execNearYear(re, text, near) : re.exec(text);
      m;
      m = near ? execNearYear(re, text, near) : re.exec(text)
    ) {
      const [y, mo, d] = parts(m);
      if (mo === null || y < MIN_YEAR) continue;
      const date = calendarDate(y, mo, d);
      if (date) hits.push({ date, index: m.index });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

const YEAR = /(?:19|20)\d{2}(?!\d)/g;

/**
 * The earliest start of a "March 3rd, 2022" match whose year starts at `year`: the white space
 * before the year is one whole run (a digit, letter or comma precedes it), so is the one before
 * the day, which ends 1 to 5 chars (day, suffix, comma) before the first; the word is at most 12
 * letters of up to 2 code units each and a full stop.
 */
function wordDateStart(text: string, year: number): number {
  const afterDay = year - spaceRunBefore(text, year);
  let start = afterDay;
  for (let dayStart = afterDay - 5; dayStart < afterDay; dayStart++)
    if (dayStart >= 0) start = Math.min(start, dayStart - spaceRunBefore(text, dayStart));
  return start - 25;
}

const STICKY = new WeakMap<RegExp, RegExp>();

/**
 * `re.exec(text)` (from `re.lastIndex`) for a pattern whose matches hold a year, at most as far
 * from their start as `startBefore` says. A match starting at `s` holds a year at or after `s`,
 * so only the positions from `startBefore` to each year are tried, in order, with a sticky
 * copy of the pattern (a match is decided by where it starts; the look-behind sees the text
 * before it either way). The first position that matches is the leftmost match, the one the plain
 * scan finds. A match holds no year before its own (its day has at most two digits), so once a
 * year's positions are tried, no position up to that year can start a later match. Positions inside a surrogate pair, which the plain scan of a /u pattern never tries,
 * are skipped. Without a year left there is no match.
 */
function execNearYear(
  re: RegExp,
  text: string,
  startBefore: (text: string, year: number) => number,
): RegExpExecArray | null {
  let sticky = STICKY.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, `${re.flags.replace('g', '')}y`);
    STICKY.set(re, sticky);
  }
  const from = re.lastIndex;
  let tried = from; // every position below this one was tried (or cannot start a match)
  YEAR.lastIndex = from;
  for (let year = YEAR.exec(text); year; year = YEAR.exec(text)) {
    for (let s = Math.max(tried, startBefore(text, year.index)); s <= year.index; s++) {
      if (s > 0 && isTrail(text.charCodeAt(s)) && isLead(text.charCodeAt(s - 1))) continue;
      sticky.lastIndex = s;
      const m = sticky.exec(text);
      if (m && m.index === s) {
        re.lastIndex = s + m[0].length;
        return m;
      }
    }
    tried = year.index + 1;
  }
  re.lastIndex = 0;
  return null;
}

const isLead = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number) => c >= 0xdc00 && c <= 0xdfff;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select', 'head', 'title', 'iframe']);
const NON_ARTICLE_TAGS = new Set(['footer', 'aside', 'nav']);
/**
 * A class/id token that opens a comment thread, a sidebar or a related-story list, tested on the
 * class and id values as they stand (a token starts after white space; "comment" ends at the
 * token's end or a dash), so no token list is built for each element.
 */
const NON_ARTICLE_NAME =
  /(?:^|\s)(?:comments?(?:[-_]|(?=\s|$))|comment(?:list|-list|s-area|metadata)|related|sidebar|widget|respond)/i;

export function isNonArticleElement(element: Element): boolean {
  const tag = element.localName.toLowerCase();
  if (NON_ARTICLE_TAGS.has(tag)) return true;
  if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') return false;
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  return names.length >= 2 && NON_ARTICLE_NAME.test(names);
}

/** Whether the element or an ancestor is a comment thread, sidebar, footer, nav or related list. */
export function outsideArticle(element: Element): boolean {
  for (let e: Element | null = element; e; e = e.parentElement) if (isNonArticleElement(e)) return true;
  return false;
}

interface Segment {
  start: number;
  end: number;
  outside: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The body's text in document order, with the ranges that lie outside the article, and the headline's offset. */
function bodyText(body: Element): { text: string; segments: Segment[]; headline: number } {
  let text = '';
  const segments: Segment[] = [];
  let headline = -1;
  // A walk by first child and next sibling (no child lists built); `outside` is the flag of the
  // current node's parent, saved on the way down and restored on the way up.
  const saved: boolean[] = [];
  let outside = false;
  let node: Node | null = body;
  while (node && text.length < MAX_SCAN_CHARS) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      const data = node.nodeValue ?? '';
      if (data.trim()) {
        const start = text.length;
        text += `${data.replace(/\s+/g, ' ')} `;
        segments.push({ start, end: text.length, outside });
      }
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      const tag = element.localName.toLowerCase();
      if (!SKIPPED.has(tag)) {
        if (tag === 'h1' && headline < 0) headline = text.length;
        // Block boundaries keep dates of neighbouring elements apart.
        if (tag !== 'span' && tag !== 'a' && tag !== 'b' && tag !== 'strong' && tag !== 'em' && tag !== 'i')
          text += ' | ';
        if (element.firstChild) {
          saved.push(outside);
          outside = outside || isNonArticleElement(element);
          node = element.firstChild;
          descend = true;
        }
      }
    }
    if (descend) continue;
    if (node === body) break;
    while (node !== body && !node.nextSibling) {
      node = node.parentNode as Node;
      outside = saved.pop() ?? false;
    }
    if (node === body) break;
    node = node.nextSibling;
  }
  return { text, segments, headline };
}

function isOutside(segments: readonly Segment[], index: number): boolean {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid] as Segment;
    if (index < s.start) hi = mid - 1;
    else if (index >= s.end) lo = mid + 1;
    else return s.outside;
  }
  return false;
}

export interface TextDate {
  date: string;
  /** Which rule chose it: `text:published-word`, `text:headline`, `text:title`, `text:article`, `text:any`. */
  rule: string;
}

/** The dates the body's text offers, by the role their position gives them. */
export interface TextDates {
  /** The chosen date (the order in the header comment), or null. */
  best: TextDate | null;
  /** The first date in the article just above or below the headline. */
  nearHeadline: string | null;
  /** The first date in the article announced by a publication word. */
  announced: string | null;
}

export function scanTextDate(document: Document): TextDate | null {
  return scanTextDates(document).best;
}

export function scanTextDates(document: Document): TextDates {
  const body = document.body;
  const title = document.querySelector('title')?.textContent ?? '';
  const scanned = body ? bodyText(body) : { text: '', segments: [], headline: -1 };
  const { text, segments, headline } = scanned;
  const candidates = datesInText(text).map((d) => {
    const before = text.slice(Math.max(0, d.index - 40), d.index).replace(/\s*\|\s*/g, ' ');
    return {
      ...d,
      outside: isOutside(segments, d.index),
      announced: PUBLISHED_WORDS.test(before),
      update: UPDATE_WORDS.test(before),
    };
  });
  const usable = candidates.filter((c) => !c.update);
  const inArticle = usable.filter((c) => !c.outside);
  const near =
    headline >= 0
      ? inArticle.find((c) => c.index >= headline - ABOVE_HEADLINE_CHARS && c.index < headline + BELOW_HEADLINE_CHARS)
      : undefined;
  const announced = inArticle.find((c) => c.announced);
  const found = { nearHeadline: near?.date ?? null, announced: announced?.date ?? null };
  const best = (): TextDate | null => {
    if (near) return { date: near.date, rule: 'text:headline' };
    if (announced) return { date: announced.date, rule: 'text:published-word' };
    if (headline >= 0) {
      const after = inArticle.find((c) => c.index >= headline - ABOVE_HEADLINE_CHARS);
      if (after) return { date: after.date, rule: 'text:headline' };
    }
    const inTitle = datesInText(title)[0];
    if (inTitle) return { date: inTitle.date, rule: 'text:title' };
    const first = inArticle[0] ?? usable[0];
    if (first) return { date: first.date, rule: first.outside ? 'text:any' : 'text:article' };
    return null;
  };
  return { ...found, best: best() };
}
