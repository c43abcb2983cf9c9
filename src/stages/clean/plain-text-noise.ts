// The plain-text line classifier: scraped text arrives with the page's furniture inside it
// (share bars, newsletter appeals, "read also" links, photo credits, ad slots). Each line is
// classified on its own (a few rules look at their neighbours); a line is noise only when a
// rule says what kind of noise it is, so an unknown line is always kept. Precision over recall:
// a lost body sentence is worse than a surviving share button.

import { normalizePublished } from './published.js';

export const NOISE_KINDS = [
  'social',
  'ticker',
  'related',
  'navigation',
  'advertisement',
  'appeal',
  'image-credit',
  'cookie',
  'timestamp',
  'url',
  'embed',
  'signature',
  'repeated-lede',
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

export interface NoiseLine {
  /** 0-based index of the line in the text it was found in. */
  index: number;
  kind: NoiseKind;
  line: string;
}

/** Limits for the length-bounded rules (see CleanOptions for the tunable ones). */
export interface NoiseOptions {
  /** A line at least this long is prose whatever it contains: only exact-duplicate rules apply. */
  maxNoiseLineChars: number;
  /** A duplicated line shorter than this is not a repeated lede ("Thank you.", "Ladies and Gentlemen!"). */
  minRepeatedChars: number;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME = '\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?(?:\\s?(?:[A-Z]{2,4}|UTC[+-]\\d{1,2}))?';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s)?';
const DATE = `(?:${WEEKDAY}(?:\\d{1,2}(?:st|nd|rd|th)?\\s${MONTH},?\\s\\d{4}|${MONTH}\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{4}))`;
/** A line that is only a date and/or a time, perhaps labelled: a page or crawl timestamp. */
export const TIMESTAMP_LINE = new RegExp(
  `^(?:(?:date|dated|published|posted|updated|last updated|first published|modified)(?: on| at)?:?\\s*)?(?:${DATE}(?:,?\\s(?:at\\s)?${TIME})?|${TIME}(?:,?\\s${DATE})?)(?:\\s?\\|.*)?$`,
  'i',
);

// Agencies and photo services that sign image credits; a short line ending on one is a caption.
const CREDIT = String.raw`(?:getty images|ap photo|associated press|afp|reuters|epa(?:-efe)?|pap|shutterstock|east news|anadolu(?: agency)?|xinhua(?: news)?|tvn24(?:\.pl)?|mil\.ru|forum|agencja gazeta|bloomberg|sipa|alamy|ukrinform|unian)`;
const CREDIT_AT_END = new RegExp(`(?:^|\\s|/)${CREDIT}\\)?$`, 'i');
const CREDIT_PARENS_AT_END = new RegExp(`\\((?:[^()]*[/:]\\s*)?[^()]*${CREDIT}[^()]*\\)$`, 'i');
const SLASH_CREDIT = /^[^.!?:]{0,100}$/;

/** Rules that look at one line alone: [kind, pattern]. Order matters only for the kind reported. */
const LINE_RULES: ReadonlyArray<readonly [NoiseKind, RegExp]> = [
  [
    'advertisement',
    /^(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?|ad)$/i,
  ],
  [
    'social',
    /(?:^|\s)[\w-]+(?:-white)? sharing button$|^(?:follow us|share this(?: article| story| page)?|share on (?:facebook|twitter|whatsapp|linkedin)|share|tweet|email|print|whatsapp|facebook|twitter|telegram|copy link|copied)\b[:!.]?$|^(?:follow us on|join us on|subscribe to our) (?:telegram|facebook|twitter|instagram|youtube|whatsapp|viber|google news)\b|^follow (?:us|@\w+) on \w+|^join us on telegram!/i,
  ],
  [
    'appeal',
    /^(?:support (?:our|independent|quality) journalism|we cannot do without you|(?:please )?(?:consider )?(?:donat(?:e|ing)|subscrib(?:e|ing)|become a (?:patron|member|subscriber))\b|sign up (?:for|to) (?:\w+\W*){0,6}newsletter|by submitting your email|newsletter\b.{0,40}$|click here to (?:get|download|subscribe|sign up)|new!? you can now listen to|you(?:'|’)re reading an excerpt from .{0,60}newsletter|help ukraine, join the collection|support the collection of)/i,
  ],
  [
    'appeal',
    /^(?:(?:we are glad|thank you for being|thank you for reading).{0,40}sign up for .{0,40}newsletter|.{0,160}\bsign up for (?:our|\w+(?:'|’)s) newsletter\b.{0,80}|[^.!?]{0,60}:\s*an? (?:\w+ ){0,2}newsletter\b[^.!?]{0,80}|sign up to .{0,60}newsletter\b.{0,80})$/i,
  ],
  [
    'related',
    /^(?:related(?: articles?| stories| news| content| coverage| topics)?|read (?:also|more|next)|also read|see also|more on this (?:story|topic)|you may also like|recommended(?: stories)?|most (?:read|popular)|trending(?: now)?|more stories|latest news)\s*(?:[:|›»>-].*)?$/i,
  ],
  [
    'related',
    /^(?:also read|read also|see also|read more|watch|view video|see the video|see video|video)\s*[:|]\s*\S/i,
  ],
  ['related', /^full coverage\b.{0,120}\bhere\b\W*$/i],
  ['related', /^click here to read more\b/i],
  [
    'related',
    /^(?:(?:you can )?(?:track|follow) .{0,80}\b(?:in|on) our live (?:coverage|blog|report)|.{0,80}\blive coverage\b.{0,40}\b(?:can be followed|follow)\b.{0,20}|.{0,80}can be followed (?:in (?:our )?live coverage )?here|read more here|you can also listen to .{0,120}\bhere:?)\W*$/i,
  ],
  ['related', /^(?:view video|see the video|see video|video video)\b/i],
  // Portal self-promotion in the Polish outlets' (machine-translated) texts.
  [
    'related',
    /^(?:(?:you can )?(?:read|find|track)?\s*more (?:\w+\s){0,6}(?:on|at) (?:the )?(?:onet|gazeta\.pl|tvn24)(?:'s)?\b.{0,40}|(?:you can )?(?:read|find) (?:more|the latest|some) .{0,60}(?:on|at) (?:the )?(?:main page of )?(?:onet|gazeta\.pl|tvn24)(?:'s)?.{0,30}|for more information,? please visit onet\W*|(?:more|further|other) (?:\w+\s){0,4}(?:on|at) (?:the )?(?:onet|gazeta\.pl)(?:'s)? main page.{0,80}|.{0,40}watch (?:tvn24|tv live on tvn24)\b.{0,30})$/i,
  ],
  [
    'navigation',
    /^(?:back to top|expand|collapse|show more|load more|read more|continue reading|skip to (?:main )?content|image \d+ of \d+(?: prev)?(?: next)?|\d+ of \d+|previous|next|prev|close|menu|home)\W*$/i,
  ],
  [
    'navigation',
    /^(?:continuation of the (?:material|article|text) (?:is )?(?:under|below) the (?:video|podcast)|the rest of the (?:text|article|material)\b.{0,30}\b(?:under|below)\b.{0,30}\b(?:video|podcast|material)\b)\W*$/i,
  ],
  [
    'cookie',
    /\bcookies?\b.{0,120}\b(?:accept|consent|agree|privacy|preferences|settings|continu(?:e|ing) to (?:use|browse))\b|^(?:accept(?: all)?(?: cookies)?|manage (?:cookies|preferences)|cookie (?:policy|settings))$/i,
  ],
  [
    'image-credit',
    /^(?:photo|photos|photograph|picture|image|cover photo|photo credit|illustration|credit|photo illustration)(?:\s(?:courtesy of|by|credit)|,\s[^:]{0,40})?\s*:\s*\S.{0,120}$|^photos? courtesy of\b.{0,100}$|^\(?(?:getty images|ap photo|reuters|afp|epa|pap|shutterstock)\)?$/i,
  ],
  ['image-credit', /^view image in fullscreen\b/i],
  ['url', /^(?:https?:\/\/|www\.)\S+$/i],
  [
    'embed',
    /^(?:pic\.twitter\.com\/\S+|\[?embedded content\]?|<iframe\b.*|\[embed\].*|— .{1,60} \(@\w{1,15}\) (?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4})|a post shared by .{1,80}|view this post on instagram)$/i,
  ],
];

/** Text that ends like a sentence: the line is prose, not a label. */
const SENTENCE_END = /[.!?…]["'”’»)]*$/;

/**
 * The kind of noise a single line is, or null when it is (or may be) body. `isLast` lets the
 * editor-initials rule fire only on an article's last line.
 */
export function classifyLine(line: string, options: NoiseOptions, isLast = false): NoiseKind | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length >= options.maxNoiseLineChars) return null;
  for (const [kind, pattern] of LINE_RULES) if (pattern.test(trimmed)) return kind;
  if (isTicker(trimmed)) return 'ticker';
  if (isTimestamp(trimmed)) return 'timestamp';
  if (isImageCredit(trimmed)) return 'image-credit';
  if (isShoutedHeadline(trimmed)) return 'related';
  if (isLast && /^(?:[a-z]{2}|\([A-Z]{1,4}(?:\/[A-Z]{1,4})?\))$/.test(trimmed) && !COMMON_TWO_LETTER.has(trimmed)) {
    return 'signature';
  }
  return null;
}

// Words that can stand alone on a line as speech; editor initials ("op", "ol") are not words.
const COMMON_TWO_LETTER = new Set(['no', 'ok', 'so', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is']);

/** Three or more pipe-separated headlines ("A | B | C"): a ticker, not prose. */
function isTicker(line: string): boolean {
  const parts = line.split(/\s+[|¦•·]\s+/);
  if (parts.length < 3) return false;
  return parts.every((p) => p.length > 0 && p.length <= 160 && !/[.!?]\s+\p{Lu}/u.test(p));
}

/** A line that reads entirely as a date and/or time (labels such as "Updated:" allowed). */
export function isTimestamp(line: string): boolean {
  return line.length <= 80 && TIMESTAMP_LINE.test(line);
}

/** A caption or credit: "Russian troops near Ukraine PAP", "PAP/ Reuters/ Maciej Zieliński", "… (Getty Images)". */
function isImageCredit(line: string): boolean {
  if (/^sources?\b/i.test(line)) return false; // "Source: PAP, Reuters" names the story's source, which is kept
  if (CREDIT_PARENS_AT_END.test(line) && /[/]|getty|photo/i.test(line.slice(line.lastIndexOf('(')))) return true;
  if (line.length <= 120 && !SENTENCE_END.test(line) && CREDIT_AT_END.test(line) && !/:\s/.test(line)) return true;
  // "Sergei Chuzavkov/AFP/Getty Images" after a caption sentence.
  if (/\S\/(?:AFP|Getty Images|Reuters|AP|EPA)(?:\/[^/]+)*$/.test(line) && line.length <= 200) return true;
  return SLASH_CREDIT.test(line) && line.includes('/') && new RegExp(`(?:^|/)\\s*${CREDIT}\\s*(?:/|$)`, 'i').test(line);
}

/**
 * An all-capitals line of several words without a final full stop: the related-story links some
 * outlets put between paragraphs ("BIDEN WARNS RUSSIA OF 'SWIFT AND SEVERE CONSEQUENCES'").
 */
function isShoutedHeadline(line: string): boolean {
  if (line.endsWith('.')) return false;
  // Every a–z is a letter that is not upper case: when they are over a tenth of the line, they are
  // over a tenth of its letters, and the line cannot be shouted (a cheap answer for most lines).
  let lower = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
  }
  if (lower * 10 > line.length) return false;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 15) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.9 && line.split(/\s+/).length >= 4;
}

/**
 * The date a timestamp line gives, when it is a publication date ("date 2022-03-02",
 * "25 Feb 2022, 08:57 pm", "Published: …"); an "Updated" or "Modified" time is not one.
 */
export function timestampValue(line: string): string | null {
  if (/^(?:updated|last updated|modified)\b/i.test(line)) return null;
  const bare = line
    .replace(/^(?:date|dated|published|posted|first published)(?: on| at)?:?\s*/i, '')
    .replace(/\s?\|.*$/, '')
    .replace(/,?\s+at\s+/i, ' ');
  return normalizePublished(bare);
}

export interface NoiseResult {
  lines: NoiseLine[];
  /** A leading timestamp line that parses as a date: a publication-date candidate. */
  leadingDates: Array<{ line: string; value: string }>;
}

/**
 * Classifies the lines of a normalised plain text. Also finds paragraphs repeated verbatim (a
 * lede repeated as the summary, a pull quote): the later copy goes, so no sentence is lost.
 */
export function findNoise(text: string, options: NoiseOptions): NoiseResult {
  const lines = text.split('\n');
  const lastContent = lines.findLastIndex((l) => l.trim().length > 0);
  const found: NoiseLine[] = [];
  const leadingDates: Array<{ line: string; value: string }> = [];
  const seen = new Set<string>();
  let contentLines = 0;
  for (const [index, line] of lines.entries()) {
    if (line.length === 0) continue;
    contentLines++;
    const kind = classifyLine(line, options, index === lastContent);
    if (kind) {
      found.push({ index, kind, line });
      if (kind === 'timestamp' && contentLines <= 3) {
        const value = timestampValue(line);
        if (value) leadingDates.push({ line, value });
      }
      continue;
    }
    if (line.length >= options.minRepeatedChars) {
      if (seen.has(line)) found.push({ index, kind: 'repeated-lede', line });
      else seen.add(line);
    }
  }
  // A summary line that the next paragraph repeats at its start: the summary goes, the lede stays.
  const kept = lines.map((l, i) => ({ l, i })).filter(({ l, i }) => l.length > 0 && !found.some((f) => f.index === i));
  for (let k = 0; k + 1 < kept.length && k < 3; k++) {
    const a = kept[k]!;
    const b = kept[k + 1]!;
    if (a.l.length >= options.minRepeatedChars && b.l.length > a.l.length && b.l.startsWith(a.l)) {
      found.push({ index: a.i, kind: 'repeated-lede', line: a.l });
    }
  }
  found.sort((x, y) => x.index - y.index);
  return { lines: found, leadingDates };
}
