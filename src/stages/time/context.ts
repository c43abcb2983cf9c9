// Sentence bounds and tense around a span: cheap scans of the text near a timex, so that a bare
// "Thursday" or "June" can be placed before or after the publication date.

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|St|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|U\.S|U\.K|U\.N|a\.m|p\.m|e\.g|i\.e)|\b[A-Z])$/;

function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 10) return true; // \n: paragraphs and headlines end sentences
  if (c !== 46 && c !== 33 && c !== 63) return false; // . ! ?
  const next = text.charCodeAt(i + 1);
  if (!(Number.isNaN(next) || next === 32 || next === 10 || next === 34 || next === 0x201d)) return false;
  if (c !== 46) return true;
  return !ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i));
}

/** Start of the sentence holding `index` (scans back at most `limit` characters). */
export function sentenceStart(text: string, index: number, limit = 600): number {
  const floor = Math.max(0, index - limit);
  for (let i = index - 1; i >= floor; i--) if (endsSentence(text, i)) return i + 1;
  return floor;
}

/** End (exclusive) of the sentence holding `index`. */
export function sentenceEnd(text: string, index: number, limit = 600): number {
  const ceiling = Math.min(text.length, index + limit);
  for (let i = index; i < ceiling; i++) if (endsSentence(text, i)) return i + 1;
  return ceiling;
}

export type Tense = 'past' | 'future' | 'unknown';

const FUTURE =
  /\b(?:will|won't|shall|'ll|going to|expected to|scheduled|scheduled to|set to|due to|plans? to|planned to|planning to|intends? to|hopes? to|aims? to|likely|upcoming|next|would be held|to be held|is to|are to|by then)\b/gi;
const PAST =
  /\b(?:said|says|was|were|had|did|last|ago|earlier|told|reported|announced|began|came|went|took|made|killed|fell|left|met|won|lost|saw|held|struck|hit|\w{3,}ed)\b/g;

function lastIndex(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let found = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) found = m.index + m[0].length;
  return found;
}

function firstIndex(re: RegExp, s: string): number {
  re.lastIndex = 0;
  const m = re.exec(s);
  return m ? m.index : -1;
}

/**
 * The tense that places the span: a future marker in its sentence before it ("will meet on
 * Thursday") or just after it ("Thursday's talks are expected to…") makes it future, unless a
 * past verb stands closer on the left ("said Thursday that it will…"); a past verb makes it past.
 */
export function tenseAt(text: string, start: number, end: number, window: number): Tense {
  const from = sentenceStart(text, start, window * 2);
  const to = Math.min(sentenceEnd(text, end, window), end + window);
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  const futureBefore = lastIndex(FUTURE, before);
  const pastBefore = lastIndex(PAST, before);
  if (futureBefore >= 0 && futureBefore >= pastBefore) return 'future';
  const futureAfter = firstIndex(FUTURE, after);
  const pastAfter = firstIndex(PAST, after);
  if (pastBefore >= 0 && pastBefore > futureBefore) {
    // "said Thursday", "was killed on Thursday": the verb next to the date decides.
    if (start - from - pastBefore < 12 || futureAfter < 0 || futureAfter > 40) return 'past';
  }
  if (futureAfter >= 0 && (pastAfter < 0 || futureAfter < pastAfter)) return 'future';
  if (pastBefore >= 0 || pastAfter >= 0) return 'past';
  return futureBefore >= 0 ? 'future' : 'unknown';
}
