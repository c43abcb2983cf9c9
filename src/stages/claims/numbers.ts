// Number expressions in running text: digits ("1,000", "2.5 million", "$1.7bn"), words ("seven",
// "two dozen", "one hundred thousand"), vague quantities coded as ACLED does ("dozens" = 12,
// "thousands" = 1000), ranges ("10 to 15", "3,000-4,000") and the qualifier before them ("more
// than", "nearly", "about"). Numbers that never count anything (years, dates, times, ages, ordinals,
// percentages, designations like F-16 or Resolution 2623, measures like 30 miles) are dropped here.

export type Qualifier = 'exact' | 'about' | 'at-least' | 'more-than' | 'at-most' | 'less-than' | 'vague' | 'range';

export interface NumberMention {
  start: number;
  end: number;
  text: string;
  /** The figure as stated (for a range, its low end). */
  value: number;
  low: number | null;
  high: number | null;
  qualifier: Qualifier;
  /** Money: the currency code ('USD', 'EUR', 'GBP', …) when the figure is an amount of money. */
  currency: string | null;
}

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mln: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};
/** Vague plurals, as ACLED codes them: the smallest figure the word allows. */
export const VAGUE: Record<string, number> = {
  dozens: 12,
  scores: 20,
  tens: 10,
  hundreds: 100,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
};
const CURRENCY: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  dollars: 'USD',
  dollar: 'USD',
  euros: 'EUR',
  euro: 'EUR',
  pounds: 'GBP',
  hryvnias: 'UAH',
  hryvnia: 'UAH',
  rubles: 'RUB',
  roubles: 'RUB',
};

const WORD = Object.keys(UNITS).join('|');
const SCALE = 'hundred|thousand|million|billion|trillion';
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const ABBREV_SCALE = String.raw`(?:bn|mn|mln|m|k|b|tn)(?![\p{L}\d])`;
const CUR = String.raw`(?:US\$|\$|€|£)`;
const WORDNUM = String.raw`(?:(?:${WORD})(?:[-\s](?:${WORD}))?(?:\s+(?:${SCALE}))*|a\s+(?:dozen|hundred|thousand|million|billion)|(?:a\s+)?half\s+a\s+(?:dozen|million|billion)|half-dozen)`;
const SIMPLE = String.raw`(?:${CUR}\s?)?(?:(?:million|billion|trillion)(?=\s+(?:dollars|euros|pounds))|(?:${DIGITS})(?:\s?${ABBREV_SCALE}|\s+(?:${SCALE}))*|${WORDNUM}(?:\s+dozen)?)`;
const VAGUE_RE = String.raw`(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|several\s+(?:thousand|hundred|million|dozen)|(?:dozens|scores|hundreds|thousands|millions|billions|tens))`;
// a range stays on one line: "1,300\n\n- 30,000" is two items of a list
const RANGE = String.raw`(?:between\s+)?(${SIMPLE})[ \t]*(?:-|–|—|to|and|or)[ \t]*(${SIMPLE})`;
const QUALIFIER = String.raw`(?:(well\s+over|more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|nearly|almost|close\s+to|as\s+many\s+as|up\s+to|fewer\s+than|less\s+than|under|just\s+under|about|around|approximately|roughly|some|an\s+estimated|estimated|at\s+most|a\s+total\s+of|another|an\s+additional|a\s+further|further|additional|an\s+extra)\s+)?`;
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\d.,/:#-])${QUALIFIER}(?:${RANGE}|(${VAGUE_RE})|(${SIMPLE}))(?![\p{L}\d]|[.,]\d|-\d|:\d|/\d|\(\d|-(?!strong|worth)\p{L})`,
  'giu',
);

