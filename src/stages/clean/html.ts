// HTML → clean text. Readability finds the article body; when it finds nothing, or far less than
// the page holds, a plain walk of <body> without its chrome takes over. Metadata and the
// fallback walk are read first, because Readability mutates the document it is given.

import type { Block } from '../../core/document.js';
import { type AssembledText, assembleBlocks, type BlockDraft, dropLeadingTitle } from './blocks.js';
import { isBoilerplateText, pruneBoilerplate } from './html-boilerplate.js';
import { findMainContent } from './html-density.js';
import { markBlockKinds, measureTree, parseHtmlDocument, walkBlocks } from './html-dom.js';
import { dropFurnitureLines } from './html-lines.js';
import { readFrozen } from './linkedom-fast.js';
import { type HtmlMetadata, hostnameOf, readHtmlMetadata } from './metadata.js';
import { type CleanOptions, resolveCleanOptions } from './options.js';
import { fastReadability } from './readability-fast.js';

export type HtmlTextMethod = 'density' | 'readability' | 'body-blocks';

export interface HtmlArticleText {
  text: string;
  blocks: Block[];
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  method: HtmlTextMethod;
  /** The calendar date of `published` as the page writes it (before conversion to UTC). */
  publishedDate: string | null;
  /** Where the date was found (the clean stage's `provenance.publishedSource`). */
  publishedSource: string | null;
  publishedPrecision: 'day' | 'minute' | 'second' | null;
  /** The author(s) the page names in its metadata or byline. */
  byline: string | null;
}

/** Everything the clean stage needs to know about one HTML extraction. */
export interface HtmlExtraction {
  text: AssembledText;
  method: HtmlTextMethod;
  /** Why the cascade chose that method (the clean stage's `provenance.textReason`). */
  reason: string;
  metadata: HtmlMetadata;
  /** The HTML was cut to `maxHtmlBytes` before parsing. */
  truncated: boolean;
  /** Size of the HTML as given, in UTF-8 bytes; null when it is too short to reach the limit (not counted). */
  bytes: number | null;
  /** Tags removed because they nested deeper than `maxHtmlDepth`. */
  unnested: number;
  /** Why Readability was not run or failed (the body walk was used instead). */
  readabilityError: string | null;
}

export interface HtmlHints {
  /** The record's URL: base for the document, and its host helps strip a site-name title suffix. */
  url?: string | null;
  outlet?: string | null;
}

export function extractHtml(html: string, options: CleanOptions, hints: HtmlHints = {}): HtmlExtraction {
  const limits = { maxBytes: options.maxHtmlBytes, maxDepth: options.maxHtmlDepth };
  const { document, truncated, bytes, unnested } = parseHtmlDocument(html, limits, hints.url);
  // Metadata first: bylines and dates sit in elements that pruning removes, JSON-LD in scripts.
  const metadata = readFrozen(document, () => readHtmlMetadata(document, hints));
  const root = document.body ?? document.documentElement;
  const base = { metadata, truncated, bytes, unnested };
  if (!root) {
    return {
      ...base,
      text: assembleBlocks([]),
      method: 'body-blocks',
      reason: 'the page has no body',
      readabilityError: null,
    };
  }
  pruneBoilerplate(root, options.boilerplateKeepShare);
  markBlockKinds(root);

  // Both candidates are read before Readability runs: it takes the document apart.
  const density = findMainContent(root, {
    minParagraphChars: options.minParagraphChars,
    maxLinkDensity: options.maxLinkDensity,
  });
  const dense = density
    ? finish(density.roots.flatMap((r) => walkBlocks(r, { dropChrome: true, skip: density.skip })))
    : null;
  // The body walk must be read before Readability takes the document apart; it is finished
  // only when the cascade falls back to it.
  const bodyDrafts = walkBlocks(root, { dropChrome: true });
  let bodyText: AssembledText | undefined;
  const body = (): AssembledText => {
    bodyText ??= finish(bodyDrafts);
    return bodyText;
  };

  let readable: AssembledText | null = null;
  let readabilityError = tooBigForReadability(root, options);
  if (!readabilityError) {
    try {
      const article = fastReadability(document, {
        serializer: (node) => node,
        keepClasses: true,
        disableJSONLD: true,
      }).parse();
      if (article?.content) readable = finish(walkBlocks(article.content, { dropChrome: true }));
    } catch (error) {
      readabilityError = error instanceof Error ? error.message : String(error);
    }
  }
  const readableChars = readable?.text.length ?? 0;
  const denseChars = dense?.text.length ?? 0;
  // Rule 1: Readability, the most accurate on both benchmarks, unless it found nothing, or a
  // suspiciously short text while the page clearly holds more.
  const suspect =
    readableChars < options.minReadabilityChars &&
    Math.max(denseChars, body().text.length) >= options.fallbackRatio * Math.max(readableChars, 1);
  if (readable && readableChars > 0 && !suspect) {
    // Rule 1b: Readability kept only part of the article. When its text lies within the own
    // extractor's, which is much longer and holds most of the page's prose, the longer wins.
    if (
      dense &&
      density &&
      denseChars >= CUT_SHORT_RATIO * readableChars &&
      density.coverage >= CUT_SHORT_COVERAGE &&
      containedShare(readable.text, dense.text) >= CUT_SHORT_CONTAINED
    ) {
      return {
        ...base,
        text: dense,
        method: 'density',
        reason: `Readability's ${readableChars} chars lie within the own extractor's ${denseChars} (${pct(density.coverage)} of the page's prose)`,
        readabilityError,
      };
    }
    return { ...base, text: readable, method: 'readability', reason: 'readability', readabilityError };
  }
  const why = readabilityError
    ? `Readability not used (${readabilityError})`
    : readableChars === 0
      ? 'Readability found nothing'
      : `Readability found only ${readableChars} chars`;
  // Rule 2: our own extractor (prose-vote density), when it found prose.
  if (dense && density && denseChars > 0 && denseChars >= options.fallbackRatio * readableChars) {
    return {
      ...base,
      text: dense,
      method: 'density',
      reason: `${why}; own extractor: ${density.paragraphs} paragraphs, ${pct(density.coverage)} of the page's prose`,
      readabilityError,
    };
  }
  if (readable && readableChars > 0 && readableChars >= body().text.length / options.fallbackRatio) {
    return { ...base, text: readable, method: 'readability', reason: `${why}; kept: nothing better`, readabilityError };
  }
  // Rule 3: the whole body without its chrome.
  return {
    ...base,
    text: body(),
    method: 'body-blocks',
    reason: `${why}; own extractor found no prose`,
    readabilityError,
  };
}

