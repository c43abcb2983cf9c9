// Text features shared by the cross-article steps (duplicates, stories): word tokens, content
// terms with a boost for names and numbers, sparse tf-idf vectors and their cosine.

const STOPWORDS = new Set(
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

/** Unicode word tokens with their offsets (letters, digits, inner apostrophes and hyphens). */
export function words(text: string): Array<{ word: string; start: number }> {
  const result: Array<{ word: string; start: number }> = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    result.push({ word: match[0], start: match.index ?? 0 });
  }
  return result;
}

export interface TermOptions {
  /** Weight multiplier for capitalised words not at a sentence start (a stand-in for names). */
  nameBoost: number;
  /** Weight multiplier for numbers (death tolls, magnitudes, dates are distinctive). */
  numberBoost: number;
}

export const DEFAULT_TERM_OPTIONS: TermOptions = { nameBoost: 1.5, numberBoost: 1.2 };

/** Content terms with their raw weights: lower-cased, stopwords dropped, names and numbers boosted. */
export function terms(text: string, options: TermOptions = DEFAULT_TERM_OPTIONS): Map<string, number> {
  return termsAndNames(text, options).all;
}

/**
 * Content terms, and separately the "name" terms among them: capitalised words not at a sentence
 * start and numbers, the features that tell two events of the same kind apart (two earthquakes,
 * two strikes: different places, dates, tolls).
 */
export function termsAndNames(
  text: string,
  options: TermOptions = DEFAULT_TERM_OPTIONS,
): { all: Map<string, number>; names: Map<string, number> } {
  const counts = new Map<string, number>();
  const names = new Map<string, number>();
  let previousEnd = 0;
  for (const { word, start } of words(text)) {
    const lower = word.toLowerCase().replace(/’/g, "'");
    const sentenceStart = /(^|[.!?"“”]\s*|\n\s*)$/.test(text.slice(Math.max(0, previousEnd - 3), start));
    previousEnd = start + word.length;
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    let weight = 1;
    if (/^\p{N}/u.test(word)) weight = options.numberBoost;
    else if (/^\p{Lu}/u.test(word) && !sentenceStart) weight = options.nameBoost;
    counts.set(lower, (counts.get(lower) ?? 0) + weight);
    if (weight !== 1 || /^\p{N}/u.test(word) || (/^\p{Lu}/u.test(word) && !sentenceStart)) {
      names.set(lower, (names.get(lower) ?? 0) + 1);
    }
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