const QUALIFIER_CODE: Array<[RegExp, Qualifier]> = [
  [/^(?:well over|more than|over|upwards of|in excess of)$/, 'more-than'],
  [/^at least$/, 'at-least'],
  [/^(?:nearly|almost|close to|fewer than|less than|under|just under)$/, 'less-than'],
  [/^(?:as many as|up to|at most)$/, 'at-most'],
  [/^(?:about|around|approximately|roughly|some|an estimated|estimated)$/, 'about'],
];

/** The value of one simple figure ("$1.7bn", "2.5 million", "seventy-five", "two dozen"), or null. */
export function parseSimple(raw: string): { value: number; currency: string | null } | null {
  let s = raw.trim().toLowerCase();
  let currency: string | null = null;
  const cur = /^(us\$|\$|€|£)\s?/.exec(s);
  if (cur) {
    currency = CURRENCY[cur[1] === 'us$' ? 'US$' : (cur[1] as string)] ?? null;
    s = s.slice(cur[0].length);
  }
  let value: number | null = null;
  const words = s.split(/[\s-]+/).filter(Boolean);
  for (const w of words) {
    if (/^\d/.test(w)) {
      const m = /^([\d,]+(?:\.\d+)?)([a-z]*)$/.exec(w);
      if (!m) return null;
      value = Number((m[1] as string).replace(/,/g, ''));
      if (m[2]) {
        const scale = SCALES[m[2]];
        if (!scale) return null;
        value *= scale;
      }
    } else if (w === 'a') {
      value = value ?? 1;
    } else if (w === 'half') {
      value = 0.5;
    } else if (w === 'dozen') {
      value = (value ?? 1) * 12;
    } else if (w in UNITS) {
      value =
        value !== null && value >= 20 && value % 10 === 0 && (UNITS[w] as number) < 10
          ? value + (UNITS[w] as number)
          : (UNITS[w] as number);
    } else if (w in SCALES) {
      value = (value ?? 1) * (SCALES[w] as number);
    } else return null;
  }
  return value === null ? null : { value, currency };
}

function vagueValue(raw: string): number {
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  const of = /^(tens|hundreds) of (thousands|millions|billions)$/.exec(s);
  if (of) return (VAGUE[of[1] as string] as number) * (of[2] === 'thousands' ? 1e3 : of[2] === 'millions' ? 1e6 : 1e9);
  const several = /^several (thousand|hundred|million|dozen)$/.exec(s);
  if (several) return 3 * (several[1] === 'dozen' ? 12 : (SCALES[several[1] as string] as number));
  return VAGUE[s] ?? 0;
}

/** Words after a figure that make it a measure, a time or a rank rather than a count. */
const NOT_A_COUNT_AFTER =
  /^(?:\s*(?:%|percent\b|per\s*cent\b|percentage\b|-?years?[- ]old\b|-?year\b|-?(?:day|week|month|hour|minute|second|decade|century|mile|km|kilometer|kilometre|metre|meter|mm|cm|inch|foot|feet|word|page|point|star|storey|story|seat)s?\b|(?:years?|days?|weeks?|months?|hours?|minutes?|seconds?|decades?|centuries|miles?|km|kilomet(?:er|re)s?|met(?:er|re)s?|mm|cm|inches|feet|pages?|points?|degrees?|°|times|fold|nations\b(?=\s*(?:[,.]|$)))\b|(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b)|(?:st|nd|rd|th)\b|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|(?:years?|days?|months?|weeks?)\s+(?:ago|old|later|earlier)\b))/i;
/** Words before a figure that make it a name, date or designation (Resolution 2623, Article 5, page 3, 93rd brigade). */
const NOT_A_COUNT_BEFORE =
  /\b(?:resolution|article|art\.|page|p\.|no\.|number|chapter|section|paragraph|clause|round|phase|day|week|flight|route|highway|channel|covid|brigade|battalion|regiment|division|unit|squadron|corps|mark|model|version|type|level|category|grade|stage|aged|age|january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|oct\.?|nov\.?|dec\.?)\s+$/i;

