// Words the rules read: month and weekday names, number words, units and their TIMEX3 codes.

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** ISO weekday numbers (Monday 1). Abbreviations only count with their period (see WEEKDAY). */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

export const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
export const WEEKDAY =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\\.|Tues?\\.|Wed\\.|Thu(?:rs?)?\\.|Fri\\.|Sat\\.|Sun\\.)';
export const PART_OF_DAY = '(?:morning|afternoon|evening|night|overnight)';

export const PART_CODES: Readonly<Record<string, string>> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  overnight: 'NI',
  tonight: 'NI',
};

const UNITS_1_19 = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

export const NUMBER_WORDS: ReadonlyMap<string, number> = (() => {
  const words = new Map<string, number>([
    ['a', 1],
    ['an', 1],
    ['a single', 1],
    ['a couple of', 2],
    ['a hundred', 100],
    ['hundred', 100],
  ]);
  UNITS_1_19.forEach((w, i) => {
    words.set(w, i + 1);
  });
  TENS.forEach((t, i) => {
    words.set(t, (i + 2) * 10);
    UNITS_1_19.slice(0, 9).forEach((u, j) => {
      words.set(`${t}-${u}`, (i + 2) * 10 + j + 1);
      words.set(`${t} ${u}`, (i + 2) * 10 + j + 1);
    });
  });
  return words;
})();

/** Vague quantities: their durations are PnX with n unknown ("several days" → PXD). */
export const VAGUE_NUMBERS = new Set([
  'a few',
  'few',
  'several',
  'many',
  'some',
  'a number of',
  'numerous',
  'the next few',
  'couple of',
]);

const NUMBER_WORD_ALTERNATION = [...NUMBER_WORDS.keys(), ...VAGUE_NUMBERS]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');

/** A count: digits (maybe with a decimal or a half) or number words. */
export const NUMBER = `(?:\\d{1,3}(?:[.,]\\d+)?|${NUMBER_WORD_ALTERNATION})`;

export const UNIT =
  '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))';

/** Unit word → TIMEX3 duration designator and the calendar field it counts. */
export function unitCode(unit: string): { code: string; time: boolean; factor: number } {
  const u = unit.toLowerCase().replace(/s$|ies$/, (m) => (m === 'ies' ? 'y' : ''));
  switch (u) {
    case 'second':
      return { code: 'S', time: true, factor: 1 };
    case 'minute':
      return { code: 'M', time: true, factor: 1 };
    case 'hour':
      return { code: 'H', time: true, factor: 1 };
    case 'day':
    case 'night':
      return { code: 'D', time: false, factor: 1 };
    case 'week':
      return { code: 'W', time: false, factor: 1 };
    case 'weekend':
      return { code: 'WE', time: false, factor: 1 };
    case 'fortnight':
      return { code: 'W', time: false, factor: 2 };
    case 'month':
      return { code: 'M', time: false, factor: 1 };
    case 'quarter':
      return { code: 'Q', time: false, factor: 1 };
    case 'decade':
      return { code: 'Y', time: false, factor: 10 };
    case 'centurie':
    case 'century':
      return { code: 'CE', time: false, factor: 1 };
    default:
      return { code: 'Y', time: false, factor: 1 };
  }
}

/** The count a NUMBER match stands for, or null when it is vague ("several"). */
export function numberValue(word: string): number | null {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d/.test(w)) {
    const n = Number(w.replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return NUMBER_WORDS.get(w) ?? null;
}

export const SEASON_CODES: Readonly<Record<string, string>> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};

export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};
