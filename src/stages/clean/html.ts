// HTML → clean text. Readability finds the article body; when it finds nothing, or far less than
// the page holds, a plain walk of <body> without its chrome takes over. Metadata and the
// fallback walk are read first, because Readability mutates the document it is given.

import { Readability } from '@mozilla/readability';
import type { Block } from '../../core/document.js';
import { type AssembledText, assembleBlocks, dropLeadingTitle } from './blocks.js';
import { markBlockKinds, measureTree, parseHtmlDocument, walkBlocks } from './html-dom.js';
import { type HtmlMetadata, hostnameOf, readHtmlMetadata } from './metadata.js';
import { type CleanOptions, resolveCleanOptions } from './options.js';

export type HtmlTextMethod = 'readability' | 'body-blocks';

export interface HtmlArticleText {
  text: string;
  blocks: Block[];
  title: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  method: HtmlTextMethod;
}

/** Everything the clean stage needs to know about one HTML extraction. */
export interface HtmlExtraction {
  text: AssembledText;
  method: HtmlTextMethod;
  metadata: HtmlMetadata;
  /** The HTML was cut to `maxHtmlBytes` before parsing. */
  truncated: boolean;
  /** Size of the HTML as given, in UTF-8 bytes. */
  bytes: number;
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
  const metadata = readHtmlMetadata(document, hints);
  const root = document.body ?? document.documentElement;
  const body = root ? assembleBlocks(walkBlocks(root, { dropChrome: true })) : assembleBlocks([]);

  let readable: AssembledText | null = null;
  let readabilityError = root ? tooBigForReadability(root, options) : null;
  if (root && !readabilityError) {
    try {
      markBlockKinds(root);
      const article = new Readability<Node>(document, { serializer: (node) => node }).parse();
      if (article?.content) readable = assembleBlocks(walkBlocks(article.content, { dropChrome: true }));
    } catch (error) {
      readabilityError = error instanceof Error ? error.message : String(error);
    }
  }

  const useReadability =
    readable !== null &&
    readable.text.length > 0 &&
    !(
      readable.text.length < options.minReadabilityChars &&
      body.text.length > readable.text.length &&
      body.text.length >= options.fallbackRatio * readable.text.length
    );
  return {
    text: useReadability && readable ? readable : body,
    method: useReadability ? 'readability' : 'body-blocks',
    metadata,
    truncated,
    bytes,
    unnested,
    readabilityError,
  };
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
  };
}
