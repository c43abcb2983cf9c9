// Every tunable of the clean stage, with its default, in one place: later work (boilerplate
// removal, richer metadata) adds fields here rather than new parameters.

export interface CleanOptions {
  /** HTML larger than this many UTF-8 bytes is cut to it before parsing (with a warning). */
  maxHtmlBytes: number;
  /**
   * The clean text of one article is cut to this many characters (with a warning): the later
   * stages grow faster than linearly with length, so a 50 MB text field would never finish.
   * The longest article of the war sample has 175,000.
   */
  maxTextChars: number;
  /** Elements nested deeper than this are unwrapped before parsing (linkedom is quadratic in depth). */
  maxHtmlDepth: number;
  /** Readability output shorter than this is suspect: see `fallbackRatio`. */
  minReadabilityChars: number;
  /** A suspect Readability result is replaced by the body-block walk when that is this many times longer. */
  fallbackRatio: number;
  /**
   * Readability is skipped (the body walk is used) on pages with more elements than this, or
   * nested deeper than `readabilityMaxDepth`: on linkedom its cost grows with both, and deep
   * nesting makes it quadratic (1,000 nested divs take seconds). 0 = no limit.
   */
  readabilityMaxElements: number;
  readabilityMaxDepth: number;
  /** A plain-text first line longer than this is never taken as the title. */
  maxTitleChars: number;
  /** HTML: a paragraph shorter than this (non-space characters) casts no vote for its container. */
  minParagraphChars: number;
  /** HTML: a block whose link text exceeds this share of its text is a link list, not prose. */
  maxLinkDensity: number;
  /** HTML: a boilerplate-named element holding at least this share of the page's <p> text is kept. */
  boilerplateKeepShare: number;
  /** Plain-text noise: a line this long is prose whatever it contains (only exact repeats are removed). */
  maxNoiseLineChars: number;
  /** A paragraph repeated verbatim is dropped (its first copy kept) only when at least this long. */
  minRepeatedChars: number;
  /** A leading date line more than this many days after every date the text states is a page timestamp. */
  maxPageDateDriftDays: number;
  /** Corpus-learned boilerplate (ingest job): a line is one when seen in at least this many articles of its outlet… */
  boilerplateMinArticles: number;
  /** …and in at least this share of the outlet's articles… */
  boilerplateMinShare: number;
  /** …and no longer than this: longer recurring paragraphs are syndicated body text, the duplicates stage's job. */
  boilerplateMaxLineChars: number;
}

export const DEFAULT_CLEAN_OPTIONS: Readonly<CleanOptions> = Object.freeze({
  maxHtmlBytes: 5 * 1024 * 1024,
  maxHtmlDepth: 500,
  maxTextChars: 250_000,
  minReadabilityChars: 200,
  fallbackRatio: 2,
  readabilityMaxElements: 25_000,
  readabilityMaxDepth: 150,
  maxTitleChars: 200,
  minParagraphChars: 25,
  maxLinkDensity: 0.5,
  boilerplateKeepShare: 0.5,
  maxNoiseLineChars: 400,
  minRepeatedChars: 40,
  maxPageDateDriftDays: 180,
  boilerplateMinArticles: 5,
  boilerplateMinShare: 0.1,
  boilerplateMaxLineChars: 120,
});

/** The defaults overlaid with the given options (undefined values keep the default). */
export function resolveCleanOptions(options: Partial<CleanOptions> = {}): CleanOptions {
  const resolved: CleanOptions = { ...DEFAULT_CLEAN_OPTIONS };
  for (const [key, value] of Object.entries(options) as Array<[keyof CleanOptions, number | undefined]>) {
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}