const pct = (x: number) => `${Math.round(100 * x)} %`;

/** Rule 1b: the own extractor's text is this many times longer than Readability's… */
const CUT_SHORT_RATIO = 1.5;
/** …covers this share of the page's prose… */
const CUT_SHORT_COVERAGE = 0.8;
/** …and holds this share of Readability's words. */
const CUT_SHORT_CONTAINED = 0.95;

const WORDS = /[\p{L}\p{N}]+/gu;

/** Share of the words of `a` (with repeats) that occur in `b`. */
function containedShare(a: string, b: string): number {
  const words = a.toLowerCase().match(WORDS);
  if (!words) return 0;
  const inB = new Set(b.toLowerCase().match(WORDS));
  let found = 0;
  for (const w of words) if (inB.has(w)) found++;
  return found / words.length;
}

/**
 * Stock furniture phrases and furniture lines (credits, timestamps, share bars, labels) out,
 * and headings left dangling at the end (a "Related" heading).
 */
function finish(drafts: BlockDraft[]): AssembledText {
  const kept: BlockDraft[] = [];
  for (const draft of drafts) {
    if (isBoilerplateText(draft.text)) continue;
    const text = dropFurnitureLines(draft.text);
    if (text.trim()) kept.push(text === draft.text ? draft : { ...draft, text });
  }
  while (kept.length > 1 && kept.at(-1)?.kind === 'heading') kept.pop();
  return assembleBlocks(kept);
}

function tooBigForReadability(root: Node, options: CleanOptions): string | null {
  const limits = { elements: options.readabilityMaxElements, depth: options.readabilityMaxDepth };
  const size = measureTree(root, limits);
  if (limits.elements > 0 && size.elements > limits.elements)
    return `the page has more than ${limits.elements} elements`;
  if (limits.depth > 0 && size.depth > limits.depth) return `the page nests elements more than ${limits.depth} deep`;
  return null;
}

/**
 * The main text of an HTML page as blocks, with the metadata the page itself declares.
 * `outlet` falls back to the host of the page's canonical URL (or of `options.url`).
 */
export function htmlToArticleText(html: string, options: Partial<CleanOptions> & HtmlHints = {}): HtmlArticleText {
  const { url, outlet, ...rest } = options;
  const extraction = extractHtml(html, resolveCleanOptions(rest), { url, outlet });
  const { metadata } = extraction;
  const title = metadata.title?.value ?? null;
  const body = dropLeadingTitle(extraction.text.text, extraction.text.blocks, title);
  const pageUrl = metadata.url?.value ?? null;
  return {
    text: body.text,
    blocks: body.blocks,
    title,
    published: metadata.published?.value ?? null,
    outlet: metadata.siteName?.value ?? hostnameOf(pageUrl ?? url),
    url: pageUrl,
    language: metadata.language,
    method: extraction.method,
    publishedDate: metadata.published?.date ?? null,
    publishedSource: metadata.published?.source ?? null,
    publishedPrecision: metadata.published?.precision ?? null,
    byline: metadata.byline?.value ?? null,
  };
}