function isYear(raw: string): boolean {
  return /^(?:1[89]\d\d|20\d\d)$/.test(raw) || /^(?:1[89]\d\d|20\d\d)s$/.test(raw);
}

/**
 * Every figure in the text that could count something. Qualifiers are inside the span's
 * `qualifier`, not its text: `start`/`end` cover the figure(s) alone ("1,000", "10 to 15").
 */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const qualifierWord = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? null;
    const figure = m[0].slice(m[1]?.length ?? 0).trimStart();
    const figureStart = m.index + m[0].length - figure.length;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 24);
    const beforeFigure = text.slice(Math.max(0, figureStart - 24), figureStart);
    const mention = build(m, figure, figureStart, qualifierWord);
    if (!mention) continue;
    const money = /^\s+(dollars|dollar|euros|euro|pounds|hryvnias?|r[o]?ubles)\b/i.exec(after);
    if (money && !mention.currency) mention.currency = CURRENCY[(money[1] as string).toLowerCase()] ?? null;
    if (isTrap(mention, beforeFigure, after)) continue;
    const previous = out[out.length - 1];
    // "$2.8bn (£2.4bn)": a converted amount in brackets repeats the figure before it
    if (previous?.currency && mention.currency && /^\s*\($/.test(text.slice(previous.end, mention.start))) continue;
    // "hundreds and hundreds", "thousands and thousands": one vague figure, repeated for emphasis
    if (
      previous?.qualifier === 'vague' &&
      mention.qualifier === 'vague' &&
      previous.text.toLowerCase() === mention.text.toLowerCase() &&
      /^\s+and\s+$/.test(text.slice(previous.end, mention.start))
    ) {
      previous.end = mention.end;
      previous.text = text.slice(previous.start, mention.end);
      continue;
    }
    out.push(mention);
  }
  return out;
}

function build(m: RegExpExecArray, figure: string, start: number, qualifierWord: string | null): NumberMention | null {
  let value: number;
  let low: number | null;
  let high: number | null;
  let qualifier: Qualifier = 'exact';
  let currency: string | null = null;
  if (m[2] !== undefined && m[3] !== undefined) {
    const a = parseSimple(m[2]);
    const b = parseSimple(m[3]);
    if (!a || !b) return null;
    // "2 to 3 million": the scale of the second figure applies to the first.
    let lowValue = a.value;
    if (
      b.value > a.value * 1000 &&
      !/[a-z]/i.test(m[2].replace(/^\W+/, '')) &&
      /\s(?:million|billion|thousand)|\d(?:bn|m|k)/i.test(m[3])
    )
      lowValue = a.value * (b.value / Number.parseFloat(m[3].replace(/[^\d.]/g, '') || '1'));
    // "70 to 80,000", "30 to 35,000": thousands carry back to a bare small figure they fit
    else if (
      /^\d{1,3}$/.test(m[2].trim()) &&
      /^\d{1,3}(?:,000)+$/.test(m[3].trim()) &&
      a.value * 1000 <= b.value &&
      a.value * 1000 * 2 >= b.value
    )
      lowValue = a.value * 1000;
    const joiner = figure.slice(m[2].length).trimStart();
    // "one or two", "10 and 15" without "between" read as two counts, not a range
    if (/^(?:and|or)\b/.test(joiner) && !/^between/i.test(figure)) return null;
    if (lowValue > b.value) return null;
    value = lowValue;
    low = lowValue;
    high = b.value;
    qualifier = 'range';
    currency = a.currency ?? b.currency;
  } else if (m[4] !== undefined) {
    value = vagueValue(m[4]);
    if (!value) return null;
    low = value;
    high = null;
    qualifier = 'vague';
  } else {
    const parsed = parseSimple(m[5] ?? '');
    if (!parsed) return null;
    value = parsed.value;
    currency = parsed.currency;
    low = value;
    high = value;
  }
  if (qualifier !== 'range' && qualifierWord) {
    for (const [re, code] of QUALIFIER_CODE) {
      if (re.test(qualifierWord)) {
        qualifier = code;
        break;
      }
    }
    if (qualifier === 'more-than' || qualifier === 'at-least') high = null;
    if (qualifier === 'less-than' || qualifier === 'at-most') low = null;
  }
  // A figure too long for a double ("999…9" of 400 digits) is Infinity: it counts nothing.
  if (![value, low ?? 0, high ?? 0].every(Number.isFinite)) return null;
  const text = figure;
  return { start, end: start + text.length, text, value, low, high, qualifier, currency };
}

