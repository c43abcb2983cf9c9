// Text features shared by the cross-article steps (duplicates, stories): word tokens, content
// terms with a boost for names and numbers, sparse tf-idf vectors and their cosine.

import { wordCharacter } from './word-characters.js';

export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves said
says say told according one two three also would could may might must shall us new year years last first time people like get got
mr mrs ms dr its it's he's she's they're we're i'm don't didn't won't can't isn't wasn't aren't weren't there's that's what's let's
however since still even well back many much made make way week day today yesterday tomorrow monday tuesday wednesday thursday
friday saturday sunday reuters ap afp cnn bbc news report reported reports reporting via per`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Unicode word tokens with their offsets (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): Array<{ word: string; start: number }> {
  const result: Array<{ word: string; start: number }> = [];
  for (const match of text.matchAll(WORD)) result.push({ word: match[0], start: match.index ?? 0 });
  return result;
}

export interface TermOptions {
  /** Weight multiplier for capitalised words not at a sentence start (a stand-in for names). */
  nameBoost: number;
  /** Weight multiplier for numbers (death tolls, magnitudes, dates are distinctive). */
  numberBoost: number;
  /**
   * Weight of a name of two or more words as one term ("jamal williams"), beside its words: two
   * incidents of one kind in one place differ by who was involved. 0 = no such terms.
   */
  nameBigrams?: number;
  /** Weight multiplier for the terms of the headline (the `title` given to `terms`). */
  titleBoost?: number;
}

export const DEFAULT_TERM_OPTIONS: TermOptions = { nameBoost: 1.5, numberBoost: 1.2 };

/** Content terms with their raw weights: lower-cased, stopwords dropped, names and numbers boosted. */
export function terms(
  text: string,
  options: TermOptions = DEFAULT_TERM_OPTIONS,
  title?: string | null,
): Map<string, number> {
  const counts = termsAndNames(text, options, false).all;
  if (title && options.titleBoost) {
    for (const [term, weight] of termsAndNames(title, options, false).all)
      counts.set(term, (counts.get(term) ?? 0) + weight * options.titleBoost);
  }
  return counts;
}

const NUMBER = /^\p{N}/u;

/** Whether the word starting at `start` opens a sentence (text start, after . ! ? or a quote, or a new line). */
export function atSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i--;
  if (i < 0) return true;
  const c = text[i]!;
  return c === '.' || c === '!' || c === '?' || c === '"' || c === '“' || c === '”' || c === '\n';
}

/** Whether only spaces (no punctuation, no line break) separate two offsets. */
export function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ') return false;
  return from < to;
}

/** The end of the word that starts at `start`, as WORD matches it (runs joined by single inner ' ’ -). */
function wordEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  for (;;) {
    while (i < n) {
      const w = wordCharacter(text, i);
      if (w === 0) break;
      i += w;
    }
    const joiner = i + 1 < n ? text.charCodeAt(i) : 0;
    if ((joiner === 39 || joiner === 0x2019 || joiner === 45) && wordCharacter(text, i + 1) > 0) i++;
    else return i;
  }
}

/** A word lower-cased, with ’ as ': a slice of the text itself when it holds no upper-case ASCII and nothing beyond ASCII. */
function lowerWord(text: string, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || (code >= 65 && code <= 90)) {
      const lower = text.slice(start, end).toLowerCase();
      return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
    }
  }
  return text.slice(start, end);
}

/**
 * Content terms, and separately the "name" terms among them: capitalised words not at a sentence
 * start and numbers, the features that tell two events of the same kind apart (two earthquakes,
 * two strikes: different places, dates, tolls). Words are found by a scan of character codes that
 * matches WORD exactly (this runs for every article; the regular expression was most of its cost).
 */
export function termsAndNames(
  text: string,
  options: TermOptions = DEFAULT_TERM_OPTIONS,
  withNames = true,
): { all: Map<string, number>; names: Map<string, number> } {
  const counts = new Map<string, number>();
  const names = new Map<string, number>();
  const bigrams = options.nameBigrams ?? 0;
  // The previous capitalised content word, for names of two words.
  let previousLower: string | null = null;
  let previousEnd = 0;
  const n = text.length;
  for (let start = 0; start < n; ) {
    const width = wordCharacter(text, start);
    if (width === 0) {
      start++;
      continue;
    }
    const end = wordEnd(text, start);
    const lower = lowerWord(text, start, end);
    const code = text.charCodeAt(start);
    const isNumber = code >= 48 && code <= 57 ? true : code < 128 ? false : NUMBER.test(text[start]!);
    let capitalised: boolean;
    if (isNumber) capitalised = false;
    else if (code < 128) capitalised = code >= 65 && code <= 90;
    else {
      const first = text[start]!;
      capitalised = first !== first.toLowerCase() && first === first.toUpperCase();
    }
    const wordStart = start;
    start = end;
    if (lower.length < 2 || STOPWORDS.has(lower)) {
      previousLower = null;
      continue;
    }
    const sentenceStart = capitalised && atSentenceStart(text, wordStart);
    let weight = 1;
    if (isNumber) weight = options.numberBoost;
    else if (capitalised && !sentenceStart) weight = options.nameBoost;
    counts.set(lower, (counts.get(lower) ?? 0) + weight);
    if (withNames && (isNumber || (capitalised && !sentenceStart))) names.set(lower, (names.get(lower) ?? 0) + 1);
    if (bigrams > 0 && capitalised) {
      if (previousLower !== null && onlySpaces(text, previousEnd, wordStart)) {
        const pair = `${previousLower} ${lower}`;
        counts.set(pair, (counts.get(pair) ?? 0) + bigrams);
      }
      previousLower = lower;
      previousEnd = end;
    } else previousLower = null;
  }
  return { all: counts, names };
}

/** Document frequencies, updated incrementally as documents arrive. */
export class DocumentFrequencies {
  readonly df = new Map<string, number>();
  documents = 0;

  add(termSet: Iterable<string>): void {
    this.documents++;
    for (const term of termSet) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  idf(term: string): number {
    return Math.log((1 + this.documents) / (1 + (this.df.get(term) ?? 0))) + 1;
  }
}

export type SparseVector = Map<string, number>;

/** Sublinear tf × idf, L2-normalised. */
export function tfidf(counts: Map<string, number>, frequencies: DocumentFrequencies): SparseVector {
  const vector: SparseVector = new Map();
  let norm = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * frequencies.idf(term);
    vector.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot;
}

/** The `n` heaviest terms of a vector. */
export function topTerms(vector: SparseVector, n: number): string[] {
  return [...vector]
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([term]) => term);
}