function isTrap(n: NumberMention, beforeFigure: string, after: string): boolean {
  const raw = n.text;
  if (n.currency) return false;
  if (/^one$/i.test(raw)) {
    // "one" as a pronoun or article: "one of", "one day", "one side", "one country … another"
    if (
      /^\s+(?:of|another|day|side|thing|way|hand|in|more|by|after|time|point|case|who|that|which|could|can|would|must|is|was|has|inch|man|country|nation|thing|moment|reason|year|week|month)\b/i.test(
        after,
      )
    )
      return true;
    if (/^\s*[,.;:!?)"”]/.test(after)) return true;
    if (/\b(?:the|this|that|no|any|every|each|only|which|no one|some|another)\s+$/i.test(beforeFigure)) return true;
  }
  if (/^a\s/i.test(raw) && !/dozen|hundred|thousand|million|billion/i.test(raw)) return true;
  // a bare year: kept only when a count noun follows directly ("2000 troops")
  if (
    isYear(raw) &&
    !/^\s+(?:\w+\s+)?(?:troops|soldiers|people|civilians|refugees|tanks|drones|missiles|homes|buildings)\b/i.test(after)
  )
    return true;
  if (NOT_A_COUNT_AFTER.test(after)) return true;
  if (NOT_A_COUNT_BEFORE.test(beforeFigure)) return true;
  if (/^\d/.test(raw)) {
    if (/^\s?(?:-|–)?(?:st|nd|rd|th)\b/i.test(after)) return true;
    if (/^\s?(?:mm|km|kg|t|m|cm)\b/i.test(after)) return true;
    if (/\d[\s-]$/.test(beforeFigure)) return true; // "20 120 mm", phone numbers
    if (/^[\s-]\d{2,4}\b/.test(after)) return true;
    if (/^\d{1,2}$/.test(raw) && /^\s*,?\s*\d{4}\b/.test(after)) return true; // "May 28, 1937"
  }
  // a year range ("1917-1921"), a name with a number ("Nord Stream 2", "FRANCE 24", "World War Two")
  if (n.qualifier === 'range' && isYear(String(n.low)) && isYear(String(n.high))) return true;
  if (
    n.value < 100 &&
    /(?:^|[^.!?]\s)\p{Lu}[\p{L}]+\s$/u.test(beforeFigure) &&
    !/\b(?:OF|TO|IN|AND)\s$/.test(beforeFigure) &&
    // a capitalised function word opening a sentence is not a name: "Only 15 rockets", "About 20 people"
    !/\b(?:Only|Some|About|Nearly|Almost|Another|Around|Over|Just|All|Of|In|And|But|With|Up|Roughly|Approximately|Exactly|Still|Also|Even|Since|After|Before|Until|At|By|For|From|On|To|Further|Additional|Least|More|Less|Fewer|The|These|Those|Its|Their|Our|His|Her|Another|Some|Then|Now|Today|Yesterday|Overall|Altogether|Meanwhile)\s$/.test(
      beforeFigure,
    )
  )
    return true;
  // an age in apposition: "Francis, 85, has…"
  if (n.value < 120 && /\p{Lu}[\p{L}]+,\s$/u.test(beforeFigure) && /^,/.test(after)) return true;
  return /\b(?:aged|age)\s+$/i.test(beforeFigure);
}
